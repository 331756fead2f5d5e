"""The audit trail (issue #9, item 4): browse and filter it, and check its hash chain.

Events are written by db/uow.py (data changes, captured after every flush, appended at
commit) and by services through `uow.audit(...)` (login, logout, print, export, unmask,
purge...). Each row's MAC covers its content and the previous row's MAC, keyed under the
audit key file since issue #15 item 7 (db/audit_models.event_mac, app/core/audit_chain.py), so
`verify_chain` names the first row where the chain breaks:

  "edited"    a row's content no longer matches its own hash;
  "deleted"   a number is missing (rows 1, 2, 4: row 3 was removed);
  "inserted"  a row's link does not match the row before it although the numbers follow
              (a row was slipped in, or rows renumbered);
  "truncated" the chain head names a later row than the last one left (rows cut off the end)
              or the head is missing while rows exist;
  "wiped"     a head kept outside the database (this terminal's anchor, a backup's
              recorded head) names a row the database no longer has: rows cut off, or the
              whole log and its head deleted or reset;
  "rewritten" that row is there but with another MAC: the log was rebuilt after it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from app.core.audit_chain import anchors_for, audit_key
from app.core.permissions import Action, require
from db.audit_models import GENESIS_HASH, AuditChainHead, AuditEvent, event_hash, event_mac
from db.uow import UnitOfWork

PAGE_LIMIT = 5000
AUDIT_PAGE = 200  # rows per page of the audit log page: a screenful several times over
ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "session_unlocked",
    "password_changed",
    "password_reset",
    "insert",
    "update",
    "delete",
    "print",
    "export",
    "unmask",
    "export_person",
    "anonymise",
    "key_rotated",
    "restore_damaged",
)


@dataclass(frozen=True)
class AuditEventDTO:
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    table_name: str
    record_id: str
    detail: dict


@dataclass(frozen=True)
class AuditQuery:
    actor_id: int | None = None
    table_name: str = ""
    action: str = ""
    since: dt.datetime | None = None  # inclusive, UTC
    until: dt.datetime | None = None  # exclusive, UTC
    limit: int = PAGE_LIMIT
    # list_event_page: the number of the last entry already shown (keyset paging, newest first).
    after: int | None = None


@dataclass(frozen=True)
class AuditPageDTO:
    """One page of the audit log (list_event_page)."""

    rows: tuple[AuditEventDTO, ...]
    next_after: int | None  # pass back as AuditQuery.after; None: this was the last page
    total: int | None = None  # every entry the filters match; counted with the first page only


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    broken_at: int | None = None  # the number of the first row that does not check out
    # edited | deleted | inserted | truncated, and against a head kept outside the database
    # (issue #15 item 7): wiped (the log ends before it) | rewritten (its row differs)
    reason: str = ""
    anchored: int | None = None  # the last row number an outside head vouched for
    anchored_by: str = ""  # which outside head failed: "terminal" or "backup"


def _dto(e: AuditEvent) -> AuditEventDTO:
    try:
        detail = json.loads(e.detail or "{}")
    except ValueError:
        detail = {"unreadable": e.detail}
    return AuditEventDTO(
        id=e.id,
        at=e.at,
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        action=e.action,
        table_name=e.table_name,
        record_id=e.record_id,
        detail=detail,
    )


def list_events(uow: UnitOfWork, *, actor, query: AuditQuery | None = None) -> list[AuditEventDTO]:
    """Newest first, filtered by user, table, action and a date range."""
    require(actor, Action.VIEW_AUDIT_LOG)
    q = query or AuditQuery()
    stmt = _event_filter(select(AuditEvent), q).order_by(AuditEvent.id.desc()).limit(max(1, q.limit))
    with uow:
        return [_dto(e) for e in uow.session.scalars(stmt)]


def _event_filter(stmt, q: AuditQuery):
    if q.actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == q.actor_id)
    if q.table_name:
        stmt = stmt.where(AuditEvent.table_name == q.table_name)
    if q.action:
        stmt = stmt.where(AuditEvent.action == q.action)
    if q.since is not None:
        stmt = stmt.where(AuditEvent.at >= q.since)
    if q.until is not None:
        stmt = stmt.where(AuditEvent.at < q.until)
    return stmt


def list_event_page(uow: UnitOfWork, *, actor, query: AuditQuery | None = None) -> AuditPageDTO:
    """One page of list_events, newest first, after the entry numbered `query.after` (issue #17:
    years of entries are read a page at a time as the user scrolls). The first page also
    counts every entry the filters match."""
    require(actor, Action.VIEW_AUDIT_LOG)
    q = query or AuditQuery()
    limit = max(1, min(q.limit, AUDIT_PAGE * 5))
    stmt = _event_filter(select(AuditEvent), q)
    if q.after is not None:
        stmt = stmt.where(AuditEvent.id < q.after)
    with uow:
        s = uow.session
        total = s.scalar(_event_filter(select(func.count(AuditEvent.id)), q)) if q.after is None else None
        events = list(s.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit + 1)))
        rows = tuple(_dto(e) for e in events[:limit])
    return AuditPageDTO(rows, rows[-1].id if len(events) > limit else None, total)


def filter_choices(uow: UnitOfWork, *, actor) -> tuple[list[str], list[tuple[int, str]]]:
    """(table names, (user id, name) pairs) that occur in the log, for the filter boxes."""
    require(actor, Action.VIEW_AUDIT_LOG)
    with uow:
        tables = [
            t
            for t in uow.session.scalars(select(AuditEvent.table_name).distinct().order_by(AuditEvent.table_name))
            if t
        ]
        users = uow.session.execute(
            select(AuditEvent.actor_id, func.max(AuditEvent.actor_name))
            .where(AuditEvent.actor_id.is_not(None))
            .group_by(AuditEvent.actor_id)
            .order_by(AuditEvent.actor_id)
        ).all()
        return tables, [(uid, name) for uid, name in users if uid is not None]


def verify_chain(uow: UnitOfWork, *, anchors: list[tuple[str, dict]] | None = None) -> ChainReport:
    """Recompute every link; no permission needed (it reveals nothing but a row number) so
    the command line and a nightly job can run it.

    Rows from `keyed_from` on are checked by HMAC under the audit key (issue #15 item 7):
    without the key file nobody can rewrite them consistently. Then the heads kept outside
    the database (this terminal's anchor, a backup's recorded head, or `anchors`) must still
    be in the chain, so a wiped, cut back or rebuilt log is reported too."""
    if anchors is None:
        anchors = anchors_for(uow.database.url) if uow.database is not None else []
    with uow:
        _one_snapshot(uow.session)
        # A plain row, not an ORM object: it is read again after the unit of work ends.
        head = uow.session.execute(select(AuditChainHead.__table__).where(AuditChainHead.id == 1)).first()
        wanted = {a["last_id"] for _, a in anchors}
        report, seen = _walk(uow.session, head, _key_source(uow, head), wanted)
    if not report.ok:
        return report
    for where, anchor in anchors:
        broken = _against_anchor(report, seen, head, anchor)
        if broken is not None:
            return replace(broken, anchored_by=where, anchored=anchor["last_id"])
    return replace(report, anchored=max(wanted, default=None))


def _one_snapshot(session) -> None:
    """Read the head and the rows in one snapshot: a terminal committing meanwhile must not
    look like a row appended without moving the head (or the head moved without its row)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        # pysqlite starts transactions only before writes; a read transaction opened here
        # keeps one WAL snapshot until the unit of work ends (rolled back: nothing written).
        session.connection().exec_driver_sql("BEGIN")


def _key_source(uow: UnitOfWork, head):
    """The audit key, loaded only when a keyed row is met (a log from before migration 0014
    checks on a terminal that has no key file yet)."""

    def key() -> bytes | None:
        if head is None or head.key_id is None:
            return None  # keyed rows, but the head that names their key was reset or removed
        keeper = uow.database.audit_keeper if uow.database is not None else None
        return keeper.key(head.key_id) if keeper is not None else audit_key(head.key_id)

    return key


def _walk(s, head, key_source, wanted: set[int]) -> tuple[ChainReport, dict[int, str]]:
    """Every row in order: numbers without gaps, each MAC (or pre-0014 hash) right, each
    link to the row before; then the head. Returns the MACs of the `wanted` rows."""
    keyed_from = head.keyed_from if head is not None else 1
    last_id = head.last_id if head is not None else None
    prev_id, prev_hash, n, key = 0, GENESIS_HASH, 0, None
    seen: dict[int, str] = {}
    rows = s.execute(select(AuditEvent.__table__).order_by(AuditEvent.id).execution_options(yield_per=2000))
    for r in rows:
        n += 1
        if last_id is not None and r.id > last_id:
            # Appended rows always move the head in the same transaction.
            return ChainReport(False, n, r.id, "inserted"), seen
        if r.id != prev_id + 1:
            return ChainReport(False, n, prev_id + 1, "deleted"), seen
        fields = {
            "id": r.id,
            "at": r.at,
            "actor_id": r.actor_id,
            "actor_name": r.actor_name,
            "action": r.action,
            "table_name": r.table_name,
            "record_id": r.record_id,
            "detail": r.detail,
        }
        if r.id >= keyed_from:
            key = key or key_source()
            if key is None:
                return ChainReport(False, n, r.id, "edited" if head else "truncated"), seen
            own = event_mac(key, r.prev_hash, **fields)
        else:
            own = event_hash(r.prev_hash, **fields)
        if own != r.hash:
            return ChainReport(False, n, r.id, "edited"), seen
        if r.prev_hash != prev_hash:
            return ChainReport(False, n, r.id, "inserted"), seen
        prev_id, prev_hash = r.id, r.hash
        if r.id in wanted:
            seen[r.id] = r.hash
    if head is None:
        if n:
            return ChainReport(False, n, prev_id + 1, "truncated"), seen
    elif head.last_id != prev_id or head.last_hash != prev_hash:
        if head.last_id > prev_id:
            return ChainReport(False, n, prev_id + 1, "truncated"), seen
        return ChainReport(False, n, head.last_id + 1, "inserted"), seen
    return ChainReport(True, n), seen


def _against_anchor(report: ChainReport, seen: dict[int, str], head, anchor: dict) -> ChainReport | None:
    """A head seen outside the database must still be in it, with the same MAC."""
    last_id = anchor["last_id"]
    if last_id <= 0:
        return None
    if last_id not in seen:
        # The database ends before what was committed: rows cut off, or the whole log wiped
        # (and its head reset or removed, which the chain alone cannot show).
        return ChainReport(False, report.events, report.events + 1, "wiped")
    if seen[last_id] != anchor["last_hash"] or (
        head is not None and anchor.get("keyed_from") not in (None, head.keyed_from)
    ):
        # The row is there but is not the one committed: the log was rebuilt from that point
        # (only possible with the key), or its pre-0014 boundary moved.
        return ChainReport(False, report.events, last_id, "rewritten")
    return None
