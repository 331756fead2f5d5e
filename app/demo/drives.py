"""Demo test drives (issue #6): routes, the test-drive fleet, and a few drives.

Three routes filed with the (invented) Minhang traffic police reference, two of them active;
the demo's test_drive_fleet cars in the fleet register with blue or green plates, one whose
commercial insurance expires within 30 days (the page warns); yesterday's drive completed
through every step with a signed agreement, and two bookings (today, tomorrow). Everything
goes through the real services. Idempotent: does nothing once a route exists. Names and ID
numbers are invented (valid checksums, not real people).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import from_store_time, store_today
from app.test_drives import fleet_setup as setup
from app.test_drives import drive_steps as steps
from app.test_drives import booking as test_drives
from app.core.dto import SignatureCapture
from db.models import Vehicle, VehicleStatus
from db.drive_models import TestDriveRoute

ROUTES = (
    ("浦江镇短途线", "门店—浦锦路—浦星公路—陈行公路—返回门店，城市道路为主", 6.5, 20, True),
    ("浦星公路快速线", "门店—浦星公路—S20外环—闵浦大桥匝道—返回门店，含快速路", 14.0, 35, True),
    ("江月路旧线", "原路线，已因道路施工停用", 9.0, 25, False),
)
FILING_REF = "沪公交闵备〔{year}〕第{n:03d}号"
# (plate, transmission) by powertrain: ICE/HEV blue 7-character, NEV green 8-character.
PLATES = ("沪A7F201", "沪AD20518", "沪AF31862", "沪AD65503", "沪A5K930", "沪AD73316")
CUSTOMER = ("陈先生", "310104198805123455")


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return from_store_time(dt.datetime.combine(day, dt.time(hour, minute)))


def _signature(name: str, role: str, seed: int, at: dt.datetime) -> SignatureCapture:
    from app.demo import demo_signature

    strokes, png = demo_signature(seed)
    return SignatureCapture(name, role, at, strokes, png)


def add_test_drive_demo(db, manager, now) -> bool:
    """Add the demo data once; True when something was created."""
    with db.uow() as uow:
        if uow.session.scalar(select(TestDriveRoute.id).limit(1)) is not None:
            return False
        fleet = list(
            uow.session.scalars(
                select(Vehicle).where(Vehicle.status == VehicleStatus.TEST_DRIVE_FLEET.value).order_by(Vehicle.id)
            )
        )
        fleet_ids = [(v.id, v.powertrain) for v in fleet]
    today = store_today(now)
    routes = _add_routes(db, manager, now, today)
    cars = _add_fleet(db, manager, now, today, fleet_ids)
    if not cars:
        return True
    _completed_drive(db, manager, cars[-1].id, routes[0], today - dt.timedelta(days=1))
    for car, route, name, start in (
        (cars[0], routes[1], "林女士", _local(today, 16)),
        (cars[-1], routes[0], "黄先生", _local(today + dt.timedelta(days=1), 10, 30)),
    ):
        test_drives.book_test_drive(
            db.uow(),
            actor=manager,
            car_id=car.id,
            route_id=route.id,
            customer_name=name,
            planned_start=start,
            now=_local(today, 9),
        )
    return True


def _add_routes(db, manager, now, today: dt.date) -> list:
    """The three routes, filed with the traffic police (4.2.4.3); the last one inactive."""
    routes = []
    for n, (name, description, km, minutes, active) in enumerate(ROUTES, start=1):
        routes.append(
            setup.save_route(
                db.uow(),
                actor=manager,
                now=now,
                data=setup.RouteInput(
                    name=name,
                    description=description,
                    distance_km=km,
                    typical_minutes=minutes,
                    filing_ref=FILING_REF.format(year=today.year - 1, n=n + 40),
                    filing_date=today - dt.timedelta(days=200 - n),
                    active=active,
                ),
            )
        )
    return routes


def _add_fleet(db, manager, now, today: dt.date, vehicles: list[tuple[int, str | None]]) -> list:
    """The fleet register with blue or green plates, their papers and maintenance (4.2.4.8)."""
    blue = [p for p in PLATES if len(p) == 7]
    green = [p for p in PLATES if len(p) == 8]
    cars = []
    for i, (vehicle_id, powertrain) in enumerate(vehicles):
        plate = (green if powertrain in ("BEV", "PHEV") else blue).pop(0)
        # One car's commercial insurance runs out within 30 days: the page warns (4.2.4.8).
        commercial = today + dt.timedelta(days=18 if i == 0 else 240 + 30 * i)
        cars.append(
            setup.save_fleet_car(
                db.uow(),
                actor=manager,
                now=now,
                data=setup.FleetCarInput(
                    vehicle_id=vehicle_id,
                    plate=plate,
                    transmission="automatic",
                    registration_date=today - dt.timedelta(days=300 + 20 * i),
                    compulsory_insurance_until=today + dt.timedelta(days=65 + 30 * i),
                    commercial_insurance_until=commercial,
                    occupant_liability=True,
                    inspection_until=today + dt.timedelta(days=400),
                    signage_confirmed=True,
                    last_maintenance=today - dt.timedelta(days=20 + 5 * i),
                    # 4.2.4.8 maintained: the second car falls due within 30 days (the page warns).
                    maintenance_due=today + dt.timedelta(days=21 if i == 1 else 120 + 15 * i),
                ),
            )
        )
    return cars


def _completed_drive(db, manager, car_id: int, route, day: dt.date) -> None:
    """Yesterday 15:00: every step, the signed agreement, departure and return."""
    name, id_number = CUSTOMER
    at = _local(day, 14, 50)
    u = db.uow
    d = test_drives.book_test_drive(
        u(),
        actor=manager,
        car_id=car_id,
        route_id=route.id,
        customer_name=name,
        planned_start=_local(day, 15),
        now=_local(day, 14, 45),
    )
    kw = dict(actor=manager, drive_id=d.id, now=at)
    d = steps.record_id_consent(u(), expected_version=d.version, **kw)
    d = steps.record_qualification(
        u(),
        expected_version=d.version,
        **kw,
        data=steps.QualificationInput(
            id_type="resident_id",
            id_number=id_number,
            licence_class="C1",
            licence_first_issued=dt.date(2010, 7, 20),
            licence_valid_until=dt.date(2032, 7, 20),
        ),
    )
    d = steps.assign_escort(u(), expected_version=d.version, escort_id=manager.user_id, **kw)
    d = steps.confirm_terms(u(), expected_version=d.version, **kw)
    d = steps.record_check(
        u(),
        expected_version=d.version,
        odometer_out=3260,
        **kw,
        items={k: True for k in ("lights", "tyres", "energy", "signage", "warning_signs")},
    )
    d = steps.record_weather(u(), expected_version=d.version, weather="cloudy", **kw)
    d = steps.sign_agreement(
        u(),
        expected_version=d.version,
        **kw,
        signatures=[_signature(name, "customer", 7, at), _signature(manager.full_name, "escort", 3, at)],
    )
    d = steps.start_drive(u(), actor=manager, drive_id=d.id, expected_version=d.version, now=_local(day, 15, 2))
    steps.record_return(
        u(),
        actor=manager,
        drive_id=d.id,
        expected_version=d.version,
        now=_local(day, 15, 24),
        data=steps.ReturnInput(
            odometer_in=3267, damage_found=False, feedback="动力响应快，希望再试一次高速路段", intent_level="A"
        ),
    )
