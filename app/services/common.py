"""Shared service plumbing: optimistic-lock checks and commits that turn races into Conflict."""

from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from app.errors import Conflict
from db.uow import UnitOfWork


def check_version(record, expected_version: int | None) -> None:
    """Refuse an edit made on a copy older than the row (another terminal saved meanwhile)."""
    if expected_version is not None and record.version != expected_version:
        by = getattr(record, "updated_by_id", None)
        at = getattr(record, "updated_at", None)
        raise Conflict(
            table=record.__tablename__,
            id=record.id,
            expected=expected_version,
            current=record.version,
            by_user_id=by,
            at=at.isoformat(timespec="seconds") if at else None,
        )


def commit(uow: UnitOfWork) -> None:
    """Commit; a concurrent UPDATE that won the race shows up as StaleDataError -> Conflict."""
    try:
        uow.commit()
    except StaleDataError as e:
        uow.session.rollback()
        raise Conflict(detail=str(e)) from None
