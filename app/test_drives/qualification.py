"""The driver's qualification (T/CSCA 120031-2023 4.2.4.2; domain_reference §5.1, §5.3) and the
separate consent to processing the ID and licence numbers (PIPL art. 29), step 2 of a test
drive (app/test_drives/drive_steps.py is the whole sequence).

Numbers are kept only sealed (`<x>_sealed`, app/personal_data.seal with field
"test_drive.<x>_sealed"), masked (`<x>_masked`) and, for the ID, fingerprinted; the birth date
only sealed, beside the day the driver was found of age (issue #15.1). Nothing is stored unless
every rule holds and the consent is on record. Withdrawal erases them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core import personal_data
from app.core.clock import store_today, utcnow
from app.test_drives.rules import ID_TYPES, MIN_AGE, age_on, licence_class_problem
from app.core.validation import resident_id_birth_date, validate_resident_id
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.store_keys import personal_sealing_key
from app.test_drives.dto import TestDriveDTO, drive_dto
from app.test_drives.records import car_of, get_drive
from db.drive_models import DriveStatus, TestDrive
from db.uow import UnitOfWork

T = "test_drive"


def _drive_for_step(s, drive_id: int, expected_version: int | None) -> TestDrive:
    d = get_drive(s, drive_id)
    check_version(d, expected_version)
    if d.status != DriveStatus.BOOKED:
        raise ShowroomError("test_drive_not_booked", status=d.status)
    return d


def _touch(d: TestDrive, actor: Actor, now: dt.datetime) -> None:
    d.updated_at, d.updated_by_id = now, actor.user_id


def _done(uow: UnitOfWork, d: TestDrive, now: dt.datetime) -> TestDriveDTO:
    commit(uow)
    return drive_dto(uow.session, d, now)


def terms_of(d: TestDrive) -> dict:
    """What the customer confirms and signs (4.2.4.5): route, window, km, car."""
    return {
        "route_id": d.route_id,
        "car_id": d.car_id,
        "km": d.planned_km,
        "start": d.planned_start.isoformat(),
        "end": d.planned_end.isoformat(),
    }


# --- consent and qualification (4.2.4.2) ----------------------------------------------------


def record_id_consent(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> TestDriveDTO:
    """The customer agreed, separately, to the processing of their ID and licence numbers
    (the notice text is app.test_drives.agreement_pdf.CONSENT_TEXT)."""
    from app.test_drives.agreement_pdf import CONSENT_VERSION

    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.id_consent_at, d.id_consent_text, d.id_consent_by_id = now, CONSENT_VERSION, actor.user_id
        _touch(d, actor, now)
        return _done(uow, d, now)


def withdraw_id_consent(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> TestDriveDTO:
    """PIPL art. 15, 47: withdrawal erases the numbers; the drive can then not start."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.id_consent_at = d.id_consent_text = d.id_consent_by_id = None
        _clear_qualification(d)
        _touch(d, actor, now)
        return _done(uow, d, now)


def _clear_qualification(d: TestDrive) -> None:
    for name in (
        "id_type",
        "id_number_sealed",
        "id_number_masked",
        "id_number_fingerprint",
        "licence_number_sealed",
        "licence_number_masked",
        "licence_class",
        "licence_valid_until",
        "licence_first_issued",
        "birth_date_sealed",
        "of_age_on",
        "permit_number_sealed",
        "permit_number_masked",
        "permit_valid_until",
        "qualified_at",
        "qualified_by_id",
    ):
        setattr(d, name, None)
    d.licence_long_term = d.foreign_licence = False


@dataclass(frozen=True)
class QualificationInput:
    id_type: str  # resident_id | passport | other_permit
    id_number: str
    licence_class: str
    licence_first_issued: dt.date | None
    licence_valid_until: dt.date | None = None
    licence_long_term: bool = False
    licence_number: str = ""  # a Chinese licence number is the holder's ID number (art. 12)
    birth_date: dt.date | None = None  # for passports and permits (a resident ID carries it)
    foreign_licence: bool = False
    permit_number: str = ""  # 临时机动车驾驶许可 (art. 21)
    permit_valid_until: dt.date | None = None


def _qualification_errors(
    q: QualificationInput, transmission: str, day: dt.date
) -> tuple[list[FieldError], str, str, dt.date | None]:
    errors: list[FieldError] = []
    id_number = (q.id_number or "").strip().upper()
    birth = q.birth_date
    if q.id_type not in ID_TYPES:
        errors.append(FieldError("id_type", "unknown_value"))
    elif q.id_type == "resident_id":
        try:
            id_number = validate_resident_id(id_number, today=day)
            birth = resident_id_birth_date(id_number)  # derived, never typed (§5.1)
        except ValidationFailed as e:
            errors += e.errors
    else:
        if not 5 <= len(id_number) <= 20 or not id_number.isalnum():
            errors.append(FieldError("id_number", "id_number_format"))
        if birth is None:
            errors.append(FieldError("birth_date", "required"))
    if birth is not None and age_on(birth, day) < MIN_AGE:
        errors.append(FieldError("birth_date" if q.id_type != "resident_id" else "id_number", "driver_under_18"))
    licence_number = (q.licence_number or "").strip().upper()
    if q.foreign_licence:
        if not licence_number:
            errors.append(FieldError("licence_number", "required"))
        permit = (q.permit_number or "").strip().upper()
        if not permit:
            errors.append(FieldError("permit_number", "foreign_permit_required"))
        if q.permit_valid_until is None:
            errors.append(FieldError("permit_valid_until", "foreign_permit_required"))
        elif q.permit_valid_until < day:
            errors.append(FieldError("permit_valid_until", "permit_expired"))
    else:
        if q.id_type == "resident_id":
            if licence_number and licence_number != id_number:
                errors.append(FieldError("licence_number", "licence_number_mismatch"))
            licence_number = id_number
        elif not licence_number:
            errors.append(FieldError("licence_number", "required"))
    code = licence_class_problem((q.licence_class or "").strip().upper(), transmission)
    if q.licence_class and code:
        errors.append(FieldError("licence_class", code))
    elif not q.licence_class:
        errors.append(FieldError("licence_class", "required"))
    if q.licence_first_issued is None:
        errors.append(FieldError("licence_first_issued", "required"))
    elif q.licence_first_issued > day:
        errors.append(FieldError("licence_first_issued", "in_future"))
    if not q.licence_long_term:
        if q.licence_valid_until is None:
            errors.append(FieldError("licence_valid_until", "required"))
        elif q.licence_valid_until < day:
            errors.append(FieldError("licence_valid_until", "licence_expired"))
    return errors, id_number, licence_number, birth


def record_qualification(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    data: QualificationInput,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """Check and register the driver's documents (4.2.4.2). Refused as a whole, nothing
    stored, unless every rule holds and the separate consent is on record."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    # The store's key, never one this terminal would make up (issue #15.2, PIPL art. 51).
    key = personal_sealing_key(uow, actor=actor)
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        car = car_of(s, d)
        day = store_today(d.planned_start)
        errors, id_number, licence_number, birth = _qualification_errors(data, car.transmission, day)
        if d.id_consent_at is None:  # PIPL art. 29: no number is kept without the consent
            errors.insert(0, FieldError("id_consent", "id_consent_required"))
        if errors or birth is None:  # a missing birth date is among the errors
            raise ValidationFailed(errors)

        def seal(value: str, *, field: str) -> bytes:
            return personal_data.seal_with(key, value, field=field)

        d.id_type = data.id_type
        d.id_number_sealed = seal(id_number, field=f"{T}.id_number_sealed")
        d.id_number_masked = personal_data.mask(id_number)
        d.id_number_fingerprint = personal_data.fingerprint_with(key, id_number, field=f"{T}.id_number")
        d.licence_number_sealed = seal(licence_number, field=f"{T}.licence_number_sealed")
        d.licence_number_masked = personal_data.mask(licence_number)
        d.licence_class = data.licence_class.strip().upper()
        d.licence_long_term = bool(data.licence_long_term)
        d.licence_valid_until = None if data.licence_long_term else data.licence_valid_until
        d.licence_first_issued = data.licence_first_issued
        # Issue #15.1: the birth date only sealed, plus the day the driver was found of age.
        d.birth_date_sealed = seal(birth.isoformat(), field=f"{T}.birth_date_sealed")
        d.of_age_on = day
        d.foreign_licence = bool(data.foreign_licence)
        if data.foreign_licence:
            permit = data.permit_number.strip().upper()
            d.permit_number_sealed = seal(permit, field=f"{T}.permit_number_sealed")
            d.permit_number_masked = personal_data.mask(permit)
            d.permit_valid_until = data.permit_valid_until
        else:
            d.permit_number_sealed = d.permit_number_masked = d.permit_valid_until = None
        d.qualified_at, d.qualified_by_id = now, actor.user_id
        _touch(d, actor, now)
        return _done(uow, d, now)


def qualification_problems(d: TestDrive, transmission: str, day: dt.date) -> list[str]:
    """Re-check a registered qualification on the day of departure (a licence or permit may
    have expired since, or the booking moved to a car the class does not cover)."""
    if d.qualified_at is None or d.id_number_sealed is None:
        return ["qualification_missing"]
    out = []
    if not d.licence_long_term and (d.licence_valid_until is None or d.licence_valid_until < day):
        out.append("licence_expired")
    if d.foreign_licence and (d.permit_valid_until is None or d.permit_valid_until < day):
        out.append("permit_expired")
    code = licence_class_problem(d.licence_class or "", transmission)
    if code:
        out.append(code)
    if not _of_age(d, day):
        out.append("driver_under_18")
    return out


def _of_age(d: TestDrive, day: dt.date) -> bool:
    """18 or older on `day` (4.2.4.2). A driver of age on `of_age_on` is of age on every later
    day, so only a drive moved before that day opens the sealed birth date (needs the key)."""
    if d.of_age_on is None:
        return False
    if day >= d.of_age_on:
        return True
    if d.birth_date_sealed is None:
        return False
    birth = dt.date.fromisoformat(personal_data.unseal(d.birth_date_sealed, field=f"{T}.birth_date_sealed"))
    return age_on(birth, day) >= MIN_AGE
