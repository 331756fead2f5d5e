"""Recording what came of a call (issue #19.1; T/CSCA 120031 3.14, 4.5.1.2): reached and
satisfied, reached and not satisfied (with the reason: it opens a service recovery case), or not
reached (tried again later). The customer's number is shown whole here, to the person calling."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.customer_care.api import TaskDTO, record_task_outcome
from ui.customer_care.labels import OUTCOME, TASK_KIND, care_label
from ui.customer_care.models import when
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class OutcomeDialog(ServiceFormDialog):
    def __init__(self, ctx, task: TaskDTO, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("care_outcome_dialog")
        self.task = task
        self.setWindowTitle(self.tr("Call outcome: {kind}").format(kind=care_label(TASK_KIND, task.kind)))
        about = QLabel(
            self.tr("{customer} · {mobile}\n{subject}\nDue {due}").format(
                customer=task.customer_name or "—",
                mobile=task.mobile or "—",
                subject=task.subject,
                due=when(task.due_at),
            ),
            objectName="care_outcome_about",
        )
        about.setWordWrap(True)
        self.outcome = QComboBox(objectName="care_outcome")
        for key in ("satisfied", "unsatisfied", "not_reached"):
            self.outcome.addItem(care_label(OUTCOME, key), key)
        self.note = QPlainTextEdit(objectName="care_outcome_note")
        self.note.setPlaceholderText(self.tr("Required when the customer is not satisfied: what went wrong"))
        form = QFormLayout(body)
        form.addRow(about)
        form.addRow(self.tr("Outcome"), self.errors.wrap("outcome", self.outcome))
        form.addRow(self.tr("Note"), self.errors.wrap("note", self.note))
        self.save_button.setText(self.tr("Record"))
        self.save_button.setObjectName("care_outcome_save")

    def service_call(self) -> ServiceCall | None:
        ctx, t = self.ctx, self.task
        outcome, note = self.outcome.currentData(), self.note.toPlainText()
        return lambda: record_task_outcome(
            ctx.uow(), actor=ctx.actor, task_id=t.id, expected_version=t.version, outcome=outcome, note=note
        )
