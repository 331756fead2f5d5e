"""Races between terminals, told apart from other database errors (issue #16.2).

A write that lost a race (another terminal saved the record first, took the unique key, or
kept the database busy past the retries) must reach the user as the app's Conflict with what
is known, never as a driver error. db/ cannot import app/, so app.core.keeper installs the
exception to raise (`on_write_race`); until then it is WriteRace. Busy errors inside a
retry loop (`retrying()`, used by app.core.common.retry_transient) are left to the loop.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available; unique_violation.
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_retrying: contextvars.ContextVar[bool] = contextvars.ContextVar("showroom_retrying", default=False)


class WriteRace(Exception):
    """A write lost a race (the default exception; app.core.keeper installs its Conflict)."""

    def __init__(self, **params) -> None:
        super().__init__(params)
        self.params = params


_race_error: Callable[..., Exception] = WriteRace


def on_write_race(factory) -> None:
    """What UnitOfWork raises, with keyword params, for a write that lost a race."""
    global _race_error
    _race_error = factory


@contextlib.contextmanager
def retrying():
    """Inside: busy/serialization errors stay as they are, for the retry loop to see."""
    token = _retrying.set(True)
    try:
        yield
    finally:
        _retrying.reset(token)


def is_transient_error(exc: BaseException) -> bool:
    """A database error after which the whole transaction may simply be run again."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError) or exc.connection_invalidated:
        return False  # a lost connection may have lost a commit's answer: never guess
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in _TRANSIENT_SQLSTATES:
        return True
    return isinstance(orig, sqlite3.OperationalError) and any(m in str(orig).lower() for m in _SQLITE_BUSY)


def write_race(exc: BaseException) -> dict | None:
    """Params of the race `exc` stands for, or None when it is not one: a stale version
    (another terminal saved first), a unique key taken meanwhile, or (outside a retry loop)
    a busy database or a serialization failure."""
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        return {"reason": "stale", "detail": str(exc)[:300]}
    if isinstance(exc, IntegrityError):
        orig = exc.orig
        state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        text = str(orig)
        if state == "23505" or text.startswith("UNIQUE constraint failed"):
            diag = getattr(orig, "diag", None)
            constraint = getattr(diag, "constraint_name", None) or text.split(":", 1)[-1].strip()
            return {"reason": "duplicate", "constraint": str(constraint)[:200]}
        return None
    if not _retrying.get() and is_transient_error(exc):
        return {"reason": "busy"}
    return None


def raise_race(exc: BaseException, **known) -> None:
    """Raise the installed race error for `exc` if it stands for a race; else do nothing.
    `known`: what else is known about it (who saved first, db.changed_by.stale_who)."""
    race = write_race(exc)
    if race is not None:
        raise _race_error(**{**known, **race}) from exc


# --- text a database cannot store --------------------------------------------------------------


class UnstorableText(Exception):
    """A text value holds a NUL character, which PostgreSQL refuses (SQLite would keep it, so
    the same input must fail the same way on both); app.core.keeper installs the error to raise."""

    def __init__(self, **params) -> None:
        super().__init__(params)
        self.params = params


_text_error: Callable[..., Exception] = UnstorableText


def on_unstorable_text(factory) -> None:
    """What a flush raises, with `field` and `table`, for a text it cannot store."""
    global _text_error
    _text_error = factory


def refuse_unstorable_text(session, _flush_context, _instances) -> None:
    """before_flush: no NUL character reaches the database, from any form, import or command
    (issue #16: the hypothesis form tests found it on PostgreSQL). Checked once, here, instead
    of in every validator."""
    from sqlalchemy import inspect

    for obj in list(session.new) + list(session.dirty):
        state = inspect(obj)
        # Only an attribute set since the row was loaded (or made) has a value to add:
        # SQLAlchemy keeps its committed value then, so the others are skipped unread.
        changed, values = state.committed_state, state.dict
        for attr in state.mapper.column_attrs:
            value = values.get(attr.key)
            if attr.key not in changed or not (isinstance(value, str) and "\x00" in value):
                continue  # the history is read only for a text holding a NUL
            hist = state.attrs[attr.key].history
            for value in hist.added:
                if isinstance(value, str) and "\x00" in value:
                    raise _text_error(field=attr.key, table=state.mapper.local_table.name)
