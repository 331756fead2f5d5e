"""Counts the main window's navigation shows (issue #17.7): one COUNT query each, no rows or
personal data read, so they stay cheap however many visits and leads a store keeps."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core.clock import store_day_bounds, store_today, utcnow
from app.core.dto import Actor
from app.core.permissions import Action, can, require
from db.models import Role
from db.reception_models import Lead, LeadStatus, Visit, VisitStatus
from db.uow import UnitOfWork

OPEN_LEADS = (LeadStatus.NEW.value, LeadStatus.FOLLOWING.value)


def visitors_waiting(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> int:
    """Visitors waiting today: all of them for the desk and managers, a consultant's own
    (those assigned to them) for a consultant."""
    require(actor, Action.VIEW_QUEUE)
    start, end = store_day_bounds(store_today(now or utcnow()))
    stmt = select(func.count(Visit.id)).where(
        Visit.status == VisitStatus.WAITING.value, Visit.arrival_at >= start, Visit.arrival_at < end
    )
    if not (actor.has(Role.SALES_MANAGER) or can(actor.roles, Action.CHECK_IN_VISITORS)):
        stmt = stmt.where(Visit.consultant_id == actor.user_id)
    with uow:
        return uow.session.scalar(stmt) or 0


def overdue_follow_ups(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> int:
    """Open leads (new, following up) whose follow-up day has passed: a consultant's own, or
    the store's for a manager (as list_leads shows them)."""
    require(actor, Action.VIEW_LEADS)
    today = store_today(now or utcnow())
    stmt = select(func.count(Lead.id)).where(Lead.status.in_(OPEN_LEADS), Lead.next_follow_up < today)
    if not actor.has(Role.SALES_MANAGER):
        stmt = stmt.where(Lead.consultant_id == actor.user_id)
    with uow:
        return uow.session.scalar(stmt) or 0
