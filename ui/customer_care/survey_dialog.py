"""Entering a satisfaction survey (issue #19.2; T/CSCA 120031 3.18, 4.5.2.3): the form is built
from the current version of the questionnaire (scores, yes/no, choices, a comment). The service
refuses anything outside the template and derives "satisfied" by the template's rule; an
unsatisfied sheet opens a service recovery case by itself (5.2.8)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from app.customer_care.api import SurveyQuestionDTO, SurveyTemplateDTO, record_survey
from ui.customer_care.labels import SURVEY_OPTION, care_label
from ui.shell.i18n import current_language
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class SurveyDialog(ServiceFormDialog):
    def __init__(self, ctx, template: SurveyTemplateDTO, customer_id: int, deal_id: int | None, customer: str,
                 parent=None) -> None:  # fmt: skip
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("care_survey_dialog")
        self.template, self.customer_id, self.deal_id = template, customer_id, deal_id
        self.request_key = uuid.uuid4().hex  # a double click records one sheet
        zh = current_language() == "zh_CN"
        self.setWindowTitle(template.title_zh if zh else template.title_en)
        form = QFormLayout(body)
        form.addRow(QLabel(self.tr("Customer: {name}").format(name=customer or "—")))
        self.inputs: dict[str, object] = {}
        for q in template.questions:
            widget = self._input(q)
            form.addRow(q.zh if zh else q.en, self.errors.wrap(f"answers.{q.id}", widget))
        self.save_button.setText(self.tr("Record survey"))
        self.save_button.setObjectName("care_survey_save")

    def _input(self, q: SurveyQuestionDTO) -> QWidget:
        if q.kind == "text":
            edit = QLineEdit(objectName=f"survey_{q.id}")
            self.inputs[q.id] = edit
            return edit
        if q.kind == "choice":
            combo = QComboBox(objectName=f"survey_{q.id}")
            combo.addItem("", None)
            for option in q.options:
                combo.addItem(care_label(SURVEY_OPTION, option), option)
            self.inputs[q.id] = combo
            return combo
        values = list(range(q.min, q.max + 1)) if q.kind == "score" else [True, False]
        box, group = QWidget(objectName=f"survey_{q.id}"), QButtonGroup(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for value in values:
            text = str(value) if q.kind == "score" else (self.tr("Yes") if value else self.tr("No"))
            button = QRadioButton(text, objectName=f"survey_{q.id}_{str(value).lower()}")
            button.setProperty("answer", value)
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)  # each answer as wide as its text: a click beside it chooses nothing
        self.inputs[q.id] = group
        return box

    def answers(self) -> dict:
        out: dict = {}
        for qid, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                value = widget.text()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            else:
                checked = widget.checkedButton()  # type: ignore[attr-defined]
                value = checked.property("answer") if checked is not None else None
            if value not in (None, ""):
                out[qid] = value
        return out

    def service_call(self) -> ServiceCall | None:
        ctx, key, answers = self.ctx, self.template.key, self.answers()
        customer_id, deal_id, request_key = self.customer_id, self.deal_id, self.request_key
        return lambda: record_survey(
            ctx.uow(), actor=ctx.actor, template_key=key, customer_id=customer_id, deal_id=deal_id, answers=answers,
            request_key=request_key,
        )  # fmt: skip
