"""Reception check-in (展厅前台接待, T/CSCA 120031 4.2.1.1), the live queue and overrides.

A walk-in is logged with few inputs (defaults: arrival now, walk-in, party of 1) and routed:
  1. a manual override (reason required, logged);
  2. else the visitor's own consultant when on duty today: the appointment's consultant, the
     consultant an invited/returning visitor asks for, or a known customer's current one;
  3. else the rotation (轮流接待): the next available consultant on duty (app.reception.rules);
  4. else nobody is free: the visitor waits unassigned and goes to the first one to free up.
Personal data is stored only with consent (PIPL); see reception_customers.

Start/end of a visit live in reception_visits, the roster in reception_duty.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import store_day_bounds, store_today, to_store_time, utcnow
from app.reception.rules import MAX_REASON_LENGTH, reminders_for
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.validation import check_length, clean_text
from app.core.permissions import Action, require
from app.core.common import check_version, commit, retry_transient
from app.core.dto import Actor, Changes
from app.reception.notifications import emit
from app.core.request_keys import first_record, remember
from app.reception.dto import CheckInResultDTO, QueueBoardDTO, VisitDTO
from app.reception.checkin_input import CheckInInput, channel_and_appointment, customer_for, dedupe, validate
from app.reception.rotation import assign, assign_by_rotation, assign_waiting, duty_dtos, lock_rotation, on_duty
from app.reception.support import changed_visit_dto, customer_dto, is_active_consultant, visit_dto, visit_dtos
from db.reception_models import Appointment, AppointmentStatus, AssignedBy, Customer, EventKind, Visit, VisitStatus
from db.uow import UnitOfWork

NOTE_OWN_OFF_DUTY = "own_consultant_off_duty"
NOTE_NONE_AVAILABLE = "no_consultant_available"


@retry_transient  # issue #8.3: one transaction, run again if the database was busy
def check_in(
    uow: UnitOfWork,
    *,
    actor: Actor,
    data: CheckInInput,
    override_consultant_id: int | None = None,
    override_reason: str | None = None,
    now: dt.datetime | None = None,
) -> CheckInResultDTO:
    """Log a visitor and route them to a consultant. Bad input raises ValidationFailed listing
    every bad field, and nothing is written."""
    require(actor, Action.CHECK_IN_VISITORS)
    override = override_consultant_id is not None
    if override:
        require(actor, Action.OVERRIDE_ASSIGNMENT)
    now = now or utcnow()
    today = store_today(now)
    errors, clean = validate(data, now, override_reason, override)
    with uow:
        s = uow.session
        lock_rotation(s)  # also serialises check-ins, so the request key lookup cannot race
        first = first_record(s, data.request_key, "check_in")
        if first is not None:
            return _result(s, s.get_one(Visit, first), None, data, note="")
        channel, appointment = channel_and_appointment(s, data, clean, errors)
        requested = data.requested_consultant_id
        if requested is not None and not is_active_consultant(s, requested):
            errors.append(FieldError("requested_consultant_id", "not_a_consultant"))
        if override and not (
            is_active_consultant(s, override_consultant_id) and on_duty(s, today, override_consultant_id)
        ):
            errors.append(FieldError("override_consultant_id", "consultant_not_on_duty"))
        customer, consent_text = customer_for(s, data, clean, appointment, now, actor, errors)
        if errors:
            raise ValidationFailed(dedupe(errors))
        if customer is not None and data.foreign_visitor:
            customer.foreign_visitor, customer.language = True, clean["language"]
        visit = _new_visit(data, clean, channel, customer, consent_text, now, actor)
        s.add(visit)
        s.flush()
        note = _route(
            s,
            visit,
            appointment=appointment,
            customer=customer,
            data=data,
            clean=clean,
            override_consultant_id=override_consultant_id,
            today=today,
            now=now,
            actor=actor,
        )
        if appointment is not None:
            _appointment_arrived(s, appointment, visit, now, actor)
        emit(s, kind=EventKind.CHECKED_IN, visit_id=visit.id, consultant_id=visit.consultant_id, at=now)
        remember(s, data.request_key, "check_in", visit.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return _result(s, visit, customer, data, note=note)


def _new_visit(
    data: CheckInInput, clean: dict, channel, customer, consent_text, now: dt.datetime, actor: Actor
) -> Visit:
    """The visit row, waiting, with the consent shown at check-in."""
    return Visit(
        arrival_at=clean["arrival_at"],
        visit_type=clean["visit_type"].value,
        channel_id=channel.id,
        party_size=data.party_size,
        with_children=bool(data.with_children),
        foreign_visitor=bool(data.foreign_visitor),
        language=clean["language"],
        interested_models=clean["models"],
        customer_id=customer.id if customer else None,
        status=VisitStatus.WAITING.value,
        notes=clean["notes"],
        # PIPL art. 14: the text shown and when, also when the visitor declined.
        consent_text_id=consent_text.id if consent_text else None,
        consent_shown_at=(data.consent_shown_at or now) if consent_text else None,
        consent_given=bool(consent_text and data.consent_given and customer),
        checked_in_by_id=actor.user_id,
        created_at=now,
        updated_at=now,
        updated_by_id=actor.user_id,
    )


def _appointment_arrived(s, appointment: Appointment, visit: Visit, now: dt.datetime, actor: Actor) -> None:
    """The booked appointment arrived: it points at this visit and its consultant is told."""
    appointment.status, appointment.visit_id = AppointmentStatus.ARRIVED.value, visit.id
    appointment.updated_by_id = actor.user_id
    emit(s, kind=EventKind.APPOINTMENT_CHANGED, visit_id=visit.id, consultant_id=appointment.consultant_id, at=now)


def _result(s, visit: Visit, customer, data: CheckInInput, *, note: str) -> CheckInResultDTO:
    if customer is None and visit.customer_id is not None:
        customer = s.get(Customer, visit.customer_id)
    return CheckInResultDTO(
        visit=visit_dto(s, visit),
        customer=customer_dto(s, customer) if customer else None,
        reminders=reminders_for(with_children=bool(data.with_children), foreign_visitor=bool(data.foreign_visitor)),
        assignment_note=note,
        changes=Changes(reception=True, ids=frozenset({visit.id})),
    )


def _route(
    s,
    visit: Visit,
    *,
    appointment,
    customer,
    data: CheckInInput,
    clean: dict,
    override_consultant_id: int | None,
    today: dt.date,
    now: dt.datetime,
    actor: Actor,
) -> str:
    if override_consultant_id is not None:
        assign(
            s,
            visit,
            consultant_id=override_consultant_id,
            method=AssignedBy.OVERRIDE,
            now=now,
            by_id=actor.user_id,
            reason=clean["override_reason"],
        )
        return ""
    own = None
    if appointment is not None:
        own = appointment.consultant_id
    elif data.requested_consultant_id is not None:
        own = data.requested_consultant_id
    elif customer is not None and customer.consultant_id is not None:
        own = customer.consultant_id  # repeat visits keep their consultant
    note = ""
    if own is not None:
        if on_duty(s, today, own):
            assign(s, visit, consultant_id=own, method=AssignedBy.OWN_CONSULTANT, now=now, by_id=actor.user_id)
            return ""
        note = NOTE_OWN_OFF_DUTY
    if assign_by_rotation(s, visit, day=today, now=now, by_id=actor.user_id, note_code=note) is None:
        return note or NOTE_NONE_AVAILABLE
    return note


def reassign_visit(
    uow: UnitOfWork,
    *,
    actor: Actor,
    visit_id: int,
    expected_version: int,
    consultant_id: int,
    reason: str,
    now: dt.datetime | None = None,
) -> VisitDTO:
    """Manual override: give a waiting or running visit to another consultant on duty today.
    A reason is required and logged; the consultant left free takes the next waiting visitor."""
    require(actor, Action.OVERRIDE_ASSIGNMENT)
    now = now or utcnow()
    today = store_today(now)
    errors = []
    reason = clean_text(reason)  # as pasted: whitespace normalised, too long said (issue #17.3)
    if not reason:
        errors.append(FieldError("override_reason", "required"))
    check_length(reason, "override_reason", MAX_REASON_LENGTH, errors)
    with uow:
        s = uow.session
        lock_rotation(s)
        visit = s.get(Visit, visit_id)
        if visit is None:
            raise NotFound(what="visit", id=visit_id)
        check_version(visit, expected_version)
        if visit.status == VisitStatus.FINISHED:
            errors.append(FieldError("visit", "visit_finished"))
        if not (is_active_consultant(s, consultant_id) and on_duty(s, today, consultant_id)):
            errors.append(FieldError("consultant_id", "consultant_not_on_duty"))
        elif consultant_id == visit.consultant_id:
            errors.append(FieldError("consultant_id", "already_assigned"))
        if errors:
            raise ValidationFailed(errors)
        assign(
            s,
            visit,
            consultant_id=consultant_id,
            method=AssignedBy.OVERRIDE,
            now=now,
            by_id=actor.user_id,
            reason=reason,
        )
        s.flush()
        assign_waiting(s, day=today, now=now, by_id=actor.user_id)
        commit(uow)
        return changed_visit_dto(s, visit)


def get_visit(uow: UnitOfWork, *, actor: Actor, visit_id: int) -> VisitDTO:
    require(actor, Action.VIEW_QUEUE)
    with uow:
        visit = uow.session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(what="visit", id=visit_id)
        return visit_dto(uow.session, visit)


def queue_board(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> QueueBoardDTO:
    """Today's board: waiting / with consultant / finished, plus the roster's state. Waiting
    time and visit duration come from VisitDTO.waiting_seconds(now) / duration_seconds(now)."""
    require(actor, Action.VIEW_QUEUE)
    now = now or utcnow()
    today = store_today(now)
    start, end = store_day_bounds(today)
    with uow:
        s = uow.session
        visits = list(
            s.scalars(
                select(Visit)
                .where(Visit.arrival_at >= start, Visit.arrival_at < end)
                .order_by(Visit.arrival_at, Visit.id)
            )
        )
        dtos = visit_dtos(s, visits)
        by = {st: tuple(v for v in dtos if v.status == st) for st in VisitStatus}
        return QueueBoardDTO(
            day=today,
            now=now,
            waiting=by[VisitStatus.WAITING],
            with_consultant=by[VisitStatus.WITH_CONSULTANT],
            finished=tuple(reversed(by[VisitStatus.FINISHED])),
            duty=tuple(duty_dtos(s, today)),
        )


def arrival_hour(visit: VisitDTO) -> int:
    """Store-local hour of arrival (for grouping on the board)."""
    return to_store_time(visit.arrival_at).hour
