"""What the quote and disclosure dialogs show before anything is written (issue #18.2-18.3):
the deal, the items of the price list in force that fit it (办法 art. 10: only listed prices
can be chosen), its current quote; the disclosure items and who may follow them up. Reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.sales.deals import SELLABLE, deal_dto, deal_for_view
from app.sales.disclosure import items_for
from app.sales.quote_dto import DealDTO, DisclosureItem, QuoteDTO
from app.sales.quote_lines import discount_threshold_fen, list_in_force
from app.sales.quotes import current_quote, quote_dto
from db.models import StaffUser, Vehicle
from db.sales_models import PriceItemKind, PriceListItem
from db.uow import UnitOfWork


@dataclass(frozen=True)
class ChoiceDTO:
    """A listed item the quote may use."""

    id: int
    kind: str
    code: str
    name_zh: str
    name_en: str
    amount_fen: int
    timing: str
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class QuoteFormDTO:
    deal: DealDTO
    price_list_id: int | None  # None: no list in force, nothing can be quoted
    choices: tuple[ChoiceDTO, ...]
    quote: QuoteDTO | None
    threshold_fen: int
    # Cars the deal may take (4.3.1.2): in stock or on display, of its brand, model and trim.
    cars: tuple[tuple[int, str, str], ...] = ()  # (vehicle id, VIN, colour)


@dataclass(frozen=True)
class DisclosureFormDTO:
    deal: DealDTO
    items: tuple[DisclosureItem, ...]
    staff: tuple[tuple[int, str], ...]  # (id, name) of who may follow up


def _fits(i: PriceListItem, brand: str, model: str, trim: str) -> bool:
    if i.kind != PriceItemKind.VEHICLE:
        return True
    return (i.brand, i.model) == (brand, model) and (not trim or (i.trim or "") == trim)


def get_quote_form(uow: UnitOfWork, *, actor: Actor, deal_id: int, now: dt.datetime | None = None) -> QuoteFormDTO:
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        d = deal_for_view(s, actor, deal_id)
        pl = list_in_force(s, store_today(now or utcnow()))
        rows: list[PriceListItem] = (
            list(s.scalars(select(PriceListItem).where(PriceListItem.price_list_id == pl.id))) if pl else []
        )
        choices = tuple(
            ChoiceDTO(
                i.id, i.kind, i.code, i.name_zh, i.name_en or "", i.amount_fen, i.timing or "", i.valid_from, i.valid_to
            )  # fmt: skip
            for i in sorted(rows, key=lambda i: (i.kind, i.code))
            if _fits(i, d.brand, d.model, d.trim or "")
        )
        q = current_quote(s, deal_id)
        return QuoteFormDTO(
            deal_dto(s, d), pl.id if pl else None, choices, quote_dto(s, q) if q else None, discount_threshold_fen(s),
            _sellable_cars(s, d.brand, d.model, d.trim or ""),
        )  # fmt: skip


def _sellable_cars(s, brand: str, model: str, trim: str) -> tuple[tuple[int, str, str], ...]:
    query = select(Vehicle.id, Vehicle.vin, Vehicle.exterior_color).where(
        Vehicle.brand == brand, Vehicle.model == model, Vehicle.status.in_(SELLABLE)
    )
    if trim:
        query = query.where(Vehicle.trim == trim)
    return tuple((i, vin, colour or "") for i, vin, colour in s.execute(query.order_by(Vehicle.vin).limit(200)))


def get_disclosure_form(
    uow: UnitOfWork, *, actor: Actor, deal_id: int, now: dt.datetime | None = None
) -> DisclosureFormDTO:
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        d = deal_for_view(s, actor, deal_id)
        car = s.get(Vehicle, d.vehicle_id) if d.vehicle_id else None
        items = items_for(s, car, store_today(now or utcnow())) if car is not None else ()
        staff = s.execute(
            select(StaffUser.id, StaffUser.full_name).where(StaffUser.active.is_(True)).order_by(StaffUser.full_name)
        ).all()
        return DisclosureFormDTO(deal_dto(s, d), items, tuple((i, n) for i, n in staff))
