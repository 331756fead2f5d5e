"""Deals (issue #18.2): a sale opened from a lead on the reception queue, for one VIN in stock or
a model and trim to order (T/CSCA 120031 4.3.1.2). One open deal per lead; the quote, the
disclosure, the contract, the money and the handover hang off it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line
from app.sales.quote_dto import DealDTO
from db.models import Role, Vehicle, VehicleStatus
from db.reception_models import Customer, Lead, LeadStatus
from db.sales_models import Deal, DealStage
from db.uow import UnitOfWork

OPEN_DEAL = "open_deal"
SELLABLE = (VehicleStatus.IN_STOCK, VehicleStatus.ON_DISPLAY)  # 4.3.1.2: a car the store can sell now
CLOSED_STAGES = (DealStage.DELIVERED, DealStage.CANCELLED)


def deal_dto(s, d: Deal) -> DealDTO:
    customer = s.get(Customer, d.customer_id)
    car = s.get(Vehicle, d.vehicle_id) if d.vehicle_id else None
    return DealDTO(
        d.id, d.lead_id, d.customer_id, (customer.name if customer else None) or "", d.consultant_id, d.stage,
        d.vehicle_id, car.vin if car else None, d.brand, d.model, d.trim or "", d.version,
    )  # fmt: skip


def may_sell_for(actor: Actor, consultant_id: int) -> None:
    """A consultant sells only to their own customers; a sales manager to anyone's."""
    require(actor, Action.SELL)
    if consultant_id != actor.user_id and not actor.has(Role.SALES_MANAGER):
        raise PermissionDenied("not_your_customer")


def deal_row(s, deal_id: int) -> Deal:
    d = s.get(Deal, deal_id)
    if d is None:
        raise NotFound(what="deal", id=deal_id)
    return d


def deal_for_sale(s, actor: Actor, deal_id: int) -> Deal:
    """The deal, if `actor` may sell on it (SELL; their own unless a manager)."""
    d = deal_row(s, deal_id)
    may_sell_for(actor, d.consultant_id)
    return d


def deal_for_view(s, actor: Actor, deal_id: int) -> Deal:
    """The deal, if `actor` may read it (VIEW_DEALS checked by the caller): as on the deal board,
    a consultant reads their own customers' deals only, a sales manager and finance every deal
    (customer data is seen only by those who work on it; domain_reference §3, S4 arts. 4-8)."""
    d = deal_row(s, deal_id)
    if not (actor.has(Role.SALES_MANAGER) or actor.has(Role.FINANCE)) and d.consultant_id != actor.user_id:
        raise PermissionDenied("not_your_customer")
    return d


def sellable_car(s, vehicle_id: int, brand: str, model: str, trim: str = "") -> Vehicle:
    """A car that can go into this deal: in stock or on display (not reserved, sold or in the
    test-drive fleet) and of the lead's brand and model (and the deal's trim, once set)."""
    car = s.get(Vehicle, vehicle_id)
    if car is None:
        raise NotFound(what="vehicle", id=vehicle_id)
    errors = []
    if car.status not in SELLABLE:
        errors.append(FieldError("vehicle", "vehicle_not_available", {"status": car.status}))
    if (car.brand, car.model) != (brand, model) or (trim and (car.trim or "") != trim):
        errors.append(FieldError("vehicle", "vehicle_not_the_model", {"model": f"{brand} {model} {trim}".strip()}))
    if errors:
        raise ValidationFailed(errors)
    return car


def _closed_lead(lead: Lead) -> list[FieldError]:
    """4.3.1.2: a deal is opened on an open intention (新/跟进中 on the reception queue). A lost
    lead is followed again first (the leads page moves it back to following, so the 3.12/3.13
    KPIs see it return); an ordered lead with no open deal has been sold (its intention is closed)."""
    if lead.status == LeadStatus.LOST:
        return [FieldError("lead", "deal_lead_lost")]
    if lead.status == LeadStatus.ORDERED:
        return [FieldError("lead", "deal_lead_closed")]
    return []


def _open_deal_of(s, lead_id: int) -> Deal | None:
    return s.scalar(select(Deal).where(Deal.lead_id == lead_id, Deal.stage.not_in(CLOSED_STAGES)).limit(1))


def open_deal(
    uow: UnitOfWork,
    *,
    actor: Actor,
    lead_id: int,
    vehicle_id: int | None = None,
    trim: str = "",
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> DealDTO:
    """Open the deal of a lead (brand and model from the lead), for a car in stock or a trim to
    order. The lead's open deal, if it has one, is returned instead of a second one; a repeated
    request (same key) returns the first."""
    require(actor, Action.SELL)
    now = now or utcnow()
    with uow:
        s = uow.session
        first = first_record(s, request_key, OPEN_DEAL)
        if first is not None:
            return deal_dto(s, deal_row(s, first))
        lead = s.get(Lead, lead_id)
        if lead is None:
            raise NotFound(what="lead", id=lead_id)
        may_sell_for(actor, lead.consultant_id)
        existing = _open_deal_of(s, lead_id)
        if existing is not None:
            return deal_dto(s, existing)
        errors: list[FieldError] = _closed_lead(lead)
        trim = clean_line(trim)
        check_length(trim, "trim", 120, errors)  # deal.trim: refused with its limit, never cut
        if errors:
            raise ValidationFailed(errors)
        if vehicle_id is not None:
            trim = sellable_car(s, vehicle_id, lead.brand, lead.model, trim).trim or ""
        d = Deal(
            lead_id=lead.id, customer_id=lead.customer_id, consultant_id=lead.consultant_id, vehicle_id=vehicle_id,
            brand=lead.brand, model=lead.model, trim=trim, created_at=now, created_by_id=actor.user_id,
            stage_changed_at=now, updated_at=now, updated_by_id=actor.user_id,
        )  # fmt: skip
        s.add(d)
        s.flush()
        remember(s, request_key, OPEN_DEAL, d.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return deal_dto(s, d)


def assign_vehicle(
    uow: UnitOfWork,
    *,
    actor: Actor,
    deal_id: int,
    vehicle_id: int,
    expected_version: int,
    now: dt.datetime | None = None,
) -> DealDTO:
    """Name the VIN a deal sells (a car in stock of its brand, model and trim), while the deal
    is still at the quote stage: once a contract is signed the car is the contract's."""
    now = now or utcnow()
    with uow:
        s = uow.session
        d = deal_for_sale(s, actor, deal_id)
        check_version(d, expected_version)
        if d.stage != DealStage.QUOTE:
            raise ValidationFailed([FieldError("vehicle", "deal_past_quote", {"stage": d.stage})])
        car = sellable_car(s, vehicle_id, d.brand, d.model, d.trim or "")
        d.vehicle_id, d.trim = car.id, car.trim or ""
        d.updated_at, d.updated_by_id = now, actor.user_id
        commit(uow)
        return deal_dto(s, d)


def get_deal(uow: UnitOfWork, *, actor: Actor, deal_id: int) -> DealDTO:
    """A deal as the quote and disclosure dialogs show it (VIEW_DEALS)."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        return deal_dto(uow.session, deal_for_view(uow.session, actor, deal_id))
