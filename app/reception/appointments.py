"""Appointments (预约) of invited customers: date and time, consultant, purpose.

The desk sees today's list; the customer's arrival converts the appointment into a visit
(`check_in_appointment`, i.e. reception.check_in with appointment_id), which goes to the
appointment's consultant when on duty (T/CSCA 120031 4.2.1.1 邀约顾客).
Consultants book and change their own appointments; the desk and managers anyone's.
Rescheduling, cancelling and marking a no-show, each with a reason and kept in the history,
are in app/reception/appointment_changes.py (issue #17.12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from app.core.clock import store_day_bounds, store_today, utcnow
from app.reception.rules import MAX_NOTES_LENGTH, looks_like_id_number
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import commit
from app.core.dto import Actor, Changes
from app.reception.appointment_log import record_change
from app.reception.notifications import emit
from app.reception.checkin import CheckInInput, check_in
from app.reception.dto import AppointmentDTO, CheckInResultDTO
from app.reception.support import appointment_dto, is_active_consultant, may_contact
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_text
from db.models import Role
from db.customer_history_models import AppointmentChangeKind
from db.reception_models import Appointment, AppointmentPurpose, AppointmentStatus, Customer, EventKind
from db.uow import UnitOfWork

MAX_BOOKING_AHEAD = dt.timedelta(days=180)
BOOKING_PAST_TOLERANCE = dt.timedelta(minutes=5)


def _desk_or_manager(actor: Actor) -> bool:
    return actor.has(Role.RECEPTION) or actor.has(Role.SALES_MANAGER)


def _own(actor: Actor, consultant_id: int) -> None:
    if not _desk_or_manager(actor) and consultant_id != actor.user_id:
        raise PermissionDenied(action=str(Action.MANAGE_APPOINTMENTS), reason="not_own_appointment")


def _validate(scheduled_at: dt.datetime, purpose: str, note: str, now: dt.datetime) -> list[FieldError]:
    errors = []
    if not isinstance(scheduled_at, dt.datetime):
        errors.append(FieldError("scheduled_at", "required"))
    elif not now - BOOKING_PAST_TOLERANCE <= scheduled_at <= now + MAX_BOOKING_AHEAD:
        errors.append(FieldError("scheduled_at", "out_of_range", {"max_days": MAX_BOOKING_AHEAD.days}))
    try:
        AppointmentPurpose(purpose)
    except ValueError:
        errors.append(FieldError("purpose", "unknown_value"))
    if len(note) > MAX_NOTES_LENGTH:
        check_length(note, "note", MAX_NOTES_LENGTH, errors)
    elif looks_like_id_number(note):
        errors.append(FieldError("note", "id_number_not_allowed"))
    return errors


def book_appointment(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    consultant_id: int,
    scheduled_at: dt.datetime,
    purpose: str = AppointmentPurpose.CONSULTATION,
    note: str = "",
    now: dt.datetime | None = None,
    request_key: str | None = None,
) -> AppointmentDTO:
    """Book an invited customer (with consent on record) for `scheduled_at` (naive UTC)."""
    require(actor, Action.MANAGE_APPOINTMENTS)
    _own(actor, consultant_id)
    now = now or utcnow()
    note = clean_text(note)  # as pasted (issue #17.3)
    errors = _validate(scheduled_at, purpose, note, now)
    with uow:
        s = uow.session
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="customer", id=customer_id)
        return _book(uow, actor, customer, consultant_id, scheduled_at, purpose, note, now, errors, request_key)


def book_appointment_for(
    uow: UnitOfWork,
    *,
    actor: Actor,
    name: str | None,
    mobile: str,
    consent_text_id: int | None,
    consent_shown_at: dt.datetime | None,
    consent_given: bool,
    consultant_id: int,
    scheduled_at: dt.datetime,
    purpose: str = AppointmentPurpose.CONSULTATION,
    note: str = "",
    now: dt.datetime | None = None,
    request_key: str | None = None,
) -> AppointmentDTO:
    """Register the customer met by phone (with their consent, PIPL art. 14) and book them, in
    ONE transaction (issue #16.2): a refused booking leaves no half-made customer behind."""
    from app.reception.customers import parse_mobile, resolve_customer, validate_name

    require(actor, Action.MANAGE_APPOINTMENTS)
    require(actor, Action.MANAGE_CUSTOMERS)
    _own(actor, consultant_id)
    now = now or utcnow()
    note = clean_text(note)  # as pasted (issue #17.3)
    errors = _validate(scheduled_at, purpose, note, now)
    name_value = validate_name(name, errors)
    number = parse_mobile(mobile, errors)
    if number is None and not any(e.field == "mobile" for e in errors):
        errors.append(FieldError("mobile", "required"))
    with uow:
        s = uow.session
        first = first_record(s, request_key, "book_appointment")
        if first is not None:
            return _done(s, s.get_one(Appointment, first))
        customer = None
        if number is not None:
            customer = resolve_customer(
                s,
                name=name_value,
                mobile=number,
                consent_text_id=consent_text_id,
                consent_shown_at=consent_shown_at,
                consent_given=consent_given,
                now=now,
                actor_id=actor.user_id,
                errors=errors,
            )
        if customer is None:
            raise ValidationFailed(errors)
        s.flush()
        return _book(uow, actor, customer, consultant_id, scheduled_at, purpose, note, now, errors, request_key)


def _book(
    uow: UnitOfWork,
    actor: Actor,
    customer: Customer,
    consultant_id: int,
    scheduled_at: dt.datetime,
    purpose: str,
    note: str,
    now: dt.datetime,
    errors: list[FieldError],
    request_key: str | None,
) -> AppointmentDTO:
    s = uow.session
    first = first_record(s, request_key, "book_appointment")
    if first is not None:
        return _done(s, s.get_one(Appointment, first))
    if not may_contact(s, customer):
        errors.append(FieldError("customer_id", "consent_required"))
    if not is_active_consultant(s, consultant_id):
        errors.append(FieldError("consultant_id", "not_a_consultant"))
    if errors:
        raise ValidationFailed(errors)
    a = Appointment(
        customer_id=customer.id,
        consultant_id=consultant_id,
        scheduled_at=scheduled_at,
        purpose=str(AppointmentPurpose(purpose)),
        note=note,
        status=AppointmentStatus.BOOKED.value,
        created_at=now,
        created_by_id=actor.user_id,
        updated_at=now,
        updated_by_id=actor.user_id,
    )
    s.add(a)
    s.flush()
    record_change(
        s, a, kind=AppointmentChangeKind.BOOKED, before=(None, None, None), reason=note, by_id=actor.user_id, now=now
    )
    if customer.consultant_id is None:
        customer.consultant_id = consultant_id
    emit(s, kind=EventKind.APPOINTMENT_CHANGED, consultant_id=consultant_id, at=now)
    remember(s, request_key, "book_appointment", a.id, actor_id=actor.user_id, now=now)
    commit(uow)
    return _done(s, a)


def _done(s, a: Appointment) -> AppointmentDTO:
    """The appointment as saved, with what the pages refresh (issue #16)."""
    return replace(appointment_dto(s, a), changes=Changes(reception=True, ids=frozenset({a.id})))


def list_appointments(
    uow: UnitOfWork,
    *,
    actor: Actor,
    day: dt.date | None = None,
    status: str | None = None,
    now: dt.datetime | None = None,
) -> list[AppointmentDTO]:
    """A store-local day's appointments (default today), by time. Consultants see their own."""
    require(actor, Action.MANAGE_APPOINTMENTS)
    start, end = store_day_bounds(day or store_today(now or utcnow()))
    stmt = (
        select(Appointment)
        .where(Appointment.scheduled_at >= start, Appointment.scheduled_at < end)
        .order_by(Appointment.scheduled_at, Appointment.id)
    )
    if not _desk_or_manager(actor):
        stmt = stmt.where(Appointment.consultant_id == actor.user_id)
    if status:
        stmt = stmt.where(Appointment.status == status)
    with uow:
        return [appointment_dto(uow.session, a) for a in uow.session.scalars(stmt)]


def check_in_appointment(
    uow: UnitOfWork,
    *,
    actor: Actor,
    appointment_id: int,
    channel_id: int,
    party_size: int = 1,
    with_children: bool = False,
    foreign_visitor: bool = False,
    language: str | None = None,
    interested_models: list[tuple[str, str]] | None = None,
    notes: str = "",
    now: dt.datetime | None = None,
) -> CheckInResultDTO:
    """The booked customer arrived: a visit of type appointment, for the booked consultant."""
    return check_in(
        uow,
        actor=actor,
        now=now,
        data=CheckInInput(
            channel_id=channel_id,
            party_size=party_size,
            with_children=with_children,
            foreign_visitor=foreign_visitor,
            language=language,
            interested_models=list(interested_models or []),
            appointment_id=appointment_id,
            notes=notes,
        ),
    )
