"""What a contract is drawn from, read in one transaction before the pads open or the PDFs are
rendered (T/CSCA 120031-2023 4.3.3; 办法 art. 15): the deal, its signed quote (4.3.1.3), the
car on the deal, the disclosure where one is required (4.2.3.4; 三包 art. 32), and the checked
terms. `draft_blockers` lists every reason a contract cannot be signed now; the same list is
what `contract_blockers` answers and what `sign_contract` refuses with.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, or_, select

from app.core.errors import FieldError, NotFound
from app.sales.amounts import fen_to_capital
from app.sales.disclosure import disclosure_required
from app.sales.quotes import signed_quote  # the quote in force (4.3.1.3), as the quote part reads it
from db.models import StaffUser, Vehicle, VehicleStatus
from db.reception_models import Lead
from db.sales_models import Contract, ContractStatus, Deal, DealStage, Quote, QuoteLine, QuoteLineKind

SELLABLE = (VehicleStatus.IN_STOCK, VehicleStatus.ON_DISPLAY)


def live_contract(s, deal_id: int) -> Contract | None:
    return s.scalars(
        select(Contract).where(Contract.deal_id == deal_id, Contract.status == ContractStatus.SIGNED).limit(1)
    ).first()


@functools.cache
def _live_contracts_query(with_car: bool):
    # Built once, with its parameters bound at each call: on this path the statement's
    # construction cost as much as running it (issue #18.11).
    deal_live = and_(Contract.deal_id == bindparam("deal_id"), Contract.status == ContractStatus.SIGNED)
    where = or_(deal_live, Contract.live_vehicle_id == bindparam("vehicle_id")) if with_car else deal_live
    return select(Contract.deal_id, Contract.status, Contract.live_vehicle_id).where(where)


def _live_contracts(s, deal_id: int, vehicle_id: int | None) -> tuple[bool, bool]:
    """(the deal has a live contract, the car is held by one: app.inventory's
    `held_by_contract`), in one read for both (issue #18.11)."""
    rows = s.execute(_live_contracts_query(vehicle_id is not None), {"deal_id": deal_id, "vehicle_id": vehicle_id})
    rows = rows.all()
    return (
        any(r.deal_id == deal_id and r.status == ContractStatus.SIGNED for r in rows),
        vehicle_id is not None and any(r.live_vehicle_id == vehicle_id for r in rows),
    )


def draft_blockers(s, deal: Deal, now: dt.datetime) -> list[FieldError]:
    """Every reason this deal cannot be contracted at `now` (empty: it can)."""
    return blockers_with_quote(s, deal, signed_quote(s, deal.id), now)


def blockers_with_quote(
    s, deal: Deal, quote: Quote | None, now: dt.datetime, *, versions_checked: bool = False
) -> list[FieldError]:
    """`draft_blockers` for a caller that has just read the deal's `signed_quote` in this
    transaction (sign_contract reads it once, not once per check; issue #18.11).

    `versions_checked`: the caller found the deal and its car at the versions of an earlier
    empty answer (sign_contract's archive). The live-contract read is then not repeated: a
    contract signed since on either would have changed both (signing sells the car and moves
    the deal's stage), and after this read the unique `live_vehicle_id` and the versioned
    UPDATEs of the car and the deal stop a contract signed meanwhile on another terminal."""
    errors: list[FieldError] = []
    if deal.stage == DealStage.CANCELLED:
        errors.append(FieldError("deal", "deal_cancelled"))
    car = s.get(Vehicle, deal.vehicle_id) if deal.vehicle_id else None
    deal_live, car_held = (
        (False, False) if versions_checked else _live_contracts(s, deal.id, car.id if car is not None else None)
    )
    if deal_live:
        errors.append(FieldError("deal", "contract_exists"))
    if quote is None:
        errors.append(FieldError("quote", "quote_not_signed"))
    if car is None:
        errors.append(FieldError("vehicle", "vehicle_missing"))
        return errors
    if quote is not None and quote.vehicle_id not in (None, car.id):
        errors.append(FieldError("quote", "quote_other_vehicle"))
    if car_held:
        errors.append(FieldError("vehicle", "vehicle_in_live_contract"))
    elif car.status not in SELLABLE:
        errors.append(FieldError("vehicle", "vehicle_not_available", {"status": car.status}))
    # 4.2.3.4; 三包 art. 32: the quote part's rule, the one the disclosure dialog signs against
    # (age over 2 years or unknown, defect/repair notes, PDI assembly repairs), and only a
    # disclosure of exactly what the car has today unblocks the contract.
    if disclosure_required(s, deal, now):
        errors.append(FieldError("disclosure", "disclosure_required"))
    return errors


@functools.cache
def _sale_rows_query():
    # Built once (see _live_contracts_query).
    return (
        select(Deal, Vehicle, Quote, Lead)
        .outerjoin(Vehicle, Vehicle.id == Deal.vehicle_id)
        .outerjoin(Quote, and_(Quote.deal_id == Deal.id, Quote.superseded_at.is_(None)))
        .outerjoin(Lead, Lead.id == Deal.lead_id)
        .where(Deal.id == bindparam("deal_id"))
        .order_by(Quote.revision.desc())  # the current revision, as quotes.current_quote
        .limit(1)
    )


def sale_rows(s, deal_id: int) -> tuple[Deal, Vehicle | None, Quote | None, Lead | None]:
    """The deal with its car, its `signed_quote` and its lead, in one read instead of four
    (issue #18.11). The caller keeps the rows it needs: the session holds only those still
    referenced, and the checks find the car there."""
    row = s.execute(_sale_rows_query(), {"deal_id": deal_id}).first()
    if row is None:
        raise NotFound(what="deal", id=deal_id)
    deal, car, quote, lead = row
    return deal, car, (quote if quote is not None and quote.signed_at is not None else None), lead


def service_lines(s, quote_id: int) -> list[QuoteLine]:
    """The opted-in agency services of the quote: the entrustment agreement's, never the contract's."""
    return list(s.scalars(_service_lines_query(), {"quote_id": quote_id}))


@functools.cache
def _service_lines_query():
    # Built once (see _live_contracts_query).
    return (
        select(QuoteLine)
        .where(QuoteLine.quote_id == bindparam("quote_id"), QuoteLine.kind == QuoteLineKind.SERVICE)
        .order_by(QuoteLine.position)
    )


def contract_price_fen(s, quote: Quote, services: list[QuoteLine] | None = None) -> int:
    """The contract's price: the signed quote without its agency service lines (4.3.2.3).
    `services`: the quote's `service_lines` when the caller has just read them."""
    return _price_without(quote, service_lines(s, quote.id) if services is None else services)


def _price_without(quote: Quote, services: list[QuoteLine]) -> int:
    return quote.total_fen - sum(line.amount_fen for line in services)


@dataclass(frozen=True)
class Draft:
    """The facts a contract is drawn from, detached from the session."""

    deal_id: int
    deal_version: int
    lead_id: int
    quote_id: int
    vehicle_id: int
    vehicle_version: int
    vin: str
    vehicle: str
    configuration: tuple[str, ...]
    price_fen: int
    price_words: str
    consultant_name: str
    services: tuple[tuple[str, str, str, int, str], ...]  # name, name_en, provider, fee, timing


@functools.cache
def _name_query():
    return select(StaffUser.full_name).where(StaffUser.id == bindparam("id"))  # built once


def read_draft(s, deal: Deal, quote: Quote | None = None, services: list[QuoteLine] | None = None) -> Draft:
    """Called after draft_blockers came back empty: the quote and the car exist. `quote` and
    `services`: the deal's `signed_quote` and its `service_lines` when the caller has just
    read them in this transaction."""
    quote = quote or signed_quote(s, deal.id)
    car = s.get(Vehicle, deal.vehicle_id)
    assert quote is not None and car is not None
    # The name only: the whole staff row would load its roles too.
    consultant_name = s.scalar(_name_query(), {"id": deal.consultant_id})
    services = service_lines(s, quote.id) if services is None else services
    price = _price_without(quote, services)
    colours = "/".join(c for c in (car.exterior_color, car.interior_color) if c)
    return Draft(
        deal_id=deal.id,
        deal_version=deal.version,
        lead_id=deal.lead_id,
        quote_id=quote.id,
        vehicle_id=car.id,
        vehicle_version=car.version,
        vin=car.vin,
        vehicle=" ".join(
            p for p in (car.brand, car.model, car.trim, car.model_year and str(car.model_year), colours) if p
        ),
        configuration=tuple(car.configuration or ()),
        price_fen=price,
        price_words=fen_to_capital(price),
        consultant_name=consultant_name or "",
        services=tuple(
            (line.description, line.description_en, line.provider, line.amount_fen, line.timing) for line in services
        ),
    )
