"""Correcting a customer's name or mobile, and giving a customer to another consultant
(T/CSCA 120031 4.5.1.3; PIPL art. 46, the right to correction; issue #17.13).

A correction is validated as at check-in (app/reception/customers.validate_name/parse_mobile),
refuses a mobile that another customer already has (naming no one: the desk checks the number
with the customer), and keeps the value replaced in the append-only `customer_change` table:
sealed under the "personal" key with a masked form, never in clear (db/customer_history_models).
A reassignment is a sales manager's decision (service-enforced), with a reason, and moves the
customer's open leads too; the new consultant is told through the reception change feed.
Every change checks the version the user saw, is audited by the unit of work, and returns the
customer with its change set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import personal_data
from app.core.clock import utcnow
from app.core.store_keys import personal_sealing_key
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_text
from app.reception.appointment_log import reason_errors
from app.reception.customer_log import mask_mobile, mask_name, note_change
from app.reception.customers import parse_mobile, validate_name
from app.reception.dto import CustomerDTO
from app.reception.notifications import emit
from app.reception.support import customer_dto, is_active_consultant
from db.customer_history_models import CustomerChangeKind
from db.reception_models import Customer, EventKind, Lead, LeadStatus, LeadStatusChange
from db.uow import UnitOfWork

SEALED_FIELD = "customer_change.old_value_sealed"


def changed_customer(session: Session, customer: Customer) -> CustomerDTO:
    """The customer as saved, with what the pages refresh: visits, leads and appointments show
    the customer too."""
    return replace(customer_dto(session, customer), changes=Changes(reception=True, ids=frozenset({customer.id})))


def _load(session: Session, customer_id: int, expected_version: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(what="customer", id=customer_id)
    check_version(customer, expected_version)
    return customer


def _note(session, customer: Customer, kind: str, actor: Actor, now: dt.datetime, reason: str, **values) -> None:
    note_change(session, customer.id, kind, actor.user_id, now, reason, **values)


def _correction(key: bytes, old: str | None, new: str, masker) -> dict:
    return {
        "old_value_sealed": personal_data.seal_with(key, old, field=SEALED_FIELD) if old else None,
        "old_value_masked": masker(old),
        "new_value_masked": masker(new),
    }


def _new_values(name: str | None, mobile: str | None, errors: list[FieldError]) -> tuple[str | None, str | None]:
    new_name = validate_name(name, errors)
    new_mobile = parse_mobile(mobile, errors)
    if name is not None and new_name is None and not any(e.field == "name" for e in errors):
        errors.append(FieldError("name", "required"))
    if mobile is not None and new_mobile is None and not any(e.field == "mobile" for e in errors):
        errors.append(FieldError("mobile", "required"))
    return new_name, new_mobile


def correct_customer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    expected_version: int,
    reason: str,
    name: str | None = None,
    mobile: str | None = None,
    now: dt.datetime | None = None,
) -> CustomerDTO:
    """Correct the name and/or the mobile (None: leave as is). The replaced values are kept
    sealed in the history, with who corrected them, when and why."""
    require(actor, Action.MANAGE_CUSTOMERS)
    now = now or utcnow()
    reason = clean_text(reason)  # as pasted (issue #17.3)
    errors = reason_errors(reason)
    new_name, new_mobile = _new_values(name, mobile, errors)
    # The store's key, never one this terminal would make up (issue #15.2, PIPL art. 51).
    key = personal_sealing_key(uow, actor=actor)
    with uow:
        uow.act_as(actor)
        s = uow.session
        customer = _load(s, customer_id, expected_version)
        if customer.anonymised_at is not None:
            raise ValidationFailed([FieldError("customer_id", "customer_anonymised")])
        name_changes = new_name is not None and new_name != customer.name
        mobile_changes = new_mobile is not None and new_mobile != customer.mobile
        if mobile_changes and s.scalar(select(Customer.id).where(Customer.mobile == new_mobile)) is not None:
            errors.append(FieldError("mobile", "mobile_taken"))
        if not errors and not (name_changes or mobile_changes):
            errors.append(FieldError("name" if name is not None else "mobile", "nothing_changed"))
        if errors:
            raise ValidationFailed(errors)
        if name_changes and new_name is not None:
            values = _correction(key, customer.name, new_name, mask_name)
            _note(s, customer, CustomerChangeKind.NAME_CORRECTED, actor, now, reason, **values)
            customer.name = new_name
        if mobile_changes and new_mobile is not None:
            values = _correction(key, customer.mobile, new_mobile, mask_mobile)
            _note(s, customer, CustomerChangeKind.MOBILE_CORRECTED, actor, now, reason, **values)
            customer.mobile = new_mobile  # through the ORM: mobile_rev follows
        customer.updated_by_id = actor.user_id
        commit(uow)
        return changed_customer(s, customer)


def move_customer(session: Session, customer: Customer, consultant_id: int, actor: Actor, reason: str, now) -> list:
    """Give the customer and their open leads to `consultant_id`, in the history of both, and
    tell that consultant. Returns the leads moved. No permission check: the callers do it."""
    _note(
        session,
        customer,
        CustomerChangeKind.REASSIGNED,
        actor,
        now,
        reason,
        from_consultant_id=customer.consultant_id,
        to_consultant_id=consultant_id,
    )
    customer.consultant_id, customer.updated_by_id = consultant_id, actor.user_id
    open_statuses = [LeadStatus.NEW.value, LeadStatus.FOLLOWING.value]
    moved = list(session.scalars(select(Lead).where(Lead.customer_id == customer.id, Lead.status.in_(open_statuses))))
    for lead in moved:
        lead.consultant_id, lead.updated_by_id = consultant_id, actor.user_id
        session.add(
            LeadStatusChange(
                lead_id=lead.id,
                from_status=lead.status,
                to_status=lead.status,
                changed_at=now,
                changed_by_id=actor.user_id,
                reason="reassigned",
                note=reason,
            )
        )
    emit(session, kind=EventKind.CUSTOMER_REASSIGNED, consultant_id=consultant_id, at=now)
    return moved


def reassign_customer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    expected_version: int,
    consultant_id: int,
    reason: str,
    now: dt.datetime | None = None,
) -> CustomerDTO:
    """A sales manager gives the customer (and their open leads) to another consultant: their
    next visits go to that consultant (app/reception/rotation.py)."""
    require(actor, Action.REASSIGN_LEADS)
    now = now or utcnow()
    reason = clean_text(reason)  # as pasted (issue #17.3)
    errors = reason_errors(reason)
    with uow:
        uow.act_as(actor)
        s = uow.session
        customer = _load(s, customer_id, expected_version)
        if not is_active_consultant(s, consultant_id):
            errors.append(FieldError("consultant_id", "not_a_consultant"))
        elif consultant_id == customer.consultant_id:
            errors.append(FieldError("consultant_id", "same_consultant"))
        if errors:
            raise ValidationFailed(errors)
        move_customer(s, customer, consultant_id, actor, reason, now)
        commit(uow)
        return changed_customer(s, customer)
