"""What the store chooses for customer care (issue #19.1): who makes the 72-hour call (the
consultant who sold the car, or a named customer-care person, 4.5.1.2), how often retained
leads are followed up by intent level (4.2.3.2), and when each brand's first service (首保)
falls due after delivery."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import Conflict, FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.customer_care.dto import CareSettingsDTO
from db.care_models import SETTINGS_ID, CareSetting, DeliveryCaller, FirstServiceInterval
from db.models import Role, StaffRole, StaffUser
from db.reception_models import IntentLevel
from db.uow import UnitOfWork

DEFAULT_LEAD_INTERVAL_DAYS = {"H": 1, "A": 3, "B": 7, "C": 14}
DEFAULT_FIRST_SERVICE_DAYS = 90  # "*" until the store sets a brand's own
MAX_INTERVAL_DAYS = 365


def settings_row(s: Session) -> CareSetting | None:
    return s.get(CareSetting, SETTINGS_ID)


def lead_intervals(s: Session) -> dict[str, int]:
    row = settings_row(s)
    return dict(row.lead_interval_days) if row is not None else dict(DEFAULT_LEAD_INTERVAL_DAYS)


def first_service_days(s: Session, brand: str) -> int:
    """Days after delivery of the brand's first service: its own, else "*", else the default."""
    for key in (brand, "*"):
        row = s.get(FirstServiceInterval, key)
        if row is not None:
            return row.days
    return DEFAULT_FIRST_SERVICE_DAYS


def delivery_caller(s: Session, consultant_id: int) -> int:
    """Who gets the 72-hour call: the store's customer-care person when it chose one (and they
    are still active), else the consultant who sold the car."""
    row = settings_row(s)
    if row is not None and row.delivery_caller == DeliveryCaller.CUSTOMER_CARE and row.care_staff_id:
        user = s.get(StaffUser, row.care_staff_id)
        if user is not None and user.active:
            return user.id
    return consultant_id


def _dto(s: Session) -> CareSettingsDTO:
    row = settings_row(s)
    brands = {r.brand: r.days for r in s.scalars(select(FirstServiceInterval))}
    brands.setdefault("*", DEFAULT_FIRST_SERVICE_DAYS)
    return CareSettingsDTO(
        delivery_caller=row.delivery_caller if row else DeliveryCaller.CONSULTANT.value,
        care_staff_id=row.care_staff_id if row else None,
        lead_interval_days=lead_intervals(s),
        first_service_days=brands,
        version=row.version if row else 0,
    )


def get_care_settings(uow: UnitOfWork, *, actor: Actor) -> CareSettingsDTO:
    require(actor, Action.VIEW_CARE_TASKS)
    with uow:
        return _dto(uow.session)


def _check(s: Session, caller: str, care_staff_id: int | None, intervals: dict[str, int]) -> None:
    errors = []
    if caller not in {c.value for c in DeliveryCaller}:
        errors.append(FieldError("delivery_caller", "unknown_value"))
    elif caller == DeliveryCaller.CUSTOMER_CARE:
        user = s.get(StaffUser, care_staff_id) if care_staff_id else None
        if user is None or not user.active or Role.CUSTOMER_CARE not in user.role_set:
            errors.append(FieldError("care_staff_id", "care_staff_required"))
    for level in IntentLevel:
        days = intervals.get(level.value)
        if not isinstance(days, int) or not 1 <= days <= MAX_INTERVAL_DAYS:
            errors.append(FieldError(f"interval_{level.value}", "care_interval_range", {"max": MAX_INTERVAL_DAYS}))
    if errors:
        raise ValidationFailed(errors)


def save_care_settings(
    uow: UnitOfWork,
    *,
    actor: Actor,
    delivery_caller: str,
    care_staff_id: int | None,
    lead_interval_days: dict[str, int],
    expected_version: int,
    first_service: tuple[str, int] | None = None,
) -> CareSettingsDTO:
    """Save who calls and the lead intervals (and, given, one brand's first-service days) in
    one transaction; `expected_version` 0 for the first save."""
    require(actor, Action.MANAGE_CARE_SETTINGS)
    with uow:
        s = uow.session
        _check(s, delivery_caller, care_staff_id, lead_interval_days)
        if first_service is not None:
            _keep_first_service(s, actor, *first_service)
        values = {
            "delivery_caller": delivery_caller,
            "care_staff_id": care_staff_id if delivery_caller == DeliveryCaller.CUSTOMER_CARE else None,
            "lead_interval_days": {level.value: int(lead_interval_days[level.value]) for level in IntentLevel},
            "updated_by_id": actor.user_id,
        }
        _save_row(s, expected_version, values)
        commit(uow)
        return _dto(s)


def _save_row(s: Session, expected_version: int, values: dict) -> None:
    """Write `values` into the one settings row, made on the first save. Two terminals' first
    saves at once: the loser's INSERT meets the primary key (id 1, migration 0023), so it takes
    the row the other just saved and, as with any edit on an older copy, gets a Conflict naming
    who saved (never a second row, never a driver error)."""
    row = settings_row(s)
    if row is None:
        if expected_version:  # saved by another terminal and then gone: reload
            raise Conflict(table="care_setting", expected=expected_version)
        try:
            with s.begin_nested():
                s.add(CareSetting(id=SETTINGS_ID, **values))
            return
        except IntegrityError:
            row = s.get(CareSetting, SETTINGS_ID, populate_existing=True)
            if row is None:  # not a lost race: nothing to take
                raise
    check_version(row, expected_version)
    for name, value in values.items():
        setattr(row, name, value)


def _keep_first_service(s: Session, actor: Actor, brand: str, days: int) -> None:
    brand = clean_line(brand or "")
    errors = []
    if not brand:
        errors.append(FieldError("brand", "required"))
    if not isinstance(days, int) or not 1 <= days <= MAX_INTERVAL_DAYS:
        errors.append(FieldError("days", "care_interval_range", {"max": MAX_INTERVAL_DAYS}))
    if errors:
        raise ValidationFailed(errors)
    row = s.get(FirstServiceInterval, brand)
    if row is None:
        row = FirstServiceInterval(brand=brand)
        s.add(row)
    row.days, row.updated_by_id = days, actor.user_id


def set_first_service_days(uow: UnitOfWork, *, actor: Actor, brand: str, days: int) -> CareSettingsDTO:
    """首保: the brand's first service falls due `days` after delivery ("*" for any other brand)."""
    require(actor, Action.MANAGE_CARE_SETTINGS)
    with uow:
        s = uow.session
        _keep_first_service(s, actor, brand, days)
        commit(uow)
        return _dto(s)


def list_care_staff(uow: UnitOfWork, *, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the active staff with the customer_care role: who may be given the calls."""
    require(actor, Action.MANAGE_CARE_SETTINGS)
    with uow:
        rows = uow.session.scalars(
            select(StaffUser)
            .join(StaffRole, StaffRole.user_id == StaffUser.id)
            .where(StaffRole.role == Role.CUSTOMER_CARE.value, StaffUser.active.is_(True))
            .order_by(StaffUser.full_name)
        )
        return [(u.id, u.full_name) for u in rows]
