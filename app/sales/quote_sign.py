"""Issuing the signed quote (issue #18.2, 4.3.1.3): the PDF is rendered and signed with no
transaction open, then archived and linked to its revision in one transaction, re-checking that
the revision is still the current, unsigned one (else nothing is kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.core.common import commit
from app.core.dto import Actor, Changes, SignatureCapture
from app.core.errors import ValidationFailed
from app.sales.quote_pdf import QuotePdfDTO, render_quote
from app.sales.quotes import _lines, quote_dto, quote_row, sign_blockers
from db.models import StaffUser, Vehicle
from db.reception_models import Customer
from db.sales_models import Deal, PriceList, Quote
from db.uow import UnitOfWork


def _name(s, model, row_id: int | None, attr: str) -> str:
    row = s.get(model, row_id) if row_id else None
    return (getattr(row, attr, None) or "") if row is not None else ""


def quote_pdf_dto(s, q: Quote) -> QuotePdfDTO:
    deal = s.get(Deal, q.deal_id)
    car = s.get(Vehicle, q.vehicle_id) if q.vehicle_id else None
    pl = s.get(PriceList, q.price_list_id)
    return QuotePdfDTO(
        customer_name=_name(s, Customer, deal.customer_id, "name"),
        consultant_name=_name(s, StaffUser, deal.consultant_id, "full_name"),
        car=f"{q.brand} {q.model} {q.trim}".strip(),
        vin=car.vin if car else None,
        revision=q.revision,
        price_list_title=f"{pl.title} ({pl.effective_from.isoformat()})" if pl else "",
        lines=_lines(s, q.id),
        total_fen=q.total_fen,
        discount_fen=q.discount_fen,
        discount_approved_by=_name(s, StaffUser, q.discount_approved_by_id, "full_name") or None,
        valid_until=q.valid_until,
    )


def issue_quote(
    uow: UnitOfWork,
    actor: Actor,
    quote_id: int,
    signatures: Sequence[SignatureCapture],
    language: str,
    now: dt.datetime,
):
    from app.documents.api import archive_prepared, prepare_document
    from app.documents.layout import SignatureDTO, SignerRole
    from app.store.api import get_store

    with uow:
        s = uow.session
        q = quote_row(s, quote_id)
        content, deal_id, ref = quote_pdf_dto(s, q), q.deal_id, f"Deal#{q.deal_id} QT rev {q.revision}"
    store = get_store(uow)
    drawn = [SignatureDTO(sig.signer_name, SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures]

    def render(number: str, doc_version: int, issued_at: dt.datetime) -> bytes:
        return render_quote(
            store, content, number=number, version=doc_version, language=language, issued_at=issued_at,
            signatures=drawn,
        )  # fmt: skip

    prepared = prepare_document(
        uow, actor=actor, doc_type="quote", subject_type="deal", subject_id=deal_id, language=language,
        render=render, signatures=signatures, subject_ref=ref,
    )  # fmt: skip
    with uow:
        s = uow.session
        q = quote_row(s, quote_id)
        errors = sign_blockers(s, q, signatures, now)  # a newer revision or signature meanwhile
        if errors:
            raise ValidationFailed(errors)
        q.document_id = archive_prepared(s, prepared, actor)
        q.document_number, q.signed_at = prepared.number, now
        commit(uow)
        return quote_dto(s, q, Changes(sales=True, documents=True, ids=frozenset({deal_id})))
