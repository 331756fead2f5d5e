"""The front desk's progress lookup (T/CSCA 120031 5.2.7; issue #19.3): the number on the
customer's receipt plus the last four digits of their mobile, and only what the customer may
be told comes back (app/customer_care/complaint_progress.py). A read: nothing is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.core.errors import ValidationFailed
from app.customer_care.api import ProgressDTO, query_progress
from ui.customer_care.complaint_labels import STATUS, word
from ui.shell.errors import show_error
from ui.shell.labels import local_time
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.field_error import FieldErrors


class ComplaintProgressDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaint_progress_dialog")
        self.setWindowTitle(self.tr("Complaint progress"))
        self.errors = FieldErrors()
        self.number = QLineEdit(objectName="progress_number")
        self.number.setPlaceholderText("TS-2026-000123")
        self.tail = QLineEdit(objectName="progress_mobile_tail")
        self.tail.setMaxLength(4)
        self.lookup = action_button(self.tr("Look up"), "progress_lookup", self.look_up, auto_default=True)
        self.answer = QLabel(objectName="progress_answer")
        self.answer.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Complaint number"), self.errors.wrap("number", self.number))
        form.addRow(self.tr("Last 4 digits of the mobile"), self.errors.wrap("mobile_tail", self.tail))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lookup)
        layout.addWidget(self.answer, 1)
        layout.addWidget(close)

    def look_up(self) -> None:
        ctx, number, tail = self.ctx, self.number.text(), self.tail.text()
        self.errors.clear()
        self.answer.clear()
        run_op(
            self,
            lambda: query_progress(ctx.uow(), actor=ctx.actor, number=number, mobile_tail=tail),
            self._show,
            self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            self.errors.show(exc)
        else:
            show_error(self, exc)

    def _show(self, p: ProgressDTO) -> None:
        lines = [
            self.tr("Complaint {number}: {status}").format(number=p.number, status=word(STATUS, p.status)),
            self.tr("Received {at}").format(at=local_time(p.received_at)),
        ]
        if p.first_response_at:
            lines.append(self.tr("First answered {at}").format(at=local_time(p.first_response_at)))
        if p.reply_at:
            lines.append(self.tr("Told how it is handled {at}").format(at=local_time(p.reply_at)))
        else:
            lines.append(self.tr("The customer is told how it is handled by {at}").format(at=local_time(p.reply_due)))
        lines += [f"{local_time(at)}  {said}" for at, said in p.notes]
        if p.result:
            lines.append(self.tr("Result: {result}").format(result=p.result))
        self.answer.setText("\n".join(lines))
