"""The two documents of a handover (issue #18.6): what they say, taken from the records inside the
checks' transaction (`papers_of`), and their rendering and signing with no transaction open
(`issue_papers`). The 三包凭证 is prepared first so the handover record can name its number.
Used by handover.py only; the PDF code (reportlab) loads only when a handover is completed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.dto import Actor, SignatureCapture
from app.sales import handover_checks as checks
from app.sales import handover_dto as H
from app.sales.handover_dto import GiftItem, HandoverInput
from db.models import StaffUser, Vehicle
from db.sales_models import Contract, Deal
from db.uow import UnitOfWork

if TYPE_CHECKING:
    from app.documents.api import PreparedDocument
    from app.sales.handover_pdf import HandoverRecordDTO
    from app.sales.warranty_pdf import WarrantyDTO


@dataclass(frozen=True)
class HandoverPapers:
    record: HandoverRecordDTO
    warranty: WarrantyDTO
    gifts: tuple[GiftItem, ...]
    subject_ref: str  # the VIN: never a customer's name


@dataclass(frozen=True)
class PreparedPapers:
    record: PreparedDocument
    warranty: PreparedDocument


def warranty_terms(contract: Contract, car: Vehicle, data: HandoverInput, delivered_on: dt.date) -> WarrantyDTO:
    """三包规定 arts. 18-20: 三包 ≥ 2 years / 50,000 km, 包修 ≥ 3 years / 60,000 km, from the
    invoice date or the later delivery date."""
    from app.sales.warranty_pdf import WarrantyDTO

    start, basis = checks.warranty_start(contract.invoice_date, delivered_on)
    return WarrantyDTO(
        vin=contract.vin,
        brand=car.brand,
        model=" ".join(p for p in (car.model, car.trim) if p),
        engine_no=contract.engine_no,
        buyer_name=contract.buyer_name,
        invoice_no=contract.invoice_no or "",
        invoice_date=contract.invoice_date,
        delivered_on=delivered_on,
        odometer_km=int(data.odometer_km or 0),
        start=start,
        basis=basis,
        sanbao_until=checks.add_years(start, H.SANBAO_YEARS),
        sanbao_km=H.SANBAO_KM,
        repair_until=checks.add_years(start, H.REPAIR_YEARS),
        repair_km=H.REPAIR_KM,
        contract_number=contract.number,
    )


def papers_of(
    s, contract: Contract, car: Vehicle, data: HandoverInput, delivered_on: dt.date, now: dt.datetime
) -> HandoverPapers:
    from app.sales.handover_pdf import HandoverRecordDTO

    consultant = s.get(StaffUser, s.get(Deal, contract.deal_id).consultant_id)
    gifts = checks.gifts_of(s, contract)
    documents = tuple(
        (d.code, (data.documents.get(d.code) or "").strip()) for d in checks.applicable_documents(contract)
    )
    record = HandoverRecordDTO(
        contract_number=contract.number,
        buyer_name=contract.buyer_name,
        buyer_id_masked=contract.buyer_id_masked,
        agent_name=contract.agent_name,
        car=" ".join(p for p in (car.brand, car.model, car.trim) if p),
        vin=contract.vin,
        engine_no=contract.engine_no,
        colour=car.exterior_color,
        delivered_at=now,
        delivery_place=contract.delivery_place,
        odometer_km=int(data.odometer_km or 0),
        consultant_name=consultant.full_name if consultant else "",
        documents=documents,
        gifts=tuple(g.description for g in gifts),
        onboard_items=checks.onboard_items_for(car),
        explanations=H.EXPLANATIONS,
    )
    return HandoverPapers(record, warranty_terms(contract, car, data, delivered_on), gifts, contract.vin)


def issue_papers(
    uow: UnitOfWork,
    actor: Actor,
    contract_id: int,
    papers: HandoverPapers,
    signatures: Sequence[SignatureCapture],
    language: str,
) -> PreparedPapers:
    """Render and sign the 三包凭证, then the handover record naming its number; nothing is
    archived here (handover.py does it in its one transaction)."""
    from dataclasses import replace

    from app.documents.api import open_signing_session, prepare_document
    from app.documents.layout import SignatureDTO, SignerRole
    from app.sales.handover_pdf import render_handover
    from app.sales.warranty_pdf import render_warranty
    from app.store.api import get_store

    store = get_store(uow)
    session = open_signing_session(uow, actor=actor, location=store.address)

    def prepare(doc_type: str, render, signed: Sequence[SignatureCapture] = ()) -> PreparedDocument:
        return prepare_document(
            uow,
            actor=actor,
            doc_type=doc_type,
            subject_type="contract",
            subject_id=contract_id,
            language=language,
            render=render,
            signatures=signed,
            subject_ref=papers.subject_ref,
            session=session,
        )

    warranty = prepare(
        "warranty_certificate",
        lambda number, version, issued_at: render_warranty(
            store, papers.warranty, number=number, version=version, language=language, issued_at=issued_at
        ),
    )
    documents = tuple((c, warranty.number if c == H.SANBAO else n) for c, n in papers.record.documents)
    record = replace(papers.record, documents=documents)
    drawn = [SignatureDTO(sig.signer_name, SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures]
    handover = prepare(
        "handover",
        lambda number, version, issued_at: render_handover(
            store, record, number=number, version=version, language=language, issued_at=issued_at, signatures=drawn
        ),
        signatures,
    )
    return PreparedPapers(handover, warranty)
