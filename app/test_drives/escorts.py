"""Who may accompany a test drive (陪同人员, T/CSCA 120031-2023 4.2.4.4): a consultant or sales
manager with at least ESCORT_YEARS since the licence was first issued, on duty that day.
Only they are offered (eligible_escorts); assign_escort and start_drive refuse anyone else.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import store_today, utcnow
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.test_drives.dto import EscortDTO, escort_dtos
from app.test_drives.rules import escort_problem
from db.models import Role, StaffRole, StaffUser
from db.reception_models import DutyRoster
from db.uow import UnitOfWork


def escort_on_duty(session, user: StaffUser, day: dt.date) -> bool:
    """4.2.4.4 "on duty": a consultant on the day's roster (reception duty roster); a sales
    manager is on the floor all day and not on the rotation roster."""
    roles = {r.role for r in user.roles}
    if Role.SALES_MANAGER.value in roles:
        return True
    return bool(
        session.scalar(
            select(DutyRoster.id).where(
                DutyRoster.day == day, DutyRoster.consultant_id == user.id, DutyRoster.on_duty.is_(True)
            )
        )
    )


def escort_refusal(session, user: StaffUser | None, day: dt.date) -> str | None:
    """Why this member of staff may not accompany a drive on `day` (None: they may)."""
    if user is None or not user.active:
        return "escort_not_staff"
    roles = {r.role for r in user.roles}
    if not roles & {Role.CONSULTANT.value, Role.SALES_MANAGER.value}:
        return "escort_not_staff"
    problem = escort_problem(user.licence_first_issued, day)
    if problem:
        return problem
    if not escort_on_duty(session, user, day):
        return "escort_not_on_duty"
    return None


def eligible_escorts(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> list[EscortDTO]:
    """Staff who may accompany a drive today: ≥ ESCORT_YEARS of driving, on duty (4.2.4.4).
    Only they are offered; the service refuses anyone else too."""
    require(actor, Action.VIEW_TEST_DRIVES)
    day = store_today(now or utcnow())
    with uow:
        s = uow.session
        staff = s.scalars(
            select(StaffUser)
            .join(StaffRole, StaffRole.user_id == StaffUser.id)
            .where(StaffUser.active.is_(True), StaffRole.role.in_([Role.CONSULTANT.value, Role.SALES_MANAGER.value]))
        ).unique()
        ok = [u.id for u in staff if escort_refusal(s, u, day) is None]
        return escort_dtos(s, ok)
