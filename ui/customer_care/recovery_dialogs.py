"""The steps of a service recovery case (5.2.8; issue #19.4): the apology, then the failure's
class and the compensation proposed (a sales manager approves anything but "none" on the page)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.core.errors import FieldError, ValidationFailed
from app.customer_care.api import (
    COMPENSATION_TYPES,
    FAILURE_CLASSES,
    RecoveryCaseDTO,
    propose_compensation,
    record_apology,
)
from ui.customer_care.labels import COMPENSATION, FAILURE_CLASS, care_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


def _about(case: RecoveryCaseDTO) -> QLabel:
    label = QLabel(f"{case.customer_name_masked or '—'} · {case.reason}", objectName="recovery_about")
    label.setWordWrap(True)
    return label


class ApologyDialog(ServiceFormDialog):
    def __init__(self, ctx, case: RecoveryCaseDTO, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("recovery_apology_dialog")
        self.case = case
        self.setWindowTitle(self.tr("Apology"))
        self.note = QPlainTextEdit(objectName="recovery_apology_note")
        self.note.setPlaceholderText(self.tr("How and by whom the store apologised"))
        form = QFormLayout(body)
        form.addRow(_about(case))
        form.addRow(self.tr("Apology"), self.errors.wrap("apology_note", self.note))
        self.save_button.setObjectName("recovery_apology_save")

    def service_call(self) -> ServiceCall | None:
        ctx, c, note = self.ctx, self.case, self.note.toPlainText()
        return lambda: record_apology(ctx.uow(), actor=ctx.actor, case_id=c.id, expected_version=c.version, note=note)


class CompensationDialog(ServiceFormDialog):
    def __init__(self, ctx, case: RecoveryCaseDTO, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("recovery_compensation_dialog")
        self.case = case
        self.setWindowTitle(self.tr("Failure and compensation"))
        self.failure = QComboBox(objectName="recovery_failure_class")
        for key in FAILURE_CLASSES:
            self.failure.addItem(care_label(FAILURE_CLASS, key), key)
        self.kind = QComboBox(objectName="recovery_compensation_type")
        for key in COMPENSATION_TYPES:
            self.kind.addItem(care_label(COMPENSATION, key), key)
        self.value = QLineEdit(objectName="recovery_compensation_value")
        self.value.setPlaceholderText(self.tr("Value in yuan"))
        self.note = QPlainTextEdit(objectName="recovery_compensation_note")
        form = QFormLayout(body)
        form.addRow(_about(case))
        form.addRow(self.tr("Failure"), self.errors.wrap("failure_class", self.failure))
        form.addRow(self.tr("Compensation"), self.errors.wrap("compensation_type", self.kind))
        form.addRow(self.tr("Value (¥)"), self.errors.wrap("compensation_fen", self.value))
        form.addRow(self.tr("Note"), self.errors.wrap("compensation_note", self.note))
        self.save_button.setObjectName("recovery_compensation_save")

    def _fen(self) -> int | None:
        text = self.value.text().strip().replace(",", "") or "0"
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return int(value * 100) if value >= 0 and value == value.quantize(Decimal("0.01")) else None

    def service_call(self) -> ServiceCall | None:
        fen = self._fen()
        if fen is None:
            self.show_field_errors(ValidationFailed([FieldError("compensation_fen", "number_format")]))
            return None
        ctx, c = self.ctx, self.case
        failure, kind, note = self.failure.currentData(), self.kind.currentData(), self.note.toPlainText()
        return lambda: propose_compensation(
            ctx.uow(), actor=ctx.actor, case_id=c.id, expected_version=c.version, failure_class=failure,
            compensation_type=kind, compensation_fen=fen, note=note,
        )  # fmt: skip
