"""One deal's history for the deal page (issue #18.7): its quote revisions, the disclosure, the
contracts with their signed revisions and balance, the money in and out, the handover, and
every document archived for it (app/documents: quote QT, disclosure DS, contract HT, special
terms ST, entrustment WT, receipts SK, settlement JS, handover JC, 三包凭证 SB)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.sales.board_dto import (
    ContractRefDTO,
    ContractRevisionRefDTO,
    DealDetailDTO,
    DealDocumentDTO,
    DealRowDTO,
    DisclosureRefDTO,
    HandoverRefDTO,
    PaymentRefDTO,
    QuoteRefDTO,
    RefundRefDTO,
)
from app.sales.board_rows import balances
from db.finance_models import Payment, RefundRequest, Settlement
from db.handover_models import Handover
from db.models import Document
from db.sales_models import Contract, ContractRevision, Deal, Disclosure, Quote


def _quotes(s: Session, deal_id: int) -> tuple[QuoteRefDTO, ...]:
    rows = s.scalars(select(Quote).where(Quote.deal_id == deal_id).order_by(Quote.revision))
    return tuple(
        QuoteRefDTO(
            q.id, q.revision, q.total_fen, q.discount_fen, q.created_at, q.signed_at, q.superseded_at,
            q.document_id, q.document_number,
        )
        for q in rows
    )  # fmt: skip


def _disclosure(s: Session, deal_id: int) -> DisclosureRefDTO | None:
    d = s.scalars(select(Disclosure).where(Disclosure.deal_id == deal_id).order_by(Disclosure.id.desc())).first()
    if d is None:
        return None
    return DisclosureRefDTO(d.id, len(d.items or []), d.signed_at, d.document_id, d.document_number)


def _contracts(s: Session, contracts: list[Contract]) -> tuple[ContractRefDTO, ...]:
    money = balances(s, contracts)
    revisions: dict[int, list[ContractRevisionRefDTO]] = {c.id: [] for c in contracts}
    if contracts:
        for r in s.scalars(
            select(ContractRevision)
            .where(ContractRevision.contract_id.in_(revisions))
            .order_by(ContractRevision.revision)
        ):
            revisions[r.contract_id].append(ContractRevisionRefDTO(r.revision, r.reason, r.signed_at, r.document_id))
    return tuple(
        ContractRefDTO(
            id=c.id,
            number=c.number,
            revision=c.revision,
            status=c.status,
            price_fen=c.price_fen,
            payment_method=c.payment_method,
            delivery_date=c.delivery_date,
            delivery_appointment_at=c.delivery_appointment_at,
            signed_at=c.signed_at,
            ended_at=c.ended_at,
            end_reason=c.end_reason,
            invoice_no=c.invoice_no,
            revisions=tuple(revisions[c.id]),
            due_fen=money[c.id].due_fen,
            paid_fen=money[c.id].paid_fen,
            loan_fen=money[c.id].loan_fen,
            open_fen=money[c.id].open_fen,
        )
        for c in contracts
    )


def _money(s: Session, contract_ids: list[int]) -> tuple[tuple[PaymentRefDTO, ...], tuple[RefundRefDTO, ...]]:
    if not contract_ids:
        return (), ()
    payments = s.scalars(
        select(Payment).where(Payment.contract_id.in_(contract_ids)).order_by(Payment.received_at, Payment.id)
    )
    refunds = s.scalars(
        select(RefundRequest).where(RefundRequest.contract_id.in_(contract_ids)).order_by(RefundRequest.id)
    )
    return (
        tuple(
            PaymentRefDTO(
                p.id, p.contract_id, p.kind, p.amount_fen, p.method, p.receipt_no, p.received_at, p.document_id
            )
            for p in payments
        ),
        tuple(RefundRefDTO(r.id, r.contract_id, r.amount_fen, r.reason, r.status, r.requested_at) for r in refunds),
    )


def _handover(s: Session, contract_ids: list[int]) -> HandoverRefDTO | None:
    if not contract_ids:
        return None
    h = s.scalars(select(Handover).where(Handover.contract_id.in_(contract_ids))).first()
    if h is None:
        return None
    return HandoverRefDTO(
        h.id, h.contract_id, h.delivered_at, h.odometer_km, h.document_number, h.warranty_document_number
    )


def _documents(s: Session, deal_id: int, contract_ids: list[int], payment_ids: list[int], linked: set[int]):
    """Every document issued for the deal, its contracts or its payments, plus any a record
    links directly (a settlement, a handover record), oldest first."""
    subjects = [and_(Document.subject_type == "deal", Document.subject_id == deal_id)]
    if contract_ids:
        subjects.append(and_(Document.subject_type == "contract", Document.subject_id.in_(contract_ids)))
    if payment_ids:
        subjects.append(and_(Document.subject_type == "payment", Document.subject_id.in_(payment_ids)))
    if linked:
        subjects.append(Document.id.in_(linked))
    rows = s.scalars(select(Document).where(or_(*subjects)).order_by(Document.issued_at, Document.id))
    return tuple(
        DealDocumentDTO(d.id, d.number, d.doc_type, d.version, d.issued_at, d.voided_at is not None) for d in rows
    )


def _linked_documents(s: Session, contracts: list[Contract], handover_ids: list[int | None]) -> set[int]:
    ids: set[int | None] = set(handover_ids)
    for c in contracts:
        ids |= {c.document_id, c.special_terms_document_id, c.entrustment_document_id}
    if contracts:
        ids |= set(
            s.scalars(select(Settlement.document_id).where(Settlement.contract_id.in_([c.id for c in contracts])))
        )
    return {i for i in ids if i is not None}


def deal_history(s: Session, deal: Deal, row: DealRowDTO) -> DealDetailDTO:
    contracts = list(s.scalars(select(Contract).where(Contract.deal_id == deal.id).order_by(Contract.id)))
    contract_ids = [c.id for c in contracts]
    payments, refunds = _money(s, contract_ids)
    handover = _handover(s, contract_ids)
    quotes = _quotes(s, deal.id)
    disclosure = _disclosure(s, deal.id)
    handover_docs = []
    if handover is not None:
        h = s.get(Handover, handover.id)
        handover_docs = [h.document_id, h.warranty_document_id] if h else []
    linked = _linked_documents(s, contracts, handover_docs)
    linked |= {q.document_id for q in quotes if q.document_id}
    if disclosure and disclosure.document_id:
        linked.add(disclosure.document_id)
    linked |= {p.document_id for p in payments if p.document_id}
    return DealDetailDTO(
        deal=row,
        quotes=quotes,
        disclosure=disclosure,
        contracts=_contracts(s, contracts),
        payments=payments,
        refunds=refunds,
        handover=handover,
        documents=_documents(s, deal.id, contract_ids, [p.id for p in payments], linked),
        version=deal.version,
    )
