"""The check-in form's input (展厅前台接待登记, T/CSCA 120031 4.2.1.1) and its checks: what the
form sends, the fields checked without the database, then the channel, the appointment
arriving and the customer with their consent (PIPL art. 14). Used by app.reception.checkin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.clock import store_day_bounds, store_today
from app.core.dto import Actor
from app.core.errors import FieldError
from app.core.validation import check_length, clean_line, clean_text
from app.reception.customers import parse_mobile, resolve_customer, validate_name
from app.reception.rules import (
    ARRIVAL_FUTURE_TOLERANCE,
    MAX_INTERESTED_MODELS,
    MAX_LANGUAGE_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_PARTY_SIZE,
    MAX_REASON_LENGTH,
    OWN_CONSULTANT_TYPES,
    looks_like_id_number,
)
from app.reception.setup import known_models
from db.reception_models import Appointment, AppointmentStatus, ConsentText, Customer, SourceChannel, VisitType


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


def validate(
    data: CheckInInput, now: dt.datetime, override_reason: str | None, override: bool
) -> tuple[list[FieldError], dict]:
    """Check what needs no database; returns (every bad field, the cleaned values)."""
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
    # Whitespace as pasted (line breaks, tabs) is normalised before anything is checked or
    # stored, and too long is an error, never a silent cut (issue #17.3).
    language = check_length(clean_line(data.language), "language", MAX_LANGUAGE_LENGTH, errors) or None
    clean["language"] = language if data.foreign_visitor else None
    clean["models"] = _models(data, errors)
    clean["name"] = validate_name(clean_line(data.name), errors)
    clean["mobile"] = parse_mobile(data.mobile, errors)
    clean["notes"] = _notes(data, errors)
    arrival = data.arrival_at or now
    day_start, _ = store_day_bounds(store_today(now))
    if not day_start <= arrival <= now + ARRIVAL_FUTURE_TOLERANCE:
        errors.append(FieldError("arrival_at", "arrival_not_today"))
    clean["arrival_at"] = arrival
    _check_override(data, clean, override_reason, override, errors)
    return errors, clean


def _models(data: CheckInInput, errors: list[FieldError]) -> list[list[str]]:
    """The models of interest as [brand, model] pairs, without repeats."""
    models: list[list[str]] = []
    for item in data.interested_models or []:
        try:
            brand, model = (clean_line(str(x)) for x in item)
        except (TypeError, ValueError):
            brand = model = ""
        if not brand or not model:
            errors.append(FieldError("interested_models", "unknown_model", {"model": str(item)}))
        elif [brand, model] not in models:
            models.append([brand, model])
    if len(models) > MAX_INTERESTED_MODELS:
        errors.append(FieldError("interested_models", "too_many", {"max": MAX_INTERESTED_MODELS}))
    return models


def _notes(data: CheckInInput, errors: list[FieldError]) -> str:
    notes = clean_text(data.notes)
    if len(notes) > MAX_NOTES_LENGTH:
        check_length(notes, "notes", MAX_NOTES_LENGTH, errors)
    elif looks_like_id_number(notes):
        errors.append(FieldError("notes", "id_number_not_allowed"))
    return notes


def _check_override(
    data: CheckInInput, clean: dict, override_reason: str | None, override: bool, errors: list[FieldError]
) -> None:
    if (
        data.requested_consultant_id is not None
        and "visit_type" in clean
        and clean["visit_type"] not in OWN_CONSULTANT_TYPES
        and not override
    ):
        # Choosing a consultant for a walk-in bypasses the rotation: that is an override.
        errors.append(FieldError("requested_consultant_id", "override_required"))
    if override:
        reason = clean_text(override_reason)
        if not reason:
            errors.append(FieldError("override_reason", "required"))
        clean["override_reason"] = check_length(reason, "override_reason", MAX_REASON_LENGTH, errors)


def channel_and_appointment(s, data: CheckInInput, clean: dict, errors: list[FieldError]):
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


def customer_for(
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


def dedupe(errors: list[FieldError]) -> list[FieldError]:
    seen, out = set(), []
    for e in errors:
        if (e.field, e.code) not in seen:
            seen.add((e.field, e.code))
            out.append(e)
    return out
