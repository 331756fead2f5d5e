"""The disclosure before the contract (披露告知, T/CSCA 120031 4.2.3.4; 三包规定 art. 32; issue
#18.3): a car produced more than 2 years before the store day (or of unknown production date),
or with recorded defects or repairs (the car's notes, and assembly repairs of its PDI), goes into
no contract until the customer has signed what was disclosed. The disclosure names a follow-up
person, who gets a follow-up task (db/care_models.py)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import bindparam, select

from app.core.clock import store_today, utcnow
from app.core.dto import Actor, SignatureCapture
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.sales.deals import deal_for_view
from app.sales.quote_dto import DisclosureDTO, DisclosureItem
from db.models import StaffUser, Vehicle
from db.pdi_models import PdiInspection, PdiRectification
from db.sales_models import Deal, Disclosure
from db.uow import UnitOfWork

AGE_LIMIT_YEARS = 2  # 4.2.3.4: a car produced more than 2 years ago is disclosed
FOLLOW_UP_DAYS = 7


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@functools.cache
def _repairs_query():
    # Built once, its car bound at each call: the contract asks it twice per signing and the
    # statement's construction cost as much as running it (issue #18.11).
    return (
        select(PdiRectification)
        .join(PdiInspection, PdiInspection.id == PdiRectification.inspection_id)
        .where(PdiInspection.vehicle_id == bindparam("vehicle_id"), PdiRectification.assembly_repair.is_(True))
        .order_by(PdiRectification.id)
    )


def items_for(s, car: Vehicle, day: dt.date) -> tuple[DisclosureItem, ...]:
    """What must be disclosed about this car on `day`, in a fixed order."""
    items = []
    if car.production_date is None:
        items.append(DisclosureItem("age_unknown", "生产日期未知 Production date unknown"))
    elif day > _years_after(car.production_date, AGE_LIMIT_YEARS):
        produced = car.production_date.isoformat()
        items.append(DisclosureItem("age", f"生产日期 {produced}，已超过2年 Produced {produced}, over 2 years ago"))
    if (car.defect_notes or "").strip():
        items.append(DisclosureItem("defect", car.defect_notes.strip()))
    if (car.repair_notes or "").strip():
        items.append(DisclosureItem("repair", car.repair_notes.strip()))
    repairs = s.scalars(_repairs_query(), {"vehicle_id": car.id})
    for r in repairs:
        items.append(DisclosureItem("pdi_repair", f"{r.assembly_name}：{r.defect} → {r.action_taken}".strip()))
    return tuple(items)


def _car(s, deal: Deal) -> Vehicle | None:
    return s.get(Vehicle, deal.vehicle_id) if deal.vehicle_id else None


def _signed(s, deal: Deal, items: tuple[DisclosureItem, ...]) -> Disclosure | None:
    """The deal's signed disclosure of exactly these items for this car, if there is one."""
    wanted = [{"kind": i.kind, "text": i.text} for i in items]
    rows = s.scalars(
        select(Disclosure)
        .where(Disclosure.deal_id == deal.id, Disclosure.vehicle_id == deal.vehicle_id)
        .order_by(Disclosure.id.desc())
    )
    return next((d for d in rows if d.items == wanted), None)


def disclosure_required(s, deal: Deal, now: dt.datetime | None = None) -> bool:
    """For the contract (issue #18.4): True while the deal's car has something to disclose that
    the customer has not signed (4.2.3.4). A car to order has nothing yet: the contract names
    a VIN, and the question is asked again for it."""
    car = _car(s, deal)
    if car is None:
        return False
    items = items_for(s, car, store_today(now or utcnow()))
    return bool(items) and _signed(s, deal, items) is None


def disclosure_items(
    uow: UnitOfWork, *, actor: Actor, deal_id: int, now: dt.datetime | None = None
) -> tuple[DisclosureItem, ...]:
    """What the customer must be told about the deal's car before the contract (read)."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        car = _car(s, deal_for_view(s, actor, deal_id))
        return items_for(s, car, store_today(now or utcnow())) if car is not None else ()


def disclosure_dto(d: Disclosure) -> DisclosureDTO:
    return DisclosureDTO(
        d.id, d.deal_id, d.vehicle_id, tuple(DisclosureItem(i["kind"], i["text"]) for i in d.items),
        d.follow_up_staff_id, d.follow_up_task_id, d.document_id, d.document_number, d.signed_at,
    )  # fmt: skip


def sign_blockers(
    s, deal: Deal, follow_up_staff_id: int | None, signatures: Sequence[SignatureCapture], day: dt.date
) -> tuple[Vehicle, tuple[DisclosureItem, ...]]:
    """The car and what it discloses, or ValidationFailed with every reason it cannot be signed."""
    errors = []
    car = _car(s, deal)
    items = items_for(s, car, day) if car is not None else ()
    if not items:
        errors.append(FieldError("disclosure", "nothing_to_disclose"))
    person = s.get(StaffUser, follow_up_staff_id) if follow_up_staff_id else None
    if person is None or not person.active:
        errors.append(FieldError("follow_up_staff", "follow_up_staff_required"))
    if not {"customer", "consultant"} <= {sig.role for sig in signatures}:
        errors.append(FieldError("signatures", "disclosure_signatures_required"))
    if errors or car is None:
        raise ValidationFailed(errors)
    return car, items


def sign_disclosure(
    uow: UnitOfWork,
    *,
    actor: Actor,
    deal_id: int,
    follow_up_staff_id: int,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> DisclosureDTO:
    """The customer and the consultant sign what was disclosed; the PDF (doc type disclosure),
    the disclosure and the follow-up person's task are written in one transaction."""
    from app.sales.disclosure_sign import issue_disclosure

    now = now or utcnow()
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    return issue_disclosure(uow, actor, deal_id, follow_up_staff_id, signatures, language, request_key, now)


def latest_disclosure(uow: UnitOfWork, *, actor: Actor, deal_id: int) -> DisclosureDTO | None:
    """The deal's last signed disclosure, or None (VIEW_DEALS)."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        deal_for_view(uow.session, actor, deal_id)
        row = uow.session.scalar(select(Disclosure).where(Disclosure.deal_id == deal_id).order_by(Disclosure.id.desc()))
        return disclosure_dto(row) if row is not None else None
