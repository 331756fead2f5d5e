"""Test-drive bookings (试乘试驾预约, issue #6.7): the calendar per fleet car and half-hour slot.

A booking holds one `test_drive_slot` row per half hour its time window touches; the unique
(car, slot) constraint refuses a second booking of the same car and slot, whichever terminal
makes it, on SQLite and PostgreSQL alike (the loser's INSERT fails at flush or waits for the
winner's commit and then fails). A walk-in takes the first free window from now.
A car with anything expired (4.2.4.8) or an inactive route (4.2.4.3) cannot be booked.

The steps from booking to return: drive_steps.py. Routes and fleet: fleet_setup.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from app.core.clock import store_day_bounds, store_today, utcnow
from app.test_drives.rules import ESCORT_YEARS, MAX_DRIVE_MINUTES, MIN_DRIVE_MINUTES, fleet_problems
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line, clean_text
from app.test_drives.dto import TestDriveDTO, drive_dto

# Escorts (4.2.4.4) live in their own module; re-exported for callers of this one.
from app.test_drives.escorts import eligible_escorts, escort_on_duty, escort_refusal
from app.test_drives.records import get_drive
from app.test_drives.slots import first_free_start, hold_slots, release_slots
from app.test_drives.walk_in import WALK_IN_WAIT, walk_in_offer, walk_in_start
from db.reception_models import Customer, Visit, VisitStatus
from db.drive_models import DriveStatus, TestDrive, TestDriveCar, TestDriveRoute
from db.uow import UnitOfWork

MAX_DAYS_AHEAD = 60
PAST_GRACE = dt.timedelta(minutes=5)  # a booking "now" typed a minute late is still fine
MAX_NAME = 60
MAX_REASON = 500


def book_test_drive(
    uow: UnitOfWork,
    *,
    actor: Actor,
    car_id: int | None,
    route_id: int | None,
    customer_name: str,
    planned_start: dt.datetime | None = None,
    minutes: int | None = None,
    planned_km: float | None = None,
    customer_id: int | None = None,
    visit_id: int | None = None,
    walk_in: bool = False,
    now: dt.datetime | None = None,
    request_key: str | None = None,
    latest_start: dt.datetime | None = None,
) -> TestDriveDTO:
    """Book a fleet car on a route for a time window. `walk_in=True` (no planned_start) takes
    the first free window from now, if it starts within WALK_IN_WAIT or no later than
    `latest_start` (the time the user was shown and confirmed, walk_in.py); else it is
    refused with the actual next free time, never booked hours ahead unseen (issue #17.4). Minutes default to the route's typical time, km to its
    distance (4.2.4.5: what the customer is told beforehand). A repeated `request_key` (a
    double click, a retry) returns the drive the first request booked (issue #16.2)."""
    require(actor, Action.BOOK_TEST_DRIVES)
    now = now or utcnow()
    errors: list[FieldError] = []
    with uow:
        s = uow.session
        first = first_record(s, request_key, "book_test_drive")
        if first is not None:
            return drive_dto(s, get_drive(s, first), now)
        visit, customer, name = _who(s, visit_id, customer_id, customer_name, errors)
        route = s.get(TestDriveRoute, route_id) if route_id is not None else None
        car = s.get(TestDriveCar, car_id) if car_id is not None else None
        _route_car_errors(route, car, errors)
        planned_start, minutes, km = _window(
            s, route, car, planned_start, minutes, planned_km, (walk_in, latest_start), now, errors
        )
        if errors or planned_start is None or car is None or route is None:
            raise ValidationFailed(errors)
        start = planned_start.replace(second=0, microsecond=0)
        drive = TestDrive(
            status=DriveStatus.BOOKED.value,
            car_id=car.id,
            route_id=route.id,
            customer_name=name,
            customer_id=customer.id if customer else None,
            visit_id=visit.id if visit else None,
            walk_in=bool(walk_in),
            planned_start=start,
            planned_end=start + dt.timedelta(minutes=minutes),
            planned_km=round(km, 1),
            booked_by_id=actor.user_id,
            created_at=now,
            updated_at=now,
            updated_by_id=actor.user_id,
        )
        _insert_holding_slots(uow, drive, actor, request_key, now)
        return drive_dto(s, drive, now)


def _who(s, visit_id: int | None, customer_id: int | None, customer_name: str, errors: list[FieldError]):
    """(visit, customer, name) the drive is for: a visit brings its customer, a customer their
    name; a name is required either way."""
    name = clean_line(customer_name)  # as pasted: line breaks, tabs, full-width spaces (issue #17.3)
    visit = s.get(Visit, visit_id) if visit_id is not None else None
    if visit_id is not None and visit is None:
        raise NotFound(what="visit", id=visit_id)
    if visit is not None:
        if visit.status == VisitStatus.FINISHED:
            errors.append(FieldError("visit_id", "visit_finished"))
        customer_id = customer_id or visit.customer_id
    customer = s.get(Customer, customer_id) if customer_id is not None else None
    if customer_id is not None and customer is None:
        raise NotFound(what="customer", id=customer_id)
    if not name and customer is not None and customer.name:
        name = customer.name
    if not name:
        errors.append(FieldError("customer_name", "required"))
    else:
        check_length(name, "customer_name", MAX_NAME, errors)
    return visit, customer, name


def _route_car_errors(route, car, errors: list[FieldError]) -> None:
    """A route and a car are chosen, and the route is in use (4.2.4.3)."""
    if route is None:
        errors.append(FieldError("route_id", "required"))
    elif not route.active:
        errors.append(FieldError("route_id", "route_inactive"))
    if car is None:
        errors.append(FieldError("car_id", "required"))


def _length_and_km(route, minutes: int | None, planned_km: float | None, errors: list[FieldError]) -> tuple[int, float]:
    """(minutes, km) of the drive, checked: default to the route's typical time and distance
    (4.2.4.5: what the customer is told beforehand)."""
    minutes = int(minutes if minutes is not None else (route.typical_minutes if route else 30))
    if not MIN_DRIVE_MINUTES <= minutes <= MAX_DRIVE_MINUTES:
        errors.append(FieldError("minutes", "out_of_range", {"min": MIN_DRIVE_MINUTES, "max": MAX_DRIVE_MINUTES}))
    km = float(planned_km if planned_km is not None else (route.distance_km if route else 0))
    if not 0 < km <= 200:
        errors.append(FieldError("planned_km", "out_of_range", {"min": 0.1, "max": 200}))
    return minutes, km


def _start_errors(car, planned_start: dt.datetime, now: dt.datetime) -> list[FieldError]:
    """A start not in the past, not too far ahead, on a day the car is fit (4.2.4.8)."""
    errors = []
    if planned_start < now - PAST_GRACE:
        errors.append(FieldError("planned_start", "in_past"))
    elif planned_start > now + dt.timedelta(days=MAX_DAYS_AHEAD):
        errors.append(FieldError("planned_start", "date_out_of_range", {"max_days": MAX_DAYS_AHEAD}))
    if car is not None:
        # 4.2.4.8: a car with anything expired on the day cannot be booked.
        errors += [FieldError("car_id", code) for code in fleet_problems(car, store_today(planned_start))]
    return errors


def _window(
    s,
    route,
    car,
    planned_start: dt.datetime | None,
    minutes: int | None,
    planned_km: float | None,
    walk_in: tuple[bool, dt.datetime | None],
    now: dt.datetime,
    errors: list[FieldError],
) -> tuple[dt.datetime | None, int, float]:
    """(start, minutes, km) of the booking, checked; a walk-in (flag, latest start accepted)
    takes the car's next free start if that is now or no later than accepted."""
    minutes, km = _length_and_km(route, minutes, planned_km, errors)
    if walk_in[0] and planned_start is None and car is not None and not errors:
        planned_start, refusal = walk_in_start(s, car.id, minutes, now, walk_in[1])
        if refusal is not None:
            errors.append(refusal)
    if planned_start is None:
        if not any(e.field == "planned_start" for e in errors):
            errors.append(FieldError("planned_start", "required"))
    else:
        errors += _start_errors(car, planned_start, now)
    return planned_start, minutes, km


def _insert_holding_slots(
    uow: UnitOfWork, drive: TestDrive, actor: Actor, request_key: str | None, now: dt.datetime
) -> None:
    """Insert the drive with its half-hour slots and commit; a slot another terminal took
    meanwhile is "slot_taken", whether the database says so at the flush or at the commit."""
    s = uow.session
    s.add(drive)
    try:
        s.flush()
        hold_slots(s, drive)
        remember(s, request_key, "book_test_drive", drive.id, actor_id=actor.user_id, now=now)
        s.flush()
    except IntegrityError:  # the slot was booked meanwhile (here or on another terminal)
        s.rollback()
        raise ValidationFailed([FieldError("planned_start", "slot_taken")]) from None
    try:
        commit(uow)
    except IntegrityError:  # SQLite may report the clash only at commit
        s.rollback()
        raise ValidationFailed([FieldError("planned_start", "slot_taken")]) from None


def reschedule_test_drive(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    planned_start: dt.datetime | None,
    minutes: int,
    car_id: int | None = None,
    route_id: int | None = None,
    planned_km: float | None = None,
    walk_in: bool = False,
    now: dt.datetime | None = None,
    latest_start: dt.datetime | None = None,
) -> TestDriveDTO:
    """Move a booked drive to another time, car or route (e.g. the paperwork of a walk-in
    took longer than its window). The old slots are freed and the new ones taken in one
    transaction. The customer's confirmation and a signed agreement name the old terms, so
    they no longer count (4.2.4.5): confirm and sign again. A move to "now" (walk_in) is
    refused like a walk-in booking when the car is not free now (issue #17.4)."""
    require(actor, Action.BOOK_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = get_drive(s, drive_id)
        check_version(d, expected_version)
        if d.status != DriveStatus.BOOKED:
            raise ShowroomError("test_drive_not_booked", status=d.status)
        errors: list[FieldError] = []
        car = s.get(TestDriveCar, car_id or d.car_id)
        route = s.get(TestDriveRoute, route_id or d.route_id)
        _route_car_errors(route, car, errors)
        minutes, km = _length_and_km(route, minutes, planned_km, errors)
        if errors or car is None or route is None:
            raise ValidationFailed(errors)
        release_slots(s, d)
        s.flush()
        start = _new_start(s, car, minutes, planned_start, (walk_in, latest_start), now)
        d.car_id, d.route_id, d.planned_km = car.id, route.id, round(km, 1)
        d.planned_start, d.planned_end = start, start + dt.timedelta(minutes=minutes)
        d.updated_at, d.updated_by_id = now, actor.user_id
        try:
            s.flush()
            hold_slots(s, d)
            s.flush()
            commit(uow)
        except IntegrityError:
            s.rollback()
            raise ValidationFailed([FieldError("planned_start", "slot_taken")]) from None
        return drive_dto(s, d, now)


def _new_start(
    s,
    car: TestDriveCar,
    minutes: int,
    planned_start: dt.datetime | None,
    walk_in: tuple[bool, dt.datetime | None],
    now: dt.datetime,
) -> dt.datetime:
    """The checked start of a moved booking (its old slots already freed)."""
    if walk_in[0] and planned_start is None:
        planned_start, refusal = walk_in_start(s, car.id, minutes, now, walk_in[1])
        if refusal is not None:
            raise ValidationFailed([refusal])
    if planned_start is None:
        raise ValidationFailed([FieldError("planned_start", "required")])
    if planned_start < now - PAST_GRACE:
        raise ValidationFailed([FieldError("planned_start", "in_past")])
    problems = fleet_problems(car, store_today(planned_start))
    if problems:
        raise ValidationFailed([FieldError("car_id", code) for code in problems])
    return planned_start.replace(second=0, microsecond=0)


def cancel_test_drive(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, reason: str, now: dt.datetime | None = None
) -> TestDriveDTO:
    """Cancel a booked drive (not one that has left) and free its slots."""
    require(actor, Action.BOOK_TEST_DRIVES)
    now = now or utcnow()
    reason = clean_text(reason)  # too long is said, never cut (issue #17.3)
    errors = [FieldError("reason", "required")] if not reason else []
    check_length(reason, "reason", MAX_REASON, errors)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        d = get_drive(s, drive_id)
        check_version(d, expected_version)
        if d.status != DriveStatus.BOOKED:
            raise ShowroomError("test_drive_not_booked", status=d.status)
        d.status, d.cancel_reason = DriveStatus.CANCELLED.value, reason
        d.updated_at, d.updated_by_id = now, actor.user_id
        release_slots(s, d)
        commit(uow)
        return drive_dto(s, d, now)


def list_test_drives(
    uow: UnitOfWork,
    *,
    actor: Actor,
    day: dt.date | None = None,
    car_id: int | None = None,
    include_cancelled: bool = False,
    now: dt.datetime | None = None,
) -> list[TestDriveDTO]:
    """The drives of a store-local day (default today), plus any still out from earlier."""
    require(actor, Action.VIEW_TEST_DRIVES)
    now = now or utcnow()
    start, end = store_day_bounds(day or store_today(now))
    with uow:
        s = uow.session
        stmt = (
            select(TestDrive)
            .where(
                or_(
                    (TestDrive.planned_start >= start) & (TestDrive.planned_start < end),
                    TestDrive.status == DriveStatus.OUT.value,
                )
            )
            .order_by(TestDrive.planned_start)
        )
        if car_id is not None:
            stmt = stmt.where(TestDrive.car_id == car_id)
        if not include_cancelled:
            stmt = stmt.where(TestDrive.status != DriveStatus.CANCELLED.value)
        return [drive_dto(s, d, now) for d in s.scalars(stmt)]


def get_test_drive(uow: UnitOfWork, *, actor: Actor, drive_id: int, now: dt.datetime | None = None) -> TestDriveDTO:
    require(actor, Action.VIEW_TEST_DRIVES)
    with uow:
        return drive_dto(uow.session, get_drive(uow.session, drive_id), now or utcnow())


__all__ = [
    "ESCORT_YEARS",
    "book_test_drive",
    "reschedule_test_drive",
    "cancel_test_drive",
    "list_test_drives",
    "get_test_drive",
    "eligible_escorts",
    "first_free_start",
    "walk_in_offer",
    "WALK_IN_WAIT",
    "escort_refusal",
    "escort_on_duty",
    "get_drive",
]
