"""Reschedule, cancel and mark an appointment (预约) as a no-show, each with a reason (issue #17.12).

Each change checks the version the desk saw (another terminal may have changed the booking
meanwhile), adds a row to the append-only history (app/reception/appointment_log.py), tells
the consultants concerned through the reception change feed, and returns the appointment with
its change set so every page showing it refreshes. Consultants change their own appointments;
the desk and managers anyone's. A no-show counts in the traffic report
(app/reception/reports.traffic_report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.core.clock import utcnow
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_text
from app.reception.appointment_log import reason_errors, record_change
from app.reception.appointments import _own, _validate
from app.reception.dto import AppointmentDTO
from app.reception.notifications import emit
from app.reception.support import appointment_dto, is_active_consultant
from db.customer_history_models import AppointmentChangeKind
from db.reception_models import Appointment, AppointmentPurpose, AppointmentStatus, EventKind
from db.uow import UnitOfWork


def _load_booked(uow: UnitOfWork, actor: Actor, appointment_id: int, expected_version: int) -> Appointment:
    a = uow.session.get(Appointment, appointment_id)
    if a is None:
        raise NotFound(what="appointment", id=appointment_id)
    check_version(a, expected_version)
    _own(actor, a.consultant_id)
    if a.status != AppointmentStatus.BOOKED:
        raise ValidationFailed([FieldError("appointment_id", "appointment_not_booked", {"status": a.status})])
    return a


def _changed(uow: UnitOfWork, a: Appointment) -> AppointmentDTO:
    commit(uow)
    return replace(appointment_dto(uow.session, a), changes=Changes(reception=True, ids=frozenset({a.id})))


def reschedule_appointment(
    uow: UnitOfWork,
    *,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    scheduled_at: dt.datetime,
    consultant_id: int,
    purpose: str,
    reason: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> AppointmentDTO:
    """Move a booking to another time and/or consultant; both consultants hear of it."""
    require(actor, Action.MANAGE_APPOINTMENTS)
    _own(actor, consultant_id)
    now = now or utcnow()
    note, reason = clean_text(note), clean_text(reason)  # as pasted (issue #17.3)
    errors = _validate(scheduled_at, purpose, note, now) + reason_errors(reason)
    with uow:
        uow.act_as(actor)
        s = uow.session
        a = _load_booked(uow, actor, appointment_id, expected_version)
        if not is_active_consultant(s, consultant_id):
            errors.append(FieldError("consultant_id", "not_a_consultant"))
        if errors:
            raise ValidationFailed(errors)
        before = (a.status, a.scheduled_at, a.consultant_id)
        a.scheduled_at, a.consultant_id = scheduled_at, consultant_id
        a.purpose, a.note, a.updated_by_id = str(AppointmentPurpose(purpose)), note, actor.user_id
        record_change(
            s, a, kind=AppointmentChangeKind.RESCHEDULED, before=before, reason=reason, by_id=actor.user_id, now=now
        )
        emit(s, kind=EventKind.APPOINTMENT_CHANGED, consultant_id=consultant_id, at=now)
        if before[2] != consultant_id:
            emit(s, kind=EventKind.APPOINTMENT_CHANGED, consultant_id=before[2], at=now)
        return _changed(uow, a)


def cancel_appointment(
    uow: UnitOfWork,
    *,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    reason: str,
    now: dt.datetime | None = None,
) -> AppointmentDTO:
    """The customer will not come (they called, or the store called it off)."""
    return _close(uow, actor, appointment_id, expected_version, reason, now, AppointmentStatus.CANCELLED)


def mark_no_show(
    uow: UnitOfWork,
    *,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    reason: str,
    now: dt.datetime | None = None,
) -> AppointmentDTO:
    """The customer did not come: only once the booked time has passed. Counted as a no-show
    in the traffic report."""
    return _close(uow, actor, appointment_id, expected_version, reason, now, AppointmentStatus.NO_SHOW)


def _close(
    uow: UnitOfWork,
    actor: Actor,
    appointment_id: int,
    expected_version: int,
    reason: str,
    now: dt.datetime | None,
    status: AppointmentStatus,
) -> AppointmentDTO:
    require(actor, Action.MANAGE_APPOINTMENTS)
    now = now or utcnow()
    reason = clean_text(reason)  # as pasted (issue #17.3)
    errors = reason_errors(reason)
    with uow:
        uow.act_as(actor)
        a = _load_booked(uow, actor, appointment_id, expected_version)
        if status == AppointmentStatus.NO_SHOW and a.scheduled_at > now:
            errors.append(FieldError("scheduled_at", "appointment_not_due"))
        if errors:
            raise ValidationFailed(errors)
        before = (a.status, a.scheduled_at, a.consultant_id)
        a.status, a.updated_by_id = status.value, actor.user_id
        if status == AppointmentStatus.CANCELLED:
            a.cancel_reason = reason
        kind = (
            AppointmentChangeKind.CANCELLED if status == AppointmentStatus.CANCELLED else AppointmentChangeKind.NO_SHOW
        )
        record_change(uow.session, a, kind=kind, before=before, reason=reason, by_id=actor.user_id, now=now)
        emit(uow.session, kind=EventKind.APPOINTMENT_CHANGED, consultant_id=a.consultant_id, at=now)
        return _changed(uow, a)
