"""Step 8 of a test drive: the return (还车). Odometer in, actual times, damage check,
feedback and intent (4.2.4.5); a late return is flagged overdue (4.2.4.7); the visit counts
toward the test-drive rate (3.13) and the customer's lead learns the model and intent.
Re-exported by drive_steps.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.clock import utcnow
from app.core.common import check_version
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import check_length, clean_text
from app.test_drives.slots import release_slots
from app.test_drives.dto import TestDriveDTO
from app.test_drives.qualification import _done, _touch
from app.test_drives.records import car_of, get_drive
from db.models import Vehicle
from db.reception_models import Visit
from db.drive_models import DriveStatus, TestDrive
from db.uow import UnitOfWork

MAX_TEXT = 1000


@dataclass(frozen=True)
class ReturnInput:
    odometer_in: int | None
    damage_found: bool | None
    damage_notes: str = ""
    feedback: str = ""
    intent_level: str | None = None  # H/A/B/C: updates the customer's lead for this model


def _return_errors(data: ReturnInput) -> tuple[list[FieldError], str, str]:
    """(errors, damage notes, feedback) of what the consultant typed: the damage check is
    answered, damage is described, texts fit, the intent is a known level."""
    errors = []
    notes, feedback = clean_text(data.damage_notes), clean_text(data.feedback)  # as pasted (issue #17.3)
    if data.damage_found is None:
        errors.append(FieldError("damage_found", "required"))
    elif data.damage_found and not notes:
        errors.append(FieldError("damage_notes", "required"))
    for name, value in (("damage_notes", notes), ("feedback", feedback)):
        check_length(value, name, MAX_TEXT, errors)
    if data.intent_level not in (None, "H", "A", "B", "C"):
        errors.append(FieldError("intent_level", "unknown_value"))
    return errors, notes, feedback


def _odometer_error(odometer_in: int | None, odometer_out: int | None) -> FieldError | None:
    """The reading in is there, not below the reading out, and at most 1000 km more."""
    out = odometer_out or 0
    if odometer_in is None:
        return FieldError("odometer_in", "required")
    if int(odometer_in) < out:
        return FieldError("odometer_in", "odometer_below_out", {"odometer_out": odometer_out})
    if int(odometer_in) - out > 1000:
        return FieldError("odometer_in", "out_of_range", {"min": odometer_out, "max": out + 1000})
    return None


def _count_the_drive(s, d: TestDrive, intent_level: str | None, actor: Actor, now: dt.datetime) -> None:
    """The visit had a test drive (3.13); the customer's lead learns the model and intent."""
    from app.reception.api import note_test_drive

    if d.visit_id is not None:
        visit = s.get(Visit, d.visit_id)
        if visit is None:
            raise NotFound(what="visit", id=d.visit_id)
        visit.had_test_drive, visit.updated_by_id = True, actor.user_id  # 3.13
    if d.customer_id is not None:
        car = car_of(s, d)
        vehicle = s.get(Vehicle, car.vehicle_id)
        if vehicle is None:
            raise NotFound(what="vehicle", id=car.vehicle_id)
        note_test_drive(
            s,
            customer_id=d.customer_id,
            brand=vehicle.brand,
            model=vehicle.model,
            intent_level=intent_level,
            actor_id=actor.user_id,
            now=now,
        )


def record_return(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    data: ReturnInput,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """The car is back (4.2.4.5: actual times and odometer). Late returns are flagged
    overdue (4.2.4.7); the linked visit counts toward the test-drive rate (3.13)."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    errors, notes, feedback = _return_errors(data)
    with uow:
        s = uow.session
        d = get_drive(s, drive_id)
        check_version(d, expected_version)
        if d.status != DriveStatus.OUT:
            raise ShowroomError("test_drive_not_out", status=d.status)
        odometer = _odometer_error(data.odometer_in, d.odometer_out)
        if odometer is not None:
            errors.append(odometer)
        if errors or data.odometer_in is None:
            raise ValidationFailed(errors)
        d.status, d.actual_end, d.odometer_in = DriveStatus.RETURNED.value, now, int(data.odometer_in)
        d.damage_found, d.damage_notes, d.feedback = bool(data.damage_found), notes, feedback
        d.intent_level, d.overdue = data.intent_level, now > d.planned_end
        release_slots(s, d, after=now)  # an early return frees the rest of the window
        _count_the_drive(s, d, data.intent_level, actor, now)
        _touch(d, actor, now)
        return _done(uow, d, now)
