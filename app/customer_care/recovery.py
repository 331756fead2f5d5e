"""Service recovery (服务补救, T/CSCA 120031 5.2.8; issue #19.4).

A case opens by itself from an unsatisfied survey or call. Then, in this order: the apology is
recorded; the failure is classified and a compensation proposed (type and value); a
compensation other than "none" waits for a sales manager's approval; once approved (or with
none) a follow-up call is planned to confirm the customer is satisfied. A satisfied answer on
that call closes the case; an unsatisfied one reopens it for another apology and compensation.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.validation import clean_text
from app.customer_care.clock import RECOVERY_CHECK_HOURS, server_now
from app.customer_care.dto import RecoveryCaseDTO
from app.customer_care.settings import settings_row
from app.customer_care.task_rows import active_managers, add_task, staff_name
from db.care_models import FollowUpTask, RecoveryCase, RecoveryStatus, TaskKind, TaskOutcome
from db.models import Role, StaffUser
from db.reception_models import Customer
from db.uow import UnitOfWork

FAILURE_CLASSES = ("product", "delivery", "attitude", "price", "paperwork", "waiting", "other")
COMPENSATION_TYPES = ("none", "gift", "voucher", "free_service", "cash", "other")
MAX_COMPENSATION_FEN = 10_000_000  # ¥100,000: anything larger is not a recovery but a dispute
MAX_NOTE = 1000
SUBJECT_CASE = "recovery_case"


def open_case(s: Session, *, customer_id: int, deal_id: int | None, reason: str, now: dt.datetime,
              actor_id: int, survey_response_id: int | None = None,
              source_task_id: int | None = None) -> RecoveryCase:  # fmt: skip
    """A new case in the caller's transaction, owned by the store's customer-care person when
    it named one, else by whoever recorded the unsatisfied answer if they may work the case,
    else by a sales manager (a consultant's unhappy call is not theirs to compensate)."""
    setting = settings_row(s)
    owner = setting.care_staff_id if setting is not None and setting.care_staff_id else None
    if owner is None:
        actor = s.get(StaffUser, actor_id)
        managers = active_managers(s)
        may = actor is not None and can(actor.role_set, Action.MANAGE_RECOVERY)
        owner = actor_id if may or not managers else managers[0]
    case = RecoveryCase(
        status=RecoveryStatus.OPEN, customer_id=customer_id, deal_id=deal_id, reason=reason[:MAX_NOTE],
        owner_id=owner, opened_at=now, survey_response_id=survey_response_id, source_task_id=source_task_id,
        compensation_fen=0, updated_at=now, updated_by_id=actor_id,
    )  # fmt: skip
    s.add(case)
    s.flush()
    return case


def confirmation_result(s: Session, task: FollowUpTask, outcome: str, *, actor_id: int, now: dt.datetime) -> None:
    """The confirmation call's answer: satisfied closes the case, unsatisfied reopens it."""
    case = s.get(RecoveryCase, task.subject_id) if task.subject_type == SUBJECT_CASE and task.subject_id else None
    if case is None or case.status != RecoveryStatus.CHECKING:
        return
    if outcome == TaskOutcome.SATISFIED:
        case.status, case.closed_at = RecoveryStatus.CLOSED, now
    elif outcome == TaskOutcome.UNSATISFIED:
        case.status, case.approved_at, case.approved_by_id = RecoveryStatus.OPEN, None, None
    case.updated_at, case.updated_by_id = now, actor_id


def case_dto(s: Session, c: RecoveryCase) -> RecoveryCaseDTO:
    customer = s.get(Customer, c.customer_id)
    return RecoveryCaseDTO(
        id=c.id, status=c.status, customer_id=c.customer_id, customer_name=(customer.name if customer else None) or "",
        deal_id=c.deal_id, owner_id=c.owner_id, owner_name=staff_name(s, c.owner_id), reason=c.reason,
        opened_at=c.opened_at, apology_note=c.apology_note, apology_at=c.apology_at, failure_class=c.failure_class,
        compensation_type=c.compensation_type, compensation_fen=c.compensation_fen,
        compensation_note=c.compensation_note, approved_at=c.approved_at,
        approved_by_name=staff_name(s, c.approved_by_id), check_task_id=c.check_task_id, closed_at=c.closed_at,
        version=c.version,
    )  # fmt: skip


def list_recovery_cases(uow: UnitOfWork, *, actor: Actor, include_closed: bool = False) -> list[RecoveryCaseDTO]:
    """Open cases (with closed ones on request): the owner's own, a sales manager's all."""
    require(actor, Action.MANAGE_RECOVERY)
    with uow:
        s = uow.session
        q = select(RecoveryCase)
        if not include_closed:
            q = q.where(RecoveryCase.status != RecoveryStatus.CLOSED)
        if not actor.has(Role.SALES_MANAGER):
            q = q.where(RecoveryCase.owner_id == actor.user_id)
        return [case_dto(s, c) for c in s.scalars(q.order_by(RecoveryCase.opened_at.desc()).limit(500))]


def _case(s: Session, case_id: int, expected_version: int) -> RecoveryCase:
    case = s.get(RecoveryCase, case_id)
    if case is None:
        raise NotFound(what="recovery_case", id=case_id)
    check_version(case, expected_version)
    return case


def _refuse(field: str, code: str, **params) -> None:
    raise ValidationFailed([FieldError(field, code, params)])


def record_apology(uow: UnitOfWork, *, actor: Actor, case_id: int, expected_version: int, note: str,
                   now: dt.datetime | None = None) -> RecoveryCaseDTO:  # fmt: skip
    """5.2.8: the apology made to the customer (what was said, by whom, when)."""
    require(actor, Action.MANAGE_RECOVERY)
    note = clean_text(note or "")
    with uow:
        s = uow.session
        case = _case(s, case_id, expected_version)
        if case.status != RecoveryStatus.OPEN:
            _refuse("apology_note", "recovery_wrong_step")
        if not note or len(note) > MAX_NOTE:
            _refuse("apology_note", "recovery_note_required", max=MAX_NOTE)
        now = now or server_now(s)
        case.apology_note, case.apology_at, case.apology_by_id = note, now, actor.user_id
        case.updated_at, case.updated_by_id = now, actor.user_id
        commit(uow)
        return case_dto(s, case)


def _compensation_errors(failure_class: str, kind: str, fen: int) -> list[FieldError]:
    errors = []
    if failure_class not in FAILURE_CLASSES:
        errors.append(FieldError("failure_class", "unknown_value"))
    if kind not in COMPENSATION_TYPES:
        errors.append(FieldError("compensation_type", "unknown_value"))
    elif kind == "none" and fen:
        errors.append(FieldError("compensation_fen", "recovery_value_without_compensation"))
    elif kind != "none" and not 0 < fen <= MAX_COMPENSATION_FEN:
        errors.append(FieldError("compensation_fen", "recovery_value_range", {"max": MAX_COMPENSATION_FEN // 100}))
    return errors


def propose_compensation(uow: UnitOfWork, *, actor: Actor, case_id: int, expected_version: int,
                         failure_class: str, compensation_type: str, compensation_fen: int, note: str = "",
                         now: dt.datetime | None = None) -> RecoveryCaseDTO:  # fmt: skip
    """Classify the failure and propose the compensation, after the apology. "none" goes
    straight to the confirmation call; anything else waits for a sales manager's approval."""
    require(actor, Action.MANAGE_RECOVERY)
    note = clean_text(note or "")
    with uow:
        s = uow.session
        case = _case(s, case_id, expected_version)
        if case.status != RecoveryStatus.OPEN:
            _refuse("failure_class", "recovery_wrong_step")
        if case.apology_at is None:
            _refuse("apology_note", "recovery_apology_first")
        errors = _compensation_errors(failure_class, compensation_type, compensation_fen)
        if errors:
            raise ValidationFailed(errors)
        now = now or server_now(s)
        case.failure_class, case.compensation_type = failure_class, compensation_type
        case.compensation_fen, case.compensation_note = compensation_fen, note[:MAX_NOTE]
        case.updated_at, case.updated_by_id = now, actor.user_id
        if compensation_type == "none":
            _start_check(s, case, actor.user_id, now)
        else:
            case.status = RecoveryStatus.AWAITING_APPROVAL
        commit(uow)
        return case_dto(s, case)


def _start_check(s: Session, case: RecoveryCase, actor_id: int, now: dt.datetime) -> None:
    task = add_task(
        s, kind=TaskKind.RECOVERY_CHECK, assignee_id=case.owner_id,
        due_at=now + dt.timedelta(hours=RECOVERY_CHECK_HOURS), subject=f"服务补救回访 #{case.id}", now=now,
        actor_id=actor_id, customer_id=case.customer_id, deal_id=case.deal_id, subject_type=SUBJECT_CASE,
        subject_id=case.id,
    )  # fmt: skip
    case.status, case.check_task_id = RecoveryStatus.CHECKING, task.id


def approve_compensation(uow: UnitOfWork, *, actor: Actor, case_id: int, expected_version: int,
                         now: dt.datetime | None = None) -> RecoveryCaseDTO:  # fmt: skip
    """5.2.8: a sales manager approves the proposed compensation; the confirmation call follows."""
    require(actor, Action.APPROVE_COMPENSATION)
    with uow:
        s = uow.session
        case = _case(s, case_id, expected_version)
        if case.status != RecoveryStatus.AWAITING_APPROVAL:
            _refuse("compensation_type", "recovery_wrong_step")
        now = now or server_now(s)
        case.approved_at, case.approved_by_id = now, actor.user_id
        case.updated_at, case.updated_by_id = now, actor.user_id
        _start_check(s, case, actor.user_id, now)
        commit(uow)
        return case_dto(s, case)
