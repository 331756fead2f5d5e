"""The deal board's rows, built for a page of deals at once (a few grouped queries per page, not
a few per deal): the customer, the consultant, the car, the latest quote and contract and the
contract's open balance, computed as app/sales/stages.balance_of does (4.3.4-4.3.5, 4.4.2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.sales.stages import Balance
from db.finance_models import Payment, PaymentKind
from db.models import StaffUser, Vehicle
from db.reception_models import Customer
from app.sales.board_dto import DealRowDTO
from db.sales_models import Contract, Deal, PaymentMethod, Quote, QuoteLine, QuoteLineKind


def _by_id(s: Session, columns, key, ids) -> dict:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {row[0]: row[1:] for row in s.execute(select(key, *columns).where(key.in_(ids)))}


def _latest_quotes(s: Session, deal_ids: set[int]) -> dict[int, int]:
    """deal id -> the total of its latest quote revision."""
    if not deal_ids:
        return {}
    latest = (
        select(Quote.deal_id, func.max(Quote.revision).label("rev"))
        .where(Quote.deal_id.in_(deal_ids))
        .group_by(Quote.deal_id)
        .subquery()
    )
    rows = s.execute(
        select(Quote.deal_id, Quote.total_fen).join(
            latest, (Quote.deal_id == latest.c.deal_id) & (Quote.revision == latest.c.rev)
        )
    )
    return {deal_id: total for deal_id, total in rows}


# What the board needs of a contract: read as plain rows, not whole records (a contract carries
# the sealed buyer ID and its configuration, which a page of the board never shows).
_CONTRACT_COLUMNS = (
    Contract.id,
    Contract.deal_id,
    Contract.quote_id,
    Contract.number,
    Contract.status,
    Contract.price_fen,
    Contract.payment_method,
    Contract.loan_lender,
    Contract.loan_amount_fen,
)


def latest_contracts(s: Session, deal_ids: set[int]) -> dict[int, Any]:
    """deal id -> its latest contract (the newest row: a deal's ended contract stays in history)."""
    if not deal_ids:
        return {}
    newest = select(func.max(Contract.id)).where(Contract.deal_id.in_(deal_ids)).group_by(Contract.deal_id)
    return {c.deal_id: c for c in s.execute(select(*_CONTRACT_COLUMNS).where(Contract.id.in_(newest)))}


def balances(s: Session, contracts: Sequence[Any]) -> dict[int, Balance]:
    """contract id -> Balance, as stages.balance_of (due = price + opted-in agency fees of its
    quote; paid net of refunds; a loan counts only with its lender). `contracts` are Contract
    records or rows with the same attributes."""
    if not contracts:
        return {}
    fees = dict(
        s.execute(
            select(QuoteLine.quote_id, func.sum(QuoteLine.amount_fen))
            .where(QuoteLine.quote_id.in_({c.quote_id for c in contracts}), QuoteLine.kind == QuoteLineKind.SERVICE)
            .group_by(QuoteLine.quote_id)
        ).all()
    )
    paid: dict[int, int] = {}
    for contract_id, kind, total in s.execute(
        select(Payment.contract_id, Payment.kind, func.sum(Payment.amount_fen))
        .where(Payment.contract_id.in_({c.id for c in contracts}))
        .group_by(Payment.contract_id, Payment.kind)
    ):
        paid[contract_id] = paid.get(contract_id, 0) + (-int(total) if kind == PaymentKind.REFUND else int(total))
    return {
        c.id: Balance(
            due_fen=c.price_fen + int(fees.get(c.quote_id) or 0),
            paid_fen=paid.get(c.id, 0),
            loan_fen=c.loan_amount_fen if c.payment_method == PaymentMethod.LOAN and c.loan_lender else 0,
        )
        for c in contracts
    }


def deal_rows(s: Session, deals: Sequence[Deal]) -> list[DealRowDTO]:
    if not deals:
        return []
    ids = {d.id for d in deals}
    customers = _by_id(s, [Customer.name], Customer.id, (d.customer_id for d in deals))
    staff = _by_id(s, [StaffUser.full_name], StaffUser.id, (d.consultant_id for d in deals))
    vins = _by_id(s, [Vehicle.vin], Vehicle.id, (d.vehicle_id for d in deals))
    quotes = _latest_quotes(s, ids)
    contracts = latest_contracts(s, ids)
    money = balances(s, list(contracts.values()))
    return [_row(d, customers, staff, vins, quotes, contracts.get(d.id), money) for d in deals]


def _row(d: Deal, customers, staff, vins, quotes, contract, money) -> DealRowDTO:
    return DealRowDTO(
        id=d.id,
        lead_id=d.lead_id,
        customer_id=d.customer_id,
        customer_name=customers.get(d.customer_id, (None,))[0],
        consultant_id=d.consultant_id,
        consultant_name=staff.get(d.consultant_id, ("",))[0],
        brand=d.brand,
        model=d.model,
        trim=d.trim,
        vehicle_id=d.vehicle_id,
        vin=vins.get(d.vehicle_id, (None,))[0] if d.vehicle_id else None,
        stage=d.stage,
        quote_total_fen=quotes.get(d.id),
        contract_id=contract.id if contract else None,
        contract_number=contract.number if contract else None,
        contract_status=contract.status if contract else None,
        open_fen=money[contract.id].open_fen if contract else None,
        stage_changed_at=d.stage_changed_at,
        created_at=d.created_at,
        cancel_reason=d.cancel_reason,
    )
