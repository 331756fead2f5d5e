"""The append-only history of appointments (预约变更记录, issue #17.12) and the tally of what
became of the appointments of a period, which the traffic report shows (no-shows count).

Every booking, reschedule, cancellation (by the desk, or by a consent withdrawal) and no-show
adds one `appointment_change` row in the transaction that made the change; nothing here ever
updates or deletes one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.dto import Actor
from app.core.errors import FieldError, NotFound
from app.core.permissions import Action, require
from app.reception.dto import AppointmentTallyDTO
from app.reception.history_dto import AppointmentChangeDTO
from app.core.validation import check_length
from app.reception.rules import MAX_REASON_LENGTH, looks_like_id_number
from app.reception.support import staff_names
from db.customer_history_models import AppointmentChange
from db.models import Role
from db.reception_models import Appointment, AppointmentStatus
from db.uow import UnitOfWork


def reason_errors(reason: str, field: str = "reason") -> list[FieldError]:
    """A reason is required, at most MAX_REASON_LENGTH characters, and never an ID number."""
    if not reason:
        return [FieldError(field, "required")]
    errors: list[FieldError] = []
    check_length(reason, field, MAX_REASON_LENGTH, errors)  # said, never cut (issue #17.3)
    if not errors and looks_like_id_number(reason):
        errors.append(FieldError(field, "id_number_not_allowed"))
    return errors


def record_change(
    session: Session,
    a: Appointment,
    *,
    kind: str,
    before: tuple[str | None, dt.datetime | None, int | None],
    reason: str,
    by_id: int | None,
    now: dt.datetime,
) -> None:
    """Note what `a` was (`before`: status, time, consultant; Nones for a new booking) and
    what it is now."""
    from_status, from_at, from_consultant = before
    session.add(
        AppointmentChange(
            appointment_id=a.id,
            customer_id=a.customer_id,
            kind=str(kind),
            from_status=from_status,
            to_status=a.status,
            from_scheduled_at=from_at,
            to_scheduled_at=a.scheduled_at,
            from_consultant_id=from_consultant,
            to_consultant_id=a.consultant_id,
            note=reason,
            changed_at=now,
            changed_by_id=by_id,
        )
    )


def change_dtos(session: Session, rows: list[AppointmentChange]) -> list[AppointmentChangeDTO]:
    names = staff_names(session, [r.from_consultant_id for r in rows] + [r.to_consultant_id for r in rows])
    names.update(staff_names(session, [r.changed_by_id for r in rows]))
    return [
        AppointmentChangeDTO(
            at=r.changed_at,
            kind=r.kind,
            from_status=r.from_status,
            to_status=r.to_status,
            from_scheduled_at=r.from_scheduled_at,
            to_scheduled_at=r.to_scheduled_at,
            from_consultant_name=names.get(r.from_consultant_id) if r.from_consultant_id else None,
            to_consultant_name=names.get(r.to_consultant_id, ""),
            reason=r.note,
            by_name=names.get(r.changed_by_id, "") if r.changed_by_id else "",
        )
        for r in rows
    ]


def appointment_history(uow: UnitOfWork, *, actor: Actor, appointment_id: int) -> list[AppointmentChangeDTO]:
    """What happened to one appointment, oldest first. Consultants see their own only."""
    require(actor, Action.MANAGE_APPOINTMENTS)
    with uow:
        s = uow.session
        a = s.get(Appointment, appointment_id)
        if a is None or not (
            actor.has(Role.RECEPTION) or actor.has(Role.SALES_MANAGER) or a.consultant_id == actor.user_id
        ):
            raise NotFound(what="appointment", id=appointment_id)
        rows = list(
            s.scalars(
                select(AppointmentChange)
                .where(AppointmentChange.appointment_id == appointment_id)
                .order_by(AppointmentChange.changed_at, AppointmentChange.id)
            )
        )
        return change_dtos(s, rows)


def appointment_tally(session: Session, start: dt.datetime, end: dt.datetime) -> AppointmentTallyDTO:
    """Appointments scheduled in [start, end) by what became of them. A rescheduled one counts
    where it is scheduled now; a no-show stays a no-show however often it had moved before."""
    counts = dict(
        session.execute(
            select(Appointment.status, func.count())
            .where(Appointment.scheduled_at >= start, Appointment.scheduled_at < end)
            .group_by(Appointment.status)
        ).all()
    )
    return AppointmentTallyDTO(
        booked=sum(counts.values()),
        arrived=counts.get(AppointmentStatus.ARRIVED.value, 0),
        cancelled=counts.get(AppointmentStatus.CANCELLED.value, 0),
        no_show=counts.get(AppointmentStatus.NO_SHOW.value, 0),
        open=counts.get(AppointmentStatus.BOOKED.value, 0),
    )


# Words of the traffic workbook's appointment lines (app.reception.reports.REPORT_LABEL_KEYS).
APPOINTMENT_LABEL_KEYS = ("appointments_booked", "appointments_arrived", "appointments_cancelled", "no_shows")


def appointment_rows(tally: AppointmentTallyDTO, tr) -> list[tuple[str, int]]:
    """The summary sheet's appointment lines, labels through `tr`."""
    return [
        (tr("appointments_booked"), tally.booked),
        (tr("appointments_arrived"), tally.arrived),
        (tr("appointments_cancelled"), tally.cancelled),
        (tr("no_shows"), tally.no_show),
    ]
