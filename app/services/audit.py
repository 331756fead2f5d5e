"""The audit trail (issue #9, item 4): browse and filter it, and check its hash chain.

Events are written by db/uow.py (data changes, captured after every flush, appended at
commit) and by services through `uow.audit(...)` (login, logout, print, export, unmask,
purge...). Each row's hash covers its content and the previous row's hash
(db/audit_models.event_hash), so `verify_chain` names the first row where the chain breaks:

  "edited"    a row's content no longer matches its own hash;
  "deleted"   a number is missing (rows 1, 2, 4: row 3 was removed);
  "inserted"  a row's link does not match the row before it although the numbers follow
              (a row was slipped in, or rows renumbered);
  "truncated" the chain head names a later row than the last one left (rows cut off the end)
              or the head is missing while rows exist.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select

from app.permissions import Action, require
from db.audit_models import GENESIS_HASH, AuditChainHead, AuditEvent, event_hash
from db.uow import UnitOfWork

PAGE_LIMIT = 5000
ACTIONS = ("login", "login_failed", "logout", "session_unlocked", "password_changed",
           "password_reset", "insert", "update", "delete", "print", "export", "unmask",
           "export_person", "anonymise", "key_rotated", "restore_damaged")


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


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    broken_at: int | None = None  # the number of the first row that does not check out
    reason: str = ""  # edited | deleted | inserted | truncated


def _dto(e: AuditEvent) -> AuditEventDTO:
    try:
        detail = json.loads(e.detail or "{}")
    except ValueError:
        detail = {"unreadable": e.detail}
    return AuditEventDTO(id=e.id, at=e.at, actor_id=e.actor_id, actor_name=e.actor_name,
                         action=e.action, table_name=e.table_name, record_id=e.record_id,
                         detail=detail)


def list_events(uow: UnitOfWork, *, actor, query: AuditQuery | None = None) -> list[AuditEventDTO]:
    """Newest first, filtered by user, table, action and a date range."""
    require(actor, Action.VIEW_AUDIT_LOG)
    q = query or AuditQuery()
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(max(1, q.limit))
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
    with uow:
        return [_dto(e) for e in uow.session.scalars(stmt)]


def filter_choices(uow: UnitOfWork, *, actor) -> tuple[list[str], list[tuple[int, str]]]:
    """(table names, (user id, name) pairs) that occur in the log, for the filter boxes."""
    require(actor, Action.VIEW_AUDIT_LOG)
    with uow:
        tables = [t for t in uow.session.scalars(
            select(AuditEvent.table_name).distinct().order_by(AuditEvent.table_name)) if t]
        users = uow.session.execute(
            select(AuditEvent.actor_id, func.max(AuditEvent.actor_name))
            .where(AuditEvent.actor_id.is_not(None))
            .group_by(AuditEvent.actor_id).order_by(AuditEvent.actor_id)).all()
        return tables, [(uid, name) for uid, name in users]


def verify_chain(uow: UnitOfWork) -> ChainReport:
    """Recompute every link; no permission needed (it reveals nothing but a row number) so
    the command line and a nightly job can run it."""
    with uow:
        s = uow.session
        prev_id, prev_hash, n = 0, GENESIS_HASH, 0
        head = s.get(AuditChainHead, 1)
        last_id = head.last_id if head is not None else None
        rows = s.execute(select(AuditEvent.__table__).order_by(AuditEvent.id)
                         .execution_options(yield_per=2000))
        for r in rows:
            n += 1
            if last_id is not None and r.id > last_id:
                # Appended rows always move the head in the same transaction.
                return ChainReport(False, n, r.id, "inserted")
            if r.id != prev_id + 1:
                return ChainReport(False, n, prev_id + 1, "deleted")
            own = event_hash(r.prev_hash, id=r.id, at=r.at, actor_id=r.actor_id,
                             actor_name=r.actor_name, action=r.action, table_name=r.table_name,
                             record_id=r.record_id, detail=r.detail)
            if own != r.hash:
                return ChainReport(False, n, r.id, "edited")
            if r.prev_hash != prev_hash:
                return ChainReport(False, n, r.id, "inserted")
            prev_id, prev_hash = r.id, r.hash
        if head is None:
            if n:
                return ChainReport(False, n, prev_id + 1, "truncated")
        elif head.last_id != prev_id or head.last_hash != prev_hash:
            if head.last_id > prev_id:
                return ChainReport(False, n, prev_id + 1, "truncated")
            return ChainReport(False, n, head.last_id + 1, "inserted")
        return ChainReport(True, n)
