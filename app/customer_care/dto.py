"""What the customer-care services return (frozen DTOs, each with its change set)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.dto import Changes
from app.core.masking import mask_mobile, mask_name


@dataclass(frozen=True)
class TaskDTO:
    id: int
    kind: str  # db.care_models.TaskKind
    status: str
    assignee_id: int
    assignee_name: str
    customer_id: int | None
    customer_name: str
    mobile: str  # for the call; "" once the customer is anonymised
    deal_id: int | None
    subject: str
    due_at: dt.datetime
    overdue: bool  # on the server clock: escalated to the sales manager
    attempts: int
    next_try_at: dt.datetime | None
    outcome: str | None
    outcome_note: str
    done_at: dt.datetime | None
    version: int
    changes: Changes = field(default_factory=lambda: Changes(tasks=True), compare=False, repr=False)

    @property
    def customer_name_masked(self) -> str:
        """The lists show 周** and 139****5678 (PIPL); the call dialog shows the number to dial."""
        return mask_name(self.customer_name)

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)


@dataclass(frozen=True)
class TaskListDTO:
    """The Customer care page's task lists, computed at `now` (the server's clock)."""

    now: dt.datetime
    today: tuple[TaskDTO, ...]  # open, due by the end of the store's day (overdue included)
    overdue: tuple[TaskDTO, ...]
    later: tuple[TaskDTO, ...]
    everyone: bool  # a manager's view of every assignee's tasks


@dataclass(frozen=True)
class OutcomeDTO:
    """The task after an outcome, and the recovery case the outcome opened (if any)."""

    task: TaskDTO
    recovery_case_id: int | None
    next_task_id: int | None  # the lead's next follow-up, when one was planned

    @property
    def changes(self) -> Changes:
        return Changes(tasks=True, ids=frozenset({self.task.id}))


@dataclass(frozen=True)
class CareNoticeDTO:
    task_id: int
    kind: str  # "assigned" or "escalated"
    subject: str
    due_at: dt.datetime
    assignee_name: str


@dataclass(frozen=True)
class CareSettingsDTO:
    delivery_caller: str  # db.care_models.DeliveryCaller
    care_staff_id: int | None
    lead_interval_days: dict[str, int]
    first_service_days: dict[str, int]  # brand -> days; "*" = any other brand
    version: int  # 0 while the store has saved nothing yet

    @property
    def changes(self) -> Changes:
        return Changes(tasks=True)


@dataclass(frozen=True)
class PlannedDTO:
    created: int

    @property
    def changes(self) -> Changes:
        return Changes(tasks=True)


@dataclass(frozen=True)
class SurveyQuestionDTO:
    id: str
    kind: str  # "score", "yes_no", "choice", "text"
    zh: str
    en: str
    required: bool
    min: int = 1
    max: int = 5
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyTemplateDTO:
    id: int | None  # None: the default, not yet published in this store
    key: str
    template_version: int
    title_zh: str
    title_en: str
    questions: tuple[SurveyQuestionDTO, ...]
    rule: dict


@dataclass(frozen=True)
class SurveyResponseDTO:
    id: int
    template_key: str
    template_version: int
    customer_id: int
    deal_id: int | None
    answers: dict
    satisfied: bool
    recorded_at: dt.datetime
    recovery_case_id: int | None

    @property
    def changes(self) -> Changes:
        return Changes(tasks=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class RecoveryCaseDTO:
    id: int
    status: str  # db.care_models.RecoveryStatus
    customer_id: int
    customer_name: str
    deal_id: int | None
    owner_id: int
    owner_name: str
    reason: str
    opened_at: dt.datetime
    apology_note: str
    apology_at: dt.datetime | None
    failure_class: str | None
    compensation_type: str | None
    compensation_fen: int
    compensation_note: str
    approved_at: dt.datetime | None
    approved_by_name: str
    check_task_id: int | None
    closed_at: dt.datetime | None
    version: int

    @property
    def changes(self) -> Changes:
        return Changes(tasks=True, ids=frozenset({self.id}))

    @property
    def customer_name_masked(self) -> str:
        return mask_name(self.customer_name)
