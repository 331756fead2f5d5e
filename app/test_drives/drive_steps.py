"""A test drive from booking to return (T/CSCA 120031-2023 4.2.4.1-4.2.4.8; issue #6.3-#6.8).

Steps, each recorded with who and when, in any order the floor needs:
  record_id_consent   separate consent to processing ID and licence numbers (4.2.4.2, PIPL 29)
  record_qualification  ID document, licence class/validity/first issue, age, foreign-licence
                      temporary permit (§5.1, §5.3); numbers sealed, masked, fingerprinted
  assign_escort       ≥ 3 years since first licence issue and on duty (4.2.4.4)
  confirm_terms       route, planned km and time window confirmed by the customer (4.2.4.5)
  record_check        pre-departure check of lights, tyres, fuel/charge, signage and warning
                      signs, with the odometer (4.2.4.6)
  record_weather / override_weather   4.2.4.7: storm, heavy rain, heavy snow or dense fog
                      need a sales manager's override with a reason
  agreement_blockers  asked before the pads open: what sign_agreement would refuse for now
  sign_agreement      the bilingual agreement signed by customer and escort, archived (4.2.4.1)
  start_drive         re-checks every condition above at the moment of departure; each alone
                      refuses the start (DriveBlocked lists them all)
  record_return       odometer in, actual times, damage, feedback, lead intent, overdue flag;
                      the visit counts toward the 3.13 test-drive rate
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today, utcnow
from app.test_drives.rules import CHECK_ITEMS, LICENCE_CLASSES, SEVERE_WEATHER, WEATHER
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.dto import Actor
from app.core.validation import check_length, clean_text
from app.test_drives.dto import TestDriveDTO

# Steps 1-2 (consent, qualification), 6 (agreement), 7 (start) and 8 (return) live in their
# own modules; re-exported here, the one place callers import the steps from.
from app.test_drives.qualification import (
    QualificationInput,
    _done,
    _drive_for_step,
    _touch,
    record_id_consent,
    record_qualification,
    terms_of,
    withdraw_id_consent,
)
from app.test_drives.agreement import agreement_blockers, sign_agreement
from app.test_drives.departure import DriveBlocked, drive_blockers, start_blockers, start_drive
from app.test_drives.drive_return import ReturnInput, record_return
from app.test_drives.escorts import escort_refusal
from app.test_drives.records import route_of
from db.models import StaffUser
from db.uow import UnitOfWork

MAX_TEXT = 1000


# --- escort, confirmation, check, weather ---------------------------------------------------


def assign_escort(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    escort_id: int,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.4: only staff with ≥ 3 years since first licence issue and on duty today."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        code = escort_refusal(s, s.get(StaffUser, escort_id), store_today(max(now, d.planned_start)))
        if code:
            raise ValidationFailed([FieldError("escort_id", code)])
        if d.agreement_document_id is not None and d.escort_id != escort_id:
            raise ValidationFailed([FieldError("escort_id", "agreement_signed")])
        d.escort_id = escort_id
        _touch(d, actor, now)
        return _done(uow, d, now)


def confirm_terms(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> TestDriveDTO:
    """4.2.4.5: the route, planned km and time window were shown to and confirmed by the
    customer. The confirmed values are kept; a later change voids the confirmation."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        if not route_of(s, d).active:
            raise ValidationFailed([FieldError("route", "route_inactive")])
        d.confirmed_at, d.confirmed_terms = now, terms_of(d)
        _touch(d, actor, now)
        return _done(uow, d, now)


def record_check(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    items: dict[str, bool],
    odometer_out: int | None,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.6: lights, tyres, fuel or charge, 试乘试驾 signage and warning signs, checked
    before departure, with the odometer reading. An item not ticked is saved as not OK and
    keeps the drive from starting."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    errors = []
    unknown = set(items) - set(CHECK_ITEMS)
    if unknown:
        errors.append(FieldError("items", "unknown_value"))
    if odometer_out is None:
        errors.append(FieldError("odometer_out", "required"))
    elif not 0 <= int(odometer_out) <= 2_000_000:
        errors.append(FieldError("odometer_out", "out_of_range", {"min": 0, "max": 2_000_000}))
    if errors or odometer_out is None:  # a missing reading is among the errors
        raise ValidationFailed(errors)
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.check_items = {k: bool(items.get(k)) for k in CHECK_ITEMS}
        d.check_at, d.check_by_id, d.odometer_out = now, actor.user_id, int(odometer_out)
        _touch(d, actor, now)
        return _done(uow, d, now)


def record_weather(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    weather: str,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.7: record the weather at departure. In severe weather the drive proceeds only
    with a sales manager's override and reason (given here, or later by override_weather)."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    reason = clean_text(override_reason)  # too long is said, never cut (issue #17.3)
    errors = [] if weather in WEATHER else [FieldError("weather", "unknown_value")]
    check_length(reason, "override_reason", MAX_TEXT, errors)
    if errors:
        raise ValidationFailed(errors)
    if reason:
        require(actor, Action.OVERRIDE_TEST_DRIVE_WEATHER)
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.weather, d.weather_at = weather, now
        severe = weather in SEVERE_WEATHER
        d.weather_override_reason = reason if severe and reason else None
        d.weather_override_by_id = actor.user_id if severe and reason else None
        _touch(d, actor, now)
        return _done(uow, d, now)


def override_weather(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, reason: str, now: dt.datetime | None = None
) -> TestDriveDTO:
    """A sales manager lets a drive proceed in severe weather, with a reason (4.2.4.7)."""
    require(actor, Action.OVERRIDE_TEST_DRIVE_WEATHER)
    now = now or utcnow()
    reason = clean_text(reason)  # too long is said, never cut (issue #17.3)
    errors = [FieldError("override_reason", "required")] if not reason else []
    check_length(reason, "override_reason", MAX_TEXT, errors)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        if d.weather not in SEVERE_WEATHER:
            raise ValidationFailed([FieldError("weather", "weather_not_severe")])
        d.weather_override_reason, d.weather_override_by_id = reason, actor.user_id
        _touch(d, actor, now)
        return _done(uow, d, now)


__all__ = [
    "DriveBlocked",
    "QualificationInput",
    "ReturnInput",
    "record_id_consent",
    "withdraw_id_consent",
    "record_qualification",
    "assign_escort",
    "confirm_terms",
    "record_check",
    "record_weather",
    "override_weather",
    "agreement_blockers",
    "sign_agreement",
    "drive_blockers",
    "start_drive",
    "record_return",
    "LICENCE_CLASSES",
    "start_blockers",
]
