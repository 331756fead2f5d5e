"""Customers at the desk: look-up by mobile, consent (PIPL), withdrawal.

PIPL (domain_reference §6): a customer's name and mobile are stored only with a consent on
record (art. 13-14), naming the text version shown and when; withdrawal is easy (art. 15)
and erases them (art. 47). Identity document numbers are never asked at the desk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from app.core.clock import utcnow
from app.reception.rules import MAX_NAME_LENGTH, looks_like_id_number
from app.core.validation import check_length, clean_line, clean_text, validate_mobile
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.reception.appointment_log import reason_errors, record_change
from app.reception.customer_log import erase_kept_values, note_name_at_check_in, note_withdrawal
from app.reception.notifications import emit
from app.reception.dto import ConsentDTO, CustomerDTO, CustomerHistoryDTO
from app.reception.support import active_consent, appointment_dto, customer_dto, lead_dtos, visit_summary
from db.models import Role
from db.reception_models import (
    Appointment,
    AppointmentStatus,
    Consent,
    ConsentPurpose,
    ConsentText,
    Customer,
    EventKind,
    Lead,
    LeadStatus,
    LeadStatusChange,
    LostReason,
    Visit,
)
from db.customer_history_models import AppointmentChangeKind
from db.uow import UnitOfWork

# The consent screen may have been shown a while before the form was saved, not days before.
CONSENT_SHOWN_WINDOW = dt.timedelta(hours=12)
HISTORY_VISITS = 20


def validate_name(name: str | None, errors: list[FieldError], field: str = "name") -> str | None:
    value = clean_line(name)  # as pasted: line breaks, tabs, full-width spaces (issue #17.3)
    if not value:
        return None
    if len(value) > MAX_NAME_LENGTH:
        check_length(value, field, MAX_NAME_LENGTH, errors)
    elif looks_like_id_number(value):
        errors.append(FieldError(field, "id_number_not_allowed"))
    return value


def parse_mobile(mobile: str | None, errors: list[FieldError], field: str = "mobile") -> str | None:
    if not (mobile or "").strip():
        return None
    try:
        return validate_mobile(mobile or "", field)
    except ValidationFailed as e:
        errors.extend(e.errors)
        return None


def resolve_customer(
    session,
    *,
    name: str | None,
    mobile: str | None,
    consent_text_id: int | None,
    consent_shown_at: dt.datetime | None,
    consent_given: bool,
    now: dt.datetime,
    actor_id: int | None,
    errors: list[FieldError],
) -> Customer | None:
    """The customer the personal data belongs to, created or updated, or None when no personal
    data was given. Consent is required unless the customer already has one on record.
    Appends to `errors` instead of raising, so the caller reports every bad field at once."""
    if name is None and mobile is None:
        return None
    customer = session.scalar(select(Customer).where(Customer.mobile == mobile)) if mobile else None
    if customer is not None and active_consent(session, customer.id) is not None:
        if name and name != customer.name:  # kept in the customer's history (issue #17.13)
            note_name_at_check_in(session, customer, name, actor_id, now)
            customer.name, customer.updated_by_id = name, actor_id
        return customer
    if not consent_given:
        errors.append(FieldError("consent_given", "consent_required"))
        return None
    text = session.get(ConsentText, consent_text_id) if consent_text_id else None
    if text is None or text.purpose != ConsentPurpose.CONTACT or text.effective_from > now:
        errors.append(FieldError("consent_text_id", "consent_text_unknown"))
        return None
    shown_at = consent_shown_at or now
    if not now - CONSENT_SHOWN_WINDOW <= shown_at <= now + dt.timedelta(minutes=5):
        errors.append(FieldError("consent_shown_at", "out_of_range"))
        return None
    if errors:
        return None
    if customer is None:
        customer = Customer(name=name, mobile=mobile, created_at=now, updated_at=now, updated_by_id=actor_id)
        session.add(customer)
        session.flush()
    else:  # came back after withdrawing: a new consent, the data stored again
        customer.name = name or customer.name
        customer.anonymised_at = None
        customer.updated_by_id = actor_id
    session.add(
        Consent(
            customer_id=customer.id,
            consent_text_id=text.id,
            purpose=text.purpose,
            shown_at=shown_at,
            given_at=now,
            recorded_by_id=actor_id,
        )
    )
    return customer


def _consent_dtos(session, customer_id: int) -> tuple[ConsentDTO, ...]:
    rows = session.execute(
        select(Consent, ConsentText.version_label)
        .join(ConsentText, ConsentText.id == Consent.consent_text_id)
        .where(Consent.customer_id == customer_id)
        .order_by(Consent.given_at)
    ).all()
    return tuple(
        ConsentDTO(c.id, c.purpose, c.consent_text_id, label, c.shown_at, c.given_at, c.withdrawn_at)
        for c, label in rows
    )


def _history(session, actor: Actor, customer: Customer, now: dt.datetime) -> CustomerHistoryDTO:
    visits = session.scalars(
        select(Visit).where(Visit.customer_id == customer.id).order_by(Visit.arrival_at.desc()).limit(HISTORY_VISITS)
    )
    leads: list = []
    if can(actor.roles, Action.VIEW_LEADS):
        stmt = select(Lead).where(Lead.customer_id == customer.id).order_by(Lead.created_at)
        if not actor.has(Role.SALES_MANAGER):  # consultants see their own leads only
            stmt = stmt.where(Lead.consultant_id == actor.user_id)
        leads = lead_dtos(session, list(session.scalars(stmt)))
    appointments = session.scalars(
        select(Appointment)
        .where(
            Appointment.customer_id == customer.id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.scheduled_at >= now - dt.timedelta(hours=12),
        )
        .order_by(Appointment.scheduled_at)
    )
    return CustomerHistoryDTO(
        customer=customer_dto(session, customer),
        visits=tuple(visit_summary(session, v) for v in visits),
        leads=tuple(leads),
        upcoming_appointments=tuple(appointment_dto(session, a) for a in appointments),
        consents=_consent_dtos(session, customer.id),
    )


def find_customer_by_mobile(
    uow: UnitOfWork, *, actor: Actor, mobile: str, now: dt.datetime | None = None
) -> CustomerHistoryDTO | None:
    """Typing a known mobile number at the desk shows the history and current consultant."""
    require(actor, Action.MANAGE_CUSTOMERS)
    errors: list[FieldError] = []
    number = parse_mobile(mobile, errors)
    if errors or number is None:
        raise ValidationFailed(errors or [FieldError("mobile", "required")])
    with uow:
        customer = uow.session.scalar(select(Customer).where(Customer.mobile == number))
        return _history(uow.session, actor, customer, now or utcnow()) if customer else None


def get_customer_history(
    uow: UnitOfWork, *, actor: Actor, customer_id: int, now: dt.datetime | None = None
) -> CustomerHistoryDTO:
    require(actor, Action.MANAGE_CUSTOMERS)
    with uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="customer", id=customer_id)
        return _history(uow.session, actor, customer, now or utcnow())


def register_customer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    name: str | None,
    mobile: str,
    consent_text_id: int | None,
    consent_shown_at: dt.datetime | None = None,
    consent_given: bool = False,
    now: dt.datetime | None = None,
) -> CustomerDTO:
    """Record a customer met off the floor (an invitation by phone before booking an
    appointment). A mobile is required; an existing customer with that mobile is returned."""
    require(actor, Action.MANAGE_CUSTOMERS)
    now = now or utcnow()
    errors: list[FieldError] = []
    name_value = validate_name(name, errors)
    number = parse_mobile(mobile, errors)
    if number is None and not any(e.field == "mobile" for e in errors):
        errors.append(FieldError("mobile", "required"))
    with uow:
        customer = None
        if number is not None:
            customer = resolve_customer(
                uow.session,
                name=name_value,
                mobile=number,
                consent_text_id=consent_text_id,
                consent_shown_at=consent_shown_at,
                consent_given=consent_given,
                now=now,
                actor_id=actor.user_id,
                errors=errors,
            )
        if errors or customer is None:
            raise ValidationFailed(errors)
        commit(uow)
        return customer_dto(uow.session, customer)


def withdraw_consent(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    expected_version: int,
    reason: str = "",
    now: dt.datetime | None = None,
) -> CustomerDTO:
    """PIPL art. 15, 47: stop processing and erase the name and mobile. Whoever the customer
    tells may record it (withdrawal must be easy: the customer owes no reason, so none is
    required; the customer's page records how they asked). Visits stay (they are
    the store's traffic record and hold no personal data once the customer is anonymous);
    open leads are closed as lost, reason consent_withdrawn; booked appointments cancelled.
    The withdrawal, with its time and reason, goes into the customer's history (issue #17.13),
    and the values earlier corrections kept sealed there are erased with the rest."""
    require(actor, Action.MANAGE_CUSTOMERS)
    now = now or utcnow()
    reason = clean_text(reason)  # as pasted (issue #17.3)
    errors = reason_errors(reason) if reason else []
    if errors:
        raise ValidationFailed(errors)
    with uow:
        uow.act_as(actor)
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="customer", id=customer_id)
        check_version(customer, expected_version)
        for consent in uow.session.scalars(
            select(Consent).where(Consent.customer_id == customer.id, Consent.withdrawn_at.is_(None))
        ):
            consent.withdrawn_at, consent.withdrawn_by_id = now, actor.user_id
            note_withdrawal(uow.session, customer.id, consent.id, actor.user_id, reason, now)
        _close_leads(uow.session, customer.id, actor.user_id, now)
        _cancel_appointments(uow.session, customer.id, actor.user_id, now)
        customer.name = customer.mobile = None
        customer.anonymised_at, customer.updated_by_id = now, actor.user_id
        erase_kept_values(uow.session, customer.id)
        commit(uow)
        return replace(
            customer_dto(uow.session, customer), changes=Changes(reception=True, ids=frozenset({customer.id}))
        )


def _close_leads(session, customer_id: int, by_id: int | None, now: dt.datetime) -> None:
    """Open leads end as lost, reason consent_withdrawn (the customer may not be contacted)."""
    for lead in session.scalars(
        select(Lead).where(
            Lead.customer_id == customer_id, Lead.status.in_([LeadStatus.NEW.value, LeadStatus.FOLLOWING.value])
        )
    ):
        session.add(
            LeadStatusChange(
                lead_id=lead.id,
                from_status=lead.status,
                to_status=LeadStatus.LOST.value,
                changed_at=now,
                changed_by_id=by_id,
                reason=LostReason.CONSENT_WITHDRAWN.value,
            )
        )
        lead.status, lead.lost_reason = LeadStatus.LOST.value, LostReason.CONSENT_WITHDRAWN.value
        lead.status_changed_at, lead.next_follow_up = now, None
        lead.updated_by_id = by_id


def _cancel_appointments(session, customer_id: int, by_id: int | None, now: dt.datetime) -> None:
    """Booked appointments are cancelled, in their history too (issue #17.12)."""
    for appointment in session.scalars(
        select(Appointment).where(
            Appointment.customer_id == customer_id, Appointment.status == AppointmentStatus.BOOKED.value
        )
    ):
        before = (appointment.status, appointment.scheduled_at, appointment.consultant_id)
        appointment.status = AppointmentStatus.CANCELLED.value
        appointment.cancel_reason = LostReason.CONSENT_WITHDRAWN.value
        appointment.updated_by_id = by_id
        record_change(
            session,
            appointment,
            kind=AppointmentChangeKind.CANCELLED,
            before=before,
            reason=LostReason.CONSENT_WITHDRAWN.value,
            by_id=by_id,
            now=now,
        )
        emit(session, kind=EventKind.APPOINTMENT_CHANGED, consultant_id=appointment.consultant_id, at=now)
