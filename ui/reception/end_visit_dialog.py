"""End of a visit (issue #4 point 5): outcome, intent level H/A/B/C with what each means, next
follow-up date and notes. The service records the customer's leads (意向, 4.2.3.2)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_today
from app.reception.rules import INTENT_LEVELS, OUTCOMES_NEEDING_INTENT, default_follow_up
from ui.shell.labels import INTENT_LEVEL, VISIT_OUTCOME, label
from ui.reception.models import visitor_text
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.reception.fields import ReceptionWording

OUTCOMES = ("information", "quote", "test_drive", "order", "left")


class EndVisitDialog(ReceptionWording, ServiceFormDialog):
    ended = Signal(object)  # EndVisitResultDTO

    def __init__(self, ctx, visit, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("end_visit_dialog")
        self.visit = visit
        self.setWindowTitle(self.tr("End visit"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr("{visitor}, consultant {consultant}").format(
                visitor=visitor_text(visit), consultant=visit.consultant_name or "—"
            )
        )
        intro.setWordWrap(True)

        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for key in OUTCOMES:
            self.outcome.addItem(label(VISIT_OUTCOME, key), key)
        self.had_test_drive = QCheckBox(self.tr("Had a test drive"))
        self.had_test_drive.setObjectName("had_test_drive")
        self.had_test_drive.setChecked(bool(getattr(visit, "had_test_drive", False)))

        intent_box = self._intent_box()
        self._follow_up_fields()

        self.ordered_model = QComboBox()
        self.ordered_model.setObjectName("ordered_model")
        for m in visit.interested_models:
            self.ordered_model.addItem(m.label, (m.brand, m.model))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(70)
        self.notes.setPlainText(visit.notes or "")

        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.errors.wrap("outcome", self.outcome))
        form.addRow("", self.had_test_drive)
        form.addRow(self.tr("Intent level"), self.errors.wrap("intent_level", intent_box))
        form.addRow(self.tr("Next follow-up"), self.errors.wrap("next_follow_up", self.follow_up))
        form.addRow("", self.follow_up_set)
        self.ordered_row_label = QLabel(self.tr("Model ordered"))
        form.addRow(self.ordered_row_label, self.errors.wrap("ordered_model", self.ordered_model))
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes))
        self.other_errors = self.general_error
        if visit.customer_id is None:
            hint = QLabel(self.tr("Anonymous visitor: no lead is recorded (no name and mobile with consent)."))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
        else:
            hint = QLabel(self.tr("A lead is recorded or updated for each model of interest."))
        self.save_button.setText(self.tr("End visit"))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        self.outcome.currentIndexChanged.connect(lambda _i: self._outcome_changed())
        self._outcome_changed()

    def _intent_box(self) -> QWidget:
        """One radio button per intent level (H/A/B/C) with what it means for the follow-up."""
        self.intent = QButtonGroup(self)
        intent_box = QWidget()
        intent_layout = QVBoxLayout(intent_box)
        intent_layout.setContentsMargins(0, 0, 0, 0)
        self.intent_buttons: dict[str, QRadioButton] = {}
        for code, d in ((lvl.value, d) for lvl, d in INTENT_LEVELS.items()):
            button = QRadioButton(
                self.tr("{level}: expects to buy within {days} days; follow up every {every} days").format(
                    level=label(INTENT_LEVEL, code), days=d.buy_within_days, every=d.follow_up_every_days
                )
            )
            button.setObjectName(f"intent_{code}")
            self.intent.addButton(button)
            self.intent_buttons[code] = button
            intent_layout.addWidget(button)
            button.toggled.connect(lambda on, c=code: on and self._intent_chosen(c))

        return intent_box

    def _follow_up_fields(self) -> None:
        """The next follow-up date, off until asked for (the intent level sets a default)."""
        self.follow_up = QDateEdit()
        self.follow_up.setObjectName("next_follow_up")
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_set = QCheckBox(self.tr("Set a follow-up date"))
        self.follow_up_set.setObjectName("follow_up_set")
        self.follow_up_set.toggled.connect(self.follow_up.setEnabled)
        self.follow_up.setEnabled(False)
        today = store_today()
        self.follow_up.setMinimumDate(QDate(today.year, today.month, today.day))
        self.follow_up.setDate(QDate(today.year, today.month, today.day))

    def _outcome_changed(self) -> None:
        outcome = self.outcome.currentData()
        is_order = outcome == "order" and len(self.visit.interested_models) > 1
        self.ordered_model.setVisible(is_order)
        self.ordered_row_label.setVisible(is_order)
        needs = outcome in {o.value for o in OUTCOMES_NEEDING_INTENT}
        for b in self.intent_buttons.values():
            b.setEnabled(needs or outcome == "order")
        if outcome == "test_drive":
            self.had_test_drive.setChecked(True)

    def _intent_chosen(self, code: str) -> None:
        if not self.follow_up_set.isChecked():
            d = default_follow_up(code, store_today())
            self.follow_up.setDate(QDate(d.year, d.month, d.day))

    def intent_level(self) -> str | None:
        return next((c for c, b in self.intent_buttons.items() if b.isChecked() and b.isEnabled()), None)

    def confirm(self) -> None:
        self.save()

    def service_call(self) -> ServiceCall:
        ctx, v = self.ctx, self.visit
        outcome = self.outcome.currentData()
        level = self.intent_level()
        follow = None
        if self.follow_up_set.isChecked():
            q = self.follow_up.date()
            follow = dt.date(q.year(), q.month(), q.day())
        ordered = self.ordered_model.currentData() if self.ordered_model.isVisible() else None
        test_drive = self.had_test_drive.isChecked()
        notes = self.notes.toPlainText()

        def work():
            from app.reception.visits import end_visit

            return end_visit(
                ctx.uow(),
                actor=ctx.actor,
                visit_id=v.id,
                expected_version=v.version,
                outcome=outcome,
                intent_level=level,
                next_follow_up=follow,
                had_test_drive=test_drive,
                ordered_model=ordered,
                notes=notes,
            )

        return work

    def reload(self) -> None:
        self.reject()  # the queue shows the visit as it is now

    def done_saving(self, result) -> None:
        self.ended.emit(result)
        super().done_saving(result)
