"""Unit of work: one transaction per use case; rolls back unless `commit()` was called.

Modelled on cosmicpython's service_layer/unit_of_work.py. A UnitOfWork is cheap and is made
per call from a `Database`, so that each worker thread gets its own Session.

Audit (issue #9, item 4): every session made here records its data changes. After each flush
the inserted, updated and deleted rows are noted (table, key, before/after of the changed
columns); at commit they are appended, with any explicit events (login, print, export,
unmask...), to the hash-chained `audit_event` log in the SAME transaction, so a change is
never committed without its audit row and a rolled-back change leaves none. Sealed personal
numbers, password hashes and other binary columns are recorded as "[changed]" only.

Keyed chain (issue #15 item 7): db/ never reads key files. The app layer hands in an
`AuditKeeper` (app/core/audit_chain.py): `Database(url, audit_keeper=...)`, or the process default
that importing app.core.keeper installs (every feature package does), so that every writer (GUI,
command line, demo, tests) MACs with the same audit key. After each commit that appended events
the keeper records the new head outside the database (the anchor a wiped log is measured against).

Who acted: `uow.act_as(actor)` (services), else `Database.acting_user` (the logged-in user
of this window, set by ui/shell/shell.py), else `acting_as(...)` (a context variable for scripts),
else a `*_by_id` column the change itself sets (updated_by_id, created_by_id...).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import logging
from typing import Protocol

from sqlalchemy import Engine, LargeBinary, event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.audit_models import append_events, canonical_json
from db.changed_by import ACTOR_KEY, keep_updated_by, stale_who
from db.races import raise_race, refuse_unstorable_text
from db.session import describe_url, make_engine, make_session_factory

# (user id, username) acting in this context when neither the unit of work nor the database
# names one.
_acting: contextvars.ContextVar[tuple[int | None, str] | None] = contextvars.ContextVar(
    "showroom_acting_user", default=None
)

# Not audited: the log itself, and the live-queue notification bus (derived, purged daily).
UNAUDITED_TABLES = frozenset({"audit_event", "audit_chain_head", "reception_event"})
# Bookkeeping recorded by dedicated events instead (login / login_failed), or noise.
UNAUDITED_COLUMNS = {
    "*": frozenset({"version"}),
    "staff_user": frozenset({"failed_logins", "last_login_at", "locked_until"}),
}
# Never written to the log in clear: recorded as "[changed]" (issue #9 item 2).
SECRET_COLUMNS = frozenset({"password_hash", "encrypted_key"})
SECRET = "[changed]"
SECRET_SET = "[set]"

# A value longer than this (long configuration lists) is summarised, so the log stays small;
# the record itself keeps the value.
MAX_VALUE_CHARS = 1000
# Raw pad captures, logged as their number of strokes: hundreds of points, never readable in
# the log, and measuring their JSON for the summary above took ~0.1 ms a signature (#18.11).
COUNTED_COLUMNS = {"document_signature": frozenset({"strokes"})}

_EVENTS = "audit_events"
_ACTOR = ACTOR_KEY  # also read by db.changed_by (issue #17.15)
_HEAD = "audit_new_head"

log = logging.getLogger(__name__)


class AuditKeeper(Protocol):
    """Where the audit key and the chain's anchor live (outside the database)."""

    def key(self, recorded_key_id: str | None) -> bytes:
        """The audit key; raises if this terminal has none or not the one recorded."""

    def anchor(self, url: str, head: dict) -> None:
        """Remember `head` (last_id, last_hash, keyed_from, key_id) as seen on this terminal."""


_default_keeper: AuditKeeper | None = None


def set_default_audit_keeper(keeper: AuditKeeper | None) -> None:
    """The keeper of every Database created without one (app.core.keeper installs its own)."""
    global _default_keeper
    _default_keeper = keeper


# A customer's own details are recorded as "[changed]" too: the log is append-only, so a value
# written to it could never be anonymised when retention ends or the customer asks (PIPL
# art. 47). Which record changed, when and by whom stays visible.
CUSTOMER_COLUMNS = frozenset(
    {"mobile", "mobile_rev", "customer_name", "birth_date", "notes", "note", "damage_notes", "lost_note"}
)
CUSTOMER_TABLE_COLUMNS = {"customer": frozenset({"name"})}


def is_secret_column(column, table_name: str = "") -> bool:
    name = column.key
    return (
        name in SECRET_COLUMNS
        or name in CUSTOMER_COLUMNS
        or name in CUSTOMER_TABLE_COLUMNS.get(table_name, ())
        or name.endswith(("_sealed", "_fingerprint", "_masked"))
        or isinstance(column.type, LargeBinary)
    )


@contextlib.contextmanager
def acting_as(user_id: int | None, username: str = ""):
    """Attribute the audit events of this block (same thread/context) to a user."""
    token = _acting.set((user_id, username))
    try:
        yield
    finally:
        _acting.reset(token)


class Database:
    """One configured database: engine plus session factory; hands out units of work."""

    def __init__(self, url: str, engine: Engine | None = None, audit_keeper: AuditKeeper | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._factory: sessionmaker[Session] = make_session_factory(self.engine)
        self._audit_keeper = audit_keeper
        install_audit(self._factory, self)
        event.listen(self._factory, "before_flush", refuse_unstorable_text)
        event.listen(self._factory, "before_flush", keep_updated_by)  # issue #17.15
        # (user id, username) of the user logged in on this terminal window, if any.
        self.acting_user: tuple[int | None, str] | None = None

    @property
    def audit_keeper(self) -> AuditKeeper | None:
        # Looked up at use, so a keeper installed after this Database was made still counts.
        return self._audit_keeper or _default_keeper

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return describe_url(self.url)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory, acting_user=self.acting_user, database=self)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    session: Session

    def __init__(
        self,
        factory: sessionmaker[Session],
        acting_user: tuple[int | None, str] | None = None,
        database: Database | None = None,
    ) -> None:
        self._factory = factory
        self.database = database  # its URL and audit keeper (the chain check needs both)
        self.committed = False
        self._acting_user = acting_user

    def act_as(self, actor) -> UnitOfWork:
        """Attribute this unit of work's audit events to `actor` (an Actor or None)."""
        if actor is not None:
            self._acting_user = (actor.user_id, actor.username)
            if getattr(self, "session", None) is not None:
                self.session.info[_ACTOR] = self._acting_user
        return self

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.session.info[_ACTOR] = self._acting_user or _acting.get()
        self.committed = False
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        who: dict = {}
        try:
            if not self.committed:
                self.session.rollback()
                if isinstance(exc, StaleDataError):
                    who = stale_who(self.session)  # issue #17.15: the Conflict says who
        finally:
            self.session.close()
        if exc is not None:
            # Issue #16.2: a write that lost a race to another terminal reaches the caller
            # as the app's Conflict (installed by app.core.keeper), never as a driver error.
            raise_race(exc, **who)

    def commit(self) -> None:
        self.session.commit()
        self.committed = True

    def flush(self) -> None:
        self.session.flush()

    def write_audit_so_far(self) -> None:
        """Append the audit events noted so far now, inside this transaction, instead of
        holding them in memory until commit (issue #15.13: a 50,000-row import). Only on
        SQLite, whose transaction holds the database's one write lock anyway; on PostgreSQL
        this would lock the chain head, and so every other terminal's writes, until commit."""
        if self.session.get_bind().dialect.name == "sqlite":
            _before_commit(self.session, self.database)  # this database's audit key

    def audit(
        self, action: str, *, table_name: str = "", record_id=None, detail: dict | None = None, actor=None
    ) -> None:
        """Note an event (print, export, unmask, login...) to be appended at commit."""
        record_event(self.session, action, table_name=table_name, record_id=record_id, detail=detail, actor=actor)


def record_event(
    session: Session, action: str, *, table_name: str = "", record_id=None, detail: dict | None = None, actor=None
) -> None:
    who = (actor.user_id, actor.username) if actor is not None else session.info.get(_ACTOR)
    session.info.setdefault(_EVENTS, []).append(
        {
            "at": _now(),
            "action": action,
            "table_name": table_name,
            "record_id": "" if record_id is None else str(record_id),
            "detail": detail or {},
            "actor_id": who[0] if who else None,
            "actor_name": who[1] if who else "",
        }
    )


# --- capture -----------------------------------------------------------------------------------


def install_audit(factory: sessionmaker[Session], database: Database | None = None) -> None:
    def before_commit(session: Session) -> None:
        _before_commit(session, database)

    def after_commit(session: Session) -> None:
        _anchor(session, database)  # first: _forget drops the new head
        _forget(session)

    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", before_commit)
    event.listen(factory, "after_rollback", _forget)
    event.listen(factory, "after_commit", after_commit)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _forget(session: Session) -> None:
    session.info.pop(_EVENTS, None)
    session.info.pop(_HEAD, None)


def _anchor(session: Session, database: Database | None) -> None:
    head = session.info.pop(_HEAD, None)
    if head is None or database is None or database.audit_keeper is None:
        return
    keeper = database.audit_keeper
    try:
        keeper.anchor(database.url, head)
    except OSError as e:
        # The change is committed with its audit rows; a missed anchor only leaves the last
        # one a little behind (it is a lower bound), so the user's work is not failed for it.
        log.warning("audit anchor not written: %s", e)


def _after_flush(session: Session, _flush_context) -> None:
    # In after_flush the new/dirty/deleted sets and attribute histories still show what this
    # flush wrote, and new rows already have their keys.
    notes = []
    for obj in session.new:
        notes.append(_note(obj, "insert"))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            notes.append(_note(obj, "update"))
    for obj in session.deleted:
        notes.append(_note(obj, "delete"))
    kept: list[dict] = [n for n in notes if n is not None]
    if kept:
        who = session.info.get(_ACTOR)
        for n in kept:
            by = n.pop("by")
            if who:
                n["actor_id"], n["actor_name"] = who
            else:
                n["actor_id"], n["actor_name"] = by, ""
        session.info.setdefault(_EVENTS, []).extend(kept)


def _note(obj, kind: str) -> dict | None:
    state = inspect(obj)
    mapper = state.mapper
    table = mapper.persist_selectable
    table_name = getattr(table, "name", mapper.class_.__name__)
    if table_name in UNAUDITED_TABLES:
        return None
    changes: dict[str, object] = {}
    by = None
    changed = state.committed_state  # an update: only a column set since the load has a history
    for key, secret in _audited_columns(mapper, table_name):
        if kind == "update":
            if key not in changed:
                continue
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if before == after and hist.deleted:
                continue
            changes[key] = SECRET if secret else [_logged(before, secret, SECRET), _logged(after, secret, SECRET)]
        else:
            value = state.dict.get(key)
            if value is None:
                continue
            changes[key] = _logged(value, secret, SECRET_SET)
            after = value
        if key.endswith("_by_id") and by is None and kind != "delete":
            by = after if isinstance(after, int) else None
    if kind == "update" and not changes:
        return None
    ident = mapper.primary_key_from_instance(obj)
    record_id = ",".join("" if v is None else str(v) for v in ident)
    return {
        "at": _now(),
        "action": kind,
        "table_name": table_name,
        "record_id": record_id,
        "detail": {"after" if kind == "insert" else "before" if kind == "delete" else "changes": changes},
        "by": by,
    }


@functools.cache
def _audited_columns(mapper, table_name: str) -> tuple[tuple[str, bool | None], ...]:
    """(key, secret) of each column of `mapper` the log records, in the mapper's order, secret
    None for a column logged as its count (COUNTED_COLUMNS): worked out once per table instead
    of at every row noted (issue #18.11)."""
    skip = UNAUDITED_COLUMNS["*"] | UNAUDITED_COLUMNS.get(table_name, frozenset())
    counted = COUNTED_COLUMNS.get(table_name, frozenset())
    return tuple(
        (attr.key, None if attr.key in counted else is_secret_column(attr.columns[0], table_name))
        for attr in mapper.column_attrs
        if attr.key not in skip
    )


def _logged(value, secret: bool | None, marker: str):
    """A column's value as the log records it (see _audited_columns)."""
    if secret is None:
        return None if value is None else f"[{len(value)} strokes]"
    return marker if secret else _small(value)


def _small(value):
    if isinstance(value, str) and 6 * len(value) + 2 <= MAX_VALUE_CHARS:
        return value  # fits even if JSON escaped every character: no need to encode it
    if isinstance(value, (list, dict, str)):
        size = len(canonical_json(value))
        if size > MAX_VALUE_CHARS:
            return f"[{size} characters]"
    return value


def _before_commit(session: Session, database: Database | None = None) -> None:
    # Flush first so that the last changes are noted, then append everything in this
    # transaction: committed together or not at all.
    session.flush()
    events = session.info.pop(_EVENTS, None)
    if events:
        # A change with no known actor is attributed to whoever the same transaction names
        # (e.g. a status change row's changed_by_id covers the vehicle row updated with it).
        known = next((e["actor_id"] for e in events if e["actor_id"] is not None), None)
        if known is not None:
            for e in events:
                if e["actor_id"] is None:
                    e["actor_id"] = known
        keeper = database.audit_keeper if database is not None else _default_keeper
        head = append_events(session.connection(), events, keeper.key if keeper is not None else None)
        session.info[_HEAD] = head
