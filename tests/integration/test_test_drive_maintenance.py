"""A test car must be maintained (T/CSCA 120031-2023 4.2.4.8; issue #17): the fleet register
keeps the day the next maintenance is due. A car past it is neither booked nor sent out,
exactly like one whose insurance has lapsed; a car whose due date was never entered (rows
from before migration 0016) is not either; the page warns 30 days ahead. Migration 0016 goes
down and up.
"""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text

from app.core.errors import ValidationFailed
from app.test_drives import booking as test_drives
from app.test_drives import fleet_setup as setup
from app.test_drives.drive_steps import DriveBlocked
from app.test_drives.walk_in import walk_in_offer
from db.migrate import alembic_config, current_revision, head_revision
from db.session import make_engine
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import (
    NOW,
    TODAY,
    _save_car,
    add_fleet_car,
    book,
    codes,
    fleet_input,
    make_world,
    ready_drive,
    start,
)
from app.inventory import vehicles
from tests.factories import vehicle_input

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def world(uow):
    return make_world(uow)


def _forget_due_date(world) -> None:
    """The car as migration 0016 leaves a car registered before it: no due date on record."""
    with world.uow() as u:
        u.session.execute(text("UPDATE test_drive_car SET maintenance_due = NULL, version = version + 1"))
        u.commit()


def test_4_2_4_8_a_car_overdue_for_maintenance_cannot_be_booked(world):
    _save_car(world, maintenance_due=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationFailed) as exc:
        book(world, NOW + dt.timedelta(hours=2))
    assert exc.value.for_field("car_id").code == "maintenance_overdue"
    with pytest.raises(ValidationFailed) as exc:
        book(world, None, walk_in=True)
    assert exc.value.for_field("car_id").code == "maintenance_overdue"
    car = setup.list_fleet(world.uow(), actor=world.manager, now=NOW)[0]
    assert not car.bookable and car.problems == ("maintenance_overdue",)
    assert setup.list_fleet(world.uow(), actor=world.manager, now=NOW, bookable_only=True) == []


def test_4_2_4_8_due_today_is_not_yet_overdue(world):
    _save_car(world, maintenance_due=TODAY)
    assert book(world).status == "booked"


def test_4_2_4_8_a_car_that_fell_due_after_booking_is_not_sent_out(world):
    d = ready_drive(world)  # booked, qualified, checked and signed while the car was in order
    _save_car(world, maintenance_due=TODAY - dt.timedelta(days=1))
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"maintenance_overdue"}
    # Serviced, with the next due date entered: the same drive leaves, no new signature needed.
    _save_car(world, maintenance_due=TODAY + dt.timedelta(days=180), last_maintenance=TODAY)
    again = test_drives.get_test_drive(world.uow(), actor=world.desk, drive_id=d.id)
    assert start(world, again).status == "out"


def test_4_2_4_8_a_due_date_never_entered_blocks_until_the_manager_enters_it(world):
    d = ready_drive(world)
    _forget_due_date(world)
    with pytest.raises(ValidationFailed) as exc:
        book(world, NOW + dt.timedelta(hours=2))
    assert exc.value.for_field("car_id").code == "maintenance_due_missing"
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"maintenance_due_missing"}
    warnings = setup.setup_warnings(world.uow(), actor=world.manager, now=NOW)
    assert warnings.unfit == (("沪A12345", ("maintenance_due_missing",)),)


def test_4_2_4_8_the_register_requires_the_next_due_date(world):
    v = vehicles.add_vehicle(world.uow(), actor=world.manager, data=vehicle_input(status="test_drive_fleet"))
    with pytest.raises(ValidationFailed) as exc:
        setup.save_fleet_car(
            world.uow(), actor=world.manager, data=fleet_input(v.id, plate="沪B54321", maintenance_due=None), now=NOW
        )
    assert exc.value.for_field("maintenance_due").code == "required"
    # An overdue date is recorded as it is (the register shows the truth), and only blocks.
    car = setup.save_fleet_car(
        world.uow(),
        actor=world.manager,
        data=fleet_input(v.id, plate="沪B54321", maintenance_due=TODAY - dt.timedelta(days=3)),
        now=NOW,
    )
    assert car.maintenance_due == TODAY - dt.timedelta(days=3) and car.problems == ("maintenance_overdue",)


def test_4_2_4_8_maintenance_falling_due_within_30_days_is_warned(world):
    _save_car(world, maintenance_due=TODAY + dt.timedelta(days=12))
    warnings = setup.setup_warnings(world.uow(), actor=world.manager, now=NOW)
    assert warnings.expiring == (("沪A12345", "maintenance_due", TODAY + dt.timedelta(days=12)),)
    assert warnings.unfit == ()


def test_4_2_4_8_a_walk_in_is_offered_only_a_maintained_car(world):
    other = add_fleet_car(world.uow, world.manager, plate="沪B65432")
    overdue = add_fleet_car(world.uow, world.manager, plate="沪C76543", maintenance_due=TODAY - dt.timedelta(days=1))
    book(world)  # the first car is taken now: the desk is offered a car free now
    offer = walk_in_offer(world.uow(), actor=world.desk, car_id=world.car_id, minutes=30, now=NOW)
    offered = {c.car_id for c in offer.others_free_now}
    assert other in offered and overdue not in offered


def _downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def _columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns("test_drive_car")}
    finally:
        engine.dispose()


def test_migration_0016_adds_the_due_date_unknown_for_existing_cars_and_goes_down_and_up(world, database, db_url):
    database.dispose()
    _downgrade(db_url, "0015")
    try:
        assert "maintenance_due" not in _columns(db_url)
        command.upgrade(alembic_config(db_url), "0016")
        assert "maintenance_due" in _columns(db_url)
        # The car registered before 0016 has no due date: unknown, so not bookable (4.2.4.8).
        car = setup.list_fleet(world.uow(), actor=world.manager, now=NOW)[0]
        assert car.maintenance_due is None and "maintenance_due_missing" in car.problems
        database.dispose()
        _downgrade(db_url, "0015")
        assert "maintenance_due" not in _columns(db_url)
    finally:
        command.upgrade(alembic_config(db_url), "head")
    assert current_revision(db_url) == head_revision()
