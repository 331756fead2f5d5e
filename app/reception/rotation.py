"""Who serves a visitor (轮流接待, T/CSCA 120031 4.2.1.1): the rotation lock, the day's roster
state and assigning visits to consultants. Shared plumbing of the reception services, not a
use case: no permission checks here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.core.clock import store_day_bounds
from app.reception.dto import DutyDTO
from app.reception.notifications import emit
from app.reception.rules import RotationCandidate, pick_next_consultant
from app.reception.support import staff_names
from db.models import Role, StaffRole, StaffUser
from db.reception_models import AssignedBy, AssignmentLog, Customer, DutyRoster, EventKind, Visit, VisitStatus


# Any fixed 64-bit number: the advisory lock that serialises rotation decisions on PostgreSQL.
_ROTATION_LOCK_KEY = 120031_4211


def lock_rotation(session: Session) -> None:
    """Serialise everything that reads the roster and then assigns a consultant, so that two
    desks checking visitors in at the same instant never pick the same "next" consultant.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: a write statement that touches no
    row still takes the database write lock (held to commit); pysqlite only opens the
    transaction at the first write, so the reads that follow see the latest commit.
    Call it first in the transaction, before loading anything that the decision depends on.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ROTATION_LOCK_KEY})
    else:
        session.execute(text("UPDATE duty_roster SET id = id WHERE 1 = 0"))


# --- roster state --------------------------------------------------------------------------


@dataclass
class _Tally:
    busy: bool = False
    rotation_count: int = 0
    last_rotation_at: dt.datetime | None = None
    visits_today: int = 0
    current_visit_id: int | None = None
    current_started: bool = False


def _tallies(session: Session, day: dt.date) -> dict[int, _Tally]:
    start, end = store_day_bounds(day)
    rows = session.execute(
        select(Visit.id, Visit.consultant_id, Visit.status, Visit.assigned_by, Visit.assigned_at)
        .where(Visit.arrival_at >= start, Visit.arrival_at < end, Visit.consultant_id.is_not(None))
        .order_by(Visit.arrival_at)
    ).all()
    out: dict[int, _Tally] = {}
    for vid, cid, status, assigned_by, assigned_at in rows:
        if cid is None:  # excluded by the query; for the type checker
            continue
        t = out.setdefault(cid, _Tally())
        t.visits_today += 1
        if assigned_by == AssignedBy.ROTATION:
            t.rotation_count += 1
            if assigned_at and (t.last_rotation_at is None or assigned_at > t.last_rotation_at):
                t.last_rotation_at = assigned_at
        if status != VisitStatus.FINISHED:
            t.busy = True
            started = status == VisitStatus.WITH_CONSULTANT
            if t.current_visit_id is None or (started and not t.current_started):
                t.current_visit_id, t.current_started = vid, started
    return out


def roster(session: Session, day: dt.date) -> list[DutyRoster]:
    return list(session.scalars(select(DutyRoster).where(DutyRoster.day == day).order_by(DutyRoster.rotation_order)))


def duty_dtos(session: Session, day: dt.date) -> list[DutyDTO]:
    tallies = _tallies(session, day)
    rows = roster(session, day)
    names = staff_names(session, (r.consultant_id for r in rows))
    out = []
    for r in rows:
        t = tallies.get(r.consultant_id, _Tally())
        state = "off_duty" if not r.on_duty else "away" if r.away else "busy" if t.busy else "available"
        out.append(
            DutyDTO(
                day=r.day,
                consultant_id=r.consultant_id,
                consultant_name=names.get(r.consultant_id, ""),
                on_duty=r.on_duty,
                away=r.away,
                away_since=r.away_since,
                rotation_order=r.rotation_order,
                state=state,
                rotation_count=t.rotation_count,
                visits_today=t.visits_today,
                current_visit_id=t.current_visit_id,
                version=r.version,
            )
        )
    return out


def candidates(session: Session, day: dt.date) -> list[RotationCandidate]:
    tallies = _tallies(session, day)
    out = []
    for r in roster(session, day):
        t = tallies.get(r.consultant_id, _Tally())
        out.append(
            RotationCandidate(
                r.consultant_id, r.rotation_order, r.on_duty, r.away, t.busy, t.rotation_count, t.last_rotation_at
            )
        )
    return out


def on_duty(session: Session, day: dt.date, consultant_id: int | None) -> bool:
    if consultant_id is None:
        return False
    return bool(
        session.scalar(
            select(DutyRoster.id).where(
                DutyRoster.day == day, DutyRoster.consultant_id == consultant_id, DutyRoster.on_duty.is_(True)
            )
        )
    )


# --- assigning ----------------------------------------------------------------------------


def assign(
    session: Session,
    visit: Visit,
    *,
    consultant_id: int,
    method: AssignedBy,
    now: dt.datetime,
    by_id: int | None,
    reason: str = "",
    note_code: str = "",
) -> None:
    """Give the visit to a consultant, log it and tell that consultant's terminal."""
    previous = visit.consultant_id
    visit.consultant_id = consultant_id
    visit.assigned_by = method.value
    visit.assigned_at = now
    visit.override_reason = reason if method is AssignedBy.OVERRIDE else None
    if by_id is not None:
        visit.updated_by_id = by_id
    session.add(
        AssignmentLog(
            visit_id=visit.id,
            from_consultant_id=previous,
            to_consultant_id=consultant_id,
            method=method.value,
            reason=reason or "",
            note_code=note_code or "",
            by_id=by_id,
            at=now,
        )
    )
    if visit.customer_id:
        customer = session.get(Customer, visit.customer_id)
        # The first consultant to receive a customer keeps them (repeat visits), until a
        # manager reassigns the customer. An override to a colleague does not move them.
        if customer is not None and customer.consultant_id is None:
            customer.consultant_id = consultant_id
    emit(session, kind=EventKind.ASSIGNED, visit_id=visit.id, consultant_id=consultant_id, at=now)


def assign_by_rotation(
    session: Session, visit: Visit, *, day: dt.date, now: dt.datetime, by_id: int | None, note_code: str = ""
) -> int | None:
    chosen = pick_next_consultant(candidates(session, day))
    if chosen is not None:
        session.flush()
        assign(
            session, visit, consultant_id=chosen, method=AssignedBy.ROTATION, now=now, by_id=by_id, note_code=note_code
        )
    return chosen


def assign_waiting(session: Session, *, day: dt.date, now: dt.datetime, by_id: int | None) -> list[int]:
    """Give unassigned waiting visitors (oldest first) to consultants who are free now.
    Call with the rotation lock held, after whatever freed a consultant. Returns visit ids."""
    start, end = store_day_bounds(day)
    waiting = list(
        session.scalars(
            select(Visit)
            .where(
                Visit.arrival_at >= start,
                Visit.arrival_at < end,
                Visit.status == VisitStatus.WAITING,
                Visit.consultant_id.is_(None),
            )
            .order_by(Visit.arrival_at, Visit.id)
        )
    )
    done = []
    for visit in waiting:
        session.flush()
        if assign_by_rotation(session, visit, day=day, now=now, by_id=by_id) is None:
            break
        done.append(visit.id)
    return done


def consultants(session: Session, ids: Iterable[int] | None = None) -> list[StaffUser]:
    stmt = (
        select(StaffUser)
        .join(StaffRole, StaffRole.user_id == StaffUser.id)
        .where(StaffUser.active.is_(True), StaffRole.role == Role.CONSULTANT.value)
        .order_by(StaffUser.full_name)
    )
    if ids is not None:
        stmt = stmt.where(StaffUser.id.in_(list(ids)))
    return list(session.scalars(stmt).unique())
