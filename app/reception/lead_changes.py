"""How leads (意向, T/CSCA 120031 4.2.3.2) come about and move outside the leads screen: a new
lead with its first status row, a status move appended to the history (LeadStatusChange, the
input of the 3.12 / 3.13 KPIs), the leads of a finished visit and the note of a test drive."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.clock import store_today

from db.reception_models import Customer, IntentLevel, Lead, LeadStatus, LeadStatusChange, Visit

L = LeadStatus


def move_lead(
    session,
    lead: Lead,
    to: LeadStatus,
    *,
    now: dt.datetime,
    actor_id: int | None,
    reason: str | None = None,
    note: str = "",
) -> None:
    session.add(
        LeadStatusChange(
            lead_id=lead.id,
            from_status=lead.status,
            to_status=to.value,
            changed_at=now,
            changed_by_id=actor_id,
            reason=reason,
            note=note,
        )
    )
    lead.status, lead.status_changed_at = to.value, now
    if to in (L.ORDERED, L.LOST):
        lead.next_follow_up = None
    if to is not L.LOST:
        lead.lost_reason, lead.lost_note = None, ""


def follow_again_after_order(session, lead: Lead, *, now: dt.datetime, actor_id: int | None, note: str = "") -> None:
    """An order that ended without a sale (the contract cancelled or terminated, issue #18.4):
    the intention is open again, so the lead goes back to following, due for a call the next
    store day, and counts among the retained leads again (3.12/3.13). Only the sale moves a
    lead out of ordered; the leads page never does (LEAD_TRANSITIONS)."""
    if lead.status != L.ORDERED:
        return
    move_lead(session, lead, L.FOLLOWING, now=now, actor_id=actor_id, note=note)
    lead.next_follow_up = store_today(now) + dt.timedelta(days=1)


def new_lead(
    session,
    *,
    customer: Customer,
    brand: str,
    model: str,
    consultant_id: int,
    intent_level: IntentLevel | None,
    next_follow_up: dt.date | None,
    source_visit_id: int | None,
    now: dt.datetime,
    actor_id: int | None,
) -> Lead:
    lead = Lead(
        customer_id=customer.id,
        brand=brand,
        model=model,
        consultant_id=consultant_id,
        status=L.NEW.value,
        intent_level=intent_level.value if intent_level else None,
        next_follow_up=next_follow_up,
        source_visit_id=source_visit_id,
        created_at=now,
        status_changed_at=now,
        updated_at=now,
        updated_by_id=actor_id,
    )
    session.add(lead)
    session.flush()
    session.add(
        LeadStatusChange(
            lead_id=lead.id, from_status=None, to_status=L.NEW.value, changed_at=now, changed_by_id=actor_id
        )
    )
    return lead


def record_visit_leads(
    session,
    visit: Visit,
    customer: Customer,
    *,
    intent_level: IntentLevel | None,
    next_follow_up: dt.date | None,
    ordered_model: tuple[str, str] | None,
    actor_id: int | None,
    now: dt.datetime,
) -> list[Lead]:
    """Create or refresh the customer's lead for each model of interest of a finished visit.
    An existing lead keeps its owner (repeat visits keep their consultant); a new one goes to
    the visit's consultant. A second contact moves new -> following; a lost one is reopened."""
    owner = visit.consultant_id or customer.consultant_id
    out = []
    for brand, model in (tuple(x) for x in (visit.interested_models or [])):
        lead = session.scalar(
            select(Lead).where(Lead.customer_id == customer.id, Lead.brand == brand, Lead.model == model)
        )
        if lead is None:
            if owner is None:
                continue
            lead = new_lead(
                session,
                customer=customer,
                brand=brand,
                model=model,
                consultant_id=owner,
                intent_level=intent_level,
                next_follow_up=next_follow_up,
                source_visit_id=visit.id,
                now=now,
                actor_id=actor_id,
            )
        elif lead.status in (L.NEW, L.LOST):
            move_lead(session, lead, L.FOLLOWING, now=now, actor_id=actor_id)
        if lead.status in (L.NEW, L.FOLLOWING):
            if intent_level is not None:
                lead.intent_level = intent_level.value
            if next_follow_up is not None:
                lead.next_follow_up = next_follow_up
            if ordered_model == (brand, model):
                move_lead(session, lead, L.ORDERED, now=now, actor_id=actor_id)
        lead.updated_by_id = actor_id
        out.append(lead)
    return out


def note_test_drive(
    session,
    *,
    customer_id: int,
    brand: str,
    model: str,
    intent_level: str | None,
    actor_id: int | None,
    now: dt.datetime,
) -> Lead | None:
    """After a test drive (issue #6.8): the customer's open lead for the model driven moves
    new -> following and takes the intent level the consultant recorded on return. No lead is
    created here (leads come from visits and enquiries, with the contact consent)."""
    lead = session.scalar(select(Lead).where(Lead.customer_id == customer_id, Lead.brand == brand, Lead.model == model))
    if lead is None or lead.status not in (L.NEW, L.FOLLOWING):
        return None
    if lead.status == L.NEW:
        move_lead(session, lead, L.FOLLOWING, now=now, actor_id=actor_id, note="test_drive")
    if intent_level is not None:
        lead.intent_level = IntentLevel(intent_level).value
    lead.updated_by_id = actor_id
    return lead
