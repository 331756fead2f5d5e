"""The published price and fee list (价格公示; 《汽车销售管理办法》 art. 10, T/CSCA 120031
4.3.2.1-4.3.2.2; issue #18.1).

A manager starts a new version (a draft copying the list in force), edits its lines, then
publishes it: the bilingual public notice is issued and archived in the same transaction as
the status change, and from then on the list never changes. The list in force on a day is the
published one with the latest `effective_from` on or before it. Quotes may use only the
prices of that list (quotes.py asks `list_in_force_row` and `listed_item`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line
from app.sales.price_dto import PriceItemDTO, PriceItemInput, PriceListDTO
from app.sales.price_rules import MAX_TITLE, clean_item, item_errors, list_errors
from db.models import Document
from db.sales_models import PriceItemKind, PriceList, PriceListItem, PriceListStatus
from db.uow import UnitOfWork

CREATE = "create_price_list"
_ITEM_FIELDS = (
    "kind", "code", "brand", "model", "trim", "name_zh", "name_en", "amount_fen", "timing", "rules",
    "valid_from", "valid_to",
)  # fmt: skip


# --- reads (also used by the quote part) ---------------------------------------------------


def list_in_force_row(s, day: dt.date) -> PriceList | None:
    """The published list in force on `day` (Shanghai date): the latest effective_from on or
    before it; of two published for the same day, the one published last (办法 art. 10)."""
    return s.scalar(
        select(PriceList)
        .where(PriceList.status == PriceListStatus.PUBLISHED, PriceList.effective_from <= day)
        .order_by(PriceList.effective_from.desc(), PriceList.published_at.desc(), PriceList.id.desc())
        .limit(1)
    )


def listed_item(s, price_list_id: int, item_id: int) -> PriceListItem:
    """A line of that list, or ValidationFailed price_not_listed: a quote charges only listed
    prices, never a surcharge beyond the list (4.3.2.1-4.3.2.2)."""
    item = s.get(PriceListItem, item_id) if item_id is not None else None
    if item is None or item.price_list_id != price_list_id:
        raise ValidationFailed([FieldError("item", "price_not_listed", {"item_id": item_id})])
    return item


_KIND_ORDER = {k.value: n for n, k in enumerate(PriceItemKind)}  # as on the notice: vehicles first


def _items(s, price_list_id: int) -> list[PriceListItem]:
    rows = s.scalars(select(PriceListItem).where(PriceListItem.price_list_id == price_list_id))
    return sorted(rows, key=lambda i: (_KIND_ORDER.get(i.kind, 99), i.code))


def item_dto(i: PriceListItem) -> PriceItemDTO:
    return PriceItemDTO(
        i.id, i.price_list_id, i.kind, i.code, i.brand or "", i.model or "", i.trim or "", i.name_zh,
        i.name_en or "", i.amount_fen, i.timing or "", i.rules or "", i.valid_from, i.valid_to, i.version,
    )  # fmt: skip


def list_dto(
    s, pl: PriceList, *, with_items: bool = True, today: dt.date | None = None, in_force: PriceList | None = None
) -> PriceListDTO:
    in_force = in_force or list_in_force_row(s, today or store_today())
    number = s.scalar(select(Document.number).where(Document.id == pl.notice_document_id))
    items = tuple(item_dto(i) for i in _items(s, pl.id)) if with_items else ()
    return PriceListDTO(
        pl.id, pl.title, pl.effective_from, pl.status, pl.published_at, pl.notice_document_id, number,
        pl.version, items, in_force is not None and in_force.id == pl.id,
    )  # fmt: skip


def _list_row(s, price_list_id: int) -> PriceList:
    pl = s.get(PriceList, price_list_id)
    if pl is None:
        raise NotFound(what="price_list", id=price_list_id)
    return pl


def price_list_in_force(uow: UnitOfWork, *, actor: Actor, on: dt.date | None = None) -> PriceListDTO | None:
    """The list in force on `on` (today in Shanghai by default) with its lines, or None."""
    require(actor, Action.VIEW_PRICE_LIST)
    day = on or store_today()
    with uow:
        pl = list_in_force_row(uow.session, day)
        return None if pl is None else list_dto(uow.session, pl)


def list_price_lists(uow: UnitOfWork, *, actor: Actor) -> list[PriceListDTO]:
    """Every version, newest effective date first (without their lines)."""
    require(actor, Action.VIEW_PRICE_LIST)
    with uow:
        s = uow.session
        rows = s.scalars(select(PriceList).order_by(PriceList.effective_from.desc(), PriceList.id.desc())).all()
        in_force = list_in_force_row(s, store_today())
        return [list_dto(s, pl, with_items=False, in_force=in_force) for pl in rows]


def get_price_list(uow: UnitOfWork, *, actor: Actor, price_list_id: int) -> PriceListDTO:
    require(actor, Action.VIEW_PRICE_LIST)
    with uow:
        return list_dto(uow.session, _list_row(uow.session, price_list_id))


# --- drafts ------------------------------------------------------------------------------


def _header_errors(title: str, effective_from: dt.date | None, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if not title:
        errors.append(FieldError("title", "required"))
    check_length(title, "title", MAX_TITLE, errors)
    if effective_from is None:
        errors.append(FieldError("effective_from", "required"))
    elif effective_from < today:
        # 办法 art. 10: prices are published before they apply, never back-dated.
        errors.append(FieldError("effective_from", "price_effective_in_past"))
    return errors


def create_price_list(
    uow: UnitOfWork,
    *,
    actor: Actor,
    title: str,
    effective_from: dt.date,
    request_key: str | None = None,
    now: dt.datetime | None = None,
) -> PriceListDTO:
    """A new draft version, starting from the lines of the list in force on its effective date
    (so a new version changes only what changed). A repeated request key returns the first."""
    require(actor, Action.MANAGE_PRICE_LIST)
    now = now or utcnow()
    title = clean_line(title)
    errors = _header_errors(title, effective_from, store_today(now))
    if errors:
        raise ValidationFailed(errors)
    with uow.act_as(actor):
        s = uow.session
        first = first_record(s, request_key, CREATE)
        if first is not None:
            return list_dto(s, _list_row(s, first), today=store_today(now))
        pl = PriceList(title=title, effective_from=effective_from, created_by_id=actor.user_id)
        pl.created_at = pl.updated_at = now
        pl.updated_by_id = actor.user_id
        s.add(pl)
        s.flush()
        source = list_in_force_row(s, effective_from) or list_in_force_row(s, store_today(now))
        for old in _items(s, source.id) if source is not None else []:
            values = {f: getattr(old, f) for f in _ITEM_FIELDS}
            s.add(PriceListItem(price_list_id=pl.id, updated_by_id=actor.user_id, **values))
        remember(s, request_key, CREATE, pl.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return list_dto(s, pl, today=store_today(now))


def save_price_list_header(
    uow: UnitOfWork,
    *,
    actor: Actor,
    price_list_id: int,
    expected_version: int,
    title: str,
    effective_from: dt.date,
    now: dt.datetime | None = None,
) -> PriceListDTO:
    """Change a draft's title or effective date (a draft left until after its date is moved on
    before it is published, 办法 art. 10)."""
    require(actor, Action.MANAGE_PRICE_LIST)
    now = now or utcnow()
    title = clean_line(title)
    errors = _header_errors(title, effective_from, store_today(now))
    if errors:
        raise ValidationFailed(errors)
    with uow.act_as(actor):
        s = uow.session
        pl = _draft(s, price_list_id)
        check_version(pl, expected_version)
        pl.title, pl.effective_from = title, effective_from
        _touch(pl, actor, now)
        commit(uow)
        return list_dto(s, pl, today=store_today(now))


def _draft(s, price_list_id: int) -> PriceList:
    pl = _list_row(s, price_list_id)
    if pl.status != PriceListStatus.DRAFT:
        # 办法 art. 10: a published list is what customers were shown; a change is a new version.
        raise ValidationFailed([FieldError("price_list", "price_list_published")])
    return pl


def _touch(pl: PriceList, actor: Actor, now: dt.datetime) -> None:
    """An edited line moves its list's version on, so a publish from an older view conflicts."""
    pl.updated_at, pl.updated_by_id = now, actor.user_id


def _code_taken(s, price_list_id: int, code: str, item_id: int | None) -> bool:
    other = s.scalar(
        select(PriceListItem.id).where(PriceListItem.price_list_id == price_list_id, PriceListItem.code == code)
    )
    return other is not None and other != item_id


def save_price_item(
    uow: UnitOfWork,
    *,
    actor: Actor,
    price_list_id: int,
    data: PriceItemInput,
    item_id: int | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> PriceItemDTO:
    """Add a line to a draft (item_id None) or edit one (expected_version: the line's)."""
    require(actor, Action.MANAGE_PRICE_LIST)
    now = now or utcnow()
    data = clean_item(data)
    errors = item_errors(data)
    with uow.act_as(actor):
        s = uow.session
        pl = _draft(s, price_list_id)
        if data.code and _code_taken(s, price_list_id, data.code, item_id):
            errors.append(FieldError("code", "price_code_taken", {"code": data.code}))
        if errors:
            raise ValidationFailed(errors)
        item = PriceListItem(price_list_id=price_list_id) if item_id is None else _item_of(s, pl, item_id)
        if item_id is not None:
            check_version(item, expected_version)
        for f in _ITEM_FIELDS:
            setattr(item, f, getattr(data, f))
        item.updated_at, item.updated_by_id = now, actor.user_id
        s.add(item)
        _touch(pl, actor, now)
        commit(uow)
        return item_dto(item)


def _item_of(s, pl: PriceList, item_id: int) -> PriceListItem:
    item = s.get(PriceListItem, item_id)
    if item is None or item.price_list_id != pl.id:
        raise NotFound(what="price_list_item", id=item_id)
    return item


def remove_price_item(
    uow: UnitOfWork, *, actor: Actor, item_id: int, expected_version: int, now: dt.datetime | None = None
) -> PriceListDTO:
    """Take a line off a draft; returns the draft as it is now."""
    require(actor, Action.MANAGE_PRICE_LIST)
    now = now or utcnow()
    with uow.act_as(actor):
        s = uow.session
        item = s.get(PriceListItem, item_id)
        if item is None:
            raise NotFound(what="price_list_item", id=item_id)
        pl = _draft(s, item.price_list_id)
        check_version(item, expected_version)
        s.delete(item)
        _touch(pl, actor, now)
        commit(uow)
        return list_dto(s, pl, today=store_today(now))


def publish_errors(pl: PriceList, items: list[PriceListItem], today: dt.date) -> list[FieldError]:
    """Why the list may not be published (办法 art. 10, 4.3.2.1-4.3.2.2); empty: it may."""
    errors = [e for e in _header_errors(pl.title, pl.effective_from, today) if e.code != "too_long"]
    inputs = [PriceItemInput(**{f: getattr(i, f) for f in _ITEM_FIELDS}) for i in items]
    # 4.3.2.1: the notice shows promotions one can still have, not ones over before it applies.
    expired = [
        FieldError("items", "promotion_expired", {"item": i.code})
        for i in items
        if i.kind == PriceItemKind.PROMOTION and i.valid_to is not None and i.valid_to < pl.effective_from
    ]
    return errors + [e for e in list_errors(pl.title, inputs) if e.field != "title"] + expired


# --- publishing ----------------------------------------------------------------------------


def publish_price_list(
    uow: UnitOfWork,
    *,
    actor: Actor,
    price_list_id: int,
    expected_version: int,
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> PriceListDTO:
    """Check the draft, print its bilingual public notice (价格公示) and, in one transaction,
    archive the notice and mark the list published (办法 art. 10). From then on it is fixed."""
    from app.documents.api import prepare_document
    from app.sales.price_list_pdf import render_price_list_notice
    from app.store.api import get_store

    require(actor, Action.MANAGE_PRICE_LIST)
    now = now or utcnow()
    with uow:
        s = uow.session
        pl = _draft(s, price_list_id)
        check_version(pl, expected_version)
        errors = publish_errors(pl, _items(s, pl.id), store_today(now))
        if errors:
            raise ValidationFailed(errors)
        shown = list_dto(s, pl, today=store_today(now))
    store = get_store(uow)

    def render(number: str, doc_version: int, issued_at: dt.datetime) -> bytes:
        return render_price_list_notice(
            store, shown, number=number, version=doc_version, language=language, issued_at=issued_at
        )

    # Rendered and signed with no transaction open; archived with the status change below, so
    # a list edited meanwhile (Conflict) leaves no notice behind.
    prepared = prepare_document(
        uow,
        actor=actor,
        doc_type="price_list_notice",
        subject_type="price_list",
        subject_id=price_list_id,
        language=language,
        render=render,
        subject_ref=f"PL#{price_list_id} {shown.effective_from.isoformat()}",
    )
    return _archive_and_publish(uow, actor, price_list_id, shown.version, prepared, now)


def _archive_and_publish(uow: UnitOfWork, actor: Actor, price_list_id: int, version: int, prepared, now):
    from app.documents.api import archive_prepared

    with uow.act_as(actor):
        s = uow.session
        pl = _draft(s, price_list_id)
        check_version(pl, version)
        pl.notice_document_id = archive_prepared(s, prepared, actor)
        pl.status, pl.published_at, pl.published_by_id = PriceListStatus.PUBLISHED, now, actor.user_id
        _touch(pl, actor, now)
        commit(uow)
        return list_dto(s, pl, today=store_today(now))
