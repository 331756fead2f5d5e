"""Customer care after the sale (客户关怀, T/CSCA 120031 3.14, 3.18, 4.2.3.4, 4.5.1.2, 4.5.2.3, 5.2.8).

`follow_up_task`: a call someone must make by a deadline: the disclosure follow-up of a sale
(4.2.3.4), the 72-hour delivery call (3.14, 4.5.1.2), the first-service reminder (首保), the
follow-up of a retained lead (意向) and the call that confirms a service recovery (5.2.8). Every
try is a `task_attempt` row (who, when, what came of it): those timestamps feed the KPIs (3.14).
`subject_type`/`subject_id` name what the task is about beyond the customer and the deal (a
handover, a lead, a recovery case), as documents name theirs.

`care_notice_seen`: who has seen which task's notice ("assigned", "escalated") on their PC; a
notice not seen yet is shown at the next login, so a terminal offline when a task was assigned
or escalated catches up.

`care_setting` (one row) and `first_service_interval` (per brand): what the store chose.
`survey_template`: questionnaires as versioned data (like the PDI checklists), each with the
rule that derives "satisfied" from the answers (3.18, 4.5.2.3). `survey_response`: the answers
against a customer and a deal. `recovery_case`: a service recovery (5.2.8).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class TaskKind(StrEnum):
    DISCLOSURE = "disclosure"  # 4.2.3.4: follow up what was disclosed before the contract
    DELIVERY_CALL = "delivery_call"  # 3.14, 4.5.1.2: call within 72 hours of pick-up
    FIRST_SERVICE = "first_service"  # 首保: remind the owner of the first service
    LEAD_FOLLOW_UP = "lead_follow_up"  # 4.2.3.2: a retained lead, by its intent level
    RECOVERY_CHECK = "recovery_check"  # 5.2.8: is the customer satisfied after the recovery?


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskOutcome(StrEnum):
    SATISFIED = "satisfied"  # reached, and satisfied
    UNSATISFIED = "unsatisfied"  # reached, not satisfied (a reason is required)
    NOT_REACHED = "not_reached"  # nobody answered: tried again later, up to the limit


class DeliveryCaller(StrEnum):
    CONSULTANT = "consultant"  # the consultant who sold the car
    CUSTOMER_CARE = "customer_care"  # the store's named customer-care person


class RecoveryStatus(StrEnum):
    OPEN = "open"  # apology and compensation to record
    AWAITING_APPROVAL = "awaiting_approval"  # compensation proposed, a sales_manager approves it
    CHECKING = "checking"  # compensation given: the follow-up call confirms satisfaction
    CLOSED = "closed"  # the customer confirmed they are satisfied


class FollowUpTask(Versioned, Base):
    __tablename__ = "follow_up_task"
    # Issue #19.10: finding what is open and overdue is one range scan.
    __table_args__ = (
        Index("ix_follow_up_task_status_due_at", "status", "due_at"),
        Index("ix_follow_up_task_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(12), default=TaskStatus.OPEN, index=True)
    assignee_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id"), index=True)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # Issue #19 (migration 0020): not-reached tries so far and when to try again.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    next_try_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    subject_type: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(Integer)


class TaskAttempt(Base):
    """One try at a task: who, when, the outcome and its note. Never changed."""

    __tablename__ = "task_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("follow_up_task.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class CareNoticeSeen(Base):
    """A task's notice acknowledged on someone's PC ("assigned" or "escalated")."""

    __tablename__ = "care_notice_seen"

    task_id: Mapped[int] = mapped_column(ForeignKey("follow_up_task.id"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime)


SETTINGS_ID = 1  # the one row of care_setting


class CareSetting(Versioned, Base):
    """The store's choices (one row): who makes the 72-hour call, and how often retained leads
    are followed up by intent level (`lead_interval_days`: {"H": 1, "A": 3, ...}).

    One row by construction (migration 0023): its id is always 1, so a second terminal's
    first save meets the primary key instead of adding a second row."""

    __tablename__ = "care_setting"
    __table_args__ = (CheckConstraint("id = 1", name="singleton"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=SETTINGS_ID)
    delivery_caller: Mapped[str] = mapped_column(String(16), default=DeliveryCaller.CONSULTANT)
    care_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    lead_interval_days: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class FirstServiceInterval(Versioned, Base):
    """首保: days after delivery when the brand's first service is due ("*" = any other brand)."""

    __tablename__ = "first_service_interval"

    brand: Mapped[str] = mapped_column(String(60), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class SurveyTemplate(Versioned, Base):
    """One published version of a questionnaire. `definition`: the questions and the
    "satisfied" rule (app/customer_care/survey_rules.py). Only `current` ever changes."""

    __tablename__ = "survey_template"
    __table_args__ = (UniqueConstraint("key", "template_version", name="uq_survey_template_key_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    template_version: Mapped[int] = mapped_column(Integer)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class SurveyResponse(Base):
    """A customer's answers to one template version about one deal. Never changed."""

    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("survey_template.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id"), index=True)
    answers: Mapped[dict] = mapped_column(JSON)
    satisfied: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class RecoveryCase(Versioned, Base):
    """A service recovery (5.2.8): opened by an unsatisfied survey or call; apology, failure
    class, compensation (approved by a sales_manager), then a call confirms satisfaction."""

    __tablename__ = "recovery_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default=RecoveryStatus.OPEN, index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id"), index=True)
    survey_response_id: Mapped[int | None] = mapped_column(ForeignKey("survey_response.id"))
    source_task_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up_task.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    apology_note: Mapped[str] = mapped_column(Text, default="")
    apology_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    apology_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    failure_class: Mapped[str | None] = mapped_column(String(20))
    compensation_type: Mapped[str | None] = mapped_column(String(20))
    compensation_fen: Mapped[int] = mapped_column(Integer, default=0)
    compensation_note: Mapped[str] = mapped_column(Text, default="")
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    check_task_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up_task.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
