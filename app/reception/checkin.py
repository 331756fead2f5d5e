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
from dataclasses import dataclass, field

from sqlalchemy import select

from app.core.clock import store_day_bounds, store_today, to_store_time, utcnow
from app.reception.rules import (
    ARRIVAL_FUTURE_TOLERANCE,
    MAX_INTERESTED_MODELS,
    MAX_LANGUAGE_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_PARTY_SIZE,
    MAX_REASON_LENGTH,
    OWN_CONSULTANT_TYPES,
    looks_like_id_number,
    reminders_for,
)
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit, retry_transient
from app.core.dto import Actor, Changes
from app.reception.notifications import emit
from app.reception.customers import parse_mobile, resolve_customer, validate_name
from app.core.request_keys import first_record, remember
from app.reception.dto import CheckInResultDTO, QueueBoardDTO, VisitDTO
from app.reception.setup import known_models
from app.reception.support import (
    assign,
    assign_by_rotation,
    assign_waiting,
    changed_visit_dto,
    customer_dto,
    duty_dtos,
    is_active_consultant,
    lock_rotation,
    on_duty,
    visit_dto,
    visit_dtos,
)
from db.reception_models import (
    Appointment,
    AppointmentStatus,
    AssignedBy,
    ConsentText,
    Customer,
    EventKind,
    SourceChannel,
    Visit,
    VisitStatus,
    VisitType,
)
from db.uow import UnitOfWork

NOTE_OWN_OFF_DUTY = "own_consultant_off_duty"
NOTE_NONE_AVAILABLE = "no_consultant_available"


@dataclass
class CheckInInput:
    """The check-in form. Only `channel_id` has no default: a walk-in needs one input."""

    channel_id: int | None = None
    visit_type: str = VisitType.WALK_IN.value
    party_size: int = 1
    with_children: bool = False
    foreign_visitor: bool = False
    language: str | None = None
    interested_models: list[tuple[str, str]] = field(default_factory=list)  # (brand, model)
    name: str | None = None
    mobile: str | None = None
    consent_text_id: int | None = None  # the text shown (PIPL art. 14)
    consent_shown_at: dt.datetime | None = None  # when it was shown (default: now)
    consent_given: bool = False
    arrival_at: dt.datetime | None = None  # naive UTC; default now
    requested_consultant_id: int | None = None  # invited / appointment / return visitors only
    appointment_id: int | None = None  # arrival of a booked appointment
    notes: str = ""
    # Made by the form once per visitor (uuid4): a second Ctrl+Enter returns the first visit.
    request_key: str | None = None


def _validate(
    data: CheckInInput, now: dt.datetime, override_reason: str | None, override: bool
) -> tuple[list[FieldError], dict]:
    errors: list[FieldError] = []
    clean: dict = {}
    try:
        clean["visit_type"] = VisitType(data.visit_type)
    except ValueError:
        errors.append(FieldError("visit_type", "unknown_value"))
    if data.appointment_id is not None:
        clean["visit_type"] = VisitType.APPOINTMENT
    size = data.party_size
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_PARTY_SIZE:
        errors.append(FieldError("party_size", "out_of_range", {"min": 1, "max": MAX_PARTY_SIZE}))
    if data.channel_id is None:
        errors.append(FieldError("channel_id", "required"))
    language = (data.language or "").strip() or None
    if language and len(language) > MAX_LANGUAGE_LENGTH:
        errors.append(FieldError("language", "too_long", {"max": MAX_LANGUAGE_LENGTH}))
    clean["language"] = language if data.foreign_visitor else None
    models: list[list[str]] = []
    for item in data.interested_models or []:
        try:
            brand, model = (str(x).strip() for x in item)
        except (TypeError, ValueError):
            brand = model = ""
        if not brand or not model:
            errors.append(FieldError("interested_models", "unknown_model", {"model": str(item)}))
        elif [brand, model] not in models:
            models.append([brand, model])
    if len(models) > MAX_INTERESTED_MODELS:
        errors.append(FieldError("interested_models", "too_many", {"max": MAX_INTERESTED_MODELS}))
    clean["models"] = models
    clean["name"] = validate_name(data.name, errors)
    clean["mobile"] = parse_mobile(data.mobile, errors)
    notes = (data.notes or "").strip()
    if len(notes) > MAX_NOTES_LENGTH:
        errors.append(FieldError("notes", "too_long", {"max": MAX_NOTES_LENGTH}))
    elif looks_like_id_number(notes):
        errors.append(FieldError("notes", "id_number_not_allowed"))
    clean["notes"] = notes
    arrival = data.arrival_at or now
    day_start, _ = store_day_bounds(store_today(now))
    if not day_start <= arrival <= now + ARRIVAL_FUTURE_TOLERANCE:
        errors.append(FieldError("arrival_at", "arrival_not_today"))
    clean["arrival_at"] = arrival
    if (
        data.requested_consultant_id is not None
        and "visit_type" in clean
        and clean["visit_type"] not in OWN_CONSULTANT_TYPES
        and not override
    ):
        # Choosing a consultant for a walk-in bypasses the rotation: that is an override.
        errors.append(FieldError("requested_consultant_id", "override_required"))
    if override:
        reason = (override_reason or "").strip()
        if not reason:
            errors.append(FieldError("override_reason", "required"))
        elif len(reason) > MAX_REASON_LENGTH:
            errors.append(FieldError("override_reason", "too_long", {"max": MAX_REASON_LENGTH}))
        clean["override_reason"] = reason
    return errors, clean


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
    errors, clean = _validate(data, now, override_reason, override)
    with uow:
        s = uow.session
        lock_rotation(s)  # also serialises check-ins, so the request key lookup cannot race
        first = first_record(s, data.request_key, "check_in")
        if first is not None:
            return _result(s, s.get(Visit, first), None, data, note="")
        channel, appointment = _channel_and_appointment(s, data, clean, errors)
        requested = data.requested_consultant_id
        if requested is not None and not is_active_consultant(s, requested):
            errors.append(FieldError("requested_consultant_id", "not_a_consultant"))
        if override and not (
            is_active_consultant(s, override_consultant_id) and on_duty(s, today, override_consultant_id)
        ):
            errors.append(FieldError("override_consultant_id", "consultant_not_on_duty"))
        customer, consent_text = _customer(s, data, clean, appointment, now, actor, errors)
        if errors:
            raise ValidationFailed(_dedupe(errors))
        if customer is not None and data.foreign_visitor:
            customer.foreign_visitor, customer.language = True, clean["language"]
        visit = Visit(
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
            appointment.status, appointment.visit_id = AppointmentStatus.ARRIVED.value, visit.id
            appointment.updated_by_id = actor.user_id
            emit(
                s,
                kind=EventKind.APPOINTMENT_CHANGED,
                visit_id=visit.id,
                consultant_id=appointment.consultant_id,
                at=now,
            )
        emit(s, kind=EventKind.CHECKED_IN, visit_id=visit.id, consultant_id=visit.consultant_id, at=now)
        remember(s, data.request_key, "check_in", visit.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return _result(s, visit, customer, data, note=note)


def _channel_and_appointment(s, data: CheckInInput, clean: dict, errors: list[FieldError]):
    """The source channel (active), the models of interest (known) and the appointment
    arriving (still booked), each bad one noted in `errors`."""
    channel = s.get(SourceChannel, data.channel_id) if data.channel_id is not None else None
    if data.channel_id is not None and (channel is None or not channel.active):
        errors.append(FieldError("channel_id", "unknown_value"))
    if clean["models"]:
        known = known_models(s)
        errors += [
            FieldError("interested_models", "unknown_model", {"model": f"{b} {m}"})
            for b, m in clean["models"]
            if (b, m) not in known
        ]
    appointment = None
    if data.appointment_id is not None:
        appointment = s.get(Appointment, data.appointment_id)
        if appointment is None or appointment.status != AppointmentStatus.BOOKED:
            errors.append(FieldError("appointment_id", "appointment_not_booked"))
            appointment = None
    return channel, appointment


def _customer(
    s, data: CheckInInput, clean: dict, appointment, now: dt.datetime, actor: Actor, errors: list[FieldError]
):
    """(customer, consent text shown): the appointment's customer, or the one the name and
    mobile belong to with their consent (PIPL art. 14), or (None, text) for an anonymous one."""
    if appointment is not None:
        return s.get(Customer, appointment.customer_id), None
    consent_text = None
    if data.consent_text_id is not None:
        consent_text = s.get(ConsentText, data.consent_text_id)
        if consent_text is None:
            errors.append(FieldError("consent_text_id", "consent_text_unknown"))
    customer = resolve_customer(
        s,
        name=clean["name"],
        mobile=clean["mobile"],
        consent_text_id=data.consent_text_id,
        consent_shown_at=data.consent_shown_at,
        consent_given=data.consent_given,
        now=now,
        actor_id=actor.user_id,
        errors=errors,
    )
    return customer, consent_text


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


def _dedupe(errors: list[FieldError]) -> list[FieldError]:
    seen, out = set(), []
    for e in errors:
        if (e.field, e.code) not in seen:
            seen.add((e.field, e.code))
            out.append(e)
    return out


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
    reason = (reason or "").strip()
    if not reason:
        errors.append(FieldError("override_reason", "required"))
    elif len(reason) > MAX_REASON_LENGTH:
        errors.append(FieldError("override_reason", "too_long", {"max": MAX_REASON_LENGTH}))
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
