"""Where a deal stands (the deal board's column) and what is still owed on its contract.

The stage is stored on `deal` for the board's query, but only ever set here, from the records:
the live contract, the money in `payment` (written by finance only, 4.3.4-4.3.5) and the
handover. `balance_of` is what the handover checks (4.4.2: the balance is 0 before delivery, or a
recorded loan covers it) and what finance shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.finance_models import Payment, PaymentKind
from db.sales_models import Contract, ContractStatus, Deal, DealStage, PaymentMethod, QuoteLine, QuoteLineKind


@dataclass(frozen=True)
class Balance:
    """A contract's money in fen: `due` is the contract price plus the agency fees the customer
    opted into (entrustment, 4.3.2.3); `paid` is net of refunds; `loan` a recorded loan."""

    due_fen: int
    paid_fen: int
    loan_fen: int

    @property
    def open_fen(self) -> int:
        """Still to pay (negative: overpaid, a refund is owed)."""
        return self.due_fen - self.paid_fen - self.loan_fen

    @property
    def settled(self) -> bool:
        return self.open_fen <= 0


def agency_fees_fen(s: Session, quote_id: int) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(QuoteLine.amount_fen), 0)).where(
            QuoteLine.quote_id == quote_id, QuoteLine.kind == QuoteLineKind.SERVICE
        )
    )
    return int(total or 0)


def paid_fen(s: Session, contract_id: int) -> int:
    rows = s.execute(
        select(Payment.kind, func.sum(Payment.amount_fen))
        .where(Payment.contract_id == contract_id)
        .group_by(Payment.kind)
    ).all()
    return sum(-int(total) if kind == PaymentKind.REFUND else int(total) for kind, total in rows)


def _loan_fen(contract: Contract) -> int:
    return contract.loan_amount_fen if contract.payment_method == PaymentMethod.LOAN and contract.loan_lender else 0


def balance_of(s: Session, contract: Contract) -> Balance:
    return Balance(
        due_fen=contract.price_fen + agency_fees_fen(s, contract.quote_id),
        paid_fen=paid_fen(s, contract.id),
        loan_fen=_loan_fen(contract),
    )


def latest_contract(s: Session, deal_id: int) -> Contract | None:
    return s.scalars(select(Contract).where(Contract.deal_id == deal_id).order_by(Contract.id.desc()).limit(1)).first()


def stage_of(s: Session, deal: Deal) -> DealStage:
    """The deal's stage from its records (see the module docstring)."""
    contract = latest_contract(s, deal.id)
    if contract is None:
        return DealStage.CANCELLED if deal.cancel_reason else DealStage.QUOTE
    if contract.status == ContractStatus.FULFILLED:
        return DealStage.DELIVERED
    if contract.status != ContractStatus.SIGNED:
        return DealStage.CANCELLED
    return _live_stage(balance_of(s, contract))


def _live_stage(balance: Balance) -> DealStage:
    if balance.settled:
        return DealStage.READY
    return DealStage.AWAITING_PAYMENT if balance.paid_fen > 0 else DealStage.CONTRACT


def stage_when_signed(contract: Contract, agency_fees_fen: int) -> DealStage:
    """`stage_of` the deal in the transaction that signs `contract`, without reading it back
    (issue #18.11): the new contract is the deal's latest, live, with nothing paid on it yet;
    `agency_fees_fen`, its quote's service lines, as the caller has just read them."""
    due = contract.price_fen + agency_fees_fen
    return _live_stage(Balance(due_fen=due, paid_fen=0, loan_fen=_loan_fen(contract)))


def refresh_stage(s: Session, deal_id: int, now: dt.datetime, *, stage: DealStage | None = None) -> Deal:
    """Set the deal's stage from its records, in the caller's transaction; returns the deal.
    `stage`: the stage the caller knows from what it has just written (stage_when_signed)."""
    deal = s.get(Deal, deal_id)
    if deal is None:
        raise LookupError(deal_id)
    if stage is None:
        stage = stage_of(s, deal)
    if deal.stage != stage:
        deal.stage, deal.stage_changed_at = stage, now
    return deal
