"""Step 7 of a test drive: departure (发车). Every condition of T/CSCA 120031-2023 4.2.4 is
re-checked at the moment the car leaves, not trusted from when its step was recorded: the
time window, qualification and consent (4.2.4.2), escort (4.2.4.4), the car's papers
(4.2.4.8), the check (4.2.4.6), route (4.2.4.3), confirmation (4.2.4.5), weather (4.2.4.7)
and the agreement (4.2.4.1). Re-exported by drive_steps.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.test_drives.dto import TestDriveDTO, drive_dto
from app.test_drives.escorts import escort_refusal
from app.test_drives.qualification import _done, _drive_for_step, _touch, qualification_problems, terms_of
from app.test_drives.records import car_of, get_drive, route_of
from app.test_drives.rules import CHECK_ITEMS, SEVERE_WEATHER, fleet_problems
from db.models import Document, StaffUser
from db.drive_models import DriveStatus, TestDrive
from db.uow import UnitOfWork

START_EARLY = dt.timedelta(minutes=30)  # a drive may leave up to half an hour early
START = "start_test_drive"  # the request-key operation of a departure


class DriveBlocked(ValidationFailed):
    """The drive may not start: every condition that fails is listed (field = the step)."""

    code = "test_drive_blocked"


def start_blockers(session, d: TestDrive, now: dt.datetime) -> list[FieldError]:
    """Every condition of 4.2.4 that does not hold now; empty means the drive may start.
    Each step is re-checked here, at departure, not trusted from when it was recorded."""
    day = store_today(now)
    car, route = car_of(session, d), route_of(session, d)
    out: list[FieldError] = []
    if now < d.planned_start - START_EARLY or now >= d.planned_end:
        out.append(FieldError("time", "outside_time_window"))
    out += [FieldError("qualification", c) for c in qualification_problems(d, car.transmission, day)]
    if d.id_consent_at is None:
        out.append(FieldError("id_consent", "id_consent_required"))
    if d.escort_id is None:
        out.append(FieldError("escort", "escort_missing"))
    else:
        code = escort_refusal(session, session.get(StaffUser, d.escort_id), day)
        if code:
            out.append(FieldError("escort", code))
        elif (
            session.scalar(
                select(TestDrive.id).where(
                    TestDrive.escort_id == d.escort_id, TestDrive.status == DriveStatus.OUT.value, TestDrive.id != d.id
                )
            )
            is not None
        ):
            out.append(FieldError("escort", "escort_busy"))  # already out on another drive
    out += [FieldError("car", c) for c in fleet_problems(car, day)]
    busy = session.scalar(
        select(TestDrive.id).where(
            TestDrive.car_id == d.car_id, TestDrive.status == DriveStatus.OUT.value, TestDrive.id != d.id
        )
    )
    if busy is not None:
        out.append(FieldError("car", "car_in_use"))
    items = d.check_items or {}
    if d.check_at is None or not all(items.get(k) for k in CHECK_ITEMS) or d.odometer_out is None:
        out.append(FieldError("check", "check_incomplete"))
    if not route.active:
        out.append(FieldError("route", "route_inactive"))
    if d.confirmed_at is None or d.confirmed_terms != terms_of(d):
        out.append(FieldError("confirmation", "terms_not_confirmed"))
    if d.weather is None:
        out.append(FieldError("weather", "weather_missing"))
    elif d.weather in SEVERE_WEATHER and not d.weather_override_reason:
        out.append(FieldError("weather", "weather_override_required"))
    if d.agreement_document_id is None:
        out.append(FieldError("agreement", "agreement_missing"))
    else:
        doc = session.get(Document, d.agreement_document_id)
        if doc is None or doc.voided_at is not None:
            out.append(FieldError("agreement", "agreement_voided"))
        elif d.agreement_terms != terms_of(d):
            out.append(FieldError("agreement", "agreement_outdated"))
    return out


def drive_blockers(uow: UnitOfWork, *, actor: Actor, drive_id: int, now: dt.datetime | None = None) -> list[FieldError]:
    """What still stands between this drive and departure (for the wizard's checklist)."""
    require(actor, Action.VIEW_TEST_DRIVES)
    with uow:
        return start_blockers(uow.session, get_drive(uow.session, drive_id), now or utcnow())


def start_drive(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    now: dt.datetime | None = None,
    request_key: str | None = None,
) -> TestDriveDTO:
    """Dispatch the car. Refused (DriveBlocked, nothing written) unless every condition holds.
    The car row's version is bumped in the same transaction, so two terminals dispatching
    the same car at once cannot both succeed (the loser gets Conflict). A repeated
    `request_key` (a double click, a retry after a lost answer) returns the drive as the first
    request started it, never a conflict with itself (issue #16.2)."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        first = first_record(s, request_key, START)
        if first is not None:
            return drive_dto(s, get_drive(s, first), now)
        d = _drive_for_step(s, drive_id, expected_version)
        car = car_of(s, d)
        car.updated_at = now  # version bump: serialises departures of this car
        s.flush()
        blockers = start_blockers(s, d, now)
        if blockers:
            raise DriveBlocked(blockers)
        d.status, d.actual_start, d.started_by_id = DriveStatus.OUT.value, now, actor.user_id
        _touch(d, actor, now)
        remember(s, request_key, START, d.id, actor_id=actor.user_id, now=now)  # same transaction
        return _done(uow, d, now)
