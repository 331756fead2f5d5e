"""Test-drive set-up (issue #6.1, #6.2): plates, fleet expiry warnings, filed routes and their
one-page public notice, and the demo data. World builders: test_test_drives.py."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import ValidationFailed
from app.test_drives import fleet_setup as setup
from app.test_drives import booking as test_drives
from app.inventory import vehicles
from db.models import Role, StaffUser
from tests.factories import isolated_data_dir, make_staff, make_store, vehicle_input  # noqa: F401
from tests.integration.test_test_drives import (
    NOW,
    TODAY,
    _save_car,
    add_fleet_car,
    fleet_input,
    make_world,
    route_input,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def world(uow):
    return make_world(uow)


# --- fleet and routes set-up (issue #6.1, #6.2) -----------------------------------------------


def test_plates_are_validated_and_unusual_ones_only_warned(world):
    bad = vehicles.add_vehicle(
        world.uow(), actor=world.manager, data=vehicle_input(status="test_drive_fleet", powertrain="BEV")
    )
    with pytest.raises(ValidationFailed) as exc:
        setup.save_fleet_car(world.uow(), actor=world.manager, data=fleet_input(bad.id, plate="AB12345"))
    assert exc.value.for_field("plate").code == "plate_format"
    green = setup.save_fleet_car(world.uow(), actor=world.manager, data=fleet_input(bad.id, plate="沪AD12345"), now=NOW)
    assert green.plate_warnings == ()
    odd = add_fleet_car(world.uow, world.manager, plate="沪AK12345", powertrain="PHEV")
    car = next(c for c in setup.list_fleet(world.uow(), actor=world.manager, now=NOW) if c.id == odd)
    assert car.plate_warnings == ("plate_unusual",)


def test_fleet_warns_thirty_days_ahead_and_too_few_routes_is_flagged(world):
    _save_car(world, commercial_insurance_until=TODAY + dt.timedelta(days=20))
    warnings = setup.setup_warnings(world.uow(), actor=world.manager, now=NOW)
    assert warnings.expiring == (("沪A12345", "commercial_insurance_until", TODAY + dt.timedelta(days=20)),)
    assert not warnings.too_few_routes and warnings.unfit == ()
    route = next(r for r in setup.list_routes(world.uow(), actor=world.manager) if r.id == world.route2_id)
    setup.save_route(
        world.uow(),
        actor=world.manager,
        route_id=route.id,
        expected_version=route.version,
        data=route_input("外环高速线", active=False),
        now=NOW,
    )
    assert setup.setup_warnings(world.uow(), actor=world.manager, now=NOW).too_few_routes


def test_routes_need_a_police_filing_and_print_as_a_public_notice(world):
    import io

    from pypdf import PdfReader

    with pytest.raises(ValidationFailed) as exc:
        setup.save_route(
            world.uow(), actor=world.manager, now=NOW, data=route_input("新线", filing_ref="", filing_date=None)
        )
    assert {e.field for e in exc.value.errors} == {"filing_ref", "filing_date"}
    from app.demo import demo_signature  # any PNG will do as a map

    route = next(r for r in setup.list_routes(world.uow(), actor=world.manager) if r.id == world.route_id)
    setup.save_route(
        world.uow(),
        actor=world.manager,
        route_id=route.id,
        now=NOW,
        expected_version=route.version,
        data=route_input(map_image=demo_signature(4, width=800)[1]),
    )
    assert setup.route_map(world.uow(), actor=world.desk, route_id=route.id).startswith(b"\x89PNG")
    pdf = setup.render_route_notice(world.uow(), actor=world.desk, now=NOW)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1  # the map
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\n", "")
    assert "莘庄环线" in text and "沪公交闵备2026-018" in text and "外环高速线" in text


def test_the_demo_adds_routes_fleet_and_drives_once(uow, database):
    from app.demo.drives import add_test_drive_demo

    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周建国")
    with uow() as u:
        u.session.get(StaffUser, manager.user_id).licence_first_issued = dt.date(2010, 1, 1)
        u.commit()
    for powertrain in ("ICE", "BEV"):
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="test_drive_fleet", powertrain=powertrain))
    assert add_test_drive_demo(database, manager, NOW)
    assert not add_test_drive_demo(database, manager, NOW)
    warnings = setup.setup_warnings(uow(), actor=manager, now=NOW)
    # One car's commercial insurance runs out and the other falls due for maintenance within
    # 30 days (4.2.4.8): both are warned, neither is unfit yet.
    assert warnings.active_routes == 2 and warnings.unfit == ()
    assert sorted(field for _plate, field, _day in warnings.expiring) == [
        "commercial_insurance_until",
        "maintenance_due",
    ]
    plates = {c.plate: c.plate_warnings for c in setup.list_fleet(uow(), actor=manager, now=NOW)}
    assert plates == {"沪A7F201": (), "沪AD20518": ()}
    yesterday = test_drives.list_test_drives(uow(), actor=manager, day=TODAY - dt.timedelta(days=1), now=NOW)
    assert [(d.status, d.agreement_number is not None) for d in yesterday] == [("returned", True)]
    assert len(test_drives.list_test_drives(uow(), actor=manager, now=NOW)) == 1
