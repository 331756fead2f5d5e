"""Refunds (退款, T/CSCA 120031-2023 4.3.5; issue #18.5): asked for with a reason by finance
(or a sales manager), approved or rejected by a sales manager, then paid by finance as a
payment of kind refund with its own voucher. requested -> approved/rejected -> paid.

A refund never takes back more than was paid net of refunds already paid or still waiting.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.request_keys import first_record, remember
from app.core.validation import clean_text
from app.finance.dto import PaymentDTO, RefundDTO
from app.finance.ledger import get_contract, payment_dto, refund_dto
from app.finance.money_text import yuan
from app.finance.payments import amount_errors, method_errors
from app.sales.api import balance_of, refresh_stage
from db.finance_models import Payment, PaymentKind, RefundRequest, RefundStatus
from db.uow import UnitOfWork

OPERATION = "pay_refund"
REASON_MAX = 500
WAITING = (RefundStatus.REQUESTED, RefundStatus.APPROVED)


def _waiting_fen(s: Session, contract_id: int, but: int | None = None) -> int:
    q = select(func.coalesce(func.sum(RefundRequest.amount_fen), 0)).where(
        RefundRequest.contract_id == contract_id, RefundRequest.status.in_(WAITING)
    )
    if but is not None:
        q = q.where(RefundRequest.id != but)
    return int(s.scalar(q) or 0)


def refundable_fen(s: Session, contract_id: int, but: int | None = None) -> int:
    """Paid net of refunds paid, less refunds still waiting (other than `but`)."""
    paid = balance_of(s, get_contract(s, contract_id)).paid_fen
    return paid - _waiting_fen(s, contract_id, but)


def _reason_errors(reason: str, field: str = "reason") -> list[FieldError]:
    if not reason:
        return [FieldError(field, "required")]
    if len(reason) > REASON_MAX:
        return [FieldError(field, "too_long", {"max": REASON_MAX})]
    return []


def request_refund(
    uow: UnitOfWork, *, actor: Actor, contract_id: int, amount_fen: int, reason: str, now: dt.datetime | None = None
) -> RefundDTO:
    """Ask for a refund with a reason (4.3.5); it waits for a sales manager's decision."""
    if actor is None or not (can(actor.roles, Action.RECORD_PAYMENTS) or can(actor.roles, Action.APPROVE_REFUNDS)):
        raise PermissionDenied(action=Action.RECORD_PAYMENTS.value)
    now = now or utcnow()
    reason = clean_text(reason)
    errors = amount_errors(amount_fen) + _reason_errors(reason)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        get_contract(s, contract_id, lock=True)  # two requests on one contract check one after the other
        left = refundable_fen(s, contract_id)
        if amount_fen > left:
            raise ValidationFailed([FieldError("amount", "refund_over_paid", {"left": yuan(max(left, 0))})])
        r = RefundRequest(
            contract_id=contract_id,
            amount_fen=amount_fen,
            reason=reason,
            status=RefundStatus.REQUESTED,
            requested_at=now,
            requested_by_id=actor.user_id,
            updated_by_id=actor.user_id,
        )
        s.add(r)
        s.flush()
        commit(uow)
        return refund_dto(s, r)


def _refund(s: Session, refund_id: int, *, lock: bool = False) -> RefundRequest:
    r = s.get(RefundRequest, refund_id, with_for_update=lock or None)
    if r is None:
        raise NotFound(what="refund_request", id=refund_id)
    return r


def decide_refund(
    uow: UnitOfWork,
    *,
    actor: Actor,
    refund_id: int,
    approve: bool,
    note: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> RefundDTO:
    """A sales manager approves or rejects a requested refund (4.3.5); a rejection says why.
    A manager who asked for the refund does not decide it: another manager does."""
    require(actor, Action.APPROVE_REFUNDS)
    now = now or utcnow()
    note = clean_text(note)
    if not approve and not note:
        raise ValidationFailed([FieldError("note", "rejection_reason_required")])
    if len(note) > REASON_MAX:
        raise ValidationFailed([FieldError("note", "too_long", {"max": REASON_MAX})])
    with uow:
        s = uow.session
        r = _refund(s, refund_id)
        check_version(r, expected_version)
        if r.status != RefundStatus.REQUESTED:
            raise ValidationFailed([FieldError("refund", "refund_not_pending", {"status": r.status})])
        if r.requested_by_id == actor.user_id:  # separation of duties: nobody approves their own request
            raise ValidationFailed([FieldError("refund", "refund_own_request")])
        r.status = RefundStatus.APPROVED if approve else RefundStatus.REJECTED
        r.decided_at, r.decided_by_id, r.decision_note, r.updated_by_id = now, actor.user_id, note, actor.user_id
        commit(uow)
        return refund_dto(s, r)


def _payable(s: Session, refund_id: int, *, lock: bool = False) -> RefundRequest:
    r = _refund(s, refund_id, lock=lock)
    if r.status != RefundStatus.APPROVED:
        raise ValidationFailed([FieldError("refund", "refund_not_approved", {"status": r.status})])
    if r.amount_fen > refundable_fen(s, r.contract_id, but=r.id):
        raise ValidationFailed([FieldError("amount", "refund_over_paid", {"left": yuan(0)})])
    return r


def pay_refund(
    uow: UnitOfWork,
    *,
    actor: Actor,
    refund_id: int,
    method: str,
    request_key: str | None = None,
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> PaymentDTO:
    """Finance pays an approved refund: a payment of kind refund with its voucher, in one
    transaction; the request becomes paid and the deal's stage follows the balance."""
    from app.documents.api import archive_prepared
    from app.finance.vouchers import prepare_voucher

    require(actor, Action.RECORD_PAYMENTS)
    now = now or utcnow()
    if errors := method_errors(method):
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        first = first_record(s, request_key, OPERATION)
        if first is not None:
            return payment_dto(s, s.get_one(Payment, first))
        r = _payable(s, refund_id)
        contract_id, amount, reason = r.contract_id, r.amount_fen, r.reason
    prepared = prepare_voucher(uow, actor, contract_id, "refund", amount, method, "", now, language, reason=reason)
    with uow:
        s = uow.session
        doc_id = archive_prepared(s, prepared, actor)
        first = first_record(s, request_key, OPERATION)
        if first is not None:
            s.rollback()
            return payment_dto(s, s.get_one(Payment, first))
        r = _payable(s, refund_id, lock=True)  # paid once, even from two desks
        p = Payment(
            contract_id=contract_id,
            kind=PaymentKind.REFUND,
            amount_fen=amount,
            method=method,
            receipt_no=prepared.number,
            refund_request_id=r.id,
            document_id=doc_id,
            received_at=now,
            recorded_by_id=actor.user_id,
        )
        s.add(p)
        r.status, r.updated_by_id = RefundStatus.PAID, actor.user_id
        s.flush()
        remember(s, request_key, OPERATION, p.id, actor_id=actor.user_id, now=now)
        refresh_stage(s, get_contract(s, contract_id).deal_id, now)
        commit(uow)
        return payment_dto(s, p)
