"""Staff accounts after they exist (issue #15.10): deactivate, reactivate, change roles, and
the open work a deactivated account leaves behind for the manager to hand over.

Accounts are never deleted: the audit log, signed documents, leads and PDI records name them
(T/CSCA 120031 4.4.1.4 traceability; the audit trail of PIPL art. 51 must keep saying who did
what). Deactivating only stops the person from logging in (app/staff/auth.py refuses an
inactive account at login, at the idle-lock unlock and on the admin command line).

Every change is permission-checked here (MANAGE_USERS, administrators) and audited. An
administrator cannot deactivate themself, and the last active administrator can be neither
deactivated nor stripped of the role: nobody could then manage accounts or the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm.attributes import flag_modified

from app.pdi.api import InspectionStatus
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.staff.auth import staff_dto
from app.core.common import check_version, commit
from app.core.dto import Actor, StaffDTO
from db.models import Role, StaffRole, StaffUser
from db.pdi_models import PdiInspection
from db.reception_models import Appointment, AppointmentStatus, Lead, LeadStatus, Visit, VisitStatus
from db.drive_models import DriveStatus, TestDrive
from db.uow import UnitOfWork

# What counts as "still open" per kind of record a person can hold.
OPEN_LEADS = (LeadStatus.NEW.value, LeadStatus.FOLLOWING.value)
OPEN_VISITS = (VisitStatus.WAITING.value, VisitStatus.WITH_CONSULTANT.value)
OPEN_APPOINTMENTS = (AppointmentStatus.BOOKED.value,)
OPEN_DRIVES = (DriveStatus.BOOKED.value, DriveStatus.OUT.value)
OPEN_PDI = (InspectionStatus.IN_PROGRESS.value, InspectionStatus.PAUSED.value, InspectionStatus.FAILED.value)


@dataclass(frozen=True)
class OpenWork:
    """One open record held by a deactivated account. kind: lead, visit, appointment,
    test_drive, pdi; `status` is the record's own status value."""

    user_id: int
    username: str
    full_name: str
    kind: str
    record_id: int
    status: str


def _load(uow: UnitOfWork, user_id: int, expected_version: int | None) -> StaffUser:
    user = uow.session.get(StaffUser, user_id)
    if user is None:
        raise NotFound(what="staff_user", id=user_id)
    check_version(user, expected_version)
    return user


def _other_active_admins(uow: UnitOfWork, user_id: int) -> int:
    return len(
        uow.session.scalars(
            select(StaffUser.id)
            .join(StaffRole)
            .where(StaffRole.role == Role.ADMIN.value, StaffUser.active.is_(True), StaffUser.id != user_id)
        ).all()
    )


def set_active(
    uow: UnitOfWork, *, actor: Actor, user_id: int, active: bool, expected_version: int | None = None
) -> StaffDTO:
    """Deactivate (active=False) or reactivate an account. The account and everything it did
    stay on record; a deactivated person can no longer log in."""
    require(actor, Action.MANAGE_USERS)
    with uow:
        uow.act_as(actor)
        user = _load(uow, user_id, expected_version)
        if not active:
            if user.id == actor.user_id:
                raise ValidationFailed([FieldError("user", "cannot_deactivate_self")])
            if Role.ADMIN in user.role_set and user.active and not _other_active_admins(uow, user.id):
                raise ValidationFailed([FieldError("user", "last_admin")])
        if user.active != active:
            user.active = active
            if active:  # a fresh start: an old lock-out does not outlive a deactivation
                user.failed_logins = 0
                user.locked_until = None
            uow.audit(
                "staff_activated" if active else "staff_deactivated",
                table_name="staff_user",
                record_id=user.id,
                actor=actor,
                detail={"username": user.username},
            )
        commit(uow)
        return staff_dto(user)


def set_roles(uow: UnitOfWork, *, actor: Actor, user_id: int, roles, expected_version: int | None = None) -> StaffDTO:
    """Replace an account's roles (at least one, all known)."""
    require(actor, Action.MANAGE_USERS)
    try:
        wanted = {Role(r) for r in roles or ()}
    except ValueError:
        raise ValidationFailed([FieldError("roles", "unknown_role")]) from None
    if not wanted:
        raise ValidationFailed([FieldError("roles", "required")])
    with uow:
        uow.act_as(actor)
        user = _load(uow, user_id, expected_version)
        before = user.role_set
        if Role.ADMIN in before and Role.ADMIN not in wanted and user.active and not _other_active_admins(uow, user.id):
            raise ValidationFailed([FieldError("roles", "last_admin")])
        if before != wanted:
            keep = [r for r in user.roles if Role(r.role) in wanted]
            user.roles = keep + [StaffRole(role=r.value) for r in sorted(wanted - before)]
            # The role rows are not versioned: bump the account's version so that another
            # administrator's edit of the same account made meanwhile is refused.
            flag_modified(user, "full_name")
            uow.audit(
                "staff_roles_changed",
                table_name="staff_user",
                record_id=user.id,
                actor=actor,
                detail={
                    "username": user.username,
                    "before": sorted(r.value for r in before),
                    "after": sorted(r.value for r in wanted),
                },
            )
        commit(uow)
        return staff_dto(user)


def open_work(uow: UnitOfWork, *, actor: Actor) -> list[OpenWork]:
    """The open records (leads, visits, appointments, test drives, PDI inspections) still held
    by deactivated accounts: a manager reassigns or closes them."""
    require(actor, Action.VIEW_STAFF)
    with uow:
        # Keyed as the rows' nullable staff columns are typed (a row found here has one).
        users: dict[int | None, StaffUser] = {
            u.id: u for u in uow.session.scalars(select(StaffUser).where(StaffUser.active.is_(False)))
        }
        if not users:
            return []
        ids = list(users)
        queries = [
            (
                "lead",
                select(Lead.id, Lead.consultant_id, Lead.status).where(
                    Lead.consultant_id.in_(ids), Lead.status.in_(OPEN_LEADS)
                ),
            ),
            (
                "visit",
                select(Visit.id, Visit.consultant_id, Visit.status).where(
                    Visit.consultant_id.in_(ids), Visit.status.in_(OPEN_VISITS)
                ),
            ),
            (
                "appointment",
                select(Appointment.id, Appointment.consultant_id, Appointment.status).where(
                    Appointment.consultant_id.in_(ids), Appointment.status.in_(OPEN_APPOINTMENTS)
                ),
            ),
            (
                "pdi",
                select(PdiInspection.id, PdiInspection.technician_id, PdiInspection.status).where(
                    PdiInspection.technician_id.in_(ids), PdiInspection.status.in_(OPEN_PDI)
                ),
            ),
        ]
        items: list[OpenWork] = []
        for kind, query in queries:
            for record_id, uid, status in uow.session.execute(query.order_by(query.selected_columns[0])):
                items.append(_item(users[uid], kind, record_id, status))
        drives = uow.session.execute(
            select(TestDrive.id, TestDrive.escort_id, TestDrive.booked_by_id, TestDrive.status)
            .where(
                TestDrive.status.in_(OPEN_DRIVES), or_(TestDrive.escort_id.in_(ids), TestDrive.booked_by_id.in_(ids))
            )
            .order_by(TestDrive.id)
        )
        for record_id, escort_id, booked_by_id, status in drives:
            uid = escort_id if escort_id in users else booked_by_id
            items.append(_item(users[uid], "test_drive", record_id, status))
        return sorted(items, key=lambda i: (i.full_name, i.kind, i.record_id))


def _item(user: StaffUser, kind: str, record_id: int, status: str) -> OpenWork:
    return OpenWork(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        kind=kind,
        record_id=record_id,
        status=str(status),
    )


def find_by_username(uow: UnitOfWork, *, actor: Actor, username: str) -> StaffDTO:
    """An account by its username (any case), for the admin command line."""
    require(actor, Action.VIEW_STAFF)
    with uow:
        user = uow.session.scalar(
            select(StaffUser).where(func.lower(StaffUser.username) == (username or "").strip().lower())
        )
        if user is None:
            raise NotFound(what="staff_user", username=(username or "").strip())
        return staff_dto(user)
