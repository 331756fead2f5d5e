"""Today's duty roster (值班表) for the rotation: who is on the floor, in which order, and who
stepped away. The desk and the sales manager keep it; consultants mark themselves away/back.
Whenever someone becomes available, unassigned waiting visitors are given out at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import func, select

from app.core.clock import store_today, utcnow
from app.core.errors import FieldError, PermissionDenied, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import commit
from app.core.dto import Actor, Changes
from app.reception.notifications import emit
from app.reception.dto import DutyDTO
from app.reception.rotation import assign_waiting, consultants, duty_dtos, lock_rotation
from app.reception.support import is_active_consultant
from db.reception_models import DutyRoster, EventKind
from db.uow import UnitOfWork


def _dto_for(session, day: dt.date, consultant_id: int) -> DutyDTO:
    return next(d for d in duty_dtos(session, day) if d.consultant_id == consultant_id)


def _changed(duty: DutyDTO) -> DutyDTO:
    """A roster change can move waiting visitors too (assign_waiting): the queue reloads."""
    return replace(duty, changes=Changes(reception=True))


def _row(session, day: dt.date, consultant_id: int) -> DutyRoster | None:
    return session.scalar(select(DutyRoster).where(DutyRoster.day == day, DutyRoster.consultant_id == consultant_id))


def _append(session, day: dt.date, consultant_id: int, now: dt.datetime, by_id: int) -> DutyRoster:
    last = session.scalar(select(func.max(DutyRoster.rotation_order)).where(DutyRoster.day == day))
    row = DutyRoster(
        day=day,
        consultant_id=consultant_id,
        on_duty=True,
        away=False,
        rotation_order=(last or 0) + 1,
        created_at=now,
        updated_at=now,
        updated_by_id=by_id,
    )
    session.add(row)
    return row


def list_consultants(uow: UnitOfWork, *, actor: Actor) -> list[tuple[int, str]]:
    """(id, full name) of every active consultant: who can be put on the roster."""
    require(actor, Action.VIEW_QUEUE)
    with uow:
        return [(u.id, u.full_name) for u in consultants(uow.session)]


def list_duty(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> list[DutyDTO]:
    require(actor, Action.VIEW_QUEUE)
    with uow:
        return duty_dtos(uow.session, store_today(now or utcnow()))


def set_roster(
    uow: UnitOfWork, *, actor: Actor, consultant_ids: list[int], now: dt.datetime | None = None
) -> list[DutyDTO]:
    """Put exactly these consultants on duty today, in this rotation order (others off).
    Rotation fairness counts today's visits, so re-ordering mid-day changes only tie-breaks."""
    require(actor, Action.MANAGE_DUTY)
    now = now or utcnow()
    day = store_today(now)
    ids = list(dict.fromkeys(consultant_ids))
    with uow:
        s = uow.session
        lock_rotation(s)
        bad = [i for i in ids if not is_active_consultant(s, i)]
        if bad:
            raise ValidationFailed([FieldError("consultant_ids", "not_a_consultant", {"ids": bad})])
        rows = {r.consultant_id: r for r in s.scalars(select(DutyRoster).where(DutyRoster.day == day))}
        top = max((r.rotation_order for r in rows.values()), default=0)
        for position, cid in enumerate(ids, start=1):
            row = rows.get(cid) or _append(s, day, cid, now, actor.user_id)
            row.on_duty, row.rotation_order = True, top + position
            row.updated_by_id = actor.user_id
        for cid, row in rows.items():
            if cid not in ids and row.on_duty:
                row.on_duty, row.updated_by_id = False, actor.user_id
        s.flush()
        assign_waiting(s, day=day, now=now, by_id=actor.user_id)
        emit(s, kind=EventKind.DUTY_CHANGED, at=now)
        commit(uow)
        return duty_dtos(s, day)


def set_duty(
    uow: UnitOfWork, *, actor: Actor, consultant_id: int, on_duty: bool, now: dt.datetime | None = None
) -> DutyDTO:
    """One consultant comes on duty (joins the end of today's rotation) or goes off."""
    require(actor, Action.MANAGE_DUTY)
    now = now or utcnow()
    day = store_today(now)
    with uow:
        s = uow.session
        lock_rotation(s)
        if not is_active_consultant(s, consultant_id):
            raise ValidationFailed([FieldError("consultant_id", "not_a_consultant")])
        row = _row(s, day, consultant_id)
        if row is None:
            row = _append(s, day, consultant_id, now, actor.user_id)
        row.on_duty, row.updated_by_id = bool(on_duty), actor.user_id
        if not on_duty:
            row.away, row.away_since = False, None
        s.flush()
        assign_waiting(s, day=day, now=now, by_id=actor.user_id)
        emit(s, kind=EventKind.DUTY_CHANGED, consultant_id=consultant_id, at=now)
        commit(uow)
        return _changed(_dto_for(s, day, consultant_id))


def set_away(
    uow: UnitOfWork, *, actor: Actor, consultant_id: int, away: bool, now: dt.datetime | None = None
) -> DutyDTO:
    """Mark a consultant on duty as away (skipped by the rotation) or back. Consultants may
    do it for themselves only; the desk and the sales manager for anyone."""
    if not (actor is not None and can(actor.roles, Action.MANAGE_DUTY)):
        require(actor, Action.SET_OWN_AWAY)
        if consultant_id != actor.user_id:
            raise PermissionDenied(action=str(Action.MANAGE_DUTY), reason="not_self")
    now = now or utcnow()
    day = store_today(now)
    with uow:
        s = uow.session
        lock_rotation(s)
        row = _row(s, day, consultant_id)
        if row is None or not row.on_duty:
            raise ValidationFailed([FieldError("consultant_id", "consultant_not_on_duty")])
        if row.away != bool(away):
            row.away = bool(away)
            row.away_since = now if away else None
            row.updated_by_id = actor.user_id
        s.flush()
        assign_waiting(s, day=day, now=now, by_id=actor.user_id)
        emit(s, kind=EventKind.DUTY_CHANGED, consultant_id=consultant_id, at=now)
        commit(uow)
        return _changed(_dto_for(s, day, consultant_id))
