"""Frozen DTOs of the reception back end (issue #4): the UI never sees an ORM object.

Names and mobiles are carried in clear (search, the call back, the agreement's signer) and
offered masked as `*_masked` properties: screens and lists show only those (PIPL; docs/privacy.md).

Times are naive UTC (convert with app.core.clock.to_store_time for display); `day`/`month` fields
are store-local dates. Enum-valued fields hold the StrEnum values of db.reception_models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.reception.rules import Ratio
from app.core.dto import Changes
from app.core.masking import mask_mobile, mask_name


@dataclass(frozen=True)
class ModelInterest:
    """A model from the inventory (brand + model), e.g. ("比亚迪", "汉 DM-i")."""

    brand: str
    model: str

    @property
    def label(self) -> str:
        return f"{self.brand} {self.model}"


@dataclass(frozen=True)
class ModelChoiceDTO:
    brand: str
    model: str
    available: int  # cars of this model on display, in stock or in the test-drive fleet


@dataclass(frozen=True)
class ChannelDTO:
    id: int
    code: str
    name: str
    name_en: str
    active: bool
    sort_order: int
    version: int

    @property
    def changes(self) -> Changes:
        """What saving it touched: the check-in form's choices (issue #16)."""
        return Changes(reception=True)


@dataclass(frozen=True)
class ConsentTextDTO:
    id: int
    purpose: str
    version_label: str
    text_zh: str
    text_en: str
    effective_from: dt.datetime

    @property
    def changes(self) -> Changes:
        """What saving it touched: the check-in form's choices (issue #16)."""
        return Changes(reception=True)


@dataclass(frozen=True)
class ConsentDTO:
    id: int
    purpose: str
    consent_text_id: int
    version_label: str
    shown_at: dt.datetime
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None


@dataclass(frozen=True)
class CustomerDTO:
    id: int
    name: str | None
    mobile: str | None
    consultant_id: int | None
    consultant_name: str | None
    has_consent: bool  # an unwithdrawn consent to the contact purpose is on record
    anonymised: bool
    version: int
    # Set by a service that changed the customer (issue #17.13): what the pages refresh.
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)


@dataclass(frozen=True)
class VisitDTO:
    id: int
    arrival_at: dt.datetime
    visit_type: str
    channel_id: int
    channel_name: str
    party_size: int
    with_children: bool
    foreign_visitor: bool
    language: str | None
    interested_models: tuple[ModelInterest, ...]
    customer_id: int | None
    customer_name: str | None
    consultant_id: int | None
    consultant_name: str | None
    assigned_by: str | None
    assigned_at: dt.datetime | None
    override_reason: str | None
    status: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    outcome: str | None
    had_test_drive: bool
    intent_level: str | None
    next_follow_up: dt.date | None
    notes: str
    consent_text_id: int | None
    consent_shown_at: dt.datetime | None
    consent_given: bool
    appointment_id: int | None
    version: int
    channel_name_en: str = ""  # the channel's English name, shown in the English UI (issue #17.11)
    # Set by the service that changed this visit: what the UI refreshes (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def customer_name_masked(self) -> str:
        """周** on the queue board and wherever a visit is listed (PIPL: masked on screen)."""
        return mask_name(self.customer_name)

    def waiting_seconds(self, now: dt.datetime) -> int:
        """From arrival until a consultant started (or until now while still waiting)."""
        end = self.started_at or ((self.finished_at or now) if self.status == "finished" else now)
        return max(0, int((end - self.arrival_at).total_seconds()))

    def duration_seconds(self, now: dt.datetime) -> int | None:
        """Time with the consultant (None if never started)."""
        if self.started_at is None:
            return None
        return max(0, int(((self.finished_at or now) - self.started_at).total_seconds()))


@dataclass(frozen=True)
class CheckInResultDTO:
    visit: VisitDTO
    customer: CustomerDTO | None
    # Codes the desk must show: "child_safety" (4.2.1.4), "foreign_visitor_policies" (4.2.3.3).
    reminders: tuple[str, ...]
    # Why the consultant was chosen when it is not the obvious one, e.g.
    # "own_consultant_off_duty" (went to rotation) or "no_consultant_available" (waits).
    assignment_note: str = ""
    # What the check-in touched, published by the UI's one operation path (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(reception=True), compare=False, repr=False)


@dataclass(frozen=True)
class DutyDTO:
    day: dt.date
    consultant_id: int
    consultant_name: str
    on_duty: bool
    away: bool
    away_since: dt.datetime | None
    rotation_order: int
    state: str  # "available" | "busy" | "away" | "off_duty"
    rotation_count: int  # visits given by rotation today
    visits_today: int  # all visits assigned today (rotation, own customers, overrides)
    current_visit_id: int | None
    version: int
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)


@dataclass(frozen=True)
class QueueBoardDTO:
    day: dt.date
    now: dt.datetime
    waiting: tuple[VisitDTO, ...]
    with_consultant: tuple[VisitDTO, ...]
    finished: tuple[VisitDTO, ...]
    duty: tuple[DutyDTO, ...]


@dataclass(frozen=True)
class LeadDTO:
    id: int
    customer_id: int
    customer_name: str | None
    customer_mobile: str | None
    brand: str
    model: str
    consultant_id: int
    consultant_name: str
    status: str
    lost_reason: str | None
    lost_note: str
    intent_level: str | None
    next_follow_up: dt.date | None
    source_visit_id: int | None
    created_at: dt.datetime
    status_changed_at: dt.datetime
    version: int
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def customer_name_masked(self) -> str:
        return mask_name(self.customer_name)

    @property
    def customer_mobile_masked(self) -> str:
        return mask_mobile(self.customer_mobile)


@dataclass(frozen=True)
class LeadPageDTO:
    """One page of the leads list (leads.list_lead_page)."""

    rows: tuple[LeadDTO, ...]
    # Pass back as LeadQuery.after for the next page; None: this was the last.
    next_after: tuple[dt.date | None, int] | None
    total: int | None = None  # every lead the query matches; counted with the first page only


@dataclass(frozen=True)
class LeadChangeDTO:
    at: dt.datetime
    from_status: str | None
    to_status: str
    by_user_id: int | None
    reason: str | None
    note: str


@dataclass(frozen=True)
class EndVisitResultDTO:
    visit: VisitDTO
    leads: tuple[LeadDTO, ...]  # leads created or updated from this visit
    changes: Changes = field(default_factory=lambda: Changes(reception=True), compare=False, repr=False)


@dataclass(frozen=True)
class AppointmentDTO:
    id: int
    customer_id: int
    customer_name: str | None
    customer_mobile: str | None
    consultant_id: int
    consultant_name: str
    scheduled_at: dt.datetime
    purpose: str
    note: str
    status: str
    cancel_reason: str
    visit_id: int | None
    version: int
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def customer_name_masked(self) -> str:
        return mask_name(self.customer_name)

    @property
    def customer_mobile_masked(self) -> str:
        return mask_mobile(self.customer_mobile)


@dataclass(frozen=True)
class VisitSummaryDTO:
    id: int
    arrival_at: dt.datetime
    visit_type: str
    consultant_id: int | None
    consultant_name: str | None
    status: str
    outcome: str | None
    intent_level: str | None


@dataclass(frozen=True)
class CustomerHistoryDTO:
    """What the desk sees when a known mobile number is typed."""

    customer: CustomerDTO
    visits: tuple[VisitSummaryDTO, ...]  # newest first
    leads: tuple[LeadDTO, ...]
    upcoming_appointments: tuple[AppointmentDTO, ...]
    consents: tuple[ConsentDTO, ...]


@dataclass(frozen=True)
class CountRow:
    key: str  # hour "09", channel code, visit type, consultant id as text ("" = unassigned)
    label: str  # channel or consultant name where there is one; else the key
    visits: int
    people: int  # sum of party sizes
    label_en: str = ""  # a channel's English name (issue #17.11)


@dataclass(frozen=True)
class AppointmentTallyDTO:
    """Appointments booked for a period and what became of them (the traffic report)."""

    booked: int  # all appointments scheduled in the period
    arrived: int
    cancelled: int
    no_show: int
    open: int  # still booked

    @property
    def no_show_percent(self) -> float | None:
        """No-shows among the appointments that were due and not cancelled."""
        due = self.arrived + self.no_show
        return None if due == 0 else 100.0 * self.no_show / due


@dataclass(frozen=True)
class TrafficReportDTO:
    start_day: dt.date
    end_day: dt.date  # inclusive
    visits: int
    people: int
    by_hour: tuple[CountRow, ...]  # store-local hours 00..23, all present
    by_channel: tuple[CountRow, ...]
    by_visit_type: tuple[CountRow, ...]
    by_consultant: tuple[CountRow, ...]
    by_outcome: tuple[CountRow, ...]
    # Appointments scheduled in the period and what became of them: no-shows count (#17.12).
    appointments: AppointmentTallyDTO = AppointmentTallyDTO(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class SnapshotDTO:
    month: dt.date
    retained_count: int
    taken_at: dt.datetime
    taken_by_id: int | None
    lead_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MonthKpiDTO:
    """Inputs and results of 3.12 and 3.13 for one store-local month."""

    month: dt.date
    visits: int
    new_leads: int  # 本月新增意向: leads with a person's contact created in the month
    retained_last_month: int  # 上月留存意向 (from the snapshot when there is one)
    retained_last_month_from_snapshot: bool
    retained_at_month_end: int | None  # intentions retained at its end; None while it runs
    orders: int  # 月成交订单数: contracts signed in the month
    test_drives: int  # test drives returned in the month
    closure_rate: Ratio  # 3.12
    test_drive_rate: Ratio  # 3.13
