"""The sales contract (购车合同): asked before the pads open, then signed (T/CSCA 120031-2023
4.3.3; 《汽车销售管理办法》 art. 15; domain_reference §4.1; 民法典 586-587).

`sign_contract` needs a signed quote (4.3.1.3), a car on the deal that is in stock or on
display, the disclosure where one is required (4.2.3.4), the buyer's ID valid for its type, the
deposit rule (a 定金 at most 20 %, 民法典 586), and the pads: customer and consultant on the
contract, again on the special terms and on the entrustment agreement when there are any. In
ONE transaction with the archived PDFs: the contract (its number is the HT document's), its
first revision, the car sold (with its history row), the lead ordered, the deal's stage. A car
is in at most one live contract: `contract.live_vehicle_id` is unique, so two terminals selling
one car end with one contract and a Conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from app.core.clock import store_today, utcnow
from app.core.common import commit
from app.core.dto import Actor, SignatureCapture
from app.core.errors import Conflict, FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.personal_data import fingerprint, mask, seal
from app.core.request_keys import first_record, remember
from app.core.validation import clean_line
from app.documents.api import archive_prepared
from app.inventory.api import sell_under_contract
from app.reception.api import move_lead
from app.sales.contract_docs import Prepared, papers_session, prepare_papers
from app.sales.contract_draft import (
    Draft,
    blockers_with_quote,
    contract_price_fen,
    read_draft,
    sale_rows,
    service_lines,
    signed_quote,
)
from app.sales.deals import deal_for_sale, may_sell_for
from app.sales.contract_dto import ContractDTO, ContractInput, contract_dto
from app.sales.contract_terms import CleanTerms, clean_terms, terms_record
from app.sales.stages import refresh_stage, stage_when_signed
from app.store.api import store_in
from db.models import Vehicle
from db.reception_models import Lead, LeadStatus
from db.sales_models import Contract, ContractRevision, Deal, Quote, QuoteLine
from db.uow import UnitOfWork

BUYER_ID_FIELD = "contract.buyer_id"
AGENT_ID_FIELD = "contract.agent_id"
ADDRESS_FIELD = "contract.buyer_address"
SIGNERS = {"customer", "consultant"}


def _checked_terms(
    s, deal, data: ContractInput | None, now: dt.datetime, quote: Quote | None, services: list[QuoteLine] | None = None
) -> tuple[list[FieldError], CleanTerms | None]:
    """`quote` (and `services`, its `service_lines`): the deal's `signed_quote`, read once by
    the caller (issue #18.11)."""
    errors = blockers_with_quote(s, deal, quote, now)
    today = store_today(now)
    if data is None or quote is None:
        return errors, None
    try:
        return errors, clean_terms(data, price_fen=contract_price_fen(s, quote, services), today=today)
    except ValidationFailed as e:
        return errors + list(e.errors), None


def contract_blockers(
    uow: UnitOfWork, *, actor: Actor, deal_id: int, data: ContractInput | None = None, now: dt.datetime | None = None
) -> list[FieldError]:
    """Asked before the signature pads open: every reason sign_contract would refuse now (the
    deal's state, and the typed terms when given). Nothing is written."""
    require(actor, Action.SELL)
    with uow:
        s = uow.session
        deal = deal_for_sale(s, actor, deal_id)
        errors, _ = _checked_terms(s, deal, data, now or utcnow(), signed_quote(s, deal.id))
        return errors


def _signature_errors(
    terms: CleanTerms, draft: Draft, papers: Mapping[str, Sequence[SignatureCapture]]
) -> list[FieldError]:
    """The customer and the consultant sign each paper there is (4.3.3; special terms and the
    entrustment agreement separately, 办法 art. 14)."""
    needed = {"contract": True, "special_terms": bool(terms.special_terms), "entrustment": bool(draft.services)}
    return [
        FieldError(f"{paper}_signatures", f"{paper}_signatures_required")
        for paper, wanted in needed.items()
        if wanted and not SIGNERS <= {sig.role for sig in papers[paper]}
    ]


def _masked(t: CleanTerms) -> dict[str, str]:
    out = {"buyer_id": mask(t.buyer_id), "buyer_phone": mask(t.buyer_phone) if t.buyer_phone else ""}
    if t.agent_id:
        out["agent_id"] = mask(t.agent_id)
    return out


def _clean_signatures(signatures: Sequence[SignatureCapture]) -> tuple[SignatureCapture, ...]:
    # Signer names as pasted, on one line (issue #17.3): the archive keeps what the PDF shows.
    return tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)


def sign_contract(
    uow: UnitOfWork,
    *,
    actor: Actor,
    deal_id: int,
    data: ContractInput,
    signatures: Sequence[SignatureCapture],
    special_terms_signatures: Sequence[SignatureCapture] = (),
    entrustment_signatures: Sequence[SignatureCapture] = (),
    language: str = "bilingual",
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> ContractDTO:
    """Sign the contract (see the module docstring); a repeated `request_key` returns the
    contract the first request signed."""
    require(actor, Action.SELL)
    now = now or utcnow()
    papers = {
        "contract": _clean_signatures(signatures),
        "special_terms": _clean_signatures(special_terms_signatures),
        "entrustment": _clean_signatures(entrustment_signatures),
    }
    with uow:
        s = uow.session
        first = first_record(s, request_key, "sign_contract")
        if first is not None:
            return contract_dto(s.get(Contract, first))
        # A consultant contracts their own customers' deals only; a sales manager anyone's.
        # Read once for the checks and the draft (issue #18.11); `car` is kept referenced so
        # that they find it in the session instead of reading it again.
        deal, car, quote, _ = sale_rows(s, deal_id)
        may_sell_for(actor, deal.consultant_id)
        services = service_lines(s, quote.id) if quote is not None else None
        errors, terms = _checked_terms(s, deal, data, now, quote, services)
        if errors or terms is None:
            raise ValidationFailed(errors)
        draft = read_draft(s, deal, quote, services)
        del car
        errors = _signature_errors(terms, draft, papers)
        if errors:
            raise ValidationFailed(errors)
        store = store_in(s)
        # The certificate and the papers' numbers in this transaction (issue #18.11), last:
        # the numbers are committed at once, before rendering, as allocate_number does.
        session = papers_session(s, store, draft, terms)
        uow.commit()
    # Rendered and signed with no transaction open (slow); archived with the contract below.
    prepared = prepare_papers(uow, actor, store, draft, terms, _masked(terms), papers, language, session=session)
    return _archive_and_record(uow, actor, draft, terms, prepared, request_key, now)


def _still_as_drawn(s, draft: Draft, now: dt.datetime) -> tuple[Deal, Vehicle, Lead | None]:
    """The deal and the car as the papers were drawn from; otherwise nothing is kept.
    Returns them with the deal's lead, read in the same statement (issue #18.11)."""
    deal, car, quote, lead = sale_rows(s, draft.deal_id)
    if (
        deal.version != draft.deal_version
        or car is None
        or car.id != draft.vehicle_id
        or car.version != draft.vehicle_version
    ):
        raise Conflict(table="deal", id=draft.deal_id)
    if quote is not None and quote.id != draft.quote_id:  # a new quote signed meanwhile
        raise Conflict(table="quote", id=quote.id)
    errors = blockers_with_quote(s, deal, quote, now, versions_checked=True)
    if errors:
        raise ValidationFailed(errors)
    return deal, car, lead


def _new_contract(draft: Draft, t: CleanTerms, actor: Actor, number: str, now: dt.datetime) -> Contract:
    return Contract(
        deal_id=draft.deal_id,
        quote_id=draft.quote_id,
        number=number,
        buyer_name=t.buyer_name,
        buyer_id_type=t.buyer_id_type,
        buyer_id_sealed=seal(t.buyer_id, field=BUYER_ID_FIELD),
        buyer_id_masked=mask(t.buyer_id),
        buyer_id_fingerprint=fingerprint(t.buyer_id, field=BUYER_ID_FIELD),
        buyer_address_sealed=seal(t.buyer_address, field=ADDRESS_FIELD) if t.buyer_address else None,
        buyer_phone_masked=mask(t.buyer_phone) if t.buyer_phone else "",
        agent_name=t.agent_name,
        agent_id_type=t.agent_id_type,
        agent_id_sealed=seal(t.agent_id, field=AGENT_ID_FIELD) if t.agent_id else None,
        agent_id_masked=mask(t.agent_id) if t.agent_id else None,
        id_verified_at=now,
        id_verified_by_id=actor.user_id,
        vehicle_id=draft.vehicle_id,
        live_vehicle_id=draft.vehicle_id,
        vin=draft.vin,
        engine_no=t.engine_no,
        certificate_no=t.certificate_no,
        configuration=list(draft.configuration),
        price_fen=draft.price_fen,
        price_words=draft.price_words,
        payment_method=t.payment_method,
        loan_lender=t.loan_lender,
        loan_amount_fen=t.loan_amount_fen,
        deposit_kind=t.deposit_kind,
        deposit_fen=t.deposit_fen,
        delivery_place=t.delivery_place,
        delivery_date=t.delivery_date,
        max_delivery_odometer_km=t.max_delivery_odometer_km,
        special_terms=t.special_terms,
        signed_at=now,
        created_by_id=actor.user_id,
        updated_by_id=actor.user_id,
    )


def _archive_and_record(uow, actor, draft: Draft, t: CleanTerms, prepared: Prepared, request_key, now):
    with uow:
        s = uow.session
        # The deal is kept referenced for refresh_stage below to find it in the session.
        deal, car, lead = _still_as_drawn(s, draft, now)
        contract = _new_contract(draft, t, actor, prepared.contract.number, now)
        contract.document_id = archive_prepared(s, prepared.contract, actor)
        if prepared.special_terms is not None:
            contract.special_terms_document_id = archive_prepared(s, prepared.special_terms, actor)
        if prepared.entrustment is not None:
            contract.entrustment_document_id = archive_prepared(s, prepared.entrustment, actor)
        s.add(contract)
        s.flush()  # live_vehicle_id is unique: a car sold meanwhile on another terminal stops here
        s.add(
            ContractRevision(
                contract_id=contract.id,
                revision=1,
                terms=terms_record(t, price_fen=draft.price_fen, price_words=draft.price_words, vin=draft.vin),
                document_id=contract.document_id,
                signed_at=now,
                signed_by_id=actor.user_id,
            )
        )
        # The rows above reach the database with the commit's flush (issue #18.11: one flush,
        # not one per read that follows); the car's UPDATE still checks its version there.
        with s.no_autoflush:
            sell_under_contract(uow, car, actor=actor, reason=f"购车合同 {contract.number}")
        if lead is not None and lead.status != LeadStatus.ORDERED:
            move_lead(s, lead, LeadStatus.ORDERED, now=now, actor_id=actor.user_id, note=contract.number)
        stage = stage_when_signed(contract, sum(line[3] for line in draft.services))
        refresh_stage(s, deal.id, now, stage=stage)
        remember(s, request_key, "sign_contract", contract.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return contract_dto(contract)
