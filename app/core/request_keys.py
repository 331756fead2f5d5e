"""Idempotent creates: a repeated request (same client-made key) returns the first record.

Used by every create that a double click or a retry could repeat (issue #16.2). The key row is
written in the same transaction as the record, so either both exist or neither does; the
primary key on `request_key.key` is what holds when two requests race, not a disabled button.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from db.request_models import RequestKey


def first_record(s: Session, key: str | None, operation: str) -> int | None:
    """The id the first request with this key created, or None for a new request."""
    if not key:
        return None
    row = s.get(RequestKey, key)
    if row is None:
        return None
    if row.operation != operation:  # a client bug, never a user's: keys are uuid4
        raise ValueError(f"request key reused for {operation!r} (was {row.operation!r})")
    return row.record_id


def remember(
    s: Session, key: str | None, operation: str, record_id: int, *, actor_id: int | None, now: dt.datetime
) -> None:
    """Record that this key created `record_id`, in the caller's transaction."""
    if key:
        s.add(RequestKey(key=key, operation=operation, record_id=record_id, created_at=now, created_by_id=actor_id))
