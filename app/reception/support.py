"""Shared plumbing of the reception services: DTO builders, the rotation lock, roster state,
assigning waiting visitors, consent checks. Not a use case: no permission checks here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.core.clock import store_day_bounds
from app.reception.rules import RotationCandidate, pick_next_consultant
from app.core.errors import NotFound
from app.core.dto import Changes
from app.reception.notifications import emit
from app.reception.dto import AppointmentDTO, CustomerDTO, DutyDTO, LeadDTO, ModelInterest, VisitDTO, VisitSummaryDTO
from db.models import Role, StaffRole, StaffUser
from db.reception_models import (
    Appointment,
    AssignedBy,
    AssignmentLog,
    Consent,
    ConsentPurpose,
    Customer,
    DutyRoster,
    EventKind,
    Lead,
    SourceChannel,
    Visit,
    VisitStatus,
)

# Any fixed 64-bit number: the advisory lock that serialises rotation decisions on PostgreSQL.
_ROTATION_LOCK_KEY = 120031_4211


def lock_rotation(session: Session) -> None:
    """Serialise everything that reads the roster and then assigns a consultant, so that two
    desks checking visitors in at the same instant never pick the same "next" consultant.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: a write statement that touches no
    row still takes the database write lock (held to commit); pysqlite only opens the
    transaction at the first write, so the reads that follow see the latest commit.
    Call it first in the transaction, before loading anything that the decision depends on.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ROTATION_LOCK_KEY})
    else:
        session.execute(text("UPDATE duty_roster SET id = id WHERE 1 = 0"))


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
    channels = dict(
        session.execute(
            select(SourceChannel.id, SourceChannel.name).where(SourceChannel.id.in_({v.channel_id for v in visits}))
        ).all()
    )
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
            channel_name=channels.get(v.channel_id, ""),
            party_size=v.party_size,
            with_children=v.with_children,
            foreign_visitor=v.foreign_visitor,
            language=v.language,
            interested_models=_interests(v.interested_models),
            customer_id=v.customer_id,
            customer_name=customers.get(v.customer_id),
            consultant_id=v.consultant_id,
            consultant_name=names.get(v.consultant_id),
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


# --- roster state --------------------------------------------------------------------------


@dataclass
class _Tally:
    busy: bool = False
    rotation_count: int = 0
    last_rotation_at: dt.datetime | None = None
    visits_today: int = 0
    current_visit_id: int | None = None
    current_started: bool = False


def _tallies(session: Session, day: dt.date) -> dict[int, _Tally]:
    start, end = store_day_bounds(day)
    rows = session.execute(
        select(Visit.id, Visit.consultant_id, Visit.status, Visit.assigned_by, Visit.assigned_at)
        .where(Visit.arrival_at >= start, Visit.arrival_at < end, Visit.consultant_id.is_not(None))
        .order_by(Visit.arrival_at)
    ).all()
    out: dict[int, _Tally] = {}
    for vid, cid, status, assigned_by, assigned_at in rows:
        t = out.setdefault(cid, _Tally())
        t.visits_today += 1
        if assigned_by == AssignedBy.ROTATION:
            t.rotation_count += 1
            if assigned_at and (t.last_rotation_at is None or assigned_at > t.last_rotation_at):
                t.last_rotation_at = assigned_at
        if status != VisitStatus.FINISHED:
            t.busy = True
            started = status == VisitStatus.WITH_CONSULTANT
            if t.current_visit_id is None or (started and not t.current_started):
                t.current_visit_id, t.current_started = vid, started
    return out


def roster(session: Session, day: dt.date) -> list[DutyRoster]:
    return list(session.scalars(select(DutyRoster).where(DutyRoster.day == day).order_by(DutyRoster.rotation_order)))


def duty_dtos(session: Session, day: dt.date) -> list[DutyDTO]:
    tallies = _tallies(session, day)
    rows = roster(session, day)
    names = staff_names(session, (r.consultant_id for r in rows))
    out = []
    for r in rows:
        t = tallies.get(r.consultant_id, _Tally())
        state = "off_duty" if not r.on_duty else "away" if r.away else "busy" if t.busy else "available"
        out.append(
            DutyDTO(
                day=r.day,
                consultant_id=r.consultant_id,
                consultant_name=names.get(r.consultant_id, ""),
                on_duty=r.on_duty,
                away=r.away,
                away_since=r.away_since,
                rotation_order=r.rotation_order,
                state=state,
                rotation_count=t.rotation_count,
                visits_today=t.visits_today,
                current_visit_id=t.current_visit_id,
                version=r.version,
            )
        )
    return out


def candidates(session: Session, day: dt.date) -> list[RotationCandidate]:
    tallies = _tallies(session, day)
    out = []
    for r in roster(session, day):
        t = tallies.get(r.consultant_id, _Tally())
        out.append(
            RotationCandidate(
                r.consultant_id, r.rotation_order, r.on_duty, r.away, t.busy, t.rotation_count, t.last_rotation_at
            )
        )
    return out


def on_duty(session: Session, day: dt.date, consultant_id: int | None) -> bool:
    if consultant_id is None:
        return False
    return bool(
        session.scalar(
            select(DutyRoster.id).where(
                DutyRoster.day == day, DutyRoster.consultant_id == consultant_id, DutyRoster.on_duty.is_(True)
            )
        )
    )


# --- assigning ----------------------------------------------------------------------------


def assign(
    session: Session,
    visit: Visit,
    *,
    consultant_id: int,
    method: AssignedBy,
    now: dt.datetime,
    by_id: int | None,
    reason: str = "",
    note_code: str = "",
) -> None:
    """Give the visit to a consultant, log it and tell that consultant's terminal."""
    previous = visit.consultant_id
    visit.consultant_id = consultant_id
    visit.assigned_by = method.value
    visit.assigned_at = now
    visit.override_reason = reason if method is AssignedBy.OVERRIDE else None
    if by_id is not None:
        visit.updated_by_id = by_id
    session.add(
        AssignmentLog(
            visit_id=visit.id,
            from_consultant_id=previous,
            to_consultant_id=consultant_id,
            method=method.value,
            reason=reason or "",
            note_code=note_code or "",
            by_id=by_id,
            at=now,
        )
    )
    if visit.customer_id:
        customer = session.get(Customer, visit.customer_id)
        # The first consultant to receive a customer keeps them (repeat visits), until a
        # manager reassigns the customer. An override to a colleague does not move them.
        if customer is not None and customer.consultant_id is None:
            customer.consultant_id = consultant_id
    emit(session, kind=EventKind.ASSIGNED, visit_id=visit.id, consultant_id=consultant_id, at=now)


def assign_by_rotation(
    session: Session, visit: Visit, *, day: dt.date, now: dt.datetime, by_id: int | None, note_code: str = ""
) -> int | None:
    chosen = pick_next_consultant(candidates(session, day))
    if chosen is not None:
        session.flush()
        assign(
            session, visit, consultant_id=chosen, method=AssignedBy.ROTATION, now=now, by_id=by_id, note_code=note_code
        )
    return chosen


def assign_waiting(session: Session, *, day: dt.date, now: dt.datetime, by_id: int | None) -> list[int]:
    """Give unassigned waiting visitors (oldest first) to consultants who are free now.
    Call with the rotation lock held, after whatever freed a consultant. Returns visit ids."""
    start, end = store_day_bounds(day)
    waiting = list(
        session.scalars(
            select(Visit)
            .where(
                Visit.arrival_at >= start,
                Visit.arrival_at < end,
                Visit.status == VisitStatus.WAITING,
                Visit.consultant_id.is_(None),
            )
            .order_by(Visit.arrival_at, Visit.id)
        )
    )
    done = []
    for visit in waiting:
        session.flush()
        if assign_by_rotation(session, visit, day=day, now=now, by_id=by_id) is None:
            break
        done.append(visit.id)
    return done


def consultants(session: Session, ids: Iterable[int] | None = None) -> list[StaffUser]:
    stmt = (
        select(StaffUser)
        .join(StaffRole, StaffRole.user_id == StaffUser.id)
        .where(StaffUser.active.is_(True), StaffRole.role == Role.CONSULTANT.value)
        .order_by(StaffUser.full_name)
    )
    if ids is not None:
        stmt = stmt.where(StaffUser.id.in_(list(ids)))
    return list(session.scalars(stmt).unique())
