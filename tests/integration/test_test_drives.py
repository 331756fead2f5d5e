"""Test drives (试乘试驾, T/CSCA 120031-2023 4.2.4; issue #6): a drive starts only when every
condition holds, each condition alone refuses the start, the override path, the booking
calendar refuses a double booking (also from two terminals at once), the return.

The world builders here (`World`, `ready_drive`) are reused by the permission cases and the
pytest-qt run of a full drive.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import pytest
from sqlalchemy import update

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.test_drives import fleet_setup as setup
from app.test_drives import drive_steps as steps
from app.test_drives import booking as test_drives
from app.inventory import vehicles
from app.core.dto import Actor
from app.test_drives.drive_steps import DriveBlocked, QualificationInput, ReturnInput
from db import drive_models as tdm
from db.models import Role, StaffUser
from db.uow import Database
from tests.factories import (
    RECEPTION_NOW,
    isolated_data_dir,
    make_staff,  # noqa: F401
    make_store,
    on_duty,
    reception_defaults,
    signature_capture,
    vehicle_input,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

NOW = RECEPTION_NOW  # 10:00 in Shanghai
TODAY = dt.date(2026, 3, 10)
ID_NUMBER = "11010519491231002X"  # a valid resident ID (checksum), born 1949
OK = {k: True for k in ("lights", "tyres", "energy", "signage", "warning_signs")}


@dataclass
class World:
    uow: object
    manager: Actor
    desk: Actor
    consultant: Actor
    route_id: int
    car_id: int
    route2_id: int


def fleet_input(vehicle_id: int, **kw) -> setup.FleetCarInput:
    data = dict(
        vehicle_id=vehicle_id,
        plate="沪A12345",
        transmission="automatic",
        registration_date=dt.date(2025, 6, 1),
        compulsory_insurance_until=dt.date(2026, 12, 31),
        commercial_insurance_until=dt.date(2026, 12, 31),
        occupant_liability=True,
        inspection_until=dt.date(2027, 6, 1),
        last_maintenance=dt.date(2026, 2, 1),
        maintenance_due=dt.date(2029, 12, 31),  # far ahead: only the maintenance tests move it
        signage_confirmed=True,
    )
    data.update(kw)
    return setup.FleetCarInput(**data)


def route_input(name: str = "莘庄环线", **kw) -> setup.RouteInput:
    data = dict(
        name=name,
        distance_km=8.5,
        typical_minutes=25,
        filing_ref="沪公交闵备2026-018",
        filing_date=dt.date(2026, 1, 15),
        description="经沪闵路、莘朱路返回门店",
    )
    data.update(kw)
    return setup.RouteInput(**data)


def add_fleet_car(uow, manager, plate="沪A12345", powertrain="ICE", **kw) -> int:
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="test_drive_fleet", powertrain=powertrain))
    return setup.save_fleet_car(uow(), actor=manager, data=fleet_input(v.id, plate=plate, **kw), now=NOW).id


def make_world(uow) -> World:
    make_store(uow)
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周建国")
    desk = make_staff(uow, Role.RECEPTION)
    consultant = make_staff(uow, Role.CONSULTANT, full_name="王磊")
    with uow() as u:
        u.session.get(StaffUser, consultant.user_id).licence_first_issued = dt.date(2015, 4, 1)
        u.commit()
    on_duty(uow, desk, [consultant], now=NOW)
    r1 = setup.save_route(uow(), actor=manager, data=route_input(), now=NOW)
    r2 = setup.save_route(
        uow(), actor=manager, data=route_input("外环高速线", distance_km=15, typical_minutes=35), now=NOW
    )
    car = add_fleet_car(uow, manager)
    return World(uow, manager, desk, consultant, r1.id, car, r2.id)


@pytest.fixture()
def world(uow) -> World:
    return make_world(uow)


def book(w: World, start=NOW, **kw):
    kw.setdefault("car_id", w.car_id)
    kw.setdefault("route_id", w.route_id)
    return test_drives.book_test_drive(
        w.uow(),
        actor=kw.pop("actor", w.desk),
        customer_name=kw.pop("customer_name", "李先生"),
        planned_start=start,
        minutes=kw.pop("minutes", 30),
        now=kw.pop("now", NOW),
        **kw,
    )


def qualification(**kw) -> QualificationInput:
    data = dict(
        id_type="resident_id",
        id_number=ID_NUMBER,
        licence_class="C1",
        licence_first_issued=dt.date(2010, 5, 1),
        licence_valid_until=dt.date(2030, 5, 1),
    )
    data.update(kw)
    return QualificationInput(**data)


def drive_ready_to_sign(w: World, start=NOW, weather="fine", escort: Actor | None = None, **book_kw):
    """Book and complete every step before the agreement; returns the drive."""
    c, u = w.consultant, w.uow
    escort = escort or c
    d = book(w, start, **book_kw)
    d = steps.record_id_consent(u(), actor=c, drive_id=d.id, expected_version=d.version, now=NOW)
    d = steps.record_qualification(
        u(), actor=c, drive_id=d.id, expected_version=d.version, data=qualification(), now=NOW
    )
    d = steps.assign_escort(u(), actor=c, drive_id=d.id, expected_version=d.version, escort_id=escort.user_id, now=NOW)
    d = steps.confirm_terms(u(), actor=c, drive_id=d.id, expected_version=d.version, now=NOW)
    d = steps.record_check(
        u(), actor=c, drive_id=d.id, expected_version=d.version, items=OK, odometer_out=1200, now=NOW
    )
    return steps.record_weather(u(), actor=c, drive_id=d.id, expected_version=d.version, weather=weather, now=NOW)


def ready_drive(w: World, start=NOW, weather="fine", escort: Actor | None = None, **book_kw):
    """Book and complete every step before departure; returns the drive (not started)."""
    c, u = w.consultant, w.uow
    escort = escort or c
    d = drive_ready_to_sign(w, start, weather, escort, **book_kw)
    return steps.sign_agreement(
        u(),
        actor=c,
        drive_id=d.id,
        expected_version=d.version,
        signatures=[signature_capture("李先生", "customer", 1), signature_capture(escort.full_name, "escort", 2)],
        now=NOW,
    )


def start(w: World, d, now=NOW, actor=None):
    return steps.start_drive(w.uow(), actor=actor or w.consultant, drive_id=d.id, expected_version=d.version, now=now)


def codes(exc) -> set[str]:
    return {e.code for e in exc.value.errors}


def edit_drive(w: World, drive_id: int, **values) -> int:
    """Bad data put straight into the row (as a bug or another tool might): the start must
    still refuse. Returns the new version."""
    with w.uow() as u:
        u.session.execute(
            update(tdm.TestDrive)
            .where(tdm.TestDrive.id == drive_id)
            .values(version=tdm.TestDrive.version + 1, **values)
        )
        u.commit()
        return u.session.get(tdm.TestDrive, drive_id).version


# --- the compliant path ---------------------------------------------------------------------


def test_a_drive_with_every_step_done_starts_and_returns_4_2_4(world):
    d = ready_drive(world)
    assert test_drives.get_test_drive(world.uow(), actor=world.desk, drive_id=d.id).agreement_number
    out = start(world, d, NOW + dt.timedelta(minutes=2))
    assert out.status == "out" and out.actual_start is not None
    back = steps.record_return(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=28),
        data=ReturnInput(odometer_in=1209, damage_found=False, feedback="操控好", intent_level="A"),
    )
    assert back.status == "returned" and back.odometer_in == 1209 and not back.overdue


# --- each interlock alone blocks the start (issue #6.9) --------------------------------------

BLOCKS = {
    "qualification_missing": dict(qualified_at=None),
    "licence_expired": dict(licence_valid_until=TODAY - dt.timedelta(days=1)),
    "id_consent_required": dict(id_consent_at=None),
    "escort_missing": dict(escort_id=None),
    "check_incomplete": dict(check_items={**OK, "tyres": False}),
    "terms_not_confirmed": dict(confirmed_at=None),
    "weather_missing": dict(weather=None),
    "agreement_missing": dict(agreement_document_id=None),
    "licence_c2_manual": dict(licence_class="C2"),  # with the car made manual below
    "driver_under_18": dict(of_age_on=None),
    "permit_expired": dict(foreign_licence=True, permit_valid_until=TODAY - dt.timedelta(days=1)),
}


@pytest.mark.parametrize("code", sorted(BLOCKS))
def test_each_missing_or_bad_step_alone_refuses_the_start(world, code):
    d = ready_drive(world)
    if code == "licence_c2_manual":
        with world.uow() as u:
            u.session.get(tdm.TestDriveCar, world.car_id).transmission = "manual"
            u.commit()
    version = edit_drive(world, d.id, **BLOCKS[code])
    with pytest.raises(DriveBlocked) as exc:
        steps.start_drive(world.uow(), actor=world.consultant, drive_id=d.id, expected_version=version, now=NOW)
    assert codes(exc) == {code}
    assert test_drives.get_test_drive(world.uow(), actor=world.desk, drive_id=d.id).status == "booked"


def _save_car(world, **changes):
    car = next(c for c in setup.list_fleet(world.uow(), actor=world.manager, now=NOW))
    setup.save_fleet_car(
        world.uow(),
        actor=world.manager,
        car_id=car.id,
        expected_version=car.version,
        data=fleet_input(car.vehicle_id, **changes),
        now=NOW,
    )


@pytest.mark.parametrize(
    "changes, code",
    [
        (dict(compulsory_insurance_until=TODAY - dt.timedelta(days=1)), "compulsory_insurance_until_expired"),
        (dict(commercial_insurance_until=TODAY - dt.timedelta(days=1)), "commercial_insurance_until_expired"),
        (dict(inspection_until=TODAY - dt.timedelta(days=1)), "inspection_until_expired"),
        (dict(occupant_liability=False), "occupant_liability_missing"),
        (dict(signage_confirmed=False), "signage_not_confirmed"),
        (dict(active=False), "car_inactive"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_a_car_unfit_at_departure_is_not_dispatched_4_2_4_8(world, changes, code):
    d = ready_drive(world)
    _save_car(world, **changes)
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {code}


def test_an_escort_with_under_three_years_or_off_duty_blocks_4_2_4_4(world):
    d = ready_drive(world)
    with world.uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date(2024, 1, 1)
        u.commit()
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"escort_too_inexperienced"}
    with world.uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date(2015, 1, 1)
        u.commit()
    on_duty(world.uow, world.desk, [], now=NOW)  # nobody on duty any more
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"escort_not_on_duty"}


def test_an_inactive_route_blocks_4_2_4_3(world):
    d = ready_drive(world)
    route = next(r for r in setup.list_routes(world.uow(), actor=world.manager) if r.id == world.route_id)
    setup.save_route(
        world.uow(),
        actor=world.manager,
        route_id=route.id,
        expected_version=route.version,
        data=route_input(active=False),
        now=NOW,
    )
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"route_inactive"}


def test_a_voided_agreement_blocks_4_2_4_1(world):
    from app.documents.documents import void_document

    d = ready_drive(world)
    void_document(
        world.uow(), actor=world.manager, document_id=d.agreement_document_id, reason="signed on the wrong drive"
    )
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"agreement_voided"}


def test_the_car_still_out_on_an_earlier_drive_blocks_the_next(world):
    colleague = make_staff(world.uow, Role.CONSULTANT, full_name="李娜")
    with world.uow() as u:
        u.session.get(StaffUser, colleague.user_id).licence_first_issued = dt.date(2012, 1, 1)
        u.commit()
    on_duty(world.uow, world.desk, [world.consultant, colleague], now=NOW)
    first = ready_drive(world)
    start(world, first)
    second = ready_drive(world, start=NOW + dt.timedelta(minutes=30), escort=colleague)
    with pytest.raises(DriveBlocked) as exc:  # the first is overdue, not back yet
        start(world, second, NOW + dt.timedelta(minutes=35))
    assert codes(exc) == {"car_in_use"}


def test_outside_the_booked_window_the_drive_does_not_start(world):
    d = ready_drive(world)
    with pytest.raises(DriveBlocked) as exc:
        start(world, d, NOW + dt.timedelta(minutes=31))
    assert codes(exc) == {"outside_time_window"}


def test_everything_missing_is_listed_at_once(world):
    d = book(world)
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert {
        "qualification_missing",
        "id_consent_required",
        "escort_missing",
        "check_incomplete",
        "terms_not_confirmed",
        "weather_missing",
        "agreement_missing",
    } <= codes(exc)


# --- weather override (4.2.4.7) ---------------------------------------------------------------


def test_severe_weather_needs_a_sales_managers_override_with_a_reason(world):
    d = ready_drive(world, weather="heavy_rain")
    with pytest.raises(DriveBlocked) as exc:
        start(world, d)
    assert codes(exc) == {"weather_override_required"}
    with pytest.raises(PermissionDenied):
        steps.override_weather(
            world.uow(), actor=world.consultant, drive_id=d.id, expected_version=d.version, reason="雨已停"
        )
    with pytest.raises(ValidationFailed) as exc:
        steps.override_weather(world.uow(), actor=world.manager, drive_id=d.id, expected_version=d.version, reason=" ")
    assert codes(exc) == {"required"}
    d = steps.override_weather(
        world.uow(),
        actor=world.manager,
        drive_id=d.id,
        expected_version=d.version,
        reason="雨已转小，路线为封闭园区道路",
    )
    assert d.weather_override_reason
    assert start(world, d).status == "out"


# --- qualification rules (4.2.4.2, §5.1, §5.3) -----------------------------------------------


@pytest.mark.parametrize(
    "changes, field, code",
    [
        (dict(licence_class="D"), "licence_class", "licence_class_not_allowed"),
        (dict(licence_class="C3"), "licence_class", "licence_class_not_allowed"),
        (dict(licence_valid_until=dt.date(2026, 3, 9)), "licence_valid_until", "licence_expired"),
        (dict(id_number="110105194912310021"), "id_number", "ric_checksum"),
        (dict(id_number="110105201001010010"), "id_number", "driver_under_18"),
        (
            dict(
                id_type="passport",
                id_number="E12345678",
                birth_date=dt.date(1990, 1, 1),
                licence_number="X1234567",
                foreign_licence=True,
            ),
            "permit_number",
            "foreign_permit_required",
        ),
        (
            dict(
                id_type="passport",
                id_number="E12345678",
                birth_date=dt.date(1990, 1, 1),
                licence_number="X1234567",
                foreign_licence=True,
                permit_number="SH2026001",
                permit_valid_until=dt.date(2026, 3, 1),
            ),
            "permit_valid_until",
            "permit_expired",
        ),
        (dict(licence_number="110105199001011232"), "licence_number", "licence_number_mismatch"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_qualification_refuses_bad_documents_and_stores_nothing(world, changes, field, code):
    d = book(world)
    d = steps.record_id_consent(world.uow(), actor=world.consultant, drive_id=d.id, expected_version=d.version, now=NOW)
    with pytest.raises(ValidationFailed) as exc:
        steps.record_qualification(
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=d.version,
            data=qualification(**changes),
            now=NOW,
        )
    assert exc.value.for_field(field).code == code
    after = test_drives.get_test_drive(world.uow(), actor=world.desk, drive_id=d.id)
    assert not after.qualified and after.id_number_masked is None


def test_c2_is_refused_for_a_manual_car_and_accepted_for_an_automatic(world):
    manual = add_fleet_car(world.uow, world.manager, plate="沪B54321", transmission="manual")
    for car_id, ok in ((manual, False), (world.car_id, True)):
        d = book(world, car_id=car_id)
        d = steps.record_id_consent(
            world.uow(), actor=world.consultant, drive_id=d.id, expected_version=d.version, now=NOW
        )
        call = lambda: steps.record_qualification(  # noqa: E731
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=d.version,
            data=qualification(licence_class="C2"),
            now=NOW,
        )
        if ok:
            assert call().qualified
        else:
            with pytest.raises(ValidationFailed) as exc:
                call()
            assert exc.value.for_field("licence_class").code == "licence_c2_manual"


def test_no_number_is_recorded_without_the_separate_consent(world):
    d = book(world)
    with pytest.raises(ValidationFailed) as exc:
        steps.record_qualification(
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=d.version,
            data=qualification(),
            now=NOW,
        )
    assert exc.value.for_field("id_consent").code == "id_consent_required"


def test_only_qualified_escorts_can_be_chosen_4_2_4_4(world):
    novice = make_staff(world.uow, Role.CONSULTANT, full_name="新人")
    with world.uow() as u:
        u.session.get(StaffUser, novice.user_id).licence_first_issued = dt.date(2024, 6, 1)
        u.commit()
    on_duty(world.uow, world.desk, [world.consultant, novice], now=NOW)
    offered = {e.id for e in test_drives.eligible_escorts(world.uow(), actor=world.desk, now=NOW)}
    assert world.consultant.user_id in offered and novice.user_id not in offered
    d = book(world)
    with pytest.raises(ValidationFailed) as exc:
        steps.assign_escort(
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=d.version,
            escort_id=novice.user_id,
            now=NOW,
        )
    assert exc.value.for_field("escort_id").code == "escort_too_inexperienced"


# --- privacy: sealed at rest, masked on screen and paper (4.2.4.2, PIPL) ---------------------


def test_the_id_number_is_never_in_the_database_file_or_the_agreement(world, database):
    import io

    from pypdf import PdfReader

    from app.documents.documents import get_document_bytes, verify_document_bytes

    d = ready_drive(world)
    assert d.id_number_masked == "**************002X" and d.licence_number_masked == d.id_number_masked
    pdf = get_document_bytes(world.uow(), actor=world.consultant, document_id=d.agreement_document_id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = text.replace("\n", "")
    for needle in (
        "试乘试驾协议",
        "Test-drive agreement",
        "**************002X",
        "李先生",
        "王磊",
        "沪A12345",
        "莘庄环线",
        "保密",
        "confidential",
    ):
        assert needle in text, needle
    assert ID_NUMBER not in text
    assert verify_document_bytes(world.uow(), actor=world.consultant, pdf_bytes=pdf).status == "intact"
    if database.dialect == "sqlite":
        database.dispose()  # checkpoint the WAL into the file
        path = database.engine.url.database
        raw = open(path, "rb").read()
        assert ID_NUMBER.encode() not in raw and b"**************002X" in raw


# --- booking calendar (issue #6.7) -------------------------------------------------------------


def test_a_booked_slot_cannot_be_booked_again_and_walk_ins_take_a_free_one(world):
    book(world, NOW, minutes=60)
    with pytest.raises(ValidationFailed) as exc:
        book(world, NOW + dt.timedelta(minutes=30))
    assert exc.value.for_field("planned_start").code == "slot_taken"
    # Issue #17.4: the next free time (in 55 minutes) is booked only once the user accepted it.
    walk = test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="张女士",
        walk_in=True,
        minutes=30,
        now=NOW + dt.timedelta(minutes=5),
        latest_start=NOW + dt.timedelta(minutes=60),
    )
    assert walk.planned_start == NOW + dt.timedelta(minutes=60) and walk.walk_in


def test_two_terminals_booking_the_same_slot_at_once_only_one_wins(world, db_url):
    terminals = [Database(db_url), Database(db_url)]
    barrier, results = threading.Barrier(2), []

    def run(database):
        barrier.wait()
        try:
            results.append(
                test_drives.book_test_drive(
                    database.uow(),
                    actor=world.desk,
                    car_id=world.car_id,
                    route_id=world.route_id,
                    customer_name="并发",
                    planned_start=NOW,
                    minutes=30,
                    now=NOW,
                )
            )
        except ValidationFailed as e:
            results.append(e.errors[0].code)
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=run, args=(t,)) for t in terminals]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for t in terminals:
        t.dispose()
    assert sorted(map(type, results), key=str) and len(results) == 2
    assert sum(1 for r in results if not isinstance(r, str)) == 1
    assert [r for r in results if isinstance(r, str)] == ["slot_taken"]


def test_a_car_with_expired_papers_cannot_be_booked_and_cancelling_frees_the_slot(world):
    d = book(world)
    test_drives.cancel_test_drive(
        world.uow(), actor=world.desk, drive_id=d.id, expected_version=d.version, reason="客户改期"
    )
    assert book(world).status == "booked"  # the slot is free again
    _save_car(world, inspection_until=TODAY - dt.timedelta(days=2))
    with pytest.raises(ValidationFailed) as exc:
        book(world, NOW + dt.timedelta(hours=2))
    assert exc.value.for_field("car_id").code == "inspection_until_expired"


# --- return (issue #6.8) ---------------------------------------------------------------------


def test_return_checks_the_odometer_flags_overdue_and_counts_the_visit_3_13(world):
    from app.reception import reports as reception_reports
    from tests.factories import add_models, walk_in

    add_models(world.uow, world.manager, ("大众", "帕萨特"))
    arrival = walk_in(
        world.uow, world.desk, NOW, name="李先生", mobile="13912345678", interested_models=[["大众", "帕萨特"]]
    ).visit
    from app.reception.leads import create_lead

    lead = create_lead(
        world.uow(),
        actor=world.consultant,
        customer_id=arrival.customer_id,
        brand="大众",
        model="帕萨特",
        intent_level="B",
        now=NOW,
    )
    d = ready_drive(world, visit_id=arrival.id)
    assert d.customer_id == arrival.customer_id
    out = start(world, d)
    with pytest.raises(ValidationFailed) as exc:
        steps.record_return(
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=out.version,
            now=NOW + dt.timedelta(minutes=45),
            data=ReturnInput(odometer_in=1100, damage_found=None),
        )
    assert {e.field: e.code for e in exc.value.errors} == {
        "odometer_in": "odometer_below_out",
        "damage_found": "required",
    }
    back = steps.record_return(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=45),
        data=ReturnInput(odometer_in=1212, damage_found=False, feedback="想再看看内饰", intent_level="H"),
    )
    assert back.overdue  # planned end was 10:30
    from app.reception.leads import get_lead

    after = get_lead(world.uow(), actor=world.manager, lead_id=lead.id)
    assert (after.status, after.intent_level) == ("following", "H")
    kpi = reception_reports.month_kpi(world.uow(), actor=world.manager, month=TODAY, now=NOW + dt.timedelta(hours=1))
    assert kpi.test_drives == 1
    from db.reception_models import Visit

    with world.uow() as u:  # the return marked the visit as one with a test drive
        assert u.session.get(Visit, arrival.id).had_test_drive


def test_a_moved_booking_needs_a_new_confirmation_and_agreement_4_2_4_5(world):
    d = ready_drive(world)
    test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="占位",
        planned_start=NOW + dt.timedelta(minutes=60),
        minutes=30,
        now=NOW,
    )
    with pytest.raises(ValidationFailed) as exc:  # 11:00 is taken
        test_drives.reschedule_test_drive(
            world.uow(),
            actor=world.desk,
            drive_id=d.id,
            expected_version=d.version,
            minutes=30,
            planned_start=NOW + dt.timedelta(minutes=60),
            now=NOW,
        )
    assert exc.value.for_field("planned_start").code == "slot_taken"
    moved = test_drives.reschedule_test_drive(
        world.uow(),
        actor=world.desk,
        drive_id=d.id,
        expected_version=d.version,
        minutes=30,
        planned_start=NOW + dt.timedelta(minutes=30),
        now=NOW,
    )
    with pytest.raises(DriveBlocked) as exc:
        start(world, moved, NOW + dt.timedelta(minutes=30))
    assert codes(exc) == {"terms_not_confirmed", "agreement_outdated"}
    assert book(world, NOW).status == "booked"  # the old slot was freed


def test_an_escort_already_out_cannot_accompany_a_second_car(world):
    other = add_fleet_car(world.uow, world.manager, plate="沪C11223")
    first = ready_drive(world)
    start(world, first)
    second = ready_drive(world, car_id=other)
    with pytest.raises(DriveBlocked) as exc:
        start(world, second)
    assert codes(exc) == {"escort_busy"}


def test_a_completed_drive_booked_without_a_visit_still_counts_3_13(world):
    from app.reception import reports as reception_reports

    d = ready_drive(world)
    out = start(world, d)
    # Taken at an instant, the figure counts what had happened by then (docs/kpis_design.md, as_of).
    kpi = lambda at: (  # noqa: E731
        reception_reports.month_kpi(world.uow(), actor=world.manager, month=TODAY, now=at).test_drives
    )
    assert kpi(NOW) == 0  # still out: not completed yet
    steps.record_return(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=20),
        data=ReturnInput(odometer_in=1205, damage_found=False),
    )
    assert kpi(NOW + dt.timedelta(minutes=30)) == 1
    assert kpi(NOW + dt.timedelta(minutes=10)) == 0  # asked as of before the return: not yet


def test_a_visit_ended_without_the_tick_still_counts_its_completed_drive_3_13(world):
    from app.reception import reports as reception_reports, visits as reception_visits
    from db.reception_models import Visit
    from tests.factories import walk_in

    arrival = walk_in(world.uow, world.desk, NOW).visit
    d = ready_drive(world, visit_id=arrival.id)
    out = start(world, d)
    steps.record_return(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=20),
        data=ReturnInput(odometer_in=1205, damage_found=False),
    )
    with world.uow() as u:
        version = u.session.get(Visit, arrival.id).version  # the return ticked had_test_drive
    # The consultant ends the visit without ticking "had a test drive": the drive still counts.
    reception_visits.end_visit(
        world.uow(),
        actor=world.manager,
        visit_id=arrival.id,
        expected_version=version,
        outcome="information",
        intent_level="B",
        had_test_drive=False,
        now=NOW + dt.timedelta(minutes=40),
    )
    kpi = reception_reports.month_kpi(world.uow(), actor=world.manager, month=TODAY, now=NOW + dt.timedelta(hours=1))
    assert kpi.test_drives == 1
    with world.uow() as u:  # ending the visit without the tick keeps the return's flag
        assert u.session.get(Visit, arrival.id).had_test_drive
