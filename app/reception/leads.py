"""Leads (意向, T/CSCA 120031 4.2.3.2): one per customer and model of interest, owned by a
consultant; status new / following / ordered / lost (lost needs a reason).

Consultants see and edit their own leads only, managers all. Every status move appends a
LeadStatusChange row: 3.12 / 3.13 count new, retained and ordered intentions from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, func, or_, select

from app.core.clock import store_today, utcnow
from app.reception.rules import (
    MAX_FOLLOW_UP_DAYS,
    MAX_NOTES_LENGTH,
    MAX_REASON_LENGTH,
    can_move_lead,
    default_follow_up,
)
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.validation import clean_line, clean_text, normalize_mobile
from app.reception.customer_changes import move_customer
from app.reception.dto import LeadChangeDTO, LeadDTO, LeadPageDTO
from app.reception.lead_changes import L, move_lead, new_lead
from app.reception.search import MIN_TAIL, _prefix
from app.reception.setup import known_models
from app.reception.support import may_contact, is_active_consultant, lead_dto, lead_dtos
from db.models import Role
from db.reception_models import Customer, IntentLevel, Lead, LeadStatus, LeadStatusChange, LostReason
from db.uow import UnitOfWork


def _check_owner(actor: Actor, lead: Lead) -> None:
    if not actor.has(Role.SALES_MANAGER) and lead.consultant_id != actor.user_id:
        raise PermissionDenied(action=str(Action.EDIT_LEADS), reason="not_own_lead")


@dataclass(frozen=True)
class LeadQuery:
    status: str | None = None
    consultant_id: int | None = None  # managers only; consultants always get their own
    customer_id: int | None = None
    due_on_or_before: dt.date | None = None  # follow-ups due
    limit: int | None = None
    # list_lead_page: the (next_follow_up, id) of the last row already shown (keyset paging).
    after: tuple[dt.date | None, int] | None = None
    statuses: tuple[str, ...] = ()  # any of these (OPEN_LEAD_STATUSES: the leads still worked on)
    # The customer's name (its start), mobile (its last digits, 尾号) or the car (brand/model).
    text: str = ""


LEAD_PAGE = 200  # rows per page of the leads page: a screenful several times over
# The leads a consultant still follows up (4.2.3.2): what the leads page opens on.
OPEN_LEAD_STATUSES = (LeadStatus.NEW.value, LeadStatus.FOLLOWING.value)


def _text_filter(text: str, dialect: str):
    """Leads whose customer's name starts with `text`, whose customer's mobile ends with (or
    is) its digits, or whose car's brand or model contains it: answered by the database over
    every lead (issue #17: the leads page holds only the pages read so far)."""
    raw = text.strip()
    digits = normalize_mobile(raw)
    customer = [_prefix(Customer.name, raw, dialect)]
    if digits.isdigit() and len(digits) >= MIN_TAIL:  # "尾号 5678", as search_customers reads it
        whole = len(digits) >= 11
        customer.append(Customer.mobile == digits if whole else _prefix(Customer.mobile_rev, digits[::-1], dialect))
    pattern = "%" + raw.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
    return or_(
        Lead.customer_id.in_(select(Customer.id).where(or_(*customer))),
        Lead.brand.ilike(pattern, escape="!"),
        Lead.model.ilike(pattern, escape="!"),
    )


def _lead_filter(stmt, actor: Actor, query: LeadQuery, dialect: str):
    if not actor.has(Role.SALES_MANAGER):
        stmt = stmt.where(Lead.consultant_id == actor.user_id)
    elif query.consultant_id is not None:
        stmt = stmt.where(Lead.consultant_id == query.consultant_id)
    if query.status:
        stmt = stmt.where(Lead.status == query.status)
    if query.statuses:
        stmt = stmt.where(Lead.status.in_(query.statuses))
    if query.text.strip():
        stmt = stmt.where(_text_filter(query.text, dialect))
    if query.customer_id is not None:
        stmt = stmt.where(Lead.customer_id == query.customer_id)
    if query.due_on_or_before is not None:
        stmt = stmt.where(Lead.next_follow_up <= query.due_on_or_before)
    return stmt


def _after(after: tuple[dt.date | None, int]):
    """Rows after (follow-up, id) in the order follow-up first, leads without one last."""
    day, lead_id = after
    if day is None:
        return and_(Lead.next_follow_up.is_(None), Lead.id > lead_id)
    later = or_(Lead.next_follow_up > day, and_(Lead.next_follow_up == day, Lead.id > lead_id))
    return or_(and_(Lead.next_follow_up.is_not(None), later), Lead.next_follow_up.is_(None))


_ORDER = (Lead.next_follow_up.is_(None), Lead.next_follow_up, Lead.id)


def list_leads(uow: UnitOfWork, *, actor: Actor, query: LeadQuery = LeadQuery()) -> list[LeadDTO]:
    """Consultants get only their own leads; sales managers all (or one consultant's)."""
    require(actor, Action.VIEW_LEADS)
    with uow:
        s = uow.session
        stmt = _lead_filter(select(Lead), actor, query, _dialect(s)).order_by(*_ORDER)
        if query.limit:
            stmt = stmt.limit(query.limit)
        return lead_dtos(s, list(s.scalars(stmt)))


def _dialect(session) -> str:
    return session.get_bind().dialect.name


def list_lead_page(uow: UnitOfWork, *, actor: Actor, query: LeadQuery = LeadQuery()) -> LeadPageDTO:
    """One page of list_leads, next follow-up first: a store's five years of leads are read a
    page at a time as the user scrolls. The first page (no `after`) also counts them all."""
    require(actor, Action.VIEW_LEADS)
    limit = max(1, min(query.limit or LEAD_PAGE, 1000))
    with uow:
        s = uow.session
        stmt = _lead_filter(select(Lead), actor, query, _dialect(s))
        if query.after is not None:
            stmt = stmt.where(_after(query.after))
        total = None
        if query.after is None:
            total = s.scalar(_lead_filter(select(func.count(Lead.id)), actor, query, _dialect(s)))
        leads = list(s.scalars(stmt.order_by(*_ORDER).limit(limit + 1)))
        more = len(leads) > limit
        rows = lead_dtos(s, leads[:limit])
    last = rows[-1] if rows else None
    return LeadPageDTO(tuple(rows), (last.next_follow_up, last.id) if more and last else None, total)


def get_lead(uow: UnitOfWork, *, actor: Actor, lead_id: int) -> LeadDTO:
    require(actor, Action.VIEW_LEADS)
    with uow:
        lead = uow.session.get(Lead, lead_id)
        if lead is None:
            raise NotFound(what="lead", id=lead_id)
        if not actor.has(Role.SALES_MANAGER) and lead.consultant_id != actor.user_id:
            raise PermissionDenied(action=str(Action.VIEW_LEADS), reason="not_own_lead")
        return lead_dto(uow.session, lead)


def lead_history(uow: UnitOfWork, *, actor: Actor, lead_id: int) -> list[LeadChangeDTO]:
    get_lead(uow, actor=actor, lead_id=lead_id)  # permission and ownership
    with uow:
        rows = uow.session.scalars(
            select(LeadStatusChange)
            .where(LeadStatusChange.lead_id == lead_id)
            .order_by(LeadStatusChange.changed_at, LeadStatusChange.id)
        )
        return [
            LeadChangeDTO(r.changed_at, r.from_status, r.to_status, r.changed_by_id, r.reason, r.note) for r in rows
        ]


def _follow_up_errors(value: dt.date | None, today: dt.date, errors: list[FieldError]) -> None:
    if value is not None and not today <= value <= today + dt.timedelta(days=MAX_FOLLOW_UP_DAYS):
        errors.append(
            FieldError("next_follow_up", "out_of_range", {"min": today.isoformat(), "max_days": MAX_FOLLOW_UP_DAYS})
        )


def _level(value: str | None, errors: list[FieldError]) -> IntentLevel | None:
    if not value:
        return None
    try:
        return IntentLevel(value)
    except ValueError:
        errors.append(FieldError("intent_level", "unknown_value"))
        return None


def create_lead(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    brand: str,
    model: str,
    intent_level: str | None = None,
    next_follow_up: dt.date | None = None,
    consultant_id: int | None = None,
    now: dt.datetime | None = None,
) -> LeadDTO:
    """A lead outside a showroom visit (e.g. a phone enquiry). Consultants create their own;
    a manager may name the owner. The customer must have consented to be contacted."""
    require(actor, Action.EDIT_LEADS)
    now = now or utcnow()
    today = store_today(now)
    owner = consultant_id if consultant_id is not None else actor.user_id
    if owner != actor.user_id and not actor.has(Role.SALES_MANAGER):
        raise PermissionDenied(action=str(Action.EDIT_LEADS), reason="not_own_lead")
    errors: list[FieldError] = []
    level = _level(intent_level, errors)
    _follow_up_errors(next_follow_up, today, errors)
    brand, model = clean_line(brand), clean_line(model)
    with uow:
        s = uow.session
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="customer", id=customer_id)
        if not may_contact(s, customer):
            errors.append(FieldError("customer_id", "consent_required"))
        if (brand, model) not in known_models(s):
            errors.append(FieldError("model", "unknown_model", {"model": f"{brand} {model}"}))
        elif s.scalar(select(Lead.id).where(Lead.customer_id == customer_id, Lead.brand == brand, Lead.model == model)):
            errors.append(FieldError("model", "lead_exists", {"model": f"{brand} {model}"}))
        if not is_active_consultant(s, owner):
            errors.append(FieldError("consultant_id", "not_a_consultant"))
        if errors:
            raise ValidationFailed(errors)
        if next_follow_up is None and level is not None:
            next_follow_up = default_follow_up(level, today)
        lead = new_lead(
            s,
            customer=customer,
            brand=brand,
            model=model,
            consultant_id=owner,
            intent_level=level,
            next_follow_up=next_follow_up,
            source_visit_id=None,
            now=now,
            actor_id=actor.user_id,
        )
        if customer.consultant_id is None:
            customer.consultant_id = owner
        commit(uow)
        return replace(lead_dto(s, lead), changes=Changes(reception=True, ids=frozenset({lead.id})))


def _status_change(
    status: str | None, lost_reason: str | None, lost_note: str, errors: list[FieldError]
) -> tuple[LeadStatus | None, LostReason | None, str]:
    """The status asked for, with the lost reason and note it needs (4.2.3.2: lost needs a
    reason, and a note for other)."""
    target = None
    if status:
        try:
            target = L(status)
        except ValueError:
            errors.append(FieldError("status", "unknown_value"))
    reason = None
    note = clean_text(lost_note)  # as pasted (issue #17.3)
    if target is L.LOST:
        try:
            reason = LostReason(lost_reason) if lost_reason else None
        except ValueError:
            errors.append(FieldError("lost_reason", "unknown_value"))
        if not lost_reason:
            errors.append(FieldError("lost_reason", "required"))
        elif reason is LostReason.CONSENT_WITHDRAWN:
            errors.append(FieldError("lost_reason", "unknown_value"))  # the system's own reason
        elif reason is LostReason.OTHER and not note:
            errors.append(FieldError("lost_note", "required"))
    if len(note) > MAX_REASON_LENGTH:
        errors.append(FieldError("lost_note", "too_long", {"max": MAX_REASON_LENGTH}))
    return target, reason, note


def update_lead(
    uow: UnitOfWork,
    *,
    actor: Actor,
    lead_id: int,
    expected_version: int,
    status: str | None = None,
    intent_level: str | None = None,
    next_follow_up: dt.date | None = None,
    lost_reason: str | None = None,
    lost_note: str = "",
    now: dt.datetime | None = None,
) -> LeadDTO:
    """Follow a lead up: change its status (new -> following -> ordered / lost; lost -> following
    reopens), intent level or next follow-up date. Lost needs a reason (and a note for other)."""
    require(actor, Action.EDIT_LEADS)
    now = now or utcnow()
    errors: list[FieldError] = []
    level = _level(intent_level, errors)
    _follow_up_errors(next_follow_up, store_today(now), errors)
    target, reason, note = _status_change(status, lost_reason, lost_note, errors)
    with uow:
        s = uow.session
        lead = s.get(Lead, lead_id)
        if lead is None:
            raise NotFound(what="lead", id=lead_id)
        check_version(lead, expected_version)
        _check_owner(actor, lead)
        if target is not None and target != lead.status and not can_move_lead(lead.status, target):
            errors.append(FieldError("status", "status_transition", {"from": lead.status, "to": target.value}))
        if target is L.FOLLOWING and lead.lost_reason == LostReason.CONSENT_WITHDRAWN:
            errors.append(FieldError("status", "consent_required"))
        if errors:
            raise ValidationFailed(errors)
        if target is not None and target != lead.status:
            move_lead(
                s, lead, target, now=now, actor_id=actor.user_id, reason=reason.value if reason else None, note=note
            )
            if target is L.LOST:
                lead.lost_reason, lead.lost_note = reason.value if reason else None, note
        if lead.status in (L.NEW, L.FOLLOWING):
            if level is not None:
                lead.intent_level = level.value
            if next_follow_up is not None:
                lead.next_follow_up = next_follow_up
        lead.updated_by_id = actor.user_id
        commit(uow)
        return lead_dto(s, lead)


def reassign_customer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    customer_id: int,
    expected_version: int,
    consultant_id: int,
    reason: str,
    now: dt.datetime | None = None,
) -> list[LeadDTO]:
    """Move a customer and their open leads to another consultant (e.g. one who left). Their
    next visits go to the new consultant. Returns the moved leads."""
    require(actor, Action.REASSIGN_LEADS)
    now = now or utcnow()
    reason = clean_text(reason)
    errors = []
    if not reason:
        errors.append(FieldError("reason", "required"))
    elif len(reason) > MAX_NOTES_LENGTH:
        errors.append(FieldError("reason", "too_long", {"max": MAX_NOTES_LENGTH}))
    with uow:
        s = uow.session
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="customer", id=customer_id)
        check_version(customer, expected_version)
        if not is_active_consultant(s, consultant_id):
            errors.append(FieldError("consultant_id", "not_a_consultant"))
        if errors:
            raise ValidationFailed(errors)
        # The customer's history and the new consultant's notice too (issue #17.13).
        moved = move_customer(s, customer, consultant_id, actor, reason, now)
        commit(uow)
        return lead_dtos(s, moved)
