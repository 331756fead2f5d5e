"""Receiving a complaint (受理投诉, T/CSCA 120031 4.5.2.1; issue #19.3).

Wherever the customer brings it (front desk, phone, the Shanghai 12345 hotline, the brand,
online, the consumer association), the complaint is recorded with its channel (3.15 counts the
12345 ones), the time the customer made it, its category, the customer, vehicle, contract and
staff it concerns, and the person who handles it. Both deadlines are fixed at receipt on the
server's clock: the first response within 72 hours (3.17), the customer told how it was accepted
and handled within 7 working days (办法 art. 18). It gets a number (TS-YYYY-NNNNNN) for the
printed receipt and the customer's progress queries (5.2.7). One request key, one complaint.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.core.clock import to_store_time
from app.core.common import commit
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_line, clean_text, validate_mobile
from app.customer_care.calendar import working_calendar
from app.customer_care.clock import server_now
from app.customer_care.complaint_deadlines import first_response_due, reply_due
from app.customer_care.complaint_dto import ComplaintDTO, ComplaintInput
from app.customer_care.complaint_rows import complaint_dto
from db.complaint_models import (
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintEscalation,
    ComplaintStatus,
    Escalation,
)
from db.models import StaffUser, Vehicle
from db.reception_models import Customer
from db.sales_models import Contract
from db.uow import UnitOfWork

RECEIVE_COMPLAINT = "receive_complaint"


def _clean(data: ComplaintInput) -> tuple[dict, list[FieldError]]:
    errors: list[FieldError] = []
    out = {"summary": clean_text(data.summary), "contact_name": clean_line(data.contact_name)}
    if data.channel not in set(ComplaintChannel):
        errors.append(FieldError("channel", "required"))
    if data.category not in set(ComplaintCategory):
        errors.append(FieldError("category", "required"))
    for name in ("summary", "contact_name"):
        if not out[name]:
            errors.append(FieldError(name, "required"))
    check_length(out["contact_name"], "contact_name", 60, errors)
    check_length(out["summary"], "summary", 4000, errors)
    try:
        out["contact_mobile"] = validate_mobile(data.contact_mobile, "contact_mobile")
    except ValidationFailed as e:
        errors += e.errors
    return out, errors


def _check_links(s, data: ComplaintInput, errors: list[FieldError]) -> None:
    handler = s.get(StaffUser, data.handler_id) if data.handler_id else None
    if handler is None or not handler.active or not can(handler.role_set, Action.HANDLE_COMPLAINTS):
        errors.append(FieldError("handler_id", "complaint_handler_invalid"))
    for name, model in (("customer_id", Customer), ("vehicle_id", Vehicle), ("contract_id", Contract)):
        value = getattr(data, name)
        if value is not None and s.get(model, value) is None:
            errors.append(FieldError(name, "not_found"))
    if data.staff_id is not None and s.get(StaffUser, data.staff_id) is None:
        errors.append(FieldError("staff_id", "not_found"))


def _by_papers(s, data: ComplaintInput, errors: list[FieldError]) -> dict:
    """The vehicle and contract named by VIN and contract number (the contract's car too)."""
    links = {"vehicle_id": data.vehicle_id, "contract_id": data.contract_id}
    vin, number = (data.vin or "").strip().upper(), (data.contract_number or "").strip()
    if vin:
        links["vehicle_id"] = s.scalar(select(Vehicle.id).where(Vehicle.vin == vin))
        if links["vehicle_id"] is None:
            errors.append(FieldError("vin", "complaint_vehicle_unknown"))
    if number:
        contract = s.scalars(select(Contract).where(Contract.number == number)).first()
        if contract is None:
            errors.append(FieldError("contract_number", "complaint_contract_unknown"))
        else:
            links["contract_id"] = contract.id
            links["vehicle_id"] = links["vehicle_id"] or contract.vehicle_id
    return links


def _known_customer(s, data: ComplaintInput, mobile: str | None) -> int | None:
    """The customer named, else the registered customer with this mobile (a complaint is
    linked to the customer's record when there is one)."""
    if data.customer_id is not None or not mobile:
        return data.customer_id
    return s.scalar(select(Customer.id).where(Customer.mobile == mobile, Customer.anonymised_at.is_(None)))


def _number(s, complaint: Complaint) -> str:
    year = to_store_time(complaint.received_at).year
    return f"TS-{year}-{complaint.id:06d}"


def receive_complaint(
    uow: UnitOfWork, actor: Actor, data: ComplaintInput, request_key: str | None = None
) -> ComplaintDTO:
    require(actor, Action.RECEIVE_COMPLAINTS)
    clean, errors = _clean(data)
    with uow:
        s = uow.session
        now = server_now(s)
        first = first_record(s, request_key, RECEIVE_COMPLAINT)
        if first is not None:
            return complaint_dto(s, s.get_one(Complaint, first), now)
        received = data.received_at or now
        if received > now:  # a 12345 work order's time can be earlier, never later than now
            errors.append(FieldError("received_at", "complaint_received_in_future"))
        _check_links(s, data, errors)
        links = _by_papers(s, data, errors)
        if errors:
            raise ValidationFailed(errors)
        row = Complaint(
            number=f"new-{uuid.uuid4().hex[:16]}", channel=data.channel, category=data.category,
            received_at=received, customer_id=_known_customer(s, data, clean.get("contact_mobile")),
            staff_id=data.staff_id, handler_id=data.handler_id, **links,
            first_response_due=first_response_due(received), reply_due=reply_due(received, working_calendar(s)),
            status=ComplaintStatus.OPEN, created_at=now, created_by_id=actor.user_id, updated_at=now,
            updated_by_id=actor.user_id, **clean,
        )  # fmt: skip
        s.add(row)
        s.flush()
        row.number = _number(s, row)
        if data.handler_id != actor.user_id:  # issue #19.6: a notice on the handler's PC
            s.add(ComplaintEscalation(complaint_id=row.id, deadline="first_response", level=Escalation.ASSIGNED,
                                      staff_id=data.handler_id, escalated_at=now))  # fmt: skip
        s.flush()
        remember(s, request_key, RECEIVE_COMPLAINT, row.id, actor_id=actor.user_id, now=now)
        dto = complaint_dto(s, row, now)
        commit(uow)
        return dto


def find_by_number(s, number: str) -> Complaint | None:
    return s.scalars(select(Complaint).where(Complaint.number == number.strip().upper())).first()
