"""A visit after check-in: the consultant starts it, ends it with an outcome and an intent
level; a visitor who leaves before being served is marked so by the desk.

Ending a visit with a known (consenting) customer records their leads (意向): one per
customer and model of interest (4.2.3.2), the inputs of the 3.12 / 3.13 KPIs.
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today, utcnow
from app.reception.rules import (
    INTENT_LEVELS,
    MAX_FOLLOW_UP_DAYS,
    MAX_NOTES_LENGTH,
    OUTCOMES_NEEDING_INTENT,
    default_follow_up,
    looks_like_id_number,
)
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import check_version, commit, retry_transient
from app.core.dto import Actor, Changes
from app.core.validation import clean_text
from app.reception.lead_changes import record_visit_leads
from app.reception.notifications import emit
from app.reception.dto import EndVisitResultDTO, VisitDTO
from app.reception.rotation import assign_waiting, lock_rotation
from app.reception.support import changed_visit_dto, lead_dtos, may_contact, visit_dto
from db.models import Role
from db.reception_models import Customer, EventKind, IntentLevel, Visit, VisitOutcome, VisitStatus
from db.uow import UnitOfWork


def _own_visit(actor: Actor, visit: Visit) -> None:
    """Consultants act on their own visits; a sales manager on any."""
    if not actor.has(Role.SALES_MANAGER) and visit.consultant_id != actor.user_id:
        raise PermissionDenied(action=str(Action.SERVE_VISITORS), reason="not_own_visit")


def _load(uow: UnitOfWork, visit_id: int, expected_version: int) -> Visit:
    visit = uow.session.get(Visit, visit_id)
    if visit is None:
        raise NotFound(what="visit", id=visit_id)
    check_version(visit, expected_version)
    return visit


@retry_transient  # issue #8.3: one transaction, run again if the database was busy
def start_visit(
    uow: UnitOfWork, *, actor: Actor, visit_id: int, expected_version: int, now: dt.datetime | None = None
) -> VisitDTO:
    """The consultant meets the visitor: waiting -> with_consultant (waiting time stops)."""
    require(actor, Action.SERVE_VISITORS)
    now = now or utcnow()
    with uow:
        visit = _load(uow, visit_id, expected_version)
        _own_visit(actor, visit)
        if visit.status != VisitStatus.WAITING or visit.consultant_id is None:
            raise ValidationFailed([FieldError("visit", "visit_not_waiting", {"status": visit.status})])
        visit.status, visit.started_at = VisitStatus.WITH_CONSULTANT.value, now
        visit.updated_by_id = actor.user_id
        emit(uow.session, kind=EventKind.STARTED, visit_id=visit.id, consultant_id=visit.consultant_id, at=now)
        commit(uow)
        return changed_visit_dto(uow.session, visit)


@retry_transient  # issue #8.3: one transaction, run again if the database was busy
def end_visit(
    uow: UnitOfWork,
    *,
    actor: Actor,
    visit_id: int,
    expected_version: int,
    outcome: str,
    intent_level: str | None = None,
    next_follow_up: dt.date | None = None,
    had_test_drive: bool = False,
    ordered_model: tuple[str, str] | None = None,
    notes: str | None = None,
    now: dt.datetime | None = None,
) -> EndVisitResultDTO:
    """Close a visit with its outcome. Intent level (H/A/B/C) is required after information,
    a quote or a test drive. With a consenting customer, leads are created or updated for
    each model of interest; an order moves `ordered_model` (needed when the visitor looked
    at several models) to ordered. The next follow-up defaults from the intent level."""
    require(actor, Action.SERVE_VISITORS)
    now = now or utcnow()
    today = store_today(now)
    errors: list[FieldError] = []
    result, level, note_text = _check_outcome(outcome, intent_level, next_follow_up, notes, today, errors)
    with uow:
        s = uow.session
        lock_rotation(s)
        visit = _load(uow, visit_id, expected_version)
        _own_visit(actor, visit)
        if visit.status == VisitStatus.FINISHED:
            errors.append(FieldError("visit", "visit_finished"))
        ordered = _ordered(visit, result, ordered_model, errors)
        if errors:
            raise ValidationFailed(errors)
        customer = s.get(Customer, visit.customer_id) if visit.customer_id else None
        if customer is not None and not may_contact(s, customer):
            customer = None  # consent withdrawn meanwhile: nothing more is recorded about them
        follow_up = _follow_up(next_follow_up, level, customer, result, today)
        _finish(visit, result, level, follow_up, had_test_drive, note_text, now, actor)
        leads = []
        if customer is not None and result is not VisitOutcome.LEFT:
            leads = record_visit_leads(
                s,
                visit,
                customer,
                intent_level=level,
                next_follow_up=follow_up,
                ordered_model=ordered,
                actor_id=actor.user_id,
                now=now,
            )
        emit(s, kind=EventKind.FINISHED, visit_id=visit.id, consultant_id=visit.consultant_id, at=now)
        s.flush()
        assign_waiting(s, day=today, now=now, by_id=actor.user_id)
        commit(uow)
        return EndVisitResultDTO(
            visit=visit_dto(s, visit),
            leads=tuple(lead_dtos(s, leads)),
            changes=Changes(reception=True, ids=frozenset({visit.id})),
        )


def _follow_up(
    given: dt.date | None, level: IntentLevel | None, customer, result: VisitOutcome, today: dt.date
) -> dt.date | None:
    """The next follow-up: as given, else from the intent level for a customer still to follow."""
    if (
        given is None
        and level is not None
        and customer is not None
        and result not in (VisitOutcome.ORDER, VisitOutcome.LEFT)
    ):
        return default_follow_up(level, today)
    return given


def _finish(
    visit: Visit,
    result: VisitOutcome,
    level: IntentLevel | None,
    follow_up: dt.date | None,
    had_test_drive: bool,
    note_text: str | None,
    now: dt.datetime,
    actor: Actor,
) -> None:
    visit.status, visit.finished_at = VisitStatus.FINISHED.value, now
    visit.outcome = result.value
    # A drive completed during the visit (issue #6) already set the flag: keep it.
    visit.had_test_drive = visit.had_test_drive or bool(had_test_drive) or result is VisitOutcome.TEST_DRIVE
    visit.intent_level = level.value if level else None
    visit.next_follow_up = follow_up
    if note_text is not None:
        visit.notes = note_text
    visit.updated_by_id = actor.user_id


def _check_outcome(
    outcome: str,
    intent_level: str | None,
    next_follow_up: dt.date | None,
    notes: str | None,
    today: dt.date,
    errors: list[FieldError],
):
    """(outcome, intent level, notes) as given, each bad one noted in `errors`: intent is
    required after information, a quote or a test drive; notes never hold an ID number."""
    try:
        result = VisitOutcome(outcome)
    except ValueError:
        result = None
        errors.append(FieldError("outcome", "unknown_value"))
    level = None
    if intent_level:
        try:
            level = IntentLevel(intent_level)
        except ValueError:
            errors.append(FieldError("intent_level", "unknown_value"))
    elif result in OUTCOMES_NEEDING_INTENT:
        errors.append(FieldError("intent_level", "required"))
    latest = today + dt.timedelta(days=MAX_FOLLOW_UP_DAYS)
    if next_follow_up is not None and not today <= next_follow_up <= latest:
        errors.append(
            FieldError("next_follow_up", "out_of_range", {"min": today.isoformat(), "max_days": MAX_FOLLOW_UP_DAYS})
        )
    note_text = clean_text(notes) if notes is not None else None  # as pasted (issue #17.3)
    if note_text and len(note_text) > MAX_NOTES_LENGTH:
        errors.append(FieldError("notes", "too_long", {"max": MAX_NOTES_LENGTH}))
    elif note_text and looks_like_id_number(note_text):
        errors.append(FieldError("notes", "id_number_not_allowed"))
    return result, level, note_text


def _ordered(visit: Visit, result, ordered_model, errors: list[FieldError]):
    """The (brand, model) ordered: the one named, which must be of interest, or the only one."""
    if result is not VisitOutcome.ORDER:
        return None
    interests = [tuple(x) for x in (visit.interested_models or [])]
    if ordered_model is not None:
        ordered = tuple(str(x).strip() for x in ordered_model)
        if ordered not in interests:
            errors.append(FieldError("ordered_model", "not_an_interest", {"model": " ".join(ordered)}))
        return ordered
    if len(interests) == 1:
        return interests[0]
    errors.append(FieldError("ordered_model", "required"))
    return None


@retry_transient  # issue #8.3: one transaction, run again if the database was busy
def visitor_left(
    uow: UnitOfWork, *, actor: Actor, visit_id: int, expected_version: int, now: dt.datetime | None = None
) -> VisitDTO:
    """A waiting visitor left before anyone served them (outcome "left"). The desk may record
    it for anyone, a consultant for a visitor assigned to them."""
    if not (can(actor.roles, Action.CHECK_IN_VISITORS) if actor else False):
        require(actor, Action.SERVE_VISITORS)
    now = now or utcnow()
    with uow:
        s = uow.session
        lock_rotation(s)
        visit = _load(uow, visit_id, expected_version)
        if not can(actor.roles, Action.CHECK_IN_VISITORS):
            _own_visit(actor, visit)
        if visit.status != VisitStatus.WAITING:
            raise ValidationFailed([FieldError("visit", "visit_not_waiting", {"status": visit.status})])
        visit.status, visit.finished_at = VisitStatus.FINISHED.value, now
        visit.outcome, visit.updated_by_id = VisitOutcome.LEFT.value, actor.user_id
        emit(s, kind=EventKind.FINISHED, visit_id=visit.id, consultant_id=visit.consultant_id, at=now)
        s.flush()
        assign_waiting(s, day=store_today(now), now=now, by_id=actor.user_id)
        commit(uow)
        return changed_visit_dto(s, visit)


def intent_level_definitions() -> list:
    """H/A/B/C with their meaning (buy within N days) and follow-up interval, for the form."""
    return [INTENT_LEVELS[level] for level in IntentLevel]
