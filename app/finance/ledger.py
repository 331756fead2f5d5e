"""Reading the money (issue #18.5): a contract's prepayment ledger (预收款台账, 4.3.4), the cash
desk's day book (a Shanghai calendar day's receipts and refunds) and the live contracts with an
open balance. Also the DTO builders the writing services share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import store_day_bounds, store_today, utcnow
from app.core.dto import Actor
from app.core.errors import NotFound
from app.core.errors import PermissionDenied
from app.core.permissions import Action, can, require
from app.finance.dto import DayBookDTO, LedgerDTO, OpenBalanceDTO, PaymentDTO, RefundDTO
from app.sales.api import balance_of
from db.finance_models import Payment, RefundRequest, RefundStatus
from db.models import StaffUser
from db.sales_models import Contract, ContractStatus, Deal
from db.uow import UnitOfWork


def _name(s: Session, user_id: int | None) -> str:
    user = s.get(StaffUser, user_id) if user_id else None
    return user.full_name if user else ""


def get_contract(s: Session, contract_id: int, *, lock: bool = False) -> Contract:
    """The contract; `lock`: FOR UPDATE on PostgreSQL, so two desks taking money on one contract
    check its balance one after the other (SQLite already holds the write lock then)."""
    contract = s.get(Contract, contract_id, with_for_update=lock or None)
    if contract is None:
        raise NotFound(what="contract", id=contract_id)
    return contract


def sees_all_money(actor: Actor) -> bool:
    """Finance and sales managers see every contract's money; a consultant only that of their
    own deals (as on the deal board)."""
    return can(actor.roles, Action.RECORD_PAYMENTS) or can(actor.roles, Action.APPROVE_REFUNDS)


def _own_contract_ids(s: Session, actor: Actor):
    return select(Contract.id).join(Deal, Deal.id == Contract.deal_id).where(Deal.consultant_id == actor.user_id)


def payment_dto(s: Session, p: Payment) -> PaymentDTO:
    contract = get_contract(s, p.contract_id)
    return PaymentDTO(
        id=p.id,
        contract_id=p.contract_id,
        contract_no=contract.number,
        payer=contract.buyer_name,
        kind=p.kind,
        amount_fen=p.amount_fen,
        method=p.method,
        receipt_no=p.receipt_no,
        document_id=p.document_id,
        received_at=p.received_at,
        recorded_by=_name(s, p.recorded_by_id),
        note=p.note,
        refund_request_id=p.refund_request_id,
    )


def refund_dto(s: Session, r: RefundRequest) -> RefundDTO:
    return RefundDTO(
        id=r.id,
        contract_id=r.contract_id,
        contract_no=get_contract(s, r.contract_id).number,
        amount_fen=r.amount_fen,
        reason=r.reason,
        status=r.status,
        requested_at=r.requested_at,
        requested_by=_name(s, r.requested_by_id),
        decided_at=r.decided_at,
        decided_by=_name(s, r.decided_by_id),
        decision_note=r.decision_note,
        version=r.version,
    )


def ledger_of(s: Session, contract: Contract) -> LedgerDTO:
    balance = balance_of(s, contract)
    payments = s.scalars(select(Payment).where(Payment.contract_id == contract.id).order_by(Payment.id)).all()
    refunds = s.scalars(
        select(RefundRequest).where(RefundRequest.contract_id == contract.id).order_by(RefundRequest.id)
    ).all()
    return LedgerDTO(
        contract_id=contract.id,
        deal_id=contract.deal_id,
        contract_no=contract.number,
        buyer_name=contract.buyer_name,
        status=contract.status,
        due_fen=balance.due_fen,
        paid_fen=balance.paid_fen,
        loan_fen=balance.loan_fen,
        loan_lender=contract.loan_lender,
        deposit_kind=contract.deposit_kind,
        deposit_fen=contract.deposit_fen,
        invoice_no=contract.invoice_no,
        invoice_date=contract.invoice_date,
        version=contract.version,
        payments=tuple(payment_dto(s, p) for p in payments),
        refunds=tuple(refund_dto(s, r) for r in refunds),
    )


def contract_ledger(uow: UnitOfWork, *, actor: Actor, contract_id: int) -> LedgerDTO:
    """A contract's ledger: due, every payment and refund, loan, open balance, invoice."""
    require(actor, Action.VIEW_PAYMENTS)
    with uow:
        s = uow.session
        contract = get_contract(s, contract_id)
        if not sees_all_money(actor) and s.get_one(Deal, contract.deal_id).consultant_id != actor.user_id:
            raise PermissionDenied(action=Action.VIEW_PAYMENTS.value)
        return ledger_of(s, contract)


def payments_between(s: Session, start: dt.datetime, end: dt.datetime, actor: Actor | None = None) -> list[PaymentDTO]:
    """Payments received in [start, end); for a consultant only those of their own deals."""
    q = select(Payment).where(Payment.received_at >= start, Payment.received_at < end)
    if actor is not None and not sees_all_money(actor):
        q = q.where(Payment.contract_id.in_(_own_contract_ids(s, actor)))
    return [payment_dto(s, p) for p in s.scalars(q.order_by(Payment.received_at, Payment.id)).all()]


def totals_by_method(payments: list[PaymentDTO]) -> dict[str, int]:
    """Net by method: money in counts up, a refund paid out counts down (the till's count)."""
    totals: dict[str, int] = defaultdict(int)
    for p in payments:
        totals[p.method] += p.signed_fen
    return dict(totals)


def day_book(uow: UnitOfWork, *, actor: Actor, day: dt.date | None = None) -> DayBookDTO:
    """The cash desk's day (Shanghai time): receipts and refunds paid, totals by method, and
    the refunds still waiting (requested or approved) whatever day they were asked for."""
    require(actor, Action.VIEW_PAYMENTS)
    day = day or store_today(utcnow())
    start, end = store_day_bounds(day)
    with uow:
        s = uow.session
        payments = payments_between(s, start, end, actor)
        q = select(RefundRequest).where(RefundRequest.status.in_([RefundStatus.REQUESTED, RefundStatus.APPROVED]))
        if not sees_all_money(actor):
            q = q.where(RefundRequest.contract_id.in_(_own_contract_ids(s, actor)))
        waiting = s.scalars(q.order_by(RefundRequest.id)).all()
        return DayBookDTO(
            day=day,
            payments=tuple(payments),
            refunds_pending=tuple(refund_dto(s, r) for r in waiting),
            totals_by_method=totals_by_method(payments),
        )


def open_balances(uow: UnitOfWork, *, actor: Actor, include_settled: bool = False) -> list[OpenBalanceDTO]:
    """Live contracts with money still to come (balance above 0 after any loan), oldest first;
    `include_settled`: every live contract (the invoice and the statement are for those)."""
    require(actor, Action.VIEW_PAYMENTS)
    with uow:
        s = uow.session
        out = []
        q = select(Contract).where(Contract.status == ContractStatus.SIGNED)
        if not sees_all_money(actor):
            q = q.where(Contract.id.in_(_own_contract_ids(s, actor)))
        for c in s.scalars(q.order_by(Contract.id)):
            b = balance_of(s, c)
            if include_settled or not b.settled:
                out.append(OpenBalanceDTO(c.id, c.deal_id, c.number, c.buyer_name, b.due_fen, b.paid_fen, b.loan_fen))
        return out
