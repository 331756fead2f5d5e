"""Every race between terminals reaches the caller as Conflict (issue #16.2): a unique key
taken meanwhile, a stale version, a busy database. Two terminals creating the same thing at
once get one record and one refusal the user can read, never a driver error."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from app.core.errors import Busy, Conflict, ValidationFailed
from app.inventory import vehicles
from db.models import Role, Vehicle
from db.races import retrying
from db.uow import Database
from tests.factories import make_user, make_vin, vehicle_input


def test_two_terminals_adding_the_same_vin_at_once_get_one_car_and_a_readable_refusal(db_url, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    terminals = [Database(db_url), Database(db_url)]
    outcomes: list[str] = []
    try:
        for serial in range(6):
            vin = make_vin(700 + serial)
            barrier = threading.Barrier(2)

            def add(database, vin=vin, barrier=barrier):
                barrier.wait()
                try:
                    vehicles.add_vehicle(database.uow(), actor=manager, data=vehicle_input(vin=vin))
                    outcomes.append("saved")
                except ValidationFailed as e:  # it saw the other's car: "VIN already exists"
                    outcomes.append(e.errors[0].code)
                except Conflict:  # it lost the race at its INSERT or commit
                    outcomes.append("conflict")
                except Exception as e:  # noqa: BLE001 - what this test is about
                    outcomes.append(f"raw {type(e).__name__}: {e}")

            threads = [threading.Thread(target=add, args=(t,)) for t in terminals]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
    finally:
        for t in terminals:
            t.dispose()
    assert not [o for o in outcomes if o.startswith("raw")], outcomes
    assert outcomes.count("saved") == 6 and len(outcomes) == 12
    with uow() as u:
        assert u.session.scalar(select(func.count()).select_from(Vehicle)) == 6


def test_a_unique_key_taken_meanwhile_is_a_conflict_naming_the_reason(uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=make_vin(801)))
    with pytest.raises(Conflict) as e:
        with uow() as u:  # as if the service's own check had run before the other's commit
            u.session.execute(update(Vehicle).where(Vehicle.id != v.id).values(vin=v.vin))
            u.session.add(Vehicle(**_copy(u.session.get(Vehicle, v.id))))
            u.session.flush()
    assert e.value.params["reason"] == "duplicate"
    assert not isinstance(e.value, Busy)


def _copy(v: Vehicle) -> dict:
    cols = [c.key for c in Vehicle.__table__.columns if c.key not in ("id", "version")]
    return {k: getattr(v, k) for k in cols}


def test_a_stale_version_at_commit_is_a_conflict(uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=make_vin(802)))
    with pytest.raises(Conflict) as e:
        with uow() as a, uow() as b:
            va, vb = a.session.get(Vehicle, v.id), b.session.get(Vehicle, v.id)
            va.notes = "A"
            a.commit()
            vb.notes = "B"
            b.commit()
    assert e.value.params["reason"] == "stale"


def test_inside_a_retry_loop_busy_errors_are_left_to_the_loop():
    with retrying():
        from db.races import write_race

        assert write_race(RuntimeError("x")) is None


def test_a_nul_character_is_bad_input_beside_its_field_on_every_database(uow):
    # PostgreSQL cannot store NUL in text; SQLite could. Either way the user gets the field.
    # Services clean pasted text first (issue #17.3 drops control characters), so the guard is
    # tried here on a write that skips the cleaning, as a future service might.
    from sqlalchemy import select

    from app.core.common import commit
    from db.models import Store
    from tests.factories import make_store

    make_store(uow)
    before = uow()
    with before as u:
        old = u.session.scalars(select(Store)).one().legal_name
    with pytest.raises(ValidationFailed) as e:
        with uow() as u:
            u.session.scalars(select(Store)).one().legal_name = "上海\x00汽车"
            commit(u)
    assert e.value.for_field("legal_name").code == "unstorable_character"
    with uow() as u:
        assert u.session.scalars(select(Store)).one().legal_name == old


def test_a_pasted_nul_character_is_dropped_like_any_control_character(uow):
    from app.store.store import get_store, update_store
    from tests.factories import make_store

    make_store(uow)
    admin = make_user(uow, Role.ADMIN)
    s = get_store(uow())
    update_store(
        uow(),
        actor=admin,
        expected_version=s.version,
        legal_name="上海\x00汽车",
        address=s.address,
        sales_hotline=s.sales_hotline,
        complaint_phone=s.complaint_phone,
        website=s.website,
    )
    assert get_store(uow()).legal_name == "上海汽车"


def test_a_price_beyond_the_column_is_refused_beside_the_field(uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=make_vin(803), price_fen=2**31))
    assert e.value.for_field("price_fen").code == "number_too_large"
