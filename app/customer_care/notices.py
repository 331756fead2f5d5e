"""Notices on the responsible person's PC (issue #19.1, 19.6): "a task for you" when a task is
assigned, "escalated" to every sales manager once a task is overdue on the server's clock.

A task due more than REMIND_AHEAD later (the first-service reminder, a lead's follow-up) is
announced when it comes within that window: the notice is then its reminder.

Nothing is pushed: each PC asks (at login and every minute) for the notices it has not
acknowledged. So a PC that was off or offline when a task was assigned or fell overdue shows
the notice as soon as it is back (issue #19.7), and dismissing it on one PC records who saw it
and when (care_notice_seen).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.dto import Actor
from app.core.permissions import Action, require
from app.customer_care.clock import server_now
from app.customer_care.dto import CareNoticeDTO
from app.customer_care.task_rows import staff_name
from db.care_models import CareNoticeSeen, FollowUpTask, TaskStatus
from db.models import Role
from db.uow import UnitOfWork

ASSIGNED, ESCALATED = "assigned", "escalated"
MAX_NOTICES = 50
# A task far ahead (a first service in 90 days, a C-level lead in 14) is announced this long
# before it is due, so the notice is the reminder; a 72-hour call is announced at once.
REMIND_AHEAD = dt.timedelta(days=3)


def _unseen(s: Session, actor: Actor, kind: str, *conditions) -> list[FollowUpTask]:
    seen = CareNoticeSeen
    q = (
        select(FollowUpTask)
        .outerjoin(seen, and_(seen.task_id == FollowUpTask.id, seen.staff_id == actor.user_id, seen.kind == kind))
        .where(FollowUpTask.status == TaskStatus.OPEN, seen.task_id.is_(None), *conditions)
        .order_by(FollowUpTask.due_at)
        .limit(MAX_NOTICES)
    )
    return list(s.scalars(q))


def list_care_notices(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> list[CareNoticeDTO]:
    """The actor's unacknowledged notices: their tasks due within REMIND_AHEAD, and for a sales
    manager every overdue task (escalated)."""
    require(actor, Action.VIEW_CARE_TASKS)
    with uow:
        s = uow.session
        now = now or server_now(s)
        mine = (FollowUpTask.assignee_id == actor.user_id) & (FollowUpTask.due_at <= now + REMIND_AHEAD)
        found = [(ASSIGNED, t) for t in _unseen(s, actor, ASSIGNED, mine)]
        if actor.has(Role.SALES_MANAGER):
            found += [(ESCALATED, t) for t in _unseen(s, actor, ESCALATED, FollowUpTask.due_at < now)]
        return [CareNoticeDTO(t.id, kind, t.subject, t.due_at, staff_name(s, t.assignee_id)) for kind, t in found]


def acknowledge_care_notices(
    uow: UnitOfWork, *, actor: Actor, notices: list[tuple[int, str]], now: dt.datetime | None = None
) -> int:
    """Record that the actor saw these (task id, kind) notices; returns how many were new."""
    require(actor, Action.VIEW_CARE_TASKS)
    with uow:
        s = uow.session
        now = now or server_now(s)
        new = 0
        for task_id, kind in dict.fromkeys(notices):
            if kind in (ASSIGNED, ESCALATED) and s.get(CareNoticeSeen, (task_id, actor.user_id, kind)) is None:
                s.add(CareNoticeSeen(task_id=task_id, staff_id=actor.user_id, kind=kind, seen_at=now))
                new += 1
        try:
            uow.commit()
        except IntegrityError:  # the same user dismissed it on another PC at the same moment
            uow.session.rollback()
            return 0
        return new
