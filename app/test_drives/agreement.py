"""Step 6 of a test drive: the agreement (试乘试驾协议, T/CSCA 120031-2023 4.2.4.1), signed on
the pad by the customer and the escort, rendered, digitally signed and archived.

It names the terms the customer confirmed (4.2.4.5); a later change of route, car or time
makes it outdated (drive_steps.start_blockers). `agreement_blockers` is asked before the
signature pads open, and answers with exactly what `sign_agreement` would refuse for, so two
people never sign for nothing (issue #16). Re-exported by drive_steps.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.core.clock import store_today, utcnow
from app.core.dto import Actor, SignatureCapture
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.test_drives.dto import TestDriveDTO, describe_vehicle
from app.test_drives.escorts import escort_refusal
from app.test_drives.qualification import _done, _drive_for_step, _touch, qualification_problems, terms_of
from app.test_drives.records import car_of, route_of
from db.models import StaffUser, Vehicle
from db.drive_models import TestDrive
from db.uow import UnitOfWork

if TYPE_CHECKING:  # the PDF module (reportlab) loads only when an agreement is signed
    from app.test_drives.agreement_pdf import AgreementDTO

T = "test_drive"


def sign_blockers(s, d: TestDrive, now: dt.datetime) -> list[FieldError]:
    """4.2.4.1-4.2.4.5: what the agreement depends on, saved and still holding: the consent,
    the qualification (re-checked for this car on the drive's day), an escort who may still
    accompany it (once signed, the escort can no longer be changed), and the customer's
    confirmation of the current terms. Every missing one at once; empty: the pads may open."""
    errors = []
    if d.id_consent_at is None:
        errors.append(FieldError("id_consent", "id_consent_required"))
    day = store_today(d.planned_start)
    errors += [FieldError("qualification", c) for c in qualification_problems(d, car_of(s, d).transmission, day)]
    if d.escort_id is None:
        errors.append(FieldError("escort", "escort_missing"))
    else:
        code = escort_refusal(s, s.get(StaffUser, d.escort_id), store_today(max(now, d.planned_start)))
        if code:
            errors.append(FieldError("escort", code))
    if d.confirmed_at is None or d.confirmed_terms != terms_of(d):
        errors.append(FieldError("confirmation", "terms_not_confirmed"))
    return errors


def agreement_blockers(
    uow: UnitOfWork, *, actor: Actor, drive_id: int, expected_version: int, now: dt.datetime | None = None
) -> list[FieldError]:
    """Asked before the signature pads open (issue #16): why `sign_agreement` would refuse the
    signatures now, for the drive as the dialog last saw it. Nothing is written. A drive
    changed meanwhile raises Conflict, one that left raises test_drive_not_booked: both
    before anyone signs."""
    require(actor, Action.CONDUCT_TEST_DRIVES)
    with uow:
        s = uow.session
        return sign_blockers(s, _drive_for_step(s, drive_id, expected_version), now or utcnow())


def _ready_to_sign(s, d: TestDrive, signatures: Sequence[SignatureCapture], now: dt.datetime) -> None:
    """The blockers above, and both the customer and the escort sign; every missing one is
    listed at once."""
    from app.documents.layout import SignerRole

    errors = sign_blockers(s, d, now)
    roles = {sig.role for sig in signatures}
    if not {SignerRole.CUSTOMER.value, SignerRole.ESCORT.value} <= roles:
        errors.append(FieldError("signatures", "agreement_signatures_required"))
    if errors:
        raise ValidationFailed(errors)


def _agreement_terms(s, d: TestDrive) -> AgreementDTO:
    """What the agreement says: the driver's documents (masked), car, route, window, escort.
    Called after _ready_to_sign, so the qualification and the escort are on record."""
    from app.test_drives.agreement_pdf import AgreementDTO

    car, route = car_of(s, d), route_of(s, d)
    escort, vehicle = s.get(StaffUser, d.escort_id), s.get(Vehicle, car.vehicle_id)
    if escort is None or vehicle is None:
        raise NotFound(what="staff_user" if escort is None else "vehicle", id=d.escort_id or car.vehicle_id)
    return AgreementDTO(
        customer_name=d.customer_name,
        id_type=d.id_type or "",
        id_number_masked=d.id_number_masked or "",
        licence_number_masked=d.licence_number_masked or "",
        licence_class=d.licence_class or "",
        licence_valid_until=d.licence_valid_until,
        foreign_licence=d.foreign_licence,
        permit_number_masked=d.permit_number_masked,
        car_description=describe_vehicle(vehicle),
        plate=car.plate,
        route_name=route.name,
        route_description=route.description,
        planned_start=d.planned_start,
        planned_end=d.planned_end,
        planned_km=d.planned_km,
        escort_name=escort.full_name,
        weather=d.weather,
    )


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
    from app.test_drives.agreement_pdf import render_agreement
    from app.documents.api import prepare_document
    from app.store.api import get_store

    require(actor, Action.CONDUCT_TEST_DRIVES)
    now = now or utcnow()
    # Signer names as pasted, on one line (issue #17.3): the archive keeps what the PDF shows.
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    with uow:
        s = uow.session
        d = _drive_for_step(s, drive_id, expected_version)
        _ready_to_sign(s, d, signatures, now)
        agreement = _agreement_terms(s, d)
        terms, version, plate = terms_of(d), d.version, agreement.plate
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
    return _archive_and_link(uow, actor, drive_id, version, prepared, terms, now)


def _archive_and_link(uow: UnitOfWork, actor: Actor, drive_id: int, version: int, prepared, terms: dict, now):
    """Archive the signed agreement and link it to the drive, in one transaction: the drive
    must still be the version the agreement was drawn from (else Conflict, nothing kept)."""
    from app.documents.api import archive_prepared

    with uow:
        d = _drive_for_step(uow.session, drive_id, version)
        doc_id = archive_prepared(uow.session, prepared, actor)
        d.agreement_document_id, d.agreement_number, d.agreement_terms = doc_id, prepared.number, terms
        _touch(d, actor, now)
        return _done(uow, d, now)
