"""A terminal that writes as fast as it can, for the crash, backup and load tests (issue #8).

Run as a separate process:  python tests/reliability/writer.py URL MODE [options]

  vehicles  add cars through vehicles.add_vehicle (VINs from --start on)
  checkins  check walk-in visitors in through reception.check_in (notes carry --tag and i)
  cards     issue showroom cards for --vehicle-ids in turn through cards.issue_card
  bookings  book test drives of --car-id on --route-id, half-hour slots from tomorrow on,
            through test_drives.book_test_drive (another terminal may take a slot first:
            that is `ERR slot_taken`, the refusal a user sees)

After each write the service reported as committed it prints `OK <key>` and flushes, so a
parent that kills this process knows exactly which writes must survive. A failure that
would reach a user prints `ERR <code> <text>` (and the run goes on); the parent counts them.
Everything goes through the app's own services: nothing here writes to the database itself.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("mode", choices=("vehicles", "checkins", "cards", "bookings"))
    p.add_argument("--count", type=int, default=10**9)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--tag", default="w")
    p.add_argument("--username", required=True)
    p.add_argument("--vehicle-ids", default="")
    p.add_argument("--car-id", type=int, default=0)
    p.add_argument("--route-id", type=int, default=0)
    p.add_argument("--ready-file", default="")
    args = p.parse_args()

    from sqlalchemy import select
    from sqlalchemy.exc import DBAPIError

    from app.core.errors import ShowroomError
    from app.staff import auth
    from db.models import StaffUser
    from db.uow import Database

    db = Database(args.url)
    with db.uow() as uow:
        actor = auth.actor_of(uow.session.scalar(select(StaffUser).where(StaffUser.username == args.username)))
    step = _step(args, db, actor)
    if args.ready_file:
        Path(args.ready_file).write_text("ready")
    out = sys.stdout
    for i in range(args.count):
        try:
            key = step(i)
        except ShowroomError as e:
            out.write(f"ERR {e.code} {e}\n")
        except DBAPIError as e:  # what a user would have seen as "database error"
            out.write(f"ERR db {type(e.orig).__name__}: {str(e.orig).splitlines()[0][:120]}\n")
        else:
            out.write(f"OK {key}\n")
        out.flush()
    db.dispose()
    return 0


def _step(args, db, actor):
    if args.mode == "vehicles":
        from app.inventory import vehicles
        from tests.factories import make_vin, vehicle_input

        def add(i: int) -> str:
            vin = make_vin(args.start + i)
            vehicles.add_vehicle(db.uow(), actor=actor, data=vehicle_input(vin=vin))
            return vin

        return add
    if args.mode == "checkins":
        from sqlalchemy import select

        from app.reception.checkin import CheckInInput, check_in
        from db.reception_models import SourceChannel

        with db.uow() as uow:
            channel = uow.session.scalar(select(SourceChannel.id).where(SourceChannel.code == "walk_by"))

        def visit(i: int) -> str:
            tag = f"{args.tag}-{i}"
            r = check_in(db.uow(), actor=actor, data=CheckInInput(channel_id=channel, notes=tag))
            return f"{r.visit.id} {tag}"

        return visit
    if args.mode == "bookings":
        return _booking_step(args, db, actor)
    from app.showroom import cards

    ids = [int(x) for x in args.vehicle_ids.split(",") if x]

    def issue(i: int) -> str:
        vid = ids[i % len(ids)]
        c = cards.issue_card(db.uow(), actor=actor, vehicle_id=vid)
        return f"{vid} {c.card_number} {c.card_version}"

    return issue


def booking_start(i: int):
    """The i-th half-hour slot from tomorrow 09:00 store time (01:00 UTC), 16 a day."""
    import datetime as dt

    from app.core.clock import utcnow

    day = utcnow().replace(hour=1, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    return day + dt.timedelta(days=i // 16, minutes=30 * (i % 16))


def _booking_step(args, db, actor):
    from app.core.errors import ShowroomError, ValidationFailed
    from app.test_drives import booking as test_drives

    def book(i: int) -> str:
        try:
            d = test_drives.book_test_drive(
                db.uow(),
                actor=actor,
                car_id=args.car_id,
                route_id=args.route_id,
                customer_name=f"{args.tag}-{i}",
                planned_start=booking_start(i),
            )
        except ValidationFailed as e:
            if {fe.code for fe in e.errors} == {"slot_taken"}:
                raise ShowroomError("slot_taken") from None
            raise
        return f"{d.id} {args.tag}-{i}"

    return book


if __name__ == "__main__":
    t0 = time.monotonic()
    code = main()
    sys.stderr.write(f"writer done in {time.monotonic() - t0:.1f}s\n")
    sys.exit(code)
