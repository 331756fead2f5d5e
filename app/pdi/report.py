"""Issuing the PDI report (issue #7, T/CSCA 120031-2023 4.4.1.4): the passed inspection is
rendered bilingually, signed on the pad by the technician and the customer, signed digitally
with the store's certificate and archived (doc type "pdi_report", subject "pdi"); the
customer's copy is printed from the archive. Once a report exists the car may be delivered
(app/pdi/gate.delivery_gate); a voided report counts as none and is reissued as the next
version of its number (issue #17.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select

from app.pdi import guards
from app.pdi.dto import PdiInspectionDTO
from app.pdi.rules import InspectionStatus
from app.core.errors import Conflict, FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import commit
from app.core.dto import Actor, Changes, DocumentDTO, SignatureCapture
from app.core.validation import check_length, clean_line
from app.pdi.queries import inspection_dto
from db.models import Document
from db.pdi_models import PdiItemResult, PdiPhoto
from db.uow import UnitOfWork

# Kept with the replacement in the archive; the voided version carries the manager's reason.
REISSUE_REASON = "PDI report reissued: the previous version was voided"


def _check_signatures(signatures: Sequence[SignatureCapture]) -> None:
    roles = [s.role for s in signatures]
    errors = []
    if "technician" not in roles:
        errors.append(FieldError("technician_signature", "pdi_signature_required"))
    if "customer" not in roles:
        errors.append(FieldError("customer_signature", "pdi_signature_required"))
    if errors:
        raise ValidationFailed(errors)


def _check_customer(customer_name: str) -> str:
    customer_name = clean_line(customer_name)  # as pasted (issue #17.3)
    errors = [] if customer_name else [FieldError("customer_name", "required")]
    check_length(customer_name, "customer_name", guards.MAX_NAME, errors)
    if errors:
        raise ValidationFailed(errors)
    return customer_name


@dataclass(frozen=True)
class _ReportInput:
    """What the report is rendered from, read in one transaction before the slow part."""

    inspection: PdiInspectionDTO
    photos: dict[int, bytes]
    expected_version: int
    voided_id: int | None  # the voided report this one replaces (issue #17.2), if any
    voided_number: str | None


def _report_input(uow: UnitOfWork, actor: Actor, inspection_id: int) -> _ReportInput:
    """The passed inspection without a report yet, and its photos; the technician's
    certificate valid today (4.4.1.3)."""
    with uow:
        s = uow.session
        ins = guards.inspection(uow, inspection_id)
        guards.certified(uow, actor)
        if ins.status != InspectionStatus.PASSED:
            raise ShowroomError("pdi_not_passed", id=ins.id, status=ins.status)
        voided = s.get(Document, ins.report_document_id) if ins.report_document_id else None
        if voided is not None and voided.voided_at is None:
            raise ShowroomError("pdi_report_exists", id=ins.id)
        photos = {
            p.id: bytes(p.content)
            for p in s.scalars(
                select(PdiPhoto)
                .join(PdiItemResult, PdiItemResult.id == PdiPhoto.item_result_id)
                .where(PdiItemResult.inspection_id == ins.id)
            )
        }
        return _ReportInput(
            inspection_dto(uow, ins),
            photos,
            ins.version,
            voided.id if voided else None,
            voided.number if voided else None,
        )


def _renderer(uow: UnitOfWork, data: _ReportInput, signatures: Sequence[SignatureCapture], language: str):
    """render(number, version, issued_at) -> the report's PDF with the drawn signatures."""
    from app.documents.layout import SignatureDTO, SignerRole
    from app.pdi.report_pdf import render_pdi_report
    from app.store.api import get_store

    store = get_store(uow)
    drawn = [
        SignatureDTO(sig.signer_name.strip(), SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures
    ]

    def render(number: str, version: int, issued_at: dt.datetime) -> bytes:
        return render_pdi_report(
            store,
            data.inspection,
            number=number,
            version=version,
            language=language,
            issued_at=issued_at,
            photos=data.photos,
            signatures=drawn,
        )

    return render


def issue_pdi_report(
    uow: UnitOfWork,
    *,
    actor: Actor,
    inspection_id: int,
    customer_name: str,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
) -> DocumentDTO:
    """Render, sign and archive the report of a passed inspection; `signatures` are the
    technician's and the customer's from the pad (4.4.1.4: given to the customer)."""
    from app.documents.api import archive_prepared, document_dto, prepare_document

    require(actor, Action.RECORD_PDI)
    customer_name = _check_customer(customer_name)
    # Signer names as pasted, on one line (issue #17.3): the archive keeps what the PDF shows.
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    _check_signatures(signatures)
    data = _report_input(uow, actor, inspection_id)
    render = _renderer(uow, data, signatures, language)
    # Render and sign first; archive and link in one transaction (issue #16.2): a report
    # issued meanwhile on another terminal leaves no second signed report in the archive.
    prepared = prepare_document(
        uow,
        actor=actor,
        doc_type="pdi_report",
        subject_type="pdi",
        subject_id=inspection_id,
        language=language,
        render=render,
        signatures=signatures,
        subject_ref=data.inspection.vin,
        # A voided report is reissued as the next version of its number, not a new number.
        replaces=data.voided_number,
        reason=REISSUE_REASON if data.voided_number else "",
    )
    with uow:
        ins = guards.inspection(uow, inspection_id)
        if ins.version != data.expected_version or ins.report_document_id != data.voided_id:
            raise Conflict(table="pdi_inspection", id=inspection_id)
        doc_id = archive_prepared(uow.session, prepared, actor)
        ins.report_document_id = doc_id
        ins.customer_name = customer_name
        ins.updated_by_id = actor.user_id
        vehicle_id = ins.vehicle_id
        commit(uow)
    # The report gates delivery (4.4.1): the car's PDI state and the archive both changed.
    return replace(
        document_dto(uow, doc_id), changes=Changes(pdi=True, documents=True, vehicles=True, ids=frozenset({vehicle_id}))
    )
