"""A test drive from booking to return (T/CSCA 120031-2023 4.2.4.1-4.2.4.8; issue #6.3-#6.8).

Steps, each recorded with who and when, in any order the floor needs:
  record_id_consent   separate consent to processing ID and licence numbers (4.2.4.2, PIPL 29)
  record_qualification  ID document, licence class/validity/first issue, age, foreign-licence
                      temporary permit (§5.1, §5.3); numbers sealed, masked, fingerprinted
  assign_escort       ≥ 3 years since first licence issue and on duty (4.2.4.4)
  confirm_terms       route, planned km and time window confirmed by the customer (4.2.4.5)
  record_check        pre-departure check of lights, tyres, fuel/charge, signage and warning
                      signs, with the odometer (4.2.4.6)
  record_weather / override_weather   4.2.4.7: storm, heavy rain, heavy snow or dense fog
                      need a sales manager's override with a reason
  sign_agreement      the bilingual agreement signed by customer and escort, archived (4.2.4.1)
  start_drive         re-checks every condition above at the moment of departure; each alone
                      refuses the start (DriveBlocked lists them all)
  record_return       odometer in, actual times, damage, feedback, lead intent, overdue flag;
                      the visit counts toward the 3.13 test-drive rate
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.test_drives.rules import CHECK_ITEMS, LICENCE_CLASSES, SEVERE_WEATHER, WEATHER, fleet_problems
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version
from app.core.dto import Actor, SignatureCapture
from app.test_drives.dto import TestDriveDTO, describe_vehicle

# Steps 1-2 (consent, qualification) live in their own module; re-exported for callers.
from app.test_drives.qualification import (
    QualificationInput,
    _done,
    _drive_for_step,
    _touch,
    qualification_problems,
    record_id_consent,
    record_qualification,
    terms_of,
    withdraw_id_consent,
)
from app.test_drives.booking import escort_refusal, get_drive, release_slots
from db.models import Document, StaffUser, Vehicle
from db.reception_models import Visit
from db.drive_models import DriveStatus, TestDrive, TestDriveCar, TestDriveRoute
from db.uow import UnitOfWork

T = "test_drive"
START_EARLY = dt.timedelta(minutes=30)  # a drive may leave up to half an hour early
MAX_TEXT = 1000


class DriveBlocked(ValidationFailed):
    """The drive may not start: every condition that fails is listed (field = the step)."""

    code = "test_drive_blocked"


# --- escort, confirmation, check, weather ---------------------------------------------------


def assign_escort(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    escort_id: int,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.4: only staff with ≥ 3 years since first licence issue and on duty today."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        code = escort_refusal(s, s.get(StaffUser, escort_id), store_today(max(now, d.planned_start)))
        if code:
            raise ValidationFailed([FieldError("escort_id", code)])
        if d.agreement_document_id is not None and d.escort_id != escort_id:
            raise ValidationFailed([FieldError("escort_id", "agreement_signed")])
        d.escort_id = escort_id
        _touch(d, actor, now)
        return _done(uow, d, now)


def confirm_terms(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> TestDriveDTO:
    """4.2.4.5: the route, planned km and time window were shown to and confirmed by the
    customer. The confirmed values are kept; a later change voids the confirmation."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        if not s.get(TestDriveRoute, d.route_id).active:
            raise ValidationFailed([FieldError("route", "route_inactive")])
        d.confirmed_at, d.confirmed_terms = now, terms_of(d)
        _touch(d, actor, now)
        return _done(uow, d, now)


def record_check(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    items: dict[str, bool],
    odometer_out: int | None,
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.6: lights, tyres, fuel or charge, 试乘试驾 signage and warning signs, checked
    before departure, with the odometer reading. An item not ticked is saved as not OK and
    keeps the drive from starting."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    errors = []
    unknown = set(items) - set(CHECK_ITEMS)
    if unknown:
        errors.append(FieldError("items", "unknown_value"))
    if odometer_out is None:
        errors.append(FieldError("odometer_out", "required"))
    elif not 0 <= int(odometer_out) <= 2_000_000:
        errors.append(FieldError("odometer_out", "out_of_range", {"min": 0, "max": 2_000_000}))
    if errors:
        raise ValidationFailed(errors)
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.check_items = {k: bool(items.get(k)) for k in CHECK_ITEMS}
        d.check_at, d.check_by_id, d.odometer_out = now, actor.user_id, int(odometer_out)
        _touch(d, actor, now)
        return _done(uow, d, now)


def record_weather(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    weather: str,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """4.2.4.7: record the weather at departure. In severe weather the drive proceeds only
    with a sales manager's override and reason (given here, or later by override_weather)."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    reason = (override_reason or "").strip()
    if weather not in WEATHER:
        raise ValidationFailed([FieldError("weather", "unknown_value")])
    if reason:
        require(actor, Action.OVERRIDE_TEST_DRIVE_WEATHER)
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        d.weather, d.weather_at = weather, now
        severe = weather in SEVERE_WEATHER
        d.weather_override_reason = reason[:MAX_TEXT] if severe and reason else None
        d.weather_override_by_id = actor.user_id if severe and reason else None
        _touch(d, actor, now)
        return _done(uow, d, now)


def override_weather(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, reason: str, now: dt.datetime | None = None
) -> TestDriveDTO:
    """A sales manager lets a drive proceed in severe weather, with a reason (4.2.4.7)."""
    require(actor, Action.OVERRIDE_TEST_DRIVE_WEATHER)
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed([FieldError("override_reason", "required")])
    with uow:
        d = _drive_for_step(uow.session, drive_id, expected_version)
        if d.weather not in SEVERE_WEATHER:
            raise ValidationFailed([FieldError("weather", "weather_not_severe")])
        d.weather_override_reason, d.weather_override_by_id = reason[:MAX_TEXT], actor.user_id
        _touch(d, actor, now)
        return _done(uow, d, now)


# --- agreement (4.2.4.1) ----------------------------------------------------------------------


def _ready_to_sign(d: TestDrive, signatures: Sequence[SignatureCapture]) -> None:
    """4.2.4.1-4.2.4.5: consent, qualification, escort and the confirmed terms come first, and
    both the customer and the escort sign; every missing one is listed at once."""
    from app.documents.layout import SignerRole

    errors = []
    if d.id_consent_at is None:
        errors.append(FieldError("id_consent", "id_consent_required"))
    if d.qualified_at is None:
        errors.append(FieldError("qualification", "qualification_missing"))
    if d.escort_id is None:
        errors.append(FieldError("escort", "escort_missing"))
    if d.confirmed_at is None or d.confirmed_terms != terms_of(d):
        errors.append(FieldError("confirmation", "terms_not_confirmed"))
    roles = {sig.role for sig in signatures}
    if not {SignerRole.CUSTOMER.value, SignerRole.ESCORT.value} <= roles:
        errors.append(FieldError("signatures", "agreement_signatures_required"))
    if errors:
        raise ValidationFailed(errors)


def sign_agreement(
    uow: UnitOfWork,
    *,
    actor: Actor,
    drive_id: int,
    expected_version: int,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> TestDriveDTO:
    """Issue the agreement with the customer's and the escort's handwritten signatures into
    the archive (digitally signed) and link it to the drive. Needs the qualification, the
    consent, the escort and the customer's confirmation of route and time first."""
    from app.documents.layout import SignatureDTO, SignerRole
    from app.test_drives.agreement_pdf import AgreementDTO, render_agreement
    from app.documents.api import archive_prepared, prepare_document
    from app.store.api import get_store

    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    signatures = tuple(signatures)
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        _ready_to_sign(d, signatures)
        car = s.get(TestDriveCar, d.car_id)
        route = s.get(TestDriveRoute, d.route_id)
        escort = s.get(StaffUser, d.escort_id)
        agreement = AgreementDTO(
            customer_name=d.customer_name,
            id_type=d.id_type,
            id_number_masked=d.id_number_masked,
            licence_number_masked=d.licence_number_masked,
            licence_class=d.licence_class,
            licence_valid_until=d.licence_valid_until,
            foreign_licence=d.foreign_licence,
            permit_number_masked=d.permit_number_masked,
            car_description=describe_vehicle(s.get(Vehicle, car.vehicle_id)),
            plate=car.plate,
            route_name=route.name,
            route_description=route.description,
            planned_start=d.planned_start,
            planned_end=d.planned_end,
            planned_km=d.planned_km,
            escort_name=escort.full_name,
            weather=d.weather,
        )
        terms, version, plate = terms_of(d), d.version, car.plate
    store = get_store(uow)
    drawn = [
        SignatureDTO(sig.signer_name.strip(), SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures
    ]

    def render(number: str, doc_version: int, issued_at: dt.datetime) -> bytes:
        return render_agreement(
            store,
            agreement,
            number=number,
            version=doc_version,
            language=language,
            issued_at=issued_at,
            signatures=drawn,
        )

    # Render and sign with no transaction open; then archive and link in ONE transaction, so
    # a drive changed meanwhile (Conflict) leaves no signed agreement behind (issue #16.2).
    prepared = prepare_document(
        uow,
        actor=actor,
        doc_type="test_drive_agreement",
        subject_type=T,
        subject_id=drive_id,
        language=language,
        render=render,
        signatures=signatures,
        subject_ref=f"TD#{drive_id} {plate}",
    )
    with uow:
        d = _drive_for_step(uow.session, drive_id, version)
        doc_id = archive_prepared(uow.session, prepared, actor)
        d.agreement_document_id, d.agreement_number, d.agreement_terms = doc_id, prepared.number, terms
        _touch(d, actor, now)
        return _done(uow, d, now)


# --- start and return ---------------------------------------------------------------------------


def start_blockers(session, d: TestDrive, now: dt.datetime) -> list[FieldError]:
    """Every condition of 4.2.4 that does not hold now; empty means the drive may start.
    Each step is re-checked here, at departure, not trusted from when it was recorded."""
    day = store_today(now)
    car = session.get(TestDriveCar, d.car_id)
    route = session.get(TestDriveRoute, d.route_id)
    out: list[FieldError] = []
    if now < d.planned_start - START_EARLY or now >= d.planned_end:
        out.append(FieldError("time", "outside_time_window"))
    out += [FieldError("qualification", c) for c in qualification_problems(d, car.transmission, day)]
    if d.id_consent_at is None:
        out.append(FieldError("id_consent", "id_consent_required"))
    if d.escort_id is None:
        out.append(FieldError("escort", "escort_missing"))
    else:
        code = escort_refusal(session, session.get(StaffUser, d.escort_id), day)
        if code:
            out.append(FieldError("escort", code))
        elif (
            session.scalar(
                select(TestDrive.id).where(
                    TestDrive.escort_id == d.escort_id, TestDrive.status == DriveStatus.OUT.value, TestDrive.id != d.id
                )
            )
            is not None
        ):
            out.append(FieldError("escort", "escort_busy"))  # already out on another drive
    out += [FieldError("car", c) for c in fleet_problems(car, day)]
    busy = session.scalar(
        select(TestDrive.id).where(
            TestDrive.car_id == d.car_id, TestDrive.status == DriveStatus.OUT.value, TestDrive.id != d.id
        )
    )
    if busy is not None:
        out.append(FieldError("car", "car_in_use"))
    items = d.check_items or {}
    if d.check_at is None or not all(items.get(k) for k in CHECK_ITEMS) or d.odometer_out is None:
        out.append(FieldError("check", "check_incomplete"))
    if not route.active:
        out.append(FieldError("route", "route_inactive"))
    if d.confirmed_at is None or d.confirmed_terms != terms_of(d):
        out.append(FieldError("confirmation", "terms_not_confirmed"))
    if d.weather is None:
        out.append(FieldError("weather", "weather_missing"))
    elif d.weather in SEVERE_WEATHER and not d.weather_override_reason:
        out.append(FieldError("weather", "weather_override_required"))
    if d.agreement_document_id is None:
        out.append(FieldError("agreement", "agreement_missing"))
    else:
        doc = session.get(Document, d.agreement_document_id)
        if doc is None or doc.voided_at is not None:
            out.append(FieldError("agreement", "agreement_voided"))
        elif d.agreement_terms != terms_of(d):
            out.append(FieldError("agreement", "agreement_outdated"))
    return out


def drive_blockers(uow: UnitOfWork, *, actor: Actor, drive_id: int, now: dt.datetime | None = None) -> list[FieldError]:
    """What still stands between this drive and departure (for the wizard's checklist)."""
    require(actor, Action.VIEW_TEST_DRIVES)
    with uow:
        return start_blockers(uow.session, get_drive(uow.session, drive_id), now or utcnow())


def start_drive(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> TestDriveDTO:
    """Dispatch the car. Refused (DriveBlocked, nothing written) unless every condition holds.
    The car row's version is bumped in the same transaction, so two terminals dispatching
    the same car at once cannot both succeed (the loser gets Conflict)."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        car = s.get(TestDriveCar, d.car_id)
        car.updated_at = now  # version bump: serialises departures of this car
        s.flush()
        blockers = start_blockers(s, d, now)
        if blockers:
            raise DriveBlocked(blockers)
        d.status, d.actual_start, d.started_by_id = DriveStatus.OUT.value, now, actor.user_id
        _touch(d, actor, now)
        return _done(uow, d, now)


@dataclass(frozen=True)
class ReturnInput:
    odometer_in: int | None
    damage_found: bool | None
    damage_notes: str = ""
    feedback: str = ""
    intent_level: str | None = None  # H/A/B/C: updates the customer's lead for this model


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
    from app.reception.api import note_test_drive

    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    errors = []
    notes, feedback = (data.damage_notes or "").strip(), (data.feedback or "").strip()
    if data.damage_found is None:
        errors.append(FieldError("damage_found", "required"))
    elif data.damage_found and not notes:
        errors.append(FieldError("damage_notes", "required"))
    for name, value in (("damage_notes", notes), ("feedback", feedback)):
        if len(value) > MAX_TEXT:
            errors.append(FieldError(name, "too_long", {"max": MAX_TEXT}))
    if data.intent_level not in (None, "H", "A", "B", "C"):
        errors.append(FieldError("intent_level", "unknown_value"))
    with uow:
        s = uow.session
        d = get_drive(s, drive_id)
        check_version(d, expected_version)
        if d.status != DriveStatus.OUT:
            raise ShowroomError("test_drive_not_out", status=d.status)
        if data.odometer_in is None:
            errors.append(FieldError("odometer_in", "required"))
        elif int(data.odometer_in) < (d.odometer_out or 0):
            errors.append(FieldError("odometer_in", "odometer_below_out", {"odometer_out": d.odometer_out}))
        elif int(data.odometer_in) - (d.odometer_out or 0) > 1000:
            errors.append(
                FieldError("odometer_in", "out_of_range", {"min": d.odometer_out, "max": (d.odometer_out or 0) + 1000})
            )
        if errors:
            raise ValidationFailed(errors)
        d.status, d.actual_end, d.odometer_in = DriveStatus.RETURNED.value, now, int(data.odometer_in)
        d.damage_found, d.damage_notes, d.feedback = bool(data.damage_found), notes, feedback
        d.intent_level, d.overdue = data.intent_level, now > d.planned_end
        release_slots(s, d, after=now)  # an early return frees the rest of the window
        if d.visit_id is not None:
            visit = s.get(Visit, d.visit_id)
            visit.had_test_drive, visit.updated_by_id = True, actor.user_id  # 3.13
        if d.customer_id is not None:
            vehicle = s.get(Vehicle, s.get(TestDriveCar, d.car_id).vehicle_id)
            note_test_drive(
                s,
                customer_id=d.customer_id,
                brand=vehicle.brand,
                model=vehicle.model,
                intent_level=data.intent_level,
                actor_id=actor.user_id,
                now=now,
            )
        _touch(d, actor, now)
        return _done(uow, d, now)


__all__ = [
    "DriveBlocked",
    "QualificationInput",
    "ReturnInput",
    "record_id_consent",
    "withdraw_id_consent",
    "record_qualification",
    "assign_escort",
    "confirm_terms",
    "record_check",
    "record_weather",
    "override_weather",
    "sign_agreement",
    "drive_blockers",
    "start_drive",
    "record_return",
    "LICENCE_CLASSES",
]
