"""The contract's papers, rendered and signed with no transaction open (app.documents
prepare_document; the store signs digitally, PAdES): the contract (HT, whose number becomes
the contract's), the special terms (ST, only when there are any) and the entrustment agreement
(WT, only when the quote has agency services; 办法 art. 14). Archived by the caller inside the
use case's one transaction (archive_prepared). The papers of one contract share one signing
session: the store's certificate is made ready once, not once per paper (issue #18.11, speed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.dto import Actor, SignatureCapture, StoreDTO
from app.sales.contract_draft import Draft
from app.sales.contract_terms import CleanTerms
from db.uow import UnitOfWork

if TYPE_CHECKING:  # reportlab and the signing stack load when a paper is drawn (issue #17, memory)
    from app.documents.api import PreparedDocument, SigningSession
    from app.documents.layout import SignatureDTO
    from app.sales.contract_pdf import ContractPrint


def drawn(signatures: Sequence[SignatureCapture]) -> list[SignatureDTO]:
    from app.documents.layout import SignatureDTO, SignerRole

    return [SignatureDTO(s.signer_name.strip(), SignerRole(s.role), s.signed_at, bytes(s.png)) for s in signatures]


@dataclass(frozen=True)
class Amendment:
    """An amendment (变更) is the next version of the same document numbers, with its reason."""

    revision: int = 1
    reason: str = ""
    contract_number: str | None = None
    special_terms_number: str | None = None

    def replacing(self, number: str | None) -> dict:
        return {"replaces": number, "reason": self.reason} if number else {}


@dataclass(frozen=True)
class Prepared:
    contract: PreparedDocument
    special_terms: PreparedDocument | None
    entrustment: PreparedDocument | None


def contract_print(draft: Draft, t: CleanTerms, masked: dict[str, str], special: bool, **kw) -> ContractPrint:
    from app.sales.contract_pdf import ContractPrint

    return ContractPrint(
        buyer_name=t.buyer_name,
        buyer_id_type=t.buyer_id_type,
        buyer_id_masked=masked["buyer_id"],
        buyer_address=t.buyer_address,
        buyer_phone_masked=masked.get("buyer_phone", ""),
        agent_name=t.agent_name,
        agent_id_type=t.agent_id_type,
        agent_id_masked=masked.get("agent_id"),
        consultant_name=draft.consultant_name,
        vehicle=draft.vehicle,
        vin=draft.vin,
        engine_no=t.engine_no,
        certificate_no=t.certificate_no,
        configuration=draft.configuration,
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
        has_special_terms=special,
        **kw,
    )


def _prepare(
    uow, session: SigningSession, actor, doc_type, draft, language, render, signatures, **kw
) -> PreparedDocument:
    from app.documents.api import prepare_document

    return prepare_document(
        uow,
        actor=actor,
        doc_type=doc_type,
        subject_type="deal",
        subject_id=draft.deal_id,
        language=language,
        render=render,
        signatures=signatures,
        subject_ref=f"{draft.vin}",
        session=session,
        **kw,
    )


def papers_session(s, store: StoreDTO, draft: Draft, terms: CleanTerms) -> SigningSession | None:
    """The signing session of a new contract's papers, in the caller's transaction, with the
    numbers they will take (issue #18.11); None when the store has no certificate yet."""
    from app.documents.api import signing_session_in

    doc_types = (
        ["sales_contract"] + ["special_terms"] * bool(terms.special_terms) + ["entrustment"] * bool(draft.services)
    )
    return signing_session_in(s, location=store.address, doc_types=doc_types)


def prepare_papers(
    uow: UnitOfWork,
    actor: Actor,
    store: StoreDTO,
    draft: Draft,
    terms: CleanTerms,
    masked: dict[str, str],
    signatures: Mapping[str, Sequence[SignatureCapture]],
    language: str,
    amendment: Amendment | None = None,
    session: SigningSession | None = None,
) -> Prepared:
    """The contract first (its number is the contract's), then the special terms and the
    entrustment agreement, which name it; in `session` if given (papers_session)."""
    from app.documents.api import open_signing_session
    from app.sales.contract_pdf import render_contract
    from app.sales.entrustment_pdf import EntrustmentPrint, ServiceLine, render_entrustment, render_special_terms

    a, session = amendment or Amendment(), session or open_signing_session(uow, actor=actor, location=store.address)
    printed = contract_print(
        draft, terms, masked, bool(terms.special_terms), revision=a.revision, amendment_reason=a.reason
    )
    contract_doc = _prepare(
        uow, session, actor, "sales_contract", draft, language,
        lambda number, version, at: render_contract(
            store, printed, number=number, version=version, language=language, issued_at=at,
            signatures=drawn(signatures["contract"]),
        ),
        signatures["contract"],
        **a.replacing(a.contract_number),
    )  # fmt: skip
    special = None
    if terms.special_terms:
        special = _prepare(
            uow, session, actor, "special_terms", draft, language,
            lambda number, version, at: render_special_terms(
                store, contract_doc.number, terms.special_terms, number=number, version=version,
                language=language, issued_at=at, signatures=drawn(signatures["special_terms"]),
            ),
            signatures["special_terms"],
            **a.replacing(a.special_terms_number),
        )  # fmt: skip
    entrustment = None
    if draft.services and amendment is None:  # the services come from the quote: an amendment keeps them
        paper = EntrustmentPrint(
            contract_number=contract_doc.number,
            client_name=terms.buyer_name,
            client_id_masked=masked["buyer_id"],
            vin=draft.vin,
            services=tuple(ServiceLine(*line) for line in draft.services),
        )
        entrustment = _prepare(
            uow, session, actor, "entrustment", draft, language,
            lambda number, version, at: render_entrustment(
                store, paper, number=number, version=version, language=language, issued_at=at,
                signatures=drawn(signatures["entrustment"]),
            ),
            signatures["entrustment"],
        )  # fmt: skip
    return Prepared(contract_doc, special, entrustment)
