"""A walk-in test drive "now" (issue #17.4; T/CSCA 120031-2023 4.2.4.5: the customer is told the
time window beforehand): the service books "now" only when the car is free now. When it is
not, it refuses with the car's actual next free time, nothing booked, and the offer lists the
other cars free now; a later time is booked only when the user accepted it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationFailed
from app.test_drives import booking as test_drives
from db import drive_models as tdm
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import NOW, add_fleet_car, book, world  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

LATE = NOW + dt.timedelta(hours=11, minutes=18)  # 21:18 in Shanghai


def _walk_in(w, now, **kw):
    kw.setdefault("car_id", w.car_id)
    return test_drives.book_test_drive(
        w.uow(), actor=w.desk, route_id=w.route_id, customer_name="张女士", walk_in=True, minutes=35, now=now, **kw
    )


def _drives(w) -> int:
    with w.uow() as u:
        return u.session.scalar(select(func.count()).select_from(tdm.TestDrive))


def _busy_until_23(w) -> None:
    """The car is booked 21:00-23:00 (the case of issue #17.4)."""
    book(w, NOW + dt.timedelta(hours=11), minutes=120, now=NOW)


def test_a_walk_in_now_on_a_car_busy_for_hours_is_refused_with_its_next_free_time(world):
    _busy_until_23(world)
    with pytest.raises(ValidationFailed) as exc:
        _walk_in(world, LATE)
    error = exc.value.for_field("planned_start")
    assert error.code == "walk_in_not_free_now"
    assert error.params == {"start": "23:00", "end": "23:35"}  # store time, as the user reads it
    assert _drives(world) == 1  # nothing booked


def test_a_walk_in_on_a_free_car_is_booked_now(world):
    drive = _walk_in(world, LATE)
    assert drive.planned_start == LATE.replace(second=0, microsecond=0) and drive.walk_in


def test_the_offer_shows_the_next_free_time_and_the_cars_free_now(world):
    _busy_until_23(world)
    other = add_fleet_car(world.uow, world.manager, plate="沪B54321")
    offer = test_drives.walk_in_offer(world.uow(), actor=world.desk, car_id=world.car_id, minutes=35, now=LATE)
    assert not offer.free_now
    assert offer.start == NOW + dt.timedelta(hours=13) and offer.end == offer.start + dt.timedelta(minutes=35)
    assert [(c.car_id, c.plate) for c in offer.others_free_now] == [(other, "沪B54321")]
    drive = _walk_in(world, LATE, car_id=other)
    assert drive.car_id == other and drive.planned_start <= LATE + test_drives.WALK_IN_WAIT


def test_a_later_time_is_booked_only_as_accepted_and_not_when_it_moved_on(world):
    _busy_until_23(world)
    offer = test_drives.walk_in_offer(world.uow(), actor=world.desk, car_id=world.car_id, minutes=35, now=LATE)
    # Someone else takes 23:00 meanwhile: the walk-in is refused again, not pushed further.
    book(world, offer.start, minutes=30, now=LATE, customer_name="黄先生")
    with pytest.raises(ValidationFailed) as exc:
        _walk_in(world, LATE, latest_start=offer.start)
    assert exc.value.for_field("planned_start").params["start"] == "23:30"
    # Accepted as shown: booked exactly then.
    later = test_drives.walk_in_offer(world.uow(), actor=world.desk, car_id=world.car_id, minutes=35, now=LATE)
    drive = _walk_in(world, LATE, latest_start=later.start)
    assert drive.planned_start == later.start == NOW + dt.timedelta(hours=13, minutes=30)


def test_moving_a_booking_to_now_is_refused_like_a_walk_in(world):
    _busy_until_23(world)
    other = add_fleet_car(world.uow, world.manager, plate="沪B54321")
    drive = _walk_in(world, LATE, car_id=other)
    with pytest.raises(ValidationFailed) as exc:
        test_drives.reschedule_test_drive(
            world.uow(),
            actor=world.desk,
            drive_id=drive.id,
            expected_version=drive.version,
            planned_start=None,
            minutes=35,
            car_id=world.car_id,
            walk_in=True,
            now=LATE,
        )
    assert exc.value.for_field("planned_start").code == "walk_in_not_free_now"
    with world.uow() as u:
        assert u.session.get(tdm.TestDrive, drive.id).car_id == other  # still where it was
