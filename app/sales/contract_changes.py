"""Changing a signed contract: an amendment is a new signed revision (变更: contract_revision
row, the contract document's next version, T/CSCA 120031-2023 4.3.3), and ending it is a
cancellation by agreement or a termination under the breach terms (late delivery over 30
days: the buyer may terminate), by a sales manager (END_CONTRACTS) with the reason recorded.

Ending frees the car (back in stock), marks the deal cancelled, puts the lead back to
following (the customer is called again) and leaves finance a refund
request for the net amount paid (refund_request, status requested; finance approves and pays
it, issue #18.5). 民法典 587: whether an earnest money is forfeited or returned double is
decided when the refund is approved; the request carries the whole net amount and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.core.clock import store_today, utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor, SignatureCapture
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.personal_data import fingerprint, mask, seal, unseal
from app.core.validation import check_length, clean_text
from app.documents.api import archive_prepared
from app.inventory.api import release_from_contract
from app.reception.api import follow_again_after_order
from app.sales.contract_docs import Amendment, prepare_papers
from app.sales.contract_draft import Draft
from app.sales.contract_dto import ContractDTO, ContractInput, EndedContractDTO, contract_dto
from app.sales.contract_terms import CleanTerms, clean_terms, terms_record
from app.sales.contracts import AGENT_ID_FIELD, BUYER_ID_FIELD, _clean_signatures, _masked, _signature_errors
from app.sales.stages import paid_fen, refresh_stage
from app.store.api import get_store
from db.finance_models import RefundRequest, RefundStatus
from db.models import StaffUser, Vehicle
from db.reception_models import Lead
from db.sales_models import Contract, ContractRevision, ContractStatus, Deal
from db.uow import UnitOfWork

END_KINDS = {"cancel": ContractStatus.CANCELLED, "terminate": ContractStatus.TERMINATED}
MAX_REASON = 500


def _live(s, contract_id: int, expected_version: int) -> Contract:
    c = s.get(Contract, contract_id)
    if c is None:
        raise NotFound(what="contract", id=contract_id)
    check_version(c, expected_version)
    if c.status != ContractStatus.SIGNED:
        raise ValidationFailed([FieldError("contract", "contract_not_live", {"status": c.status})])
    return c


def _reason(raw: str) -> str:
    reason = clean_text(raw)
    errors: list[FieldError] = []
    if not reason:
        errors.append(FieldError("reason", "required"))
    check_length(reason, "reason", MAX_REASON, errors)
    if errors:
        raise ValidationFailed(errors)
    return reason


def _amendment_draft(s, c: Contract) -> Draft:
    deal = s.get(Deal, c.deal_id)
    car = s.get(Vehicle, c.vehicle_id)
    consultant = s.get(StaffUser, deal.consultant_id) if deal else None
    assert deal is not None and car is not None
    return Draft(
        deal_id=deal.id, deal_version=deal.version, lead_id=deal.lead_id, quote_id=c.quote_id,
        vehicle_id=car.id, vehicle_version=car.version, vin=c.vin,
        vehicle=" ".join(p for p in (car.brand, car.model, car.trim) if p),
        configuration=tuple(c.configuration or ()), price_fen=c.price_fen, price_words=c.price_words,
        consultant_name=consultant.full_name if consultant else "", services=(),
    )  # fmt: skip


@dataclass(frozen=True)
class _Checked:
    """An amendment's terms as checked in its first transaction (`_check_amendment`)."""

    terms: CleanTerms
    kept_phone: str | None
    draft: Draft
    amendment: Amendment
    version: int


def _check_amendment(s, contract_id: int, expected_version: int, data: ContractInput, reason: str, now) -> _Checked:
    """What amend_contract checks before any pad's signature is needed: the contract live and
    unchanged, the reason, the terms (clean_terms, as a new contract's) and the same buyer.
    Writes nothing; ValidationFailed lists the bad fields."""
    errors: list[FieldError] = []
    try:
        reason = _reason(reason)
    except ValidationFailed as e:
        errors += e.errors
    c = _live(s, contract_id, expected_version)
    kept_phone = c.buyer_phone_masked if not data.buyer_phone.strip() else None
    try:
        terms = clean_terms(_kept_sealed(c, data), price_fen=c.price_fen, today=store_today(now))
    except ValidationFailed as e:
        raise ValidationFailed(errors + e.errors) from None
    if fingerprint(terms.buyer_id, field=BUYER_ID_FIELD) != c.buyer_id_fingerprint:
        errors.append(FieldError("buyer_id", "amend_buyer_changed"))
    if errors:
        raise ValidationFailed(errors)
    amendment = Amendment(c.revision + 1, reason, c.number, _special_number(s, c))
    return _Checked(terms, kept_phone, _amendment_draft(s, c), amendment, c.version)


def amendment_blockers(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    expected_version: int,
    data: ContractInput,
    reason: str,
    now: dt.datetime | None = None,
) -> list[FieldError]:
    """Asked before the amendment's signature pads open: every field amend_contract would
    refuse now, by the same checks (`_check_amendment`). Nothing is written."""
    require(actor, Action.SELL)
    require(actor, Action.VOID_DOCUMENTS)
    with uow:
        try:
            _check_amendment(uow.session, contract_id, expected_version, data, reason, now or utcnow())
        except ValidationFailed as e:
            return list(e.errors)
    return []


def amend_contract(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    expected_version: int,
    data: ContractInput,
    reason: str,
    signatures: Sequence[SignatureCapture],
    special_terms_signatures: Sequence[SignatureCapture] = (),
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> ContractDTO:
    """A new signed revision of a live contract: same number, next document version (the old
    one voided, so a manager's right too), same buyer (the handover re-checks this ID)."""
    require(actor, Action.SELL)
    require(actor, Action.VOID_DOCUMENTS)
    now = now or utcnow()
    papers = {"contract": _clean_signatures(signatures), "special_terms": _clean_signatures(special_terms_signatures)}
    papers["entrustment"] = ()
    with uow:
        checked = _check_amendment(uow.session, contract_id, expected_version, data, reason, now)
        terms, draft, amendment = checked.terms, checked.draft, checked.amendment
        errors = _signature_errors(terms, draft, papers)
        if errors:
            raise ValidationFailed(errors)
    prepared = prepare_papers(uow, actor, get_store(uow), draft, terms, _masked(terms), papers, language, amendment)
    with uow:
        s = uow.session
        c = _live(s, contract_id, checked.version)
        c.document_id = archive_prepared(s, prepared.contract, actor)
        if prepared.special_terms is not None:
            c.special_terms_document_id = archive_prepared(s, prepared.special_terms, actor)
        _apply_terms(c, terms, actor)
        if checked.kept_phone:  # only its masked form was kept: the amendment does not erase it
            c.buyer_phone_masked = checked.kept_phone
        c.revision = amendment.revision
        s.add(
            ContractRevision(
                contract_id=c.id, revision=c.revision, reason=amendment.reason, document_id=c.document_id,
                signed_at=now, signed_by_id=actor.user_id,
                terms=terms_record(terms, price_fen=c.price_fen, price_words=c.price_words, vin=c.vin),
            )
        )  # fmt: skip
        refresh_stage(s, c.deal_id, now)
        commit(uow)
        return contract_dto(c)


def _special_number(s, c: Contract) -> str | None:
    from db.models import Document

    if c.special_terms_document_id is None:
        return None
    doc = s.get(Document, c.special_terms_document_id)
    return doc.number if doc else None


def _kept_sealed(c: Contract, data: ContractInput) -> ContractInput:
    """An amendment's form cannot show the sealed buyer address and agent ID (they are never
    sent to a screen): left empty, they stay what the contract says, on the new paper too."""
    if not data.buyer_address.strip() and c.buyer_address_sealed:
        data = replace(data, buyer_address=unseal(c.buyer_address_sealed, field="contract.buyer_address"))
    same_agent = data.agent_name.strip() and data.agent_name.strip() == (c.agent_name or "")
    if same_agent and not data.agent_id_number.strip() and c.agent_id_sealed:
        agent_id = unseal(c.agent_id_sealed, field=AGENT_ID_FIELD)
        data = replace(data, agent_id_number=agent_id, agent_id_type=data.agent_id_type or c.agent_id_type or "")
    return data


def _apply_terms(c: Contract, t: CleanTerms, actor: Actor) -> None:
    c.buyer_name = t.buyer_name
    c.buyer_address_sealed = seal(t.buyer_address, field="contract.buyer_address") if t.buyer_address else None
    c.buyer_phone_masked = mask(t.buyer_phone) if t.buyer_phone else ""
    c.agent_name, c.agent_id_type = t.agent_name, t.agent_id_type
    c.agent_id_sealed = seal(t.agent_id, field=AGENT_ID_FIELD) if t.agent_id else None
    c.agent_id_masked = mask(t.agent_id) if t.agent_id else None
    c.engine_no, c.certificate_no = t.engine_no, t.certificate_no
    c.payment_method, c.loan_lender, c.loan_amount_fen = t.payment_method, t.loan_lender, t.loan_amount_fen
    c.deposit_kind, c.deposit_fen = t.deposit_kind, t.deposit_fen
    c.delivery_place, c.delivery_date = t.delivery_place, t.delivery_date
    c.max_delivery_odometer_km, c.special_terms = t.max_delivery_odometer_km, t.special_terms
    c.updated_by_id = actor.user_id


def end_contract(
    uow: UnitOfWork,
    *,
    actor: Actor,
    contract_id: int,
    expected_version: int,
    kind: str,
    reason: str,
    now: dt.datetime | None = None,
) -> EndedContractDTO:
    """Cancel (by agreement) or terminate (under the breach terms) a live contract: the car
    back in stock, the deal cancelled, a refund request for the net amount paid, if any."""
    require(actor, Action.END_CONTRACTS)
    now = now or utcnow()
    if kind not in END_KINDS:
        raise ValidationFailed([FieldError("kind", "unknown_value")])
    reason = _reason(reason)
    with uow:
        s = uow.session
        c = _live(s, contract_id, expected_version)
        c.status, c.ended_at, c.end_reason = END_KINDS[kind], now, reason
        c.live_vehicle_id, c.updated_by_id = None, actor.user_id
        car = s.get(Vehicle, c.vehicle_id)
        if car is not None:
            release_from_contract(uow, car, actor=actor, reason=f"{c.number}: {reason}"[:MAX_REASON])
        deal = s.get(Deal, c.deal_id)
        if deal is not None:
            deal.cancel_reason, deal.updated_by_id = reason, actor.user_id
            # The lead leaves ordered: the customer did not buy, and is followed up again.
            lead = s.get(Lead, deal.lead_id)
            if lead is not None:
                follow_again_after_order(s, lead, now=now, actor_id=actor.user_id, note=f"{c.number}: {reason}")
        refund = _refund_request(s, c, actor, reason, now)
        refresh_stage(s, c.deal_id, now)
        commit(uow)
        return EndedContractDTO(contract_dto(c), refund.id if refund else None, refund.amount_fen if refund else 0)


def _refund_request(s, c: Contract, actor: Actor, reason: str, now: dt.datetime) -> RefundRequest | None:
    """Finance decides and pays (issue #18.5): here only the request for the net paid."""
    net = paid_fen(s, c.id)
    if net <= 0:
        return None
    refund = RefundRequest(
        contract_id=c.id,
        amount_fen=net,
        reason=reason,
        status=RefundStatus.REQUESTED,
        requested_at=now,
        requested_by_id=actor.user_id,
        updated_by_id=actor.user_id,
    )
    s.add(refund)
    s.flush()
    return refund
