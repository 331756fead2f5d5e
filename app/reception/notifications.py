"""Live change feed for reception terminals (queue board, "a visitor for you" notices).

Writers: every check-in, assignment, start/end of a visit, roster or appointment change adds a
`reception_event` row in the same transaction as the change (`emit`), so an event exists if
and only if the change was committed. On PostgreSQL `emit` also calls pg_notify, which the
server delivers at commit.

Readers: `ChangeFeed` keeps a cursor (the highest event id seen) and returns newer rows.
  - SQLite: polls `id > cursor` every POLL_INTERVAL seconds (cheap: an indexed range scan).
  - PostgreSQL: LISTENs on its own autocommit connection and reads as soon as a notification
    arrives; it still reads every PG_FALLBACK_POLL seconds in case a notification was lost
    (e.g. the listening connection dropped and reconnected).
PostgreSQL hands out ids when rows are inserted, not when they commit, so a lower id can
become visible after a higher one; ids skipped over are kept "pending" and looked for again
for GAP_GRACE seconds (ids of rolled-back transactions never appear).

Threading: a ChangeFeed (and its connections) belongs to one thread. The UI runs
`feed.listen(callback, stop_event)` on a worker thread; `callback(events)` is called on that
thread and must only emit a Qt signal (queued to the GUI thread). Set `stop_event` and
join the thread to stop; it notices within `step` seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import delete, func, select, text
from sqlalchemy.engine import CursorResult, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from app.core.clock import utcnow
from db.reception_models import ReceptionEvent
from db.session import make_engine
from db.uow import UnitOfWork

PG_CHANNEL = "showroom_reception"
POLL_INTERVAL = 0.25  # seconds, SQLite
PG_FALLBACK_POLL = 2.0  # seconds, PostgreSQL
GAP_GRACE = 30.0  # seconds a skipped PostgreSQL id is looked for again
EVENT_RETENTION = dt.timedelta(days=3)
# A consultant acknowledged a visit's notice (app.reception.notices, issue #17.10). Bookkeeping,
# not a change of the floor: feeds pass it over unless asked for it by kind.
NOTICE_SEEN = "notice_seen"


@dataclass(frozen=True)
class EventDTO:
    id: int
    kind: str  # db.reception_models.EventKind value
    visit_id: int | None
    consultant_id: int | None  # the consultant concerned (for "assigned": who got the visit)
    created_at: dt.datetime


def emit(
    session: Session,
    *,
    kind: str,
    visit_id: int | None = None,
    consultant_id: int | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Record one change event inside the caller's transaction (and pg_notify on PostgreSQL)."""
    event = ReceptionEvent(kind=str(kind), visit_id=visit_id, consultant_id=consultant_id, created_at=at or utcnow())
    session.add(event)
    if session.get_bind().dialect.name == "postgresql":
        session.flush()
        payload = json.dumps({"id": event.id, "kind": event.kind, "consultant_id": consultant_id})
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": PG_CHANNEL, "payload": payload})


def prune_events(uow: UnitOfWork, *, now: dt.datetime | None = None, keep: dt.timedelta = EVENT_RETENTION) -> int:
    """Delete events older than `keep` (they only drive live screens). Returns how many."""
    cutoff = (now or utcnow()) - keep
    with uow:
        result = cast(
            "CursorResult[Any]", uow.session.execute(delete(ReceptionEvent).where(ReceptionEvent.created_at < cutoff))
        )
        n = result.rowcount
        uow.commit()
        return n or 0


def _dto(row: ReceptionEvent) -> EventDTO:
    return EventDTO(row.id, row.kind, row.visit_id, row.consultant_id, row.created_at)


def _psycopg_connect(url: str):
    import psycopg

    u = make_url(url)
    kwargs: dict[str, Any] = {
        k: v
        for k, v in dict(dbname=u.database, user=u.username, password=u.password, host=u.host, port=u.port).items()
        if v
    }
    kwargs.update({k: v for k, v in u.query.items() if isinstance(v, str)})
    return psycopg.connect(autocommit=True, **kwargs)


class ChangeFeed:
    """Events newer than a cursor, optionally only those for one consultant or of some kinds."""

    def __init__(
        self,
        url: str,
        *,
        consultant_id: int | None = None,
        kinds: Iterable[str] | None = None,
        after_id: int | None = None,
    ) -> None:
        self.url = url
        self.consultant_id = consultant_id
        self.kinds = frozenset(str(k) for k in kinds) if kinds else None
        self._engine = (
            make_engine(url, poolclass=NullPool) if make_url(url).get_backend_name() != "sqlite" else make_engine(url)
        )
        self.is_postgres = self._engine.dialect.name == "postgresql"
        self._pg: Any = None  # the LISTEN connection (psycopg), opened lazily
        self._pending: dict[int, float] = {}  # skipped ids -> monotonic time first missed
        self.last_id = self.latest_id() if after_id is None else after_id

    # -- cursor ---------------------------------------------------------------------------

    def latest_id(self) -> int:
        with self._engine.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(ReceptionEvent.id), 0))).scalar_one()

    def reset(self, after_id: int) -> None:
        self.last_id = after_id
        self._pending.clear()

    def poll(self) -> list[EventDTO]:
        """New events since the last call (matching the filters), oldest first; never blocks."""
        low = min(self._pending) - 1 if self._pending else self.last_id
        with Session(self._engine) as s:
            rows = list(s.scalars(select(ReceptionEvent).where(ReceptionEvent.id > low).order_by(ReceptionEvent.id)))
            fresh = [r for r in rows if r.id > self.last_id or r.id in self._pending]
            seen = {r.id for r in rows}
            events = [_dto(r) for r in fresh]
        for r in fresh:
            self._pending.pop(r.id, None)
        top = max(seen, default=self.last_id)
        if top > self.last_id:
            if self.is_postgres:
                clock = time.monotonic()
                for missing in range(self.last_id + 1, top):
                    if missing not in seen:
                        self._pending[missing] = clock
            self.last_id = top
        if self._pending:
            limit = time.monotonic() - GAP_GRACE
            self._pending = {i: t for i, t in self._pending.items() if t > limit}
        return [e for e in events if self._wanted(e)]

    def _wanted(self, e: EventDTO) -> bool:
        if self.consultant_id is not None and e.consultant_id != self.consultant_id:
            return False
        if self.kinds is None:
            return e.kind != NOTICE_SEEN
        return e.kind in self.kinds

    # -- waiting --------------------------------------------------------------------------

    def start(self) -> None:
        """Open the LISTEN connection now (PostgreSQL; nothing to do on SQLite). Optional:
        waiting opens it lazily. Events committed before it are still found by the cursor."""
        if self.is_postgres:
            self._ensure_listening()

    def wait_for_events(self, after_id: int | None = None, timeout: float = 5.0) -> list[EventDTO]:
        """Block until at least one wanted event newer than the cursor is committed, or until
        `timeout` seconds pass (then []). `after_id` resets the cursor first."""
        if after_id is not None:
            self.reset(after_id)
        deadline = time.monotonic() + timeout
        if self.is_postgres:
            self._ensure_listening()
        while True:
            events = self.poll()
            remaining = deadline - time.monotonic()
            if events or remaining <= 0:
                return events
            if self.is_postgres:
                self._wait_notification(min(remaining, PG_FALLBACK_POLL))
            else:
                time.sleep(min(remaining, POLL_INTERVAL))

    def listen(
        self,
        callback: Callable[[list[EventDTO]], None],
        stop_event: threading.Event,
        *,
        step: float = 1.0,
        retry_delay: float = 2.0,
    ) -> None:
        """Call `callback(events)` for every batch of new events until `stop_event` is set.
        Database outages are waited out (reconnects every `retry_delay` s); callback errors
        propagate."""
        while not stop_event.is_set():
            try:
                events = self.wait_for_events(timeout=step)
            except OperationalError:
                self._close_pg()
                stop_event.wait(retry_delay)
                continue
            except Exception as e:  # psycopg errors on the LISTEN connection
                if type(e).__module__.startswith("psycopg"):
                    self._close_pg()
                    stop_event.wait(retry_delay)
                    continue
                raise
            if events:
                callback(events)

    def _ensure_listening(self) -> None:
        if self._pg is None:
            self._pg = _psycopg_connect(self.url)
            self._pg.execute(f"LISTEN {PG_CHANNEL}")

    def _wait_notification(self, timeout: float) -> None:
        for _ in self._pg.notifies(timeout=timeout, stop_after=1):
            pass

    def _close_pg(self) -> None:
        if self._pg is not None:
            try:
                self._pg.close()
            finally:
                self._pg = None

    def close(self) -> None:
        self._close_pg()
        self._engine.dispose()

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = ["ChangeFeed", "EventDTO", "emit", "prune_events", "PG_CHANNEL", "NOTICE_SEEN"]
