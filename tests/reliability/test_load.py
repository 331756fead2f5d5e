"""Several terminals at once (issue #8.3): desks checking visitors in from separate processes,
while two more issue showroom cards for the same cars, end with exactly the expected rows, no
duplicates, and no database error (deadlock, "database is locked") reaching a user.

PostgreSQL: 8 processes x 500 check-ins. SQLite: 4 processes on one file. The figures are
printed. SHOWROOM_LOAD_CHECKINS overrides the check-ins per process (e.g. for a quick run).
Two more terminals book the same test-drive car for the same half-hour slots (issue #6): each
slot ends up booked exactly once, the loser sees "slot taken", nothing else.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.showroom import cards, cards_floor
from app.inventory import vehicles
from db.card_models import CardStatus, VehicleCard
from db.models import Role
from db.reception_models import Visit
from db.drive_models import TestDrive, TestDriveSlot
from tests.conftest import PG_URL
from tests.factories import (
    isolated_data_dir,
    make_consultants,
    make_staff,  # noqa: F401
    make_store,
    make_user,
    on_duty,
    reception_defaults,
    vehicle_input,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
WRITER = Path(__file__).with_name("writer.py")


def _spawn(url: str, mode: str, username: str, **opts) -> subprocess.Popen:
    cmd = [sys.executable, str(WRITER), url, mode, "--username", username]
    for k, v in opts.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _collect(procs: list[subprocess.Popen], timeout: float) -> tuple[list[str], list[str]]:
    oks, errs = [], []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        assert p.returncode == 0, err[-2000:]
        for line in out.splitlines():
            (oks if line.startswith("OK ") else errs).append(line)
    return oks, errs


def _fleet_car_and_route(uow, manager) -> tuple[int, int]:
    import datetime as dt

    from app.test_drives import fleet_setup as setup
    from tests.integration.test_test_drives import fleet_input, route_input

    later = utcnow().date() + dt.timedelta(days=400)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="test_drive_fleet"))
    car = setup.save_fleet_car(
        uow(),
        actor=manager,
        data=fleet_input(
            v.id, compulsory_insurance_until=later, commercial_insurance_until=later, inspection_until=later
        ),
    )
    route = setup.save_route(uow(), actor=manager, data=route_input())
    return car.id, route.id


def run_load(
    db_url, uow, *, processes: int, per_process: int, card_processes: int = 2, cards_each: int = 4, bookings: int = 32
) -> None:
    make_store(uow)
    reception_defaults(uow)
    cards_floor.ensure_default_floor(uow())
    manager = make_user(uow, Role.SALES_MANAGER, username="load.manager")
    desks = [make_staff(uow, Role.RECEPTION, username=f"load.desk{i}") for i in range(processes)]
    on_duty(uow, desks[0], make_consultants(uow, 6), now=utcnow())
    cars = [vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display")).id for _ in range(2)]
    cards.issue_card(uow(), actor=manager, vehicle_id=cars[0])  # the store's certificate exists
    car_id, route_id = _fleet_car_and_route(uow, manager)

    t0 = time.monotonic()
    procs = [_spawn(db_url, "checkins", d.username, count=per_process, tag=f"desk{i}") for i, d in enumerate(desks)]
    card_procs = [
        _spawn(db_url, "cards", "load.manager", count=cards_each, vehicle_ids=",".join(map(str, cars)))
        for _ in range(card_processes)
    ]
    booking_procs = [
        _spawn(db_url, "bookings", "load.manager", count=bookings, tag=f"book{i}", car_id=car_id, route_id=route_id)
        for i in range(2)
    ]
    oks, errs = _collect(procs, timeout=300)
    card_oks, card_errs = _collect(card_procs, timeout=300)
    booking_oks, booking_errs = _collect(booking_procs, timeout=300)
    elapsed = time.monotonic() - t0
    with uow() as u:
        drives = u.session.scalar(select(func.count(TestDrive.id)))
        slot_rows = u.session.execute(select(TestDriveSlot.car_id, TestDriveSlot.slot_start)).all()
    booking_failures = [e for e in booking_errs if not e.startswith("ERR slot_taken")]
    print(
        f"\ntest-drive bookings: 2 terminals x {bookings} slots; booked {len(booking_oks)}, "
        f"refused as taken {len(booking_errs) - len(booking_failures)}, drives {drives}, "
        f"double-booked slots {len(slot_rows) - len(set(slot_rows))}, other errors "
        f"{len(booking_failures)}"
    )
    assert booking_failures == [], booking_failures[:5]
    assert drives == len(booking_oks) == bookings  # each slot exactly once
    assert len(slot_rows) == len(set(slot_rows))

    expected = {f"desk{i}-{n}" for i in range(processes) for n in range(per_process)}
    with uow() as u:
        notes = [n for (n,) in u.session.execute(select(Visit.notes))]
        current = dict(
            u.session.execute(
                select(VehicleCard.vehicle_id, func.count())
                .where(VehicleCard.status == CardStatus.CURRENT.value)
                .group_by(VehicleCard.vehicle_id)
            ).all()
        )
    counts = collections.Counter(notes)
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    missing = expected - set(counts)
    reported = {line.split()[2] for line in oks}
    lost = reported - set(counts)
    # 一车一卡: two terminals issuing the same car at once may see "issued on another terminal"
    # (a Conflict with Reload, by design); any other error would be a failure reaching a user.
    user_errors = errs + [e for e in card_errs if not e.startswith("ERR conflict")]
    print(
        f"\nload on {'PostgreSQL' if PG_URL else 'SQLite'}: {processes} processes x "
        f"{per_process} check-ins in {elapsed:.1f} s; rows expected {len(expected)}, found "
        f"{len(notes)}, duplicates {duplicates}, lost {len(lost)}, errors reaching a user "
        f"{len(user_errors)}; cards issued {len(card_oks)}, card conflicts "
        f"{len(card_errs) - len([e for e in user_errors if e in card_errs])}, "
        f"current cards per car {sorted(current.values())}"
    )
    assert user_errors == [], user_errors[:5]
    assert len(oks) == len(expected) and not missing and not lost
    assert duplicates == 0 and len(notes) == len(expected)
    assert current == {cars[0]: 1, cars[1]: 1}, current  # exactly one current card per car


@pytest.mark.slow
@pytest.mark.skipif(
    not PG_URL,
    reason="8 terminals need PostgreSQL (the multi-terminal set-up); "
    "the SQLite pass runs test_four_processes_on_one_sqlite_file",
)
def test_eight_terminals_check_in_500_visitors_each_on_postgresql(db_url, uow):
    run_load(db_url, uow, processes=8, per_process=int(os.environ.get("SHOWROOM_LOAD_CHECKINS", 500)))


@pytest.mark.slow
@pytest.mark.skipif(
    bool(PG_URL), reason="one SQLite file shared by processes on one PC; the PostgreSQL pass runs the 8-terminal test"
)
def test_four_processes_on_one_sqlite_file(db_url, uow):
    run_load(db_url, uow, processes=4, per_process=int(os.environ.get("SHOWROOM_LOAD_CHECKINS", 250)))
