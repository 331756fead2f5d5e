"""Public notices (公示, T/CSCA 120031 4.1.3.5-4.1.3.6; 办法 art. 11; issue #19.5): the warranty
and 三包 policy, the service fees, the complaint phone and process, and for NEVs the charging-pile
installation service and its fees.

Each notice is kept in versions with an effective date; a published version never changes (the
database refuses it, migration 0021), a change is the next version. The version in force is
printed as a bilingual A4 poster (notice_pdf.py) and every print is recorded with a fingerprint
of the store details it showed (name, address, phones, website). When those details change — a
new complaint phone, say — the poster on the wall is stale until reprinted, as the vehicle cards
are (4.1.3.6: published information is kept current).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string

from sqlalchemy import func, select

from app.core.clock import store_today
from app.core.common import commit
from app.core.dto import Actor, StoreDTO
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line, clean_text
from app.customer_care.clock import server_now
from app.customer_care.notice_dto import NoticeDTO, NoticeInput
from db.complaint_models import NoticeKind, NoticePrint, PublicNotice
from db.models import StaffUser
from db.uow import UnitOfWork

PUBLISH_NOTICE = "publish_notice"
# The store details a notice's body may name; the header prints the first four on every page.
STORE_FIELDS = ("legal_name", "address", "sales_hotline", "complaint_phone", "website")


def store_fingerprint(store: StoreDTO) -> str:
    """What a poster shows of the store record; another value means the poster is stale."""
    joined = "\x1f".join(str(getattr(store, f)) for f in STORE_FIELDS)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def fill(body: str, store: StoreDTO) -> str:
    """The body with its {store details} filled in."""
    return body.format(**{f: getattr(store, f) for f in STORE_FIELDS})


def _unknown_fields(body: str) -> list[str]:
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(body) if name is not None]
    except ValueError:  # an unbalanced brace
        return ["{"]
    return [n for n in names if n not in STORE_FIELDS]


def _clean(data: NoticeInput, today: dt.date) -> dict:
    errors: list[FieldError] = []
    out = {
        "title_zh": clean_line(data.title_zh), "title_en": clean_line(data.title_en),
        "body_zh": clean_text(data.body_zh), "body_en": clean_text(data.body_en),
    }  # fmt: skip
    if data.kind not in set(NoticeKind):
        errors.append(FieldError("kind", "required"))
    for name, value in out.items():
        if not value:
            errors.append(FieldError(name, "required"))
        check_length(value, name, 120 if name.startswith("title") else 8000, errors)
        if name.startswith("body") and (bad := _unknown_fields(value)):
            errors.append(FieldError(name, "notice_unknown_field", {"names": ", ".join(bad)}))
    if data.effective_from < today:
        errors.append(FieldError("effective_from", "notice_effective_in_past"))
    if errors:
        raise ValidationFailed(errors)
    return out


def _states(s, rows: list[PublicNotice], today: dt.date) -> dict[int, str]:
    in_force: dict[str, PublicNotice] = {}
    for r in rows:
        if r.effective_from <= today and (r.kind not in in_force or r.version > in_force[r.kind].version):
            in_force[r.kind] = r
    return {
        r.id: "in_force" if in_force.get(r.kind) is r else ("scheduled" if r.effective_from > today else "superseded")
        for r in rows
    }


def _poster(s, notice_id: int, fingerprint: str) -> tuple[str, dt.datetime | None]:
    last = s.scalars(
        select(NoticePrint).where(NoticePrint.notice_id == notice_id).order_by(NoticePrint.id.desc())
    ).first()
    if last is None:
        return "unprinted", None
    return ("current" if last.store_fingerprint == fingerprint else "stale"), last.printed_at


def _dto(s, r: PublicNotice, state: str, fingerprint: str) -> NoticeDTO:
    poster, printed = _poster(s, r.id, fingerprint) if state == "in_force" else (None, None)
    by = s.get(StaffUser, r.published_by_id)
    return NoticeDTO(
        id=r.id, kind=r.kind, version=r.version, title_zh=r.title_zh, title_en=r.title_en, body_zh=r.body_zh,
        body_en=r.body_en, effective_from=r.effective_from, published_at=r.published_at,
        published_by=by.full_name if by else "", state=state, poster=poster, last_printed_at=printed,
    )  # fmt: skip


def list_notices(uow: UnitOfWork, actor: Actor) -> list[NoticeDTO]:
    """Every version of every notice, newest first, the one in force with its poster's state."""
    from app.store.api import get_store

    require(actor, Action.VIEW_DOCUMENTS)
    fingerprint = store_fingerprint(get_store(uow))
    with uow:
        s = uow.session
        today = store_today(server_now(s))
        rows = list(s.scalars(select(PublicNotice).order_by(PublicNotice.kind, PublicNotice.version.desc())))
        states = _states(s, rows, today)
        return [_dto(s, r, states[r.id], fingerprint) for r in rows]


def stale_notices(uow: UnitOfWork, actor: Actor) -> list[NoticeDTO]:
    """The notices in force whose poster is not on the wall as it should be: never printed, or
    printed with store details that have changed since."""
    return [n for n in list_notices(uow, actor) if n.state == "in_force" and n.poster != "current"]


def publish_notice(uow: UnitOfWork, actor: Actor, data: NoticeInput, request_key: str | None = None) -> NoticeDTO:
    """The next version of a notice (management only, like the store notice 4.1.3.5)."""
    from app.store.api import get_store

    require(actor, Action.ISSUE_STORE_NOTICE)
    fingerprint = store_fingerprint(get_store(uow))
    with uow:
        s = uow.session
        now = server_now(s)
        first = first_record(s, request_key, PUBLISH_NOTICE)
        if first is None:
            clean = _clean(data, store_today(now))
            version = (s.scalar(select(func.max(PublicNotice.version)).where(PublicNotice.kind == data.kind)) or 0) + 1
            row = PublicNotice(kind=data.kind, version=version, effective_from=data.effective_from, published_at=now,
                               published_by_id=actor.user_id, **clean)  # fmt: skip
            s.add(row)
            s.flush()
            remember(s, request_key, PUBLISH_NOTICE, row.id, actor_id=actor.user_id, now=now)
        else:
            row = s.get_one(PublicNotice, first)
        rows = list(s.scalars(select(PublicNotice).where(PublicNotice.kind == row.kind)))
        dto = _dto(s, row, _states(s, rows, store_today(now))[row.id], fingerprint)
        commit(uow)
        return dto


def record_notice_print(uow: UnitOfWork, actor: Actor, notice_id: int, language: str = "bilingual") -> NoticeDTO:
    """Record that the poster of `notice_id` was printed with today's store details."""
    from app.store.api import get_store

    require(actor, Action.PRINT_DOCUMENTS)
    fingerprint = store_fingerprint(get_store(uow))
    with uow:
        s = uow.session
        now = server_now(s)
        row = s.get(PublicNotice, notice_id)
        if row is None:
            raise NotFound(what="public_notice", id=notice_id)
        s.add(NoticePrint(notice_id=row.id, language=language, store_fingerprint=fingerprint, printed_at=now,
                          printed_by_id=actor.user_id))  # fmt: skip
        s.flush()
        rows = list(s.scalars(select(PublicNotice).where(PublicNotice.kind == row.kind)))
        dto = _dto(s, row, _states(s, rows, store_today(now))[row.id], fingerprint)
        commit(uow)
        return dto
