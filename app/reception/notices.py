""" "A visitor for you" notices (issue #4 point 4, issue #17.10): which visitors a consultant
has been given and not yet acknowledged, so that one logged out when a visitor was assigned
sees the notice at the next login, and once acknowledged never again.

Nothing new is stored for a notice: it is derived. A visit of the store's day that is still
waiting, assigned to the consultant, has a pending notice until the consultant acknowledges
it; the acknowledgement is a `notice_seen` row in the reception event table (app.reception.
notifications), kept as long as the day's visits matter. Assigned again later (a manager's
reassignment back), the visit's notice is pending again: only an acknowledgement made after the
latest assignment counts. A visit started, ended or given to someone else has no notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from app.core.clock import store_day_bounds, store_today, utcnow
from app.core.dto import Actor, Changes
from app.core.permissions import Action, require
from app.core.masking import mask_name
from app.reception.dto import ModelInterest
from app.reception.notifications import NOTICE_SEEN, emit
from db.reception_models import Customer, ReceptionEvent, Visit, VisitStatus
from db.uow import UnitOfWork


@dataclass(frozen=True)
class VisitNoticeDTO:
    """What the consultant is told: who (name as the desk took it, else the visit number and
    type), how many came, the models they asked about and since when they have waited."""

    visit_id: int
    customer_name: str | None  # the form of address the desk typed, e.g. 王先生; None: anonymous
    visit_type: str
    party_size: int
    interested_models: tuple[ModelInterest, ...]
    arrival_at: dt.datetime
    assigned_at: dt.datetime | None

    def waited_seconds(self, now: dt.datetime) -> int:
        return max(0, int((now - self.arrival_at).total_seconds()))

    @property
    def customer_name_masked(self) -> str:
        """王** in the pop-up, as on the queue board (PIPL: masked on screen)."""
        return mask_name(self.customer_name)


@dataclass(frozen=True)
class NoticesSeenDTO:
    visit_ids: tuple[int, ...]
    # An acknowledgement changes nothing any page shows (issue #16).
    changes: Changes = field(default_factory=Changes)


def _waiting_for(s, consultant_id: int, now: dt.datetime, visit_ids=None) -> list[Visit]:
    start, end = store_day_bounds(store_today(now))
    query = select(Visit).where(
        Visit.consultant_id == consultant_id,
        Visit.status == VisitStatus.WAITING,
        Visit.arrival_at >= start,
        Visit.arrival_at < end,
    )
    if visit_ids is not None:
        query = query.where(Visit.id.in_(visit_ids))
    return list(s.scalars(query.order_by(Visit.arrival_at, Visit.id)))


def _seen_at(s, consultant_id: int, visit_ids: list[int]) -> dict[int, dt.datetime]:
    """The latest acknowledgement per visit by this consultant."""
    seen: dict[int, dt.datetime] = {}
    rows = s.execute(
        select(ReceptionEvent.visit_id, ReceptionEvent.created_at).where(
            ReceptionEvent.kind == NOTICE_SEEN,
            ReceptionEvent.consultant_id == consultant_id,
            ReceptionEvent.visit_id.in_(visit_ids),
        )
    )
    for visit_id, at in rows:
        seen[visit_id] = max(at, seen.get(visit_id, at))
    return seen


def _notices(s, visits: list[Visit]) -> list[VisitNoticeDTO]:
    customer_ids = {v.customer_id for v in visits if v.customer_id}
    names = (
        dict(s.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))).all())
        if customer_ids
        else {}
    )
    return [
        VisitNoticeDTO(
            visit_id=v.id,
            customer_name=names.get(v.customer_id) if v.customer_id else None,
            visit_type=v.visit_type,
            party_size=v.party_size,
            interested_models=tuple(ModelInterest(str(b), str(m)) for b, m in (v.interested_models or [])),
            arrival_at=v.arrival_at,
            assigned_at=v.assigned_at,
        )
        for v in visits
    ]


def pending_notices(
    uow: UnitOfWork, *, actor: Actor, visit_ids: list[int] | None = None, now: dt.datetime | None = None
) -> list[VisitNoticeDTO]:
    """The actor's visitors of today still waiting whose notice they have not acknowledged since
    the visit was assigned to them, oldest arrival first (all of them at login; `visit_ids`
    narrows it to those a live event named)."""
    require(actor, Action.VIEW_QUEUE)
    now = now or utcnow()
    with uow:
        s = uow.session
        visits = _waiting_for(s, actor.user_id, now, visit_ids)
        seen = _seen_at(s, actor.user_id, [v.id for v in visits]) if visits else {}
        fresh = [v for v in visits if v.id not in seen or (v.assigned_at and seen[v.id] < v.assigned_at)]
        return _notices(s, fresh)


def acknowledge_notices(
    uow: UnitOfWork, *, actor: Actor, visit_ids: list[int], now: dt.datetime | None = None
) -> NoticesSeenDTO:
    """The consultant dismissed the notice of these visits: it is not shown again at a later
    login. Only their own visitors count; any other id is passed over (the visit may have been
    given to someone else since the notice was shown)."""
    require(actor, Action.VIEW_QUEUE)
    now = now or utcnow()
    with uow:
        s = uow.session
        mine = [v.id for v in _waiting_for(s, actor.user_id, now, list(visit_ids))] if visit_ids else []
        for visit_id in mine:
            emit(s, kind=NOTICE_SEEN, visit_id=visit_id, consultant_id=actor.user_id, at=now)
        uow.commit()
        return NoticesSeenDTO(tuple(mine))


__all__ = ["VisitNoticeDTO", "NoticesSeenDTO", "pending_notices", "acknowledge_notices"]
