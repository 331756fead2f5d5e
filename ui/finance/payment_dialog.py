"""Record a payment (收款, T/CSCA 120031-2023 4.3.4; issue #18.5): kind (定金/订金/首付/尾款/agency
fee), amount, method and a note, against one contract whose open balance is shown. Saved
through ServiceFormDialog (one request key per filled-in form); the receipt voucher is issued
by the service in the same transaction. Every refusal is said beside its field.

Opened by the finance page and by the deal page: open_payment_dialog(ctx, parent, contract_id).
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.core.errors import FieldError, ValidationFailed
from app.core.validation import parse_yuan_to_fen
from app.finance.api import INCOMING_KINDS, KIND_LABELS, METHOD_LABELS, METHODS, LedgerDTO, yuan
from ui.finance.models import money_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.shell.workers import run_op
from ui.widgets.field_error import FieldErrors


def parse_amount(text: str, field: str = "amount") -> int:
    """Yuan as typed (¥, commas, full-width digits) -> fen; a leading minus is refused here
    with the service's own message, not as a format error."""
    if text.strip().startswith(("-", "－")):
        raise ValidationFailed([FieldError(field, "amount_not_positive")])
    return parse_yuan_to_fen(text, field)


def money_combo(name: str, codes, table) -> QComboBox:
    combo = QComboBox(objectName=name)
    for code in codes:
        combo.addItem(money_label(table, code), code)
    return combo


class PaymentDialog(ServiceFormDialog):
    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("payment_dialog")
        self.setWindowTitle(self.tr("Record payment"))
        self.contract_id = contract_id
        self.request_key = str(uuid.uuid4())  # one per filled-in form (issue #16.2)
        self.summary = QLabel(self.tr("Loading…"), objectName="payment_summary")
        self.summary.setWordWrap(True)
        self.kind = money_combo("kind", INCOMING_KINDS, KIND_LABELS)
        self.amount = QLineEdit(objectName="amount")
        self.amount.setPlaceholderText(self.tr("Amount in yuan, e.g. 50000.00"))
        self.method = money_combo("method", METHODS, METHOD_LABELS)
        self.note = QLineEdit(objectName="note")
        rows = QFormLayout(body)
        # The contract, its buyer and balance beside "Contract" (a refusal about it shows there).
        rows.addRow(self.tr("Contract"), self.errors.wrap("contract", self.summary))
        rows.addRow(self.tr("Kind"), self.errors.wrap("kind", self.kind))
        rows.addRow(self.tr("Amount (¥)"), self.errors.wrap("amount", self.amount))
        rows.addRow(self.tr("Method"), self.errors.wrap("method", self.method))
        rows.addRow(self.tr("Note"), self.errors.wrap("note", self.note))
        self.setMinimumWidth(520)  # the contract's balance on its two lines
        self._load_ledger()

    def _load_ledger(self) -> None:
        ctx, contract_id = self.ctx, self.contract_id

        def work():
            from app.finance.api import contract_ledger

            return contract_ledger(ctx.uow(), actor=ctx.actor, contract_id=contract_id)

        run_op(self, work, self.show_ledger)

    def show_ledger(self, ledger: LedgerDTO) -> None:
        # Two lines of their own: a wrap never parts an amount from its label (1366x768 review).
        text = self.tr("{contract} · {buyer}\ndue {due} · paid {paid} · open {open}").format(
            contract=ledger.contract_no,
            buyer=ledger.buyer_name_masked,  # PIPL: masked on screen
            due=yuan(ledger.due_fen),
            paid=yuan(ledger.paid_fen),
            open=yuan(max(ledger.open_fen, 0)),
        )
        if ledger.loan_fen:
            text += " · " + self.tr("loan {loan} ({lender})").format(
                loan=yuan(ledger.loan_fen), lender=ledger.loan_lender
            )
        self.summary.setText(text)

    def service_call(self) -> ServiceCall | None:
        try:
            amount = parse_amount(self.amount.text())
        except ValidationFailed as e:
            self.show_field_errors(e)
            return None
        ctx, contract_id, key = self.ctx, self.contract_id, self.request_key
        kind, method, note = self.kind.currentData(), self.method.currentData(), self.note.text()

        def work():
            from app.finance.api import record_payment

            return record_payment(
                ctx.uow(), actor=ctx.actor, contract_id=contract_id, kind=kind, amount_fen=amount,
                method=method, note=note, request_key=key,
            )  # fmt: skip

        return work


def open_payment_dialog(ctx, parent: QWidget | None, contract_id: int) -> PaymentDialog:
    """The deal page's and the finance page's way in; returns the (non-modal) dialog."""
    dialog = PaymentDialog(ctx, contract_id, parent)
    dialog.open()
    return dialog
