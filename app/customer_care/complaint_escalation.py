"""The escalation ladder of complaint deadlines (issue #19.3, #19.6-19.7).

At receipt the handler is told the complaint is theirs ("assigned"). Then each open deadline
climbs two rungs, on the server's clock:
  near     (amber, AMBER_BEFORE the deadline): the handler is reminded;
  overdue  (red, the deadline passed): the handler and every active sales manager are told.
A rung is recorded once per person (`complaint_escalation`, unique), whoever's terminal noticed
it first, so escalating is safe to run from every PC at any time. Each person's PC shows their
rungs not yet seen: a PC that was off or offline when a rung was reached shows it when it is
back (issue #19.7), since nothing depends on that PC having been on at the time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.core.dto import Actor, Changes
from app.core.permissions import Action, require
from app.customer_care.clock import server_now
from app.customer_care.complaint_deadlines import AMBER_BEFORE, DEADLINES
from app.customer_care.complaint_dto import EscalationNotice
from db.complaint_models import Complaint, ComplaintEscalation, ComplaintStatus, Escalation
from db.models import Role, StaffRole, StaffUser
from db.uow import UnitOfWork


def _columns(deadline: str):
    if deadline == "first_response":
        return Complaint.first_response_due, Complaint.first_response_at
    return Complaint.reply_due, Complaint.reply_at


def due_query(deadline: str, until: dt.datetime):
    """Open complaints whose `deadline` is not done and falls due by `until`: a range of the
    deadline's index (status, done, due), issue #19.10."""
    due, done = _columns(deadline)
    return select(Complaint).where(Complaint.status == ComplaintStatus.OPEN, done.is_(None), due <= until)


def _due_rungs(s, now: dt.datetime) -> list[tuple[Complaint, str, str]]:
    """(complaint, deadline, level) reached and not done."""
    found: list[tuple[Complaint, str, str]] = []
    for deadline in DEADLINES:
        due, _done = _columns(deadline)
        for c in s.scalars(due_query(deadline, now + AMBER_BEFORE[deadline])):
            level = Escalation.OVERDUE if getattr(c, due.key) <= now else Escalation.NEAR
            found.append((c, deadline, level))
            if level == Escalation.OVERDUE:
                found.append((c, deadline, Escalation.NEAR))  # a PC off for days still sees both
    return found


def _managers(s) -> list[int]:
    q = select(StaffUser.id).join(StaffRole).where(StaffRole.role == Role.SALES_MANAGER, StaffUser.active.is_(True))
    return list(s.scalars(q))


def _recorded(s, complaint_ids: set[int]) -> dict[tuple[int, str, str], set[int]]:
    out: dict[tuple[int, str, str], set[int]] = {}
    if not complaint_ids:
        return out
    E = ComplaintEscalation
    q = select(E.complaint_id, E.deadline, E.level, E.staff_id).where(E.complaint_id.in_(complaint_ids))
    for cid, deadline, level, staff_id in s.execute(q):
        out.setdefault((cid, deadline, level), set()).add(staff_id)
    return out


def escalate_due(uow: UnitOfWork) -> Changes:
    """Record every rung reached by now (server time) and not yet recorded. Run by the app's
    timer on every PC and by the command line; idempotent."""
    with uow:
        s = uow.session
        now = server_now(s)
        rungs = _due_rungs(s, now)
        have = _recorded(s, {c.id for c, _d, _l in rungs})
        managers, added = set(_managers(s)), 0
        for c, deadline, level in rungs:
            people = {c.handler_id} | (managers if level == Escalation.OVERDUE else set())
            for staff_id in people - have.get((c.id, deadline, level), set()):
                s.add(ComplaintEscalation(complaint_id=c.id, deadline=deadline, level=level, staff_id=staff_id,
                                          escalated_at=now))  # fmt: skip
                added += 1
        try:
            uow.commit()
        except IntegrityError:  # another PC recorded the same rung first: theirs stands
            return Changes()
        return Changes(complaints=True) if added else Changes()


def my_escalations(uow: UnitOfWork, actor: Actor) -> list[EscalationNotice]:
    """The actor's rungs not seen yet, oldest first."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        q = (
            select(ComplaintEscalation, Complaint.number)
            .join(Complaint, Complaint.id == ComplaintEscalation.complaint_id)
            .where(ComplaintEscalation.staff_id == actor.user_id, ComplaintEscalation.seen_at.is_(None))
            .order_by(ComplaintEscalation.id)
        )
        return [
            EscalationNotice(e.id, e.complaint_id, number, e.deadline, e.level, e.escalated_at)
            for e, number in uow.session.execute(q)
        ]


def mark_escalations_seen(uow: UnitOfWork, actor: Actor, ids: list[int]) -> Changes:
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        s = uow.session
        now = server_now(s)
        s.execute(
            update(ComplaintEscalation)
            .where(ComplaintEscalation.id.in_(ids), ComplaintEscalation.staff_id == actor.user_id)
            .where(ComplaintEscalation.seen_at.is_(None))
            .values(seen_at=now)
        )
        uow.commit()
        return Changes(complaints=True)
