"""Recording money received against a contract (收款, T/CSCA 120031-2023 4.3.4-4.3.5; issue
#18.5). Only the finance role records money: every sales role is refused (the sales consultant
never takes the customer's money). Each payment prints a receipt voucher whose document number
is the receipt number, issued and archived in the same transaction as the payment.

Refused, with nothing written: a kind or method not on the list, an amount <= 0 or absurd
(over ¥100 M), more than the open balance, a 定金 (民法典 586) when the contract agreed none or
beyond the contract's 定金, an agency fee beyond the opted-in agency services, a contract that
is not live (cancelled, terminated, fulfilled).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.common import commit
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import clean_text
from app.finance.dto import PaymentDTO
from app.finance.ledger import get_contract, payment_dto
from app.finance.money_text import yuan
from app.sales.api import balance_of, refresh_stage
from db.finance_models import MoneyMethod, Payment, PaymentKind
from db.sales_models import Contract, ContractStatus, DepositKind
from db.uow import UnitOfWork

OPERATION = "record_payment"
MAX_AMOUNT_FEN = 100_000_000 * 100  # nothing in a showroom costs more than ¥100 M
INCOMING_KINDS = tuple(k.value for k in PaymentKind if k is not PaymentKind.REFUND)
METHODS = tuple(m.value for m in MoneyMethod)
NOTE_MAX = 500


def amount_errors(amount_fen: object, field: str = "amount") -> list[FieldError]:
    """A positive whole number of fen, not absurd."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        return [FieldError(field, "amount_not_positive")]
    if amount_fen > MAX_AMOUNT_FEN:
        return [FieldError(field, "amount_too_large", {"max": yuan(MAX_AMOUNT_FEN)})]
    return []


def method_errors(method: str) -> list[FieldError]:
    return [] if method in METHODS else [FieldError("method", "payment_method_unknown")]


def _input_errors(kind: str, amount_fen: int, method: str, note: str) -> list[FieldError]:
    errors = amount_errors(amount_fen) + method_errors(method)
    if kind not in INCOMING_KINDS:
        errors.append(FieldError("kind", "payment_kind_unknown"))
    if len(note) > NOTE_MAX:
        errors.append(FieldError("note", "too_long", {"max": NOTE_MAX}))
    return errors


def live_contract(s: Session, contract_id: int, *, lock: bool = False) -> Contract:
    """The contract money is taken against: it must still be live (4.3.4)."""
    contract = get_contract(s, contract_id, lock=lock)
    if contract.status != ContractStatus.SIGNED:
        raise ValidationFailed([FieldError("contract", "contract_not_live", {"status": contract.status})])
    return contract


def _paid_of_kind(s: Session, contract_id: int, kind: str) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
            Payment.contract_id == contract_id, Payment.kind == kind
        )
    )
    return int(total or 0)


def money_rule_errors(s: Session, contract: Contract, kind: str, amount_fen: int) -> list[FieldError]:
    """What the contract allows now: the open balance, the agreed 定金, the agency fees."""
    balance = balance_of(s, contract)
    errors = []
    if amount_fen > balance.open_fen:
        errors.append(FieldError("amount", "over_open_balance", {"open": yuan(max(balance.open_fen, 0))}))
    if kind == PaymentKind.EARNEST:
        # 民法典 586: the 定金 is what the contract agreed, no more (and none if it agreed none).
        if contract.deposit_kind != DepositKind.EARNEST or contract.deposit_fen <= 0:
            errors.append(FieldError("kind", "earnest_not_agreed"))
        elif _paid_of_kind(s, contract.id, kind) + amount_fen > contract.deposit_fen:
            left = contract.deposit_fen - _paid_of_kind(s, contract.id, kind)
            errors.append(FieldError("amount", "earnest_beyond_contract", {"left": yuan(max(left, 0))}))
    if kind == PaymentKind.AGENCY_FEE:
        fees = balance.due_fen - contract.price_fen  # the opted-in agency services (4.3.2.3)
        if _paid_of_kind(s, contract.id, kind) + amount_fen > fees:
            errors.append(FieldError("kind", "agency_fee_beyond_services", {"fees": yuan(fees)}))
    return errors


def record_payment(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    kind: str,
    amount_fen: int,
    method: str,
    note: str = "",
    request_key: str | None = None,
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> PaymentDTO:
    """Record an amount received (定金/订金/首付/尾款/agency fee) and issue its receipt voucher,
    in one transaction; the deal's stage follows the new balance. A repeated `request_key`
    returns the first payment."""
    from app.finance.vouchers import prepare_voucher

    require(actor, Action.RECORD_PAYMENTS)  # 4.3.4: finance only, never a sales role
    now = now or utcnow()
    note = clean_text(note)
    errors = _input_errors(kind, amount_fen, method, note)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        first = first_record(s, request_key, OPERATION)
        if first is not None:
            return payment_dto(s, s.get_one(Payment, first))
        contract = live_contract(s, contract_id)
        errors = money_rule_errors(s, contract, kind, amount_fen)
        if errors:
            raise ValidationFailed(errors)
    prepared = prepare_voucher(uow, actor, contract_id, kind, amount_fen, method, note, now, language)
    return _write(uow, actor, prepared, contract_id, kind, amount_fen, method, note, request_key, now)


def _write(uow, actor, prepared, contract_id, kind, amount_fen, method, note, request_key, now) -> PaymentDTO:
    """Archive the voucher and write the payment in ONE transaction, after checking the rules
    again: another desk may have taken money on this contract meanwhile."""
    from app.documents.api import archive_prepared

    with uow:
        s = uow.session
        doc_id = archive_prepared(s, prepared, actor)  # first: on SQLite it takes the write lock
        first = first_record(s, request_key, OPERATION)
        if first is not None:  # the same request won on another click: keep only its voucher
            s.rollback()
            return payment_dto(s, s.get_one(Payment, first))
        contract = live_contract(s, contract_id, lock=True)
        errors = money_rule_errors(s, contract, kind, amount_fen)  # again: another desk may have been first
        if errors:
            raise ValidationFailed(errors)
        p = Payment(
            contract_id=contract_id,
            kind=kind,
            amount_fen=amount_fen,
            method=method,
            receipt_no=prepared.number,
            note=note,
            document_id=doc_id,
            received_at=now,
            recorded_by_id=actor.user_id,
        )
        s.add(p)
        s.flush()
        remember(s, request_key, OPERATION, p.id, actor_id=actor.user_id, now=now)
        refresh_stage(s, contract.deal_id, now)
        commit(uow)
        return payment_dto(s, p)
