"""What finance's services return (issue #18.5): frozen DTOs, each with the change set the pages
refresh by (the finance page, every balance shown, and the deal board whose stage follows the
money)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.dto import Changes
from app.core.masking import mask_name


def money_changes(contract_id: int) -> Changes:
    """A money change moves the deal board too (the stage follows the balance)."""
    return Changes(payments=True, sales=True, ids=frozenset({contract_id}))


@dataclass(frozen=True)
class PaymentDTO:
    """One amount received (or refunded: kind "refund") and its receipt voucher."""

    id: int
    contract_id: int
    contract_no: str
    payer: str
    kind: str  # db.finance_models.PaymentKind
    amount_fen: int
    method: str  # db.finance_models.MoneyMethod
    receipt_no: str  # the voucher's document number (SK-YYYY-NNNNNN)
    document_id: int | None
    received_at: dt.datetime
    recorded_by: str
    note: str = ""
    refund_request_id: int | None = None

    @property
    def payer_masked(self) -> str:
        """The day book's payer on screen (PIPL); the receipt voucher carries the full name."""
        return mask_name(self.payer)

    @property
    def signed_fen(self) -> int:
        """Money in positive, a refund negative (the day book's and the ledger's sums)."""
        return -self.amount_fen if self.kind == "refund" else self.amount_fen

    @property
    def changes(self) -> Changes:
        return money_changes(self.contract_id)


@dataclass(frozen=True)
class RefundDTO:
    """A refund request (退款申请) and where it stands: requested -> approved/rejected -> paid."""

    id: int
    contract_id: int
    contract_no: str
    amount_fen: int
    reason: str
    status: str  # db.finance_models.RefundStatus
    requested_at: dt.datetime
    requested_by: str
    decided_at: dt.datetime | None
    decided_by: str
    decision_note: str
    version: int

    @property
    def changes(self) -> Changes:
        return money_changes(self.contract_id)


@dataclass(frozen=True)
class LedgerDTO:
    """A contract's prepayment ledger (预收款台账): what is due, every payment and refund, the
    loan, the open balance, and the invoice (机动车销售统一发票)."""

    contract_id: int
    deal_id: int
    contract_no: str
    buyer_name: str
    status: str
    due_fen: int
    paid_fen: int
    loan_fen: int
    loan_lender: str
    deposit_kind: str
    deposit_fen: int
    invoice_no: str | None
    invoice_date: dt.date | None
    version: int
    payments: tuple[PaymentDTO, ...] = ()
    refunds: tuple[RefundDTO, ...] = ()

    @property
    def open_fen(self) -> int:
        return self.due_fen - self.paid_fen - self.loan_fen

    @property
    def settled(self) -> bool:
        return self.open_fen <= 0

    @property
    def changes(self) -> Changes:
        return money_changes(self.contract_id)

    @property
    def buyer_name_masked(self) -> str:
        """On screen (PIPL); the invoice and the settlement carry the full name."""
        return mask_name(self.buyer_name)


@dataclass(frozen=True)
class DayBookDTO:
    """The cash desk's day (a Shanghai calendar day): its receipts and refunds, totals by method."""

    day: dt.date
    payments: tuple[PaymentDTO, ...]
    refunds_pending: tuple[RefundDTO, ...] = ()
    totals_by_method: dict[str, int] = field(default_factory=dict)

    @property
    def received_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments if p.kind != "refund")

    @property
    def refunded_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments if p.kind == "refund")


@dataclass(frozen=True)
class OpenBalanceDTO:
    """A live contract with money still to come (the finance page's second list)."""

    contract_id: int
    deal_id: int
    contract_no: str
    buyer_name: str
    due_fen: int
    paid_fen: int
    loan_fen: int

    @property
    def open_fen(self) -> int:
        return self.due_fen - self.paid_fen - self.loan_fen

    @property
    def buyer_name_masked(self) -> str:
        return mask_name(self.buyer_name)


@dataclass(frozen=True)
class SettlementDTO:
    """An issued settlement statement (结算单)."""

    id: int
    contract_id: int
    number: str
    document_id: int | None
    total_due_fen: int
    total_paid_fen: int
    loan_fen: int
    signed_at: dt.datetime

    @property
    def changes(self) -> Changes:
        return Changes(payments=True, sales=True, documents=True, ids=frozenset({self.contract_id}))
