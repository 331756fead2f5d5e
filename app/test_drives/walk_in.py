"""A walk-in test drive "now" (现场试驾, issue #17.4): when the chosen car is really free.

A walk-in takes the car's first free window from now, which may be hours away when the car
is booked back to back. Booked silently, such a drive is signed by both people and then
refused only at departure (outside its time window). So a walk-in books "now" only when the
car is free within WALK_IN_WAIT; otherwise the service refuses with the actual next free time
("walk_in_not_free_now"), and the desk first asks `walk_in_offer`: the next free time of this
car, and the other fleet cars free now (fit to drive today, 4.2.4.8). A later time is booked
only once the user has seen and confirmed it (`latest_start`: the time they confirmed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import store_today, to_store_time, utcnow
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.test_drives.dto import describe_vehicle
from app.test_drives.rules import MAX_DRIVE_MINUTES, MIN_DRIVE_MINUTES, fleet_problems
from app.test_drives.slots import first_free_start
from db.models import Vehicle
from db.drive_models import TestDriveCar
from db.uow import UnitOfWork

# A walk-in "now" may wait this long for its car (e.g. until the next half hour).
WALK_IN_WAIT = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class FreeCarDTO:
    """A fleet car free now for the walk-in's length."""

    car_id: int
    plate: str
    description: str


@dataclass(frozen=True)
class WalkInOfferDTO:
    """When the chosen car can go, and which other cars can go now."""

    car_id: int
    plate: str
    start: dt.datetime  # UTC, the car's first free start
    end: dt.datetime
    free_now: bool  # start within WALK_IN_WAIT: book it as "now"
    others_free_now: tuple[FreeCarDTO, ...]  # only looked up when the car is not free now


def _clock(moment: dt.datetime, now: dt.datetime) -> str:
    """Store-local time of day; with the date when it is not today."""
    local = to_store_time(moment)
    return local.strftime("%H:%M") if local.date() == store_today(now) else local.strftime("%Y-%m-%d %H:%M")


def walk_in_start(
    s, car_id: int, minutes: int, now: dt.datetime, latest_start: dt.datetime | None
) -> tuple[dt.datetime | None, FieldError | None]:
    """(start, None) of a walk-in on this car, or (None, why not): no free time at all, or
    the first free time is later than the user accepted (default: within WALK_IN_WAIT)."""
    start = first_free_start(s, car_id, minutes, now)
    if start is None:
        return None, FieldError("planned_start", "no_free_slot")
    if start > (latest_start or now + WALK_IN_WAIT):
        end = start + dt.timedelta(minutes=minutes)
        params = {"start": _clock(start, now), "end": _clock(end, now)}
        return None, FieldError("planned_start", "walk_in_not_free_now", params)
    return start, None


def _others_free_now(s, car_id: int, minutes: int, now: dt.datetime) -> tuple[FreeCarDTO, ...]:
    """The other fleet cars fit to drive today (4.2.4.8) and free within WALK_IN_WAIT."""
    found = []
    rows = s.execute(
        select(TestDriveCar, Vehicle)
        .join(Vehicle, Vehicle.id == TestDriveCar.vehicle_id)
        .where(TestDriveCar.id != car_id, TestDriveCar.active.is_(True))
        .order_by(TestDriveCar.plate)
    )
    for car, vehicle in rows:
        if fleet_problems(car, store_today(now)):
            continue
        start = first_free_start(s, car.id, minutes, now)
        if start is not None and start <= now + WALK_IN_WAIT:
            found.append(FreeCarDTO(car.id, car.plate, describe_vehicle(vehicle)))
    return tuple(found)


def walk_in_offer(
    uow: UnitOfWork, *, actor: Actor, car_id: int | None, minutes: int, now: dt.datetime | None = None
) -> WalkInOfferDTO:
    """What the desk shows before booking a walk-in: the car's first free window and, when
    that is not now, the other cars free now. Nothing is written."""
    require(actor, Action.BOOK_TEST_DRIVES)
    now = now or utcnow()
    minutes = int(minutes)
    if not MIN_DRIVE_MINUTES <= minutes <= MAX_DRIVE_MINUTES:
        raise ValidationFailed(
            [FieldError("minutes", "out_of_range", {"min": MIN_DRIVE_MINUTES, "max": MAX_DRIVE_MINUTES})]
        )
    with uow:
        s = uow.session
        car = s.get(TestDriveCar, car_id) if car_id is not None else None
        if car is None:
            raise ValidationFailed([FieldError("car_id", "required")])
        start = first_free_start(s, car.id, minutes, now)
        if start is None:
            raise ValidationFailed([FieldError("planned_start", "no_free_slot")])
        free_now = start <= now + WALK_IN_WAIT
        others = () if free_now else _others_free_now(s, car.id, minutes, now)
        return WalkInOfferDTO(car.id, car.plate, start, start + dt.timedelta(minutes=minutes), free_now, others)
