"""The delivery handover (交车, T/CSCA 120031 4.4.2; 《汽车销售管理办法》 art. 16; 三包规定 arts. 9,
13, 18-20; issue #18.6): the delivery appointment, the checklist the dialog shows and the
handover itself.

`complete_handover` refuses until every step holds (handover_checks.py, every failed step at
once). Then, in ONE transaction: the signed handover record (交车确认, JC) and the 三包凭证
(warranty certificate, SB) archived, the `handover` row, the car delivered (with its status
history row), the contract fulfilled (KPI 3.11) and the deal moved to delivered. The PDFs are
rendered and signed before, with no transaction open (see app/test_drives/agreement.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from app.core.clock import store_today, utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor, SignatureCapture
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import clean_line
from app.sales import handover_checks as checks
from app.sales.deals import may_sell_for
from app.sales.handover_dto import SANBAO, DeliveryAppointmentDTO, HandoverChecklistDTO, HandoverDTO, HandoverInput
from app.sales.handover_papers import HandoverPapers, issue_papers, papers_of
from app.sales.stages import latest_contract, refresh_stage
from db.handover_models import Handover
from db.models import Vehicle
from db.sales_models import Contract, ContractStatus, Deal
from db.uow import UnitOfWork

OPERATION = "complete_handover"


def _contract_for(s, actor: Actor, contract_id: int) -> tuple[Contract, Vehicle, Deal]:
    """The contract, its car and deal; a consultant works on their own deals only."""
    contract = s.get(Contract, contract_id)
    if contract is None:
        raise NotFound(what="contract", id=contract_id)
    deal, car = s.get(Deal, contract.deal_id), s.get(Vehicle, contract.vehicle_id)
    may_sell_for(actor, deal.consultant_id)  # not_your_customer, with its message (ui/sales/errors_quote.py)
    return contract, car, deal


def schedule_delivery(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    at: dt.datetime,
    expected_version: int,
    now: dt.datetime | None = None,
) -> DeliveryAppointmentDTO:
    """Book the delivery appointment (4.4.2) on a live contract; `at` naive UTC, in the future."""
    require(actor, Action.SELL)
    now = now or utcnow()
    with uow:
        contract, _, _ = _contract_for(uow.session, actor, contract_id)
        check_version(contract, expected_version)
        errors = []
        if contract.status != ContractStatus.SIGNED:
            errors.append(FieldError("contract", "handover_contract_not_live"))
        if at <= now:
            errors.append(FieldError("at", "delivery_in_past"))
        if errors:
            raise ValidationFailed(errors)
        contract.delivery_appointment_at, contract.updated_by_id = at, actor.user_id
        commit(uow)
        return DeliveryAppointmentDTO(contract.id, at, contract.version)


def handover_checklist(
    uow: UnitOfWork, *, actor: Actor, contract_id: int | None = None, deal_id: int | None = None
) -> HandoverChecklistDTO:
    """Read: what the handover of this contract (or the deal's latest) asks for: the documents
    of art. 16 that apply (import documents for a car not made in China), the gifts and
    promises of the quote, the on-board items, the explanations and what blocks it now."""
    require(actor, Action.SELL)
    with uow:
        s = uow.session
        if contract_id is None:
            found = latest_contract(s, deal_id) if deal_id is not None else None
            if found is None:
                raise NotFound(what="contract", id=deal_id)
            contract_id = found.id
        c, car, _ = _contract_for(s, actor, contract_id)
        return HandoverChecklistDTO(
            contract_id=c.id,
            deal_id=c.deal_id,
            contract_number=c.number,
            contract_version=c.version,
            buyer_name=c.buyer_name,
            buyer_id_masked=c.buyer_id_masked,
            agent_name=c.agent_name,
            vin=c.vin,
            car=" ".join(p for p in (car.brand, car.model, car.trim) if p),
            imported=checks.is_imported(c.vin),
            documents=checks.applicable_documents(c),
            gifts=checks.gifts_of(s, c),
            onboard_items=checks.onboard_items_for(car),
            explanations=checks.H.EXPLANATIONS,
            max_odometer_km=c.max_delivery_odometer_km,
            delivery_appointment_at=c.delivery_appointment_at,
            blockers=tuple(checks.record_blockers(s, c, car)),
            delivered=c.status == ContractStatus.FULFILLED,
        )


def _ready(s, contract: Contract, car: Vehicle, data: HandoverInput, signatures: Sequence[SignatureCapture]) -> None:
    """Every step of 4.4.2 at once; the customer and the consultant both sign."""
    errors = checks.record_blockers(s, contract, car)
    if any(e.field == "contract" for e in errors):
        raise ValidationFailed(errors)
    errors += checks.input_errors(s, contract, car, data)
    if not {"customer", "consultant"} <= {sig.role for sig in signatures}:
        errors.append(FieldError("signatures", "handover_signatures_required"))
    if errors:
        raise ValidationFailed(errors)


def complete_handover(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    data: HandoverInput,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> HandoverDTO:
    """Hand the car over (see the module docstring). A repeated `request_key` returns the
    first handover; a contract changed since the checks raises Conflict and keeps nothing."""
    require(actor, Action.DELIVER_VEHICLE)
    now = now or utcnow()
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    with uow:
        s = uow.session
        first = first_record(s, request_key, OPERATION)
        done = s.get(Handover, first) if first is not None else None
        if done is not None:
            return _dto(s, done)
        contract, car, _ = _contract_for(s, actor, contract_id)
        _ready(s, contract, car, data, signatures)
        papers = papers_of(s, contract, car, data, store_today(now), now)
        version = contract.version
    prepared = issue_papers(uow, actor, contract_id, papers, signatures, language)
    with uow:
        s = uow.session
        contract, car, _ = _contract_for(s, actor, contract_id)
        check_version(contract, version)
        _ready(s, contract, car, data, signatures)
        h = _record(uow, actor, contract, car, data, papers, prepared, now)
        remember(s, request_key, OPERATION, h.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return _dto(s, h)


def _record(uow: UnitOfWork, actor: Actor, contract: Contract, car: Vehicle, data: HandoverInput, papers: HandoverPapers,
            prepared, now: dt.datetime) -> Handover:  # fmt: skip
    """Write everything of the handover in the caller's transaction."""
    s = uow.session
    from app.documents.api import archive_prepared
    from app.inventory.api import deliver_at_handover

    record_id = archive_prepared(s, prepared.record, actor)
    warranty_id = archive_prepared(s, prepared.warranty, actor)
    w = papers.warranty
    h = Handover(
        contract_id=contract.id,
        vehicle_id=car.id,
        pdi_inspection_id=checks.passed_inspection_id(s, car),
        id_fingerprint=checks.fingerprint(checks.normalised_id(data.id_number), field=checks.BUYER_ID_FIELD),
        # 办法 art. 16: the applicable documents with their numbers, the 三包凭证 with its own.
        documents=[
            {"code": c, "number": prepared.warranty.number if c == SANBAO else n} for c, n in papers.record.documents
        ],
        gifts=[{"line_id": g.line_id, "description": g.description} for g in papers.gifts],
        onboard_items=sorted(data.onboard_items),
        explanations=sorted(data.explanations),
        odometer_km=int(data.odometer_km or 0),
        delivered_at=now,
        delivered_by_id=actor.user_id,
        warranty_start=w.start,
        sanbao_until=w.sanbao_until,
        sanbao_km=w.sanbao_km,
        repair_warranty_until=w.repair_until,
        repair_warranty_km=w.repair_km,
        document_id=record_id,
        document_number=prepared.record.number,
        warranty_document_id=warranty_id,
        warranty_document_number=prepared.warranty.number,
    )
    s.add(h)
    # The car leaves the store through inventory's one move for it (issue #18.4: delivered only
    # through a handover): sold -> delivered, the PDI gate again (4.4.1.2-4.4.1.4), the card
    # retired and the history row saying who and when.
    deliver_at_handover(uow, car, actor=actor, reason=contract.number, at=now)
    s.flush()
    # 3.11: a contract is fulfilled when its car is handed over.
    contract.status, contract.fulfilled_at, contract.live_vehicle_id = ContractStatus.FULFILLED, now, None
    contract.updated_by_id = actor.user_id
    refresh_stage(s, contract.deal_id, now)
    s.flush()
    _plan_care(s, actor, contract, car, h, now)
    return h


def _plan_care(s, actor: Actor, contract: Contract, car: Vehicle, h: Handover, now: dt.datetime) -> None:
    """Issue #19.1 (3.14, 4.5.1.2): the 72-hour call and the first-service reminder, in the
    handover's own transaction."""
    from app.customer_care.api import plan_after_delivery

    deal = s.get(Deal, contract.deal_id)
    plan_after_delivery(
        s, actor_id=actor.user_id, handover_id=h.id, deal_id=deal.id, customer_id=deal.customer_id,
        consultant_id=deal.consultant_id, brand=car.brand, car=f"{car.brand} {car.model} {car.vin}", picked_up_at=now,
    )  # fmt: skip


def _dto(s, h: Handover) -> HandoverDTO:
    contract = s.get(Contract, h.contract_id)
    _, basis = checks.warranty_start(contract.invoice_date, store_today(h.delivered_at))
    return HandoverDTO(
        id=h.id,
        contract_id=h.contract_id,
        deal_id=contract.deal_id,
        vehicle_id=h.vehicle_id,
        delivered_at=h.delivered_at,
        odometer_km=h.odometer_km,
        warranty_start=h.warranty_start,
        warranty_start_basis=basis,
        sanbao_until=h.sanbao_until,
        sanbao_km=h.sanbao_km,
        repair_warranty_until=h.repair_warranty_until,
        repair_warranty_km=h.repair_warranty_km,
        document_id=h.document_id,
        document_number=h.document_number,
        warranty_document_id=h.warranty_document_id,
        warranty_document_number=h.warranty_document_number,
    )
