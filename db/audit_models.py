"""Audit and privacy tables (issue #9): the hash-chained audit log and its chain head.

`audit_event` is append-only (triggers of migration 0008 refuse UPDATE and DELETE) and every
row carries a MAC of its own content and of the previous row's MAC, so an edited, deleted or
inserted row breaks the chain (`app.privacy.audit.verify_chain`).

Keyed (issue #15 item 7): since migration 0014 the MAC is HMAC-SHA256 under the "audit" key,
a file outside the database that the app layer hands in (`key_for`, see db/uow.py). Without
the key, a tamperer who edits or drops rows cannot recompute the links after them. Rows
written before the upgrade keep their plain SHA-256 links (`event_hash`): the head records
`keyed_from`, the first keyed row, whose MAC covers the last unkeyed hash, so the older part
cannot be rewritten without breaking the first keyed link. The head also records `key_id`,
the audit key's fingerprint, so a terminal holding another key refuses to write. Rows are
numbered 1, 2, 3... by the writer itself (not by a sequence) while it holds the single
`audit_chain_head` row locked, so the numbers have no gaps and follow the chain.

`audit_chain_head` holds the last number and hash. It is the lock that serialises writers
(PostgreSQL: SELECT ... FOR UPDATE; SQLite: one writer at a time anyway) and lets the check
notice rows cut off the END of the log, which a chain alone cannot show.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import cast

from sqlalchemy import (
    Connection,
    DateTime,
    Insert,
    Integer,
    String,
    Table,
    Text,
    Update,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.sql.dml import ReturningUpdate
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base

GENESIS_HASH = "0" * 64


class AuditEvent(Base):
    """One thing that happened: a login, a data change, a print, an export, an unmask..."""

    __tablename__ = "audit_event"

    # The chain position, written by the appender (never autoincrement: gap-free on purpose).
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    # No foreign key: the log must outlive (and never block changes to) what it names.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    # login | login_failed | logout | insert | update | delete | print | export | unmask | ...
    action: Mapped[str] = mapped_column(String(32), index=True)
    table_name: Mapped[str] = mapped_column(String(64), default="", index=True)
    record_id: Mapped[str] = mapped_column(String(64), default="")
    # Canonical JSON (sorted keys) exactly as hashed; Text, not JSON, so no database reorders it.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The single row (id 1) naming the last event of the chain."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    # The first row linked by HMAC under the audit key (migration 0014: rows before it were
    # written unkeyed, by the old rule).
    keyed_from: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Fingerprint of the audit key the chain is written under (`chain_key_id`); None until the
    # first keyed row.
    key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)


# --- the chain -------------------------------------------------------------------------------


def canonical_json(value) -> str:
    """The one JSON spelling that is stored and hashed (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


def _jsonable(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "[binary]"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def _content(
    prev_hash: str,
    id: int,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    table_name: str,
    record_id: str,
    detail: str,
) -> bytes:
    content = canonical_json(
        [id, at.isoformat(timespec="microseconds"), actor_id, actor_name, action, table_name, record_id, detail]
    )
    return prev_hash.encode("ascii") + b"\n" + content.encode("utf-8")


def event_hash(
    prev_hash: str,
    *,
    id: int,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    table_name: str,
    record_id: str,
    detail: str,
) -> str:
    """Unkeyed SHA-256 over the row's content and the previous row's hash (hex): the rule of
    rows written before migration 0014 (anyone can recompute it, hence the key below)."""
    return hashlib.sha256(
        _content(prev_hash, id, at, actor_id, actor_name, action, table_name, record_id, detail)
    ).hexdigest()


def event_mac(
    key: bytes,
    prev_hash: str,
    *,
    id: int,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    table_name: str,
    record_id: str,
    detail: str,
) -> str:
    """HMAC-SHA256 under the audit key over the same content (hex, same width as the hash)."""
    return hmac.new(
        key, _content(prev_hash, id, at, actor_id, actor_name, action, table_name, record_id, detail), hashlib.sha256
    ).hexdigest()


def chain_key_id(key: bytes) -> str:
    """The audit key's fingerprint recorded in the head (reveals nothing about the key)."""
    return hashlib.sha256(b"showroom-audit-key-id\n" + key).hexdigest()[:16]


# key_for(recorded key id or None) -> the audit key bytes; raises when this terminal has no
# key or another one (app/core/audit_chain.py).
KeyFor = Callable[[str | None], bytes]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def append_events(connection: Connection, events: list[dict], key_for: KeyFor | None = None) -> dict | None:
    """Append `events` (dicts: action, actor_id, actor_name, table_name, record_id, detail) to
    the chain inside the caller's transaction, MACed under the key `key_for` returns. Returns
    the new head (last_id, last_hash, keyed_from, key_id) for the anchor outside the database.

    Writers are serialised on the chain head: PostgreSQL locks its row FOR UPDATE until the
    transaction ends; on SQLite the UPDATE takes the database's single write lock first (the
    driver starts the transaction at the first write, so the head read after it is current).
    """
    if not events:
        return None
    if key_for is None:
        # Never write a link nobody can check: the app layer must say where the key is.
        raise RuntimeError(
            "audit key not configured: create Database(..., audit_keeper=...) or import app.core.keeper first"
        )
    head = _locked_head(connection)
    last_id, last_hash = head.last_id, head.last_hash
    # Read under the head's lock, so two terminals that start a chain at once cannot both
    # record their own key: the second one finds the first one's key id and refuses.
    key = key_for(head.key_id)
    key_id = chain_key_id(key)
    rows = []
    for e in events:
        last_id += 1
        row = {
            "id": last_id,
            "at": (e.get("at") or _now()).replace(tzinfo=None),
            "actor_id": e.get("actor_id"),
            "actor_name": (e.get("actor_name") or "")[:100],
            "action": e["action"][:32],
            "table_name": (e.get("table_name") or "")[:64],
            "record_id": str(e.get("record_id") if e.get("record_id") is not None else "")[:64],
            "detail": canonical_json(e.get("detail") or {}),
        }
        row["prev_hash"] = last_hash
        row["hash"] = last_hash = event_mac(
            key,
            last_hash,
            **{
                k: row[k] for k in ("id", "at", "actor_id", "actor_name", "action", "table_name", "record_id", "detail")
            },
        )
        rows.append(row)
    connection.execute(_statements().append, rows)
    connection.execute(_statements().move_head, {"new_id": last_id, "new_hash": last_hash, "new_key_id": key_id})
    return {"last_id": last_id, "last_hash": last_hash, "keyed_from": head.keyed_from, "key_id": key_id}


@dataclass(frozen=True)
class _Statements:
    append: Insert
    move_head: Update
    lock_sqlite: ReturningUpdate


@functools.cache
def _statements() -> _Statements:
    """The appender's statements, built once (every commit that changes data runs them;
    issue #18.11), their values bound at each call."""
    head_t = cast(Table, AuditChainHead.__table__)
    one = head_t.c.id == 1
    cols = (head_t.c.last_id, head_t.c.last_hash, head_t.c.keyed_from, head_t.c.key_id)
    return _Statements(
        append=insert(cast(Table, AuditEvent.__table__)),
        move_head=update(head_t)
        .where(one)
        .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"), key_id=bindparam("new_key_id")),
        lock_sqlite=update(head_t).where(one).values(last_id=head_t.c.last_id).returning(*cols),
    )


def _locked_head(connection: Connection):
    """The head row, locked against other appenders until the transaction ends."""
    head_t = cast(Table, AuditChainHead.__table__)
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # The no-op UPDATE takes the write lock and, RETURNING, reads the head under it in the
        # same statement (issue #18.11: one round trip less per commit).
        head = connection.execute(_statements().lock_sqlite).first()
    else:
        head = connection.execute(_head_query(dialect)).first()
    if head is None:
        # A fresh PostgreSQL database emptied by TRUNCATE (tests), or a head never written.
        values = {"id": 1, "last_id": 0, "last_hash": GENESIS_HASH, "keyed_from": 1}
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            connection.execute(pg_insert(head_t).values(**values).on_conflict_do_nothing(index_elements=["id"]))
        else:
            connection.execute(insert(head_t).values(**values))
        head = connection.execute(_head_query(dialect)).first()
    return head


@functools.cache
def _head_query(dialect: str):
    head_t = cast(Table, AuditChainHead.__table__)
    q = select(head_t.c.last_id, head_t.c.last_hash, head_t.c.keyed_from, head_t.c.key_id).where(head_t.c.id == 1)
    return q.with_for_update() if dialect == "postgresql" else q
