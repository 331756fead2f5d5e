"""The customer's page (客户档案, issue #17 rule 4.5.1.3 and #17.13): who the customer is (name
and mobile masked), their visits, leads, appointments, consents with their withdrawals, and
every change made to them, read in one transaction.

Consultants see the leads they own only, as on the leads page; anyone who serves customers
may open the page, because anyone the customer talks to may record a correction or a
withdrawal (PIPL art. 15, 46: both must be easy).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dto import Actor
from app.core.errors import NotFound
from app.core.permissions import Action, can, require
from app.reception.appointment_log import change_dtos
from app.reception.customer_log import customer_changes, mask_mobile, mask_name, withdrawal_notes
from app.reception.history_dto import ConsentEntryDTO, CustomerPageDTO
from app.reception.support import active_consent, appointment_dto, lead_dtos, staff_name, staff_names, visit_summary
from db.customer_history_models import AppointmentChange
from db.models import Role
from db.reception_models import Appointment, Consent, ConsentText, Customer, Lead, Visit
from db.uow import UnitOfWork

PAGE_VISITS = 50
PAGE_APPOINTMENTS = 50


def _consents(session: Session, customer_id: int) -> tuple[ConsentEntryDTO, ...]:
    rows = session.execute(
        select(Consent, ConsentText.version_label)
        .join(ConsentText, ConsentText.id == Consent.consent_text_id)
        .where(Consent.customer_id == customer_id)
        .order_by(Consent.given_at, Consent.id)
    ).all()
    notes = withdrawal_notes(session, customer_id)
    names = staff_names(session, [c.withdrawn_by_id for c, _ in rows])
    return tuple(
        ConsentEntryDTO(
            id=c.id,
            version_label=label,
            shown_at=c.shown_at,
            given_at=c.given_at,
            withdrawn_at=c.withdrawn_at,
            withdrawn_by_name=names.get(c.withdrawn_by_id) if c.withdrawn_by_id else None,
            withdraw_reason=notes.get(c.id, ("", None))[0],
        )
        for c, label in rows
    )


def _appointment_changes(session: Session, customer_id: int) -> tuple:
    rows = session.scalars(
        select(AppointmentChange)
        .where(AppointmentChange.customer_id == customer_id)
        .order_by(AppointmentChange.changed_at.desc(), AppointmentChange.id.desc())
        .limit(PAGE_APPOINTMENTS * 4)
    )
    return tuple(change_dtos(session, list(rows)))


def _leads(session: Session, actor: Actor, customer_id: int) -> tuple:
    if not can(actor.roles, Action.VIEW_LEADS):
        return ()
    stmt = select(Lead).where(Lead.customer_id == customer_id).order_by(Lead.created_at)
    if not actor.has(Role.SALES_MANAGER):  # consultants see their own leads only
        stmt = stmt.where(Lead.consultant_id == actor.user_id)
    return tuple(lead_dtos(session, list(session.scalars(stmt))))


def get_customer_page(uow: UnitOfWork, *, actor: Actor, customer_id: int) -> CustomerPageDTO:
    require(actor, Action.MANAGE_CUSTOMERS)
    with uow:
        s = uow.session
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound(what="customer", id=customer_id)
        visits = s.scalars(
            select(Visit).where(Visit.customer_id == c.id).order_by(Visit.arrival_at.desc()).limit(PAGE_VISITS)
        )
        appointments = s.scalars(
            select(Appointment)
            .where(Appointment.customer_id == c.id)
            .order_by(Appointment.scheduled_at.desc())
            .limit(PAGE_APPOINTMENTS)
        )
        return CustomerPageDTO(
            id=c.id,
            name_masked=mask_name(c.name),
            mobile_masked=mask_mobile(c.mobile),
            consultant_id=c.consultant_id,
            consultant_name=staff_name(s, c.consultant_id),
            has_consent=active_consent(s, c.id) is not None,
            anonymised=c.anonymised_at is not None,
            version=c.version,
            visits=tuple(visit_summary(s, v) for v in visits),
            consents=_consents(s, c.id),
            leads=_leads(s, actor, c.id),
            appointments=tuple(appointment_dto(s, a) for a in appointments),
            changes_history=tuple(customer_changes(s, c.id)),
            appointment_changes=_appointment_changes(s, c.id),
        )
