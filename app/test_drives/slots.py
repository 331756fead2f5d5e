"""The half-hour calendar of the test-drive fleet (试乘试驾排期, issue #6.7).

A booking holds one `test_drive_slot` row per half hour its window touches; the unique
(car, slot) constraint is what refuses a second booking of the same car and slot, on any
terminal. Here: which slots are taken, the first free window, holding and freeing slots.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from app.test_drives.rules import SLOT_MINUTES, slot_floor, slots_between
from db.drive_models import TestDrive, TestDriveSlot

WALK_IN_SEARCH = dt.timedelta(hours=12)


def _taken(session, car_id: int, start: dt.datetime, end: dt.datetime) -> set[dt.datetime]:
    return set(
        session.scalars(
            select(TestDriveSlot.slot_start).where(
                TestDriveSlot.car_id == car_id,
                TestDriveSlot.slot_start >= slot_floor(start),
                TestDriveSlot.slot_start < end,
            )
        )
    )


def first_free_start(session, car_id: int, minutes: int, after: dt.datetime) -> dt.datetime | None:
    """The earliest start ≥ `after` whose window [start, start + minutes) touches only free
    slots: `after` itself if possible, else the next slot boundary that works."""
    taken = _taken(session, car_id, after, after + WALK_IN_SEARCH + dt.timedelta(minutes=minutes))
    length = dt.timedelta(minutes=minutes)
    candidate = after.replace(second=0, microsecond=0)
    limit = after + WALK_IN_SEARCH
    while candidate <= limit:
        if not any(s in taken for s in slots_between(candidate, candidate + length)):
            return candidate
        candidate = slot_floor(candidate) + dt.timedelta(minutes=SLOT_MINUTES)
    return None


def hold_slots(session, drive: TestDrive) -> None:
    for slot in slots_between(drive.planned_start, drive.planned_end):
        session.add(TestDriveSlot(car_id=drive.car_id, slot_start=slot, test_drive_id=drive.id))


def release_slots(session, drive: TestDrive, after: dt.datetime | None = None) -> None:
    """Free the drive's slots (all, or those starting after `after`: an early return)."""
    stmt = delete(TestDriveSlot).where(TestDriveSlot.test_drive_id == drive.id)
    if after is not None:
        stmt = stmt.where(TestDriveSlot.slot_start > slot_floor(after))
    session.execute(stmt)
