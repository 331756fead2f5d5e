"""Follow-ups of retained leads (意向, 4.2.3.2; issue #19.1): a lead still new or being
followed, with an intent level, always has one open follow-up task for its consultant, due the
store's interval for its level after the last contact (H soonest, C latest)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common import commit
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.customer_care.clock import server_now
from app.customer_care.dto import PlannedDTO
from app.customer_care.settings import lead_intervals
from app.customer_care.task_rows import add_task
from db.care_models import FollowUpTask, TaskKind, TaskStatus
from db.reception_models import Lead, LeadStatus
from db.uow import UnitOfWork

SUBJECT_LEAD = "lead"
RETAINED = (LeadStatus.NEW.value, LeadStatus.FOLLOWING.value)


def _add_for(s: Session, lead: Lead, intervals: dict[str, int], *, actor_id: int | None, now: dt.datetime):
    days = intervals.get(lead.intent_level or "")
    if days is None:
        return None
    return add_task(
        s, kind=TaskKind.LEAD_FOLLOW_UP, assignee_id=lead.consultant_id, due_at=now + dt.timedelta(days=days),
        subject=f"意向跟进 {lead.brand} {lead.model} ({lead.intent_level})", now=now, actor_id=actor_id,
        customer_id=lead.customer_id, subject_type=SUBJECT_LEAD, subject_id=lead.id,
    )  # fmt: skip


def plan_next_for_task(s: Session, task: FollowUpTask, *, actor_id: int, now: dt.datetime) -> FollowUpTask | None:
    """After a reached follow-up: the lead's next one, while it is still retained."""
    lead = s.get(Lead, task.subject_id) if task.subject_type == SUBJECT_LEAD and task.subject_id else None
    if lead is None or lead.status not in RETAINED:
        return None
    return _add_for(s, lead, lead_intervals(s), actor_id=actor_id, now=now)


def plan_lead_follow_ups(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> PlannedDTO:
    """Give every retained lead with an intent level and no open follow-up its next one."""
    require(actor, Action.MANAGE_CARE_SETTINGS)
    with uow:
        s = uow.session
        now = now or server_now(s)
        planned = select(FollowUpTask.subject_id).where(
            FollowUpTask.subject_type == SUBJECT_LEAD, FollowUpTask.status == TaskStatus.OPEN
        )
        leads = s.scalars(
            select(Lead).where(Lead.status.in_(RETAINED), Lead.intent_level.is_not(None), Lead.id.not_in(planned))
        ).all()
        intervals = lead_intervals(s)
        created = sum(1 for lead in leads if _add_for(s, lead, intervals, actor_id=actor.user_id, now=now))
        commit(uow)
        return PlannedDTO(created=created)
