"""The refund's three steps as form dialogs (退款, T/CSCA 120031-2023 4.3.5; issue #18.5): finance
(or a manager) asks with an amount and a reason; a sales manager approves or rejects (a
rejection says why); finance pays an approved refund with a method, which issues the refund
voucher. Each saves through ServiceFormDialog; refusals beside their fields."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.core.errors import ValidationFailed
from app.finance.api import METHOD_LABELS, METHODS, RefundDTO, yuan
from ui.finance.payment_dialog import money_combo, parse_amount
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class RefundRequestDialog(ServiceFormDialog):
    def __init__(self, ctx, contract_id: int, contract_no: str, parent: QWidget | None = None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("refund_request_dialog")
        self.setWindowTitle(self.tr("Request refund"))
        self.contract_id = contract_id
        self.amount = QLineEdit(objectName="amount")
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setMaximumHeight(80)
        rows = QFormLayout(body)
        rows.addRow(self.tr("Contract"), QLabel(contract_no))
        rows.addRow(self.tr("Amount (¥)"), self.errors.wrap("amount", self.amount))
        rows.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.setMinimumWidth(400)

    def service_call(self) -> ServiceCall | None:
        try:
            amount = parse_amount(self.amount.text())
        except ValidationFailed as e:
            self.show_field_errors(e)
            return None
        ctx, contract_id, reason = self.ctx, self.contract_id, self.reason.toPlainText()

        def work():
            from app.finance.api import request_refund

            return request_refund(ctx.uow(), actor=ctx.actor, contract_id=contract_id, amount_fen=amount, reason=reason)

        return work


class RefundDecisionDialog(ServiceFormDialog):
    """A sales manager's decision on one requested refund (approve, or reject with a reason)."""

    def __init__(self, ctx, refund: RefundDTO, approve: bool, parent: QWidget | None = None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("refund_decision_dialog")
        self.setWindowTitle(self.tr("Approve refund") if approve else self.tr("Reject refund"))
        self.refund, self.approve = refund, approve
        self.note = QLineEdit(objectName="note")
        rows = QFormLayout(body)
        rows.addRow(self.tr("Refund"), QLabel(f"{refund.contract_no} · {yuan(refund.amount_fen)} · {refund.reason}"))
        rows.addRow(self.tr("Note") if approve else self.tr("Why rejected"), self.errors.wrap("note", self.note))
        self.setMinimumWidth(400)

    def service_call(self) -> ServiceCall | None:
        ctx, refund, approve, note = self.ctx, self.refund, self.approve, self.note.text()

        def work():
            from app.finance.api import decide_refund

            return decide_refund(
                ctx.uow(), actor=ctx.actor, refund_id=refund.id, approve=approve, note=note,
                expected_version=refund.version,
            )  # fmt: skip

        return work


class PayRefundDialog(ServiceFormDialog):
    """Finance pays an approved refund: how the money goes back; the voucher is issued."""

    def __init__(self, ctx, refund: RefundDTO, parent: QWidget | None = None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("pay_refund_dialog")
        self.setWindowTitle(self.tr("Pay refund"))
        self.refund = refund
        self.request_key = str(uuid.uuid4())
        self.method = money_combo("method", METHODS, METHOD_LABELS)
        rows = QFormLayout(body)
        rows.addRow(self.tr("Refund"), QLabel(f"{refund.contract_no} · {yuan(refund.amount_fen)} · {refund.reason}"))
        rows.addRow(self.tr("Method"), self.errors.wrap("method", self.method))
        self.setMinimumWidth(400)

    def service_call(self) -> ServiceCall | None:
        ctx, refund_id, key, method = self.ctx, self.refund.id, self.request_key, self.method.currentData()

        def work():
            from app.finance.api import pay_refund

            return pay_refund(ctx.uow(), actor=ctx.actor, refund_id=refund_id, method=method, request_key=key)

        return work
