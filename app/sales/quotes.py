"""The sales proposal (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3; issue #18.2): priced from the list
in force (quote_lines.py), saved as a new revision each time (every version kept), a discount
above the store threshold approved by a sales manager with a reason, confirmed by the customer's
signature on a bilingual PDF kept in the archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core.clock import store_today, utcnow
from app.core.common import commit
from app.core.dto import Actor, Changes, SignatureCapture
from app.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line, clean_text
from app.sales.deals import deal_for_sale, deal_for_view
from app.sales.quote_dto import QuoteDTO, QuoteInput, QuoteLineDTO, QuotePreviewDTO
from app.sales.quote_lines import build_quote, discount_threshold_fen
from db.changed_by import stale_who
from db.sales_models import Deal, DealStage, Quote, QuoteLine
from db.uow import UnitOfWork

SAVE_QUOTE = "save_quote"
MAX_APPROVAL_REASON = 1000


def _lines(s, quote_id: int) -> tuple[QuoteLineDTO, ...]:
    rows = s.scalars(select(QuoteLine).where(QuoteLine.quote_id == quote_id).order_by(QuoteLine.position))
    return tuple(
        QuoteLineDTO(
            r.position,
            r.kind,
            r.price_list_item_id,
            r.description,
            r.description_en or "",
            r.quantity,
            r.amount_fen,
            r.provider or "",
            r.timing or "",
        )  # fmt: skip
        for r in rows
    )


def quote_dto(s, q: Quote, changes: Changes | None = None) -> QuoteDTO:
    return QuoteDTO(
        q.id, q.deal_id, q.revision, q.price_list_id, q.vehicle_id, q.brand, q.model, q.trim or "", _lines(s, q.id),
        q.total_fen, q.discount_fen, discount_threshold_fen(s), q.discount_reason or "", q.discount_approved_by_id,
        q.valid_until, q.document_id, q.document_number, q.signed_at, q.superseded_at, q.created_at,
        changes or Changes(),
    )  # fmt: skip


def _changed(q: Quote) -> Changes:
    return Changes(sales=True, ids=frozenset({q.deal_id}))


def current_quote(s, deal_id: int) -> Quote | None:
    """The deal's latest revision (the one not superseded)."""
    return s.scalar(
        select(Quote).where(Quote.deal_id == deal_id, Quote.superseded_at.is_(None)).order_by(Quote.revision.desc())
    )


def signed_quote(s, deal_id: int) -> Quote | None:
    """For the contract (issue #18.4): the latest signed revision not superseded, or None."""
    q = current_quote(s, deal_id)
    return q if q is not None and q.signed_at is not None else None


def price_quote(
    uow: UnitOfWork, *, actor: Actor, deal_id: int, data: QuoteInput, now: dt.datetime | None = None
) -> QuotePreviewDTO:
    """The lines and the total `save_quote` would write on the store day, writing nothing."""
    with uow:
        s = uow.session
        deal = deal_for_sale(s, actor, deal_id)
        return build_quote(s, deal, data, store_today(now or utcnow()))


def _open_for_quotes(deal: Deal) -> None:
    # Once a contract is signed, a change is an amendment of the contract (4.3.3), not a quote.
    if deal.stage != DealStage.QUOTE:
        raise ValidationFailed([FieldError("deal", "deal_past_quote", {"stage": deal.stage})])


def save_quote(
    uow: UnitOfWork,
    *,
    actor: Actor,
    deal_id: int,
    data: QuoteInput,
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> QuoteDTO:
    """Write the next revision of the deal's quote; the previous one is superseded (and kept)."""
    now = now or utcnow()
    with uow:
        s = uow.session
        first = first_record(s, request_key, SAVE_QUOTE)
        if first is not None:
            q = quote_row(s, first)
            return quote_dto(s, q, _changed(q))
        deal = deal_for_sale(s, actor, deal_id)
        _open_for_quotes(deal)
        preview = build_quote(s, deal, data, store_today(now))
        try:
            q = _write(s, actor, deal, data, preview, now)
            remember(s, request_key, SAVE_QUOTE, q.id, actor_id=actor.user_id, now=now)
            commit(uow)
        except (StaleDataError, IntegrityError) as e:
            # Another terminal saved a revision of this deal first (the deal's version, the
            # unique revision number): the user reloads and saves again, nothing half-written.
            s.rollback()
            raise Conflict(detail=str(e), **stale_who(s)) from None
        return quote_dto(s, q, _changed(q))


def _write(s, actor: Actor, deal: Deal, data: QuoteInput, preview: QuotePreviewDTO, now: dt.datetime) -> Quote:
    deal.updated_at, deal.updated_by_id = now, actor.user_id  # a new version: two saves never both win
    previous = current_quote(s, deal.id)
    if previous is not None:
        previous.superseded_at = now
    last = s.scalar(select(Quote.revision).where(Quote.deal_id == deal.id).order_by(Quote.revision.desc()).limit(1))
    vehicle_line = next(line for line in preview.lines if line.kind == "vehicle")
    if not deal.trim:  # a model to order: the trim quoted is the deal's from now on
        from db.sales_models import PriceListItem

        deal.trim = s.get(PriceListItem, vehicle_line.price_list_item_id).trim or ""
    q = Quote(
        deal_id=deal.id, revision=(last or 0) + 1, price_list_id=preview.price_list_id, vehicle_id=deal.vehicle_id,
        brand=deal.brand, model=deal.model, trim=deal.trim, total_fen=preview.total_fen,
        discount_fen=preview.discount_fen, valid_until=data.valid_until, created_at=now, created_by_id=actor.user_id,
    )  # fmt: skip
    s.add(q)
    s.flush()
    for line in preview.lines:
        s.add(QuoteLine(quote_id=q.id, **{k: v for k, v in vars(line).items()}))
    s.flush()
    return q


def quote_row(s, quote_id: int) -> Quote:
    q = s.get(Quote, quote_id)
    if q is None:
        raise NotFound(what="quote", id=quote_id)
    return q


def _still_open(q: Quote) -> None:
    if q.superseded_at is not None:
        raise ValidationFailed([FieldError("quote", "quote_superseded", {"revision": q.revision})])
    if q.signed_at is not None:
        raise ValidationFailed([FieldError("quote", "quote_already_signed", {"revision": q.revision})])


def approve_discount(
    uow: UnitOfWork, *, actor: Actor, quote_id: int, reason: str, now: dt.datetime | None = None
) -> QuoteDTO:
    """A sales manager approves a discount above the store threshold, with a reason (4.3.2.1)."""
    require(actor, Action.APPROVE_DISCOUNTS)
    reason, errors = clean_text(reason), []
    if not reason:
        errors.append(FieldError("reason", "required"))
    check_length(reason, "reason", MAX_APPROVAL_REASON, errors)  # refused with its limit, never cut
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        q = quote_row(s, quote_id)
        _still_open(q)
        q.discount_approved_by_id, q.discount_reason = actor.user_id, reason
        commit(uow)
        return quote_dto(s, q, _changed(q))


def latest_quote(uow: UnitOfWork, *, actor: Actor, deal_id: int) -> QuoteDTO | None:
    """The deal's current quote revision, or None before the first (VIEW_DEALS)."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        deal_for_view(uow.session, actor, deal_id)
        q = current_quote(uow.session, deal_id)
        return quote_dto(uow.session, q) if q is not None else None


def sign_blockers(s, q: Quote, signatures: Sequence[SignatureCapture], now: dt.datetime) -> list[FieldError]:
    """Why the customer's signature cannot confirm this quote now; every one at once."""
    errors = []
    if q.superseded_at is not None or q.signed_at is not None:
        errors.append(FieldError("quote", "quote_superseded" if q.superseded_at else "quote_already_signed"))
    if q.discount_fen > discount_threshold_fen(s) and q.discount_approved_by_id is None:
        errors.append(FieldError("discount", "discount_not_approved"))
    if q.valid_until is not None and q.valid_until < store_today(now):
        errors.append(FieldError("valid_until", "quote_expired"))
    if "customer" not in {sig.role for sig in signatures}:
        errors.append(FieldError("signatures", "quote_signature_required"))
    return errors


def sign_quote(
    uow: UnitOfWork,
    *,
    actor: Actor,
    quote_id: int,
    signatures: Sequence[SignatureCapture],
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> QuoteDTO:
    """The customer confirms the quote by signing (4.3.1.3): the PDF is archived (doc type
    quote, subject the deal) and linked to this revision in one transaction."""
    from app.sales.quote_sign import issue_quote

    now = now or utcnow()
    signatures = tuple(replace(sig, signer_name=clean_line(sig.signer_name)) for sig in signatures)
    with uow:
        s = uow.session
        q = quote_row(s, quote_id)
        deal_for_sale(s, actor, q.deal_id)
        errors = sign_blockers(s, q, signatures, now)
        if errors:
            raise ValidationFailed(errors)
    return issue_quote(uow, actor, quote_id, signatures, language, now)
