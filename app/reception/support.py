"""Shared plumbing of the reception services: names, DTO builders and consent checks.
Not a use case: no permission checks here. The roster and assigning live in
app.reception.rotation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.dto import Changes
from app.reception.dto import AppointmentDTO, CustomerDTO, LeadDTO, ModelInterest, VisitDTO, VisitSummaryDTO
from db.models import Role, StaffRole, StaffUser
from db.reception_models import Appointment, Consent, ConsentPurpose, Customer, Lead, SourceChannel, Visit


# --- names and DTOs ------------------------------------------------------------------------


def staff_name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.scalar(select(StaffUser.full_name).where(StaffUser.id == user_id))


def is_active_consultant(session: Session, user_id: int | None) -> bool:
    if user_id is None:
        return False
    return bool(
        session.scalar(
            select(StaffUser.id)
            .join(StaffRole, StaffRole.user_id == StaffUser.id)
            .where(StaffUser.id == user_id, StaffUser.active.is_(True), StaffRole.role == Role.CONSULTANT.value)
        )
    )


def active_consent(session: Session, customer_id: int, purpose: str = ConsentPurpose.CONTACT) -> Consent | None:
    return session.scalar(
        select(Consent)
        .where(Consent.customer_id == customer_id, Consent.purpose == str(purpose), Consent.withdrawn_at.is_(None))
        .order_by(Consent.given_at.desc())
    )


def may_contact(session: Session, customer: Customer) -> bool:
    """PIPL: a customer's details are used only while their contact consent stands (and the
    record has not been anonymised)."""
    return customer.anonymised_at is None and active_consent(session, customer.id) is not None


def customer_dto(session: Session, c: Customer) -> CustomerDTO:
    return CustomerDTO(
        id=c.id,
        name=c.name,
        mobile=c.mobile,
        consultant_id=c.consultant_id,
        consultant_name=staff_name(session, c.consultant_id),
        has_consent=active_consent(session, c.id) is not None,
        anonymised=c.anonymised_at is not None,
        version=c.version,
    )


def _interests(raw) -> tuple[ModelInterest, ...]:
    return tuple(ModelInterest(str(b), str(m)) for b, m in (raw or []))


def staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(wanted))).all())


def visit_dtos(session: Session, visits: Sequence[Visit]) -> list[VisitDTO]:
    """DTOs for many visits with one query per related table (the session's identity map
    holds rows only weakly, so per-row gets would reload them)."""
    ids = [v.id for v in visits]
    if not ids:
        return []
    appointments = dict(
        session.execute(select(Appointment.visit_id, Appointment.id).where(Appointment.visit_id.in_(ids))).all()
    )
    channels = {
        cid: (name, name_en)
        for cid, name, name_en in session.execute(
            select(SourceChannel.id, SourceChannel.name, SourceChannel.name_en).where(
                SourceChannel.id.in_({v.channel_id for v in visits})
            )
        )
    }
    customer_ids = {v.customer_id for v in visits if v.customer_id}
    customers = (
        dict(session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))).all())
        if customer_ids
        else {}
    )
    names = staff_names(session, (v.consultant_id for v in visits))
    return [
        VisitDTO(
            id=v.id,
            arrival_at=v.arrival_at,
            visit_type=v.visit_type,
            channel_id=v.channel_id,
            channel_name=channels.get(v.channel_id, ("", ""))[0],
            channel_name_en=channels.get(v.channel_id, ("", ""))[1],
            party_size=v.party_size,
            with_children=v.with_children,
            foreign_visitor=v.foreign_visitor,
            language=v.language,
            interested_models=_interests(v.interested_models),
            customer_id=v.customer_id,
            customer_name=customers.get(v.customer_id) if v.customer_id else None,
            consultant_id=v.consultant_id,
            consultant_name=names.get(v.consultant_id) if v.consultant_id else None,
            assigned_by=v.assigned_by,
            assigned_at=v.assigned_at,
            override_reason=v.override_reason,
            status=v.status,
            started_at=v.started_at,
            finished_at=v.finished_at,
            outcome=v.outcome,
            had_test_drive=v.had_test_drive,
            intent_level=v.intent_level,
            next_follow_up=v.next_follow_up,
            notes=v.notes,
            consent_text_id=v.consent_text_id,
            consent_shown_at=v.consent_shown_at,
            consent_given=v.consent_given,
            appointment_id=appointments.get(v.id),
            version=v.version,
        )
        for v in visits
    ]


def changed_visit_dto(session: Session, v: Visit) -> VisitDTO:
    """The DTO of a visit this use case changed, carrying its change set (issue #16)."""
    return replace(visit_dto(session, v), changes=Changes(reception=True, ids=frozenset({v.id})))


def visit_dto(session: Session, v: Visit) -> VisitDTO:
    return visit_dtos(session, [v])[0]


def visit_summary(session: Session, v: Visit) -> VisitSummaryDTO:
    return VisitSummaryDTO(
        v.id,
        v.arrival_at,
        v.visit_type,
        v.consultant_id,
        staff_name(session, v.consultant_id),
        v.status,
        v.outcome,
        v.intent_level,
    )


def lead_dtos(session: Session, leads: Sequence[Lead]) -> list[LeadDTO]:
    if not leads:
        return []
    contacts = {
        cid: (name, mobile)
        for cid, name, mobile in session.execute(
            select(Customer.id, Customer.name, Customer.mobile).where(Customer.id.in_({x.customer_id for x in leads}))
        )
    }
    names = staff_names(session, (x.consultant_id for x in leads))
    return [
        LeadDTO(
            id=lead.id,
            customer_id=lead.customer_id,
            customer_name=contacts.get(lead.customer_id, (None, None))[0],
            customer_mobile=contacts.get(lead.customer_id, (None, None))[1],
            brand=lead.brand,
            model=lead.model,
            consultant_id=lead.consultant_id,
            consultant_name=names.get(lead.consultant_id, ""),
            status=lead.status,
            lost_reason=lead.lost_reason,
            lost_note=lead.lost_note,
            intent_level=lead.intent_level,
            next_follow_up=lead.next_follow_up,
            source_visit_id=lead.source_visit_id,
            created_at=lead.created_at,
            status_changed_at=lead.status_changed_at,
            version=lead.version,
        )
        for lead in leads
    ]


def lead_dto(session: Session, lead: Lead) -> LeadDTO:
    return lead_dtos(session, [lead])[0]


def appointment_dto(session: Session, a: Appointment) -> AppointmentDTO:
    customer = session.get(Customer, a.customer_id)
    return AppointmentDTO(
        id=a.id,
        customer_id=a.customer_id,
        customer_name=customer.name if customer else None,
        customer_mobile=customer.mobile if customer else None,
        consultant_id=a.consultant_id,
        consultant_name=staff_name(session, a.consultant_id) or "",
        scheduled_at=a.scheduled_at,
        purpose=a.purpose,
        note=a.note,
        status=a.status,
        cancel_reason=a.cancel_reason,
        visit_id=a.visit_id,
        version=a.version,
    )


def get_or_404(session: Session, model, record_id: int, what: str):
    row = session.get(model, record_id)
    if row is None:
        raise NotFound(what=what, id=record_id)
    return row
