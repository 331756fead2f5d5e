"""Permission cases for Test drives (issue #6): one callable per Action, run by test_permissions.py as every role.

Each case performs the action as `actor` (`manager` is a sales manager for set-up); it must
raise PermissionDenied exactly when the matrix refuses the actor's role.
"""

from __future__ import annotations

import datetime as dt

from app.core.permissions import Action
from app.test_drives import fleet_setup as setup
from app.test_drives import drive_steps as steps
from app.test_drives import booking as test_drives
from app.inventory import vehicles
from tests.factories import vehicle_input


def _route(uow, manager, name="permission route"):
    from tests.integration.test_test_drives import route_input

    return setup.save_route(uow(), actor=manager, data=route_input(name))


def _papers(vehicle_id: int):
    """Fleet papers valid for a year from the real today (these cases run at the real time)."""
    from tests.integration.test_test_drives import fleet_input

    later = dt.date.today() + dt.timedelta(days=365)
    return fleet_input(
        vehicle_id,
        compulsory_insurance_until=later,
        commercial_insurance_until=later,
        inspection_until=later,
        registration_date=dt.date(2025, 1, 1),
        last_maintenance=None,
    )


def _car(uow, manager):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="test_drive_fleet"))
    return setup.save_fleet_car(uow(), actor=manager, data=_papers(v.id))


def _booking(uow, manager):
    route, car = _route(uow, manager), _car(uow, manager)
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    return test_drives.book_test_drive(
        uow(), actor=manager, car_id=car.id, route_id=route.id, customer_name="权限", planned_start=start, minutes=30
    )


def _view(uow, actor, manager, tmp_path):
    test_drives.list_test_drives(uow(), actor=actor)


def _routes(uow, actor, manager, tmp_path):
    _route(uow, actor, "route by actor")


def _fleet(uow, actor, manager, tmp_path):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="test_drive_fleet"))
    setup.save_fleet_car(uow(), actor=actor, data=_papers(v.id))


def _book(uow, actor, manager, tmp_path):
    route, car = _route(uow, manager), _car(uow, manager)
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    test_drives.book_test_drive(
        uow(), actor=actor, car_id=car.id, route_id=route.id, customer_name="权限", planned_start=start, minutes=30
    )


def _conduct(uow, actor, manager, tmp_path):
    d = _booking(uow, manager)
    steps.record_id_consent(uow(), actor=actor, drive_id=d.id, expected_version=d.version)


def _override(uow, actor, manager, tmp_path):
    d = _booking(uow, manager)
    d = steps.record_weather(uow(), actor=manager, drive_id=d.id, expected_version=d.version, weather="dense_fog")
    steps.override_weather(uow(), actor=actor, drive_id=d.id, expected_version=d.version, reason="雾已散")


TEST_DRIVE_CASES: dict = {
    Action.VIEW_TEST_DRIVES: _view,
    Action.MANAGE_TEST_DRIVE_ROUTES: _routes,
    Action.MANAGE_TEST_DRIVE_FLEET: _fleet,
    Action.BOOK_TEST_DRIVES: _book,
    Action.CONDUCT_TEST_DRIVES: _conduct,
    Action.OVERRIDE_TEST_DRIVE_WEATHER: _override,
}

# (action, error code) pairs a permitted role may still meet as a business-rule refusal.
TEST_DRIVE_RULE_REFUSALS: set = set()
