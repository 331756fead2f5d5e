"""Shared service plumbing: optimistic-lock checks and commits that turn races into Conflict,
and the retry of whole transactions that failed for a transient reason (issue #8.3)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
import time
from typing import Callable, TypeVar

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import object_session
from sqlalchemy.orm.exc import StaleDataError

from app.core.errors import Busy, Conflict
from db.changed_by import stale_who
from db.races import is_transient_error, retrying
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_ATTEMPTS = 8


# Never copied into a Conflict (it travels to the UI and the log): secrets and sealed numbers.
_PRIVATE_COLUMN_PARTS = ("password", "hash", "sealed", "secret", "key", "cipher", "fingerprint", "token", "_enc")
_BOOKKEEPING_COLUMNS = {"id", "version", "created_at", "updated_at", "updated_by_id", "created_by_id"}


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def current_values(record) -> dict:
    """The record's own fields as saved now (plain values), for the conflict dialog's
    "yours / theirs": bookkeeping columns and anything secret or sealed left out."""
    out = {}
    for col in record.__table__.columns:
        name = col.key
        if name in _BOOKKEEPING_COLUMNS or any(p in name.lower() for p in _PRIVATE_COLUMN_PARTS):
            continue
        out[name] = _plain(getattr(record, name, None))
    return out


def check_version(record, expected_version: int | None) -> None:
    """Refuse an edit made on a copy older than the row (another terminal saved meanwhile).

    The Conflict says whose change it was (by_user_id, by_name), when (at, naive UTC ISO) and
    what the record holds now (values), so the UI can show what differs from the user's edit
    (issue #8.2: never a silent overwrite)."""
    if expected_version is not None and record.version != expected_version:
        by = getattr(record, "updated_by_id", None)
        at = getattr(record, "updated_at", None)
        name = _staff_name(record, by)
        if by is None or at is None:  # a table without audit columns: ask the audit log
            logged = _last_logged_change(record)
            if logged is not None:
                name, by, at = name or logged[0], by or logged[1], at or logged[2]
        raise Conflict(
            table=record.__tablename__,
            id=record.id,
            expected=expected_version,
            current=record.version,
            by_user_id=by,
            by_name=name,
            at=at.isoformat(timespec="seconds") if isinstance(at, dt.datetime) else at,
            values=current_values(record),
        )


def _last_logged_change(record):
    """(actor name, actor id, at) of the newest audit-log entry about this record (issue #9's
    audit_event), or None. The transaction is failing with Conflict anyway, so a database
    without that table costs nothing but this query."""
    session = object_session(record)
    if session is None:
        return None
    try:
        row = session.execute(
            text(
                "SELECT actor_name, actor_id, at FROM audit_event WHERE table_name = :t "
                "AND record_id = :r ORDER BY id DESC LIMIT 1"
            ),
            {"t": record.__tablename__, "r": str(record.id)},
        ).first()
    except DBAPIError:
        return None
    if row is None:
        return None
    at = row[2]
    if isinstance(at, str):
        try:
            at = dt.datetime.fromisoformat(at)
        except ValueError:
            at = None
    return row[0] or None, row[1], at


def _staff_name(record, user_id: int | None) -> str | None:
    session = object_session(record)
    if user_id is None or session is None:
        return None
    from db.models import StaffUser

    return session.scalar(select(StaffUser.full_name).where(StaffUser.id == user_id))


def commit(uow: UnitOfWork) -> None:
    """Commit; a concurrent UPDATE that won the race shows up as StaleDataError -> Conflict."""
    try:
        uow.commit()
    except StaleDataError as e:
        uow.session.rollback()
        # Issue #17.15: which row another terminal saved first, who saved it and when.
        raise Conflict(detail=str(e), **stale_who(uow.session)) from None


def is_transient(exc: BaseException) -> bool:
    """A database error after which the whole transaction may simply be run again."""
    return is_transient_error(exc)


def retry_transient(
    fn: Callable[..., T] | None = None,
    *,
    attempts: int = RETRY_ATTEMPTS,
    first_delay: float = 0.02,
    max_delay: float = 1.0,
):
    """Run a whole-transaction service call again when it failed for a transient reason
    (PostgreSQL deadlock or serialization failure, SQLite busy/locked), with jittered
    exponential back-off. Use on a function whose every attempt is one transaction that either
    commits or leaves nothing behind (a UnitOfWork opens a fresh session on each `with uow`).
    When every attempt failed the user gets ShowroomError("transient_database_error"), a
    readable "try again", never a raw "database is locked"."""

    def wrap(func: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(func)
        def run(*args, **kwargs) -> T:
            for attempt in range(1, attempts + 1):
                try:
                    with retrying():  # the unit of work leaves busy errors to this loop
                        return func(*args, **kwargs)
                except DBAPIError as exc:
                    if not is_transient(exc):
                        raise
                    if attempt == attempts:
                        log.warning("%s: still failing after %d attempts: %s", func.__qualname__, attempts, exc.orig)
                        raise Busy(attempts=attempts) from exc
                    delay = min(max_delay, first_delay * 2 ** (attempt - 1))
                    log.info(
                        "%s: transient database error (%s), attempt %d; retrying", func.__qualname__, exc.orig, attempt
                    )
                    time.sleep(delay * random.uniform(0.5, 1.5))
            raise AssertionError("unreachable")

        setattr(run, "__wrapped_transaction__", True)  # for tests: this call retries transient errors
        return run

    return wrap(fn) if fn is not None else wrap
