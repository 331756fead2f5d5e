"""Reception (展厅前台) tables: visitors, consent, duty roster, leads, appointments, change events.

T/CSCA 120031-2023 4.2.1.1: the front desk receives walk-in and invited customers and routes
them to a consultant. The visit log feeds the closure-rate (3.12) and test-drive-rate (3.13)
KPIs, so visits, leads and lead status changes are kept honest: status history is append-only
and month-end lead snapshots are immutable.

Registered on `db.models.Base.metadata` by the import at the end of db/models.py.
Times are naive UTC; `DutyRoster.day` and snapshot months are store-local dates (app.core.clock).
Personal data (name, mobile) lives only on `Customer`, and only with a consent on record (PIPL).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from db.models import Base, Versioned, _now


class VisitType(StrEnum):
    WALK_IN = "walk_in"  # 自然到店
    INVITED = "invited"  # 邀约到店
    APPOINTMENT = "appointment"  # 预约到店
    RETURN_VISIT = "return_visit"  # 再次到店


class VisitStatus(StrEnum):
    WAITING = "waiting"
    WITH_CONSULTANT = "with_consultant"
    FINISHED = "finished"


class AssignedBy(StrEnum):
    ROTATION = "rotation"  # 轮流接待: next available consultant on duty
    OWN_CONSULTANT = "own_consultant"  # the customer's / invitation's / appointment's consultant
    OVERRIDE = "override"  # chosen by hand, with a reason on record


class VisitOutcome(StrEnum):
    INFORMATION = "information"
    QUOTE = "quote"
    TEST_DRIVE = "test_drive"
    ORDER = "order"
    LEFT = "left"


class IntentLevel(StrEnum):
    H = "H"
    A = "A"
    B = "B"
    C = "C"


class LeadStatus(StrEnum):
    NEW = "new"
    FOLLOWING = "following"
    ORDERED = "ordered"
    LOST = "lost"


class LostReason(StrEnum):
    BOUGHT_OTHER_BRAND = "bought_other_brand"
    BOUGHT_OTHER_DEALER = "bought_other_dealer"
    PRICE = "price"
    POSTPONED = "postponed"
    UNREACHABLE = "unreachable"
    CONSENT_WITHDRAWN = "consent_withdrawn"  # set by the system only (PIPL art. 15, 47)
    OTHER = "other"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class AppointmentPurpose(StrEnum):
    CONSULTATION = "consultation"
    TEST_DRIVE = "test_drive"
    NEGOTIATION = "negotiation"
    DELIVERY = "delivery"
    OTHER = "other"


class ConsentPurpose(StrEnum):
    # Keep the name and mobile and contact the customer about the car(s) of interest.
    CONTACT = "contact"


class EventKind(StrEnum):
    CHECKED_IN = "checked_in"
    ASSIGNED = "assigned"  # a visit got (or changed) its consultant: that terminal shows a notice
    STARTED = "started"
    FINISHED = "finished"
    DUTY_CHANGED = "duty_changed"
    APPOINTMENT_CHANGED = "appointment_changed"
    # A manager gave a customer to another consultant (issue #17.13): that consultant's notice.
    CUSTOMER_REASSIGNED = "customer_reassigned"


class SourceChannel(Versioned, Base):
    """Where a visitor heard of us (来源渠道): a list the sales manager keeps."""

    __tablename__ = "source_channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ConsentText(Base):
    """A published consent notice (PIPL art. 14, 17). Immutable: a change is a new version."""

    __tablename__ = "consent_text"
    __table_args__ = (UniqueConstraint("purpose", "version_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32))
    version_label: Mapped[str] = mapped_column(String(20))
    text_zh: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[dt.datetime] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


NO_CONTACT = text("mobile IS NULL OR anonymised_at IS NOT NULL")


class Customer(Versioned, Base):
    """A known visitor. Name and mobile exist only while a consent is on record (PIPL)."""

    __tablename__ = "customer"
    # Prefix look-ups (app/reception/search.py): a name's start, a mobile's tail
    # through its reversal. PostgreSQL needs pattern ops for LIKE 'x%' under any collation.
    __table_args__ = (
        Index("ix_customer_name", "name", postgresql_ops={"name": "varchar_pattern_ops"}),
        Index("ix_customer_mobile_rev", "mobile_rev", postgresql_ops={"mobile_rev": "varchar_pattern_ops"}),
        # 3.12/3.13: the few customers who are no intention; new ones = leads less theirs.
        Index("ix_customer_no_contact", "id", postgresql_where=NO_CONTACT, sqlite_where=NO_CONTACT),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(60))
    mobile: Mapped[str | None] = mapped_column(String(11), unique=True)
    # The mobile reversed, so "尾号 5678" is an index range; kept by `_keep_mobile_rev` and
    # cleared with the mobile (anonymisation must set mobile through the ORM or clear both).
    mobile_rev: Mapped[str | None] = mapped_column(String(11))
    # Repeat visits go to this consultant unless a manager reassigns the customer.
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    foreign_visitor: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(32))
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    @validates("mobile")
    def _keep_mobile_rev(self, _key, value):
        self.mobile_rev = value[::-1] if value else None
        return value


class Consent(Versioned, Base):
    """One consent given by a customer to one purpose under one text version; withdrawable."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    consent_text_id: Mapped[int] = mapped_column(ForeignKey("consent_text.id"))
    purpose: Mapped[str] = mapped_column(String(32))
    shown_at: Mapped[dt.datetime] = mapped_column(DateTime)
    given_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class Visit(Versioned, Base):
    """One arrival at the showroom (T/CSCA 120031 4.2.1.1), anonymous unless consent was given."""

    __tablename__ = "visit"
    # The visit history pages newest first by (arrival_at, id): one index walk, however many
    # visits arrived in the same minute (bench/run.py on dataset G, issue #10).
    __table_args__ = (Index("ix_visit_arrival_at_id", "arrival_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    arrival_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    visit_type: Mapped[str] = mapped_column(String(20), index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("source_channel.id"), index=True)
    party_size: Mapped[int] = mapped_column(Integer)
    with_children: Mapped[bool] = mapped_column(Boolean, default=False)  # 4.2.1.4
    foreign_visitor: Mapped[bool] = mapped_column(Boolean, default=False)  # 4.2.3.3
    language: Mapped[str | None] = mapped_column(String(32))
    # [[brand, model], ...] picked from the inventory's models.
    interested_models: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    assigned_by: Mapped[str | None] = mapped_column(String(20))
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    override_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True, default=VisitStatus.WAITING)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    had_test_drive: Mapped[bool] = mapped_column(Boolean, default=False)
    intent_level: Mapped[str | None] = mapped_column(String(1))
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # PIPL art. 14: which consent text was shown, when, and whether the visitor agreed.
    consent_text_id: Mapped[int | None] = mapped_column(ForeignKey("consent_text.id"))
    consent_shown_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class AssignmentLog(Base):
    """Append-only: every time a visit got a consultant, how, by whom and why."""

    __tablename__ = "assignment_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    from_consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    to_consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    method: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Machine note, e.g. "own_consultant_off_duty" when an invited visitor went to rotation.
    note_code: Mapped[str] = mapped_column(String(40), default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class DutyRoster(Versioned, Base):
    """Who is on the floor on a store-local day, in rotation order, and who stepped away."""

    __tablename__ = "duty_roster"
    __table_args__ = (UniqueConstraint("day", "consultant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    on_duty: Mapped[bool] = mapped_column(Boolean, default=True)
    away: Mapped[bool] = mapped_column(Boolean, default=False)
    away_since: Mapped[dt.datetime | None] = mapped_column(DateTime)
    rotation_order: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Lead(Versioned, Base):
    """An intention (意向): one per customer and model of interest, owned by a consultant."""

    __tablename__ = "lead"
    __table_args__ = (
        UniqueConstraint("customer_id", "brand", "model"),
        # 3.12/3.13 count the leads retained at a month's end: by status, created before it.
        Index("ix_lead_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    brand: Mapped[str] = mapped_column(String(60))
    model: Mapped[str] = mapped_column(String(80))
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True, default=LeadStatus.NEW)
    lost_reason: Mapped[str | None] = mapped_column(String(32))
    lost_note: Mapped[str] = mapped_column(Text, default="")
    intent_level: Mapped[str | None] = mapped_column(String(1))
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    status_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class LeadStatusChange(Base):
    """Append-only status history of a lead: the KPIs read the status at any instant from it."""

    __tablename__ = "lead_status_change"
    __table_args__ = (Index("ix_lead_status_change_to_status_changed_at", "to_status", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")


class KpiMonth(Base):
    """An immutable month-end snapshot (T/CSCA 120031 3.12 上月留存意向): taken once per month."""

    __tablename__ = "kpi_month"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, unique=True)  # first day, store-local
    retained_count: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class LeadMonthSnapshot(Base):
    """One lead retained (new or following) at the end of a snapshotted month. Immutable."""

    __tablename__ = "lead_month_snapshot"
    __table_args__ = (
        UniqueConstraint("kpi_month_id", "lead_id"),
        # 3.12/3.13: counting one month's intentions (per consultant) is one range of this index.
        Index("ix_lead_month_snapshot_month_intention", "kpi_month_id", "intention", "consultant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_month_id: Mapped[int] = mapped_column(ForeignKey("kpi_month.id"), index=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id"), index=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    status: Mapped[str] = mapped_column(String(12))
    # An intention (意向) when the snapshot was taken: its customer had a mobile, not anonymised.
    intention: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class KpiMonthIntentions(Base):
    """A snapshot's intentions counted per consultant (owner at the month's end) when it is taken;
    immutable. 3.12/3.13 read a closed month here, not its rows (issue #20.8, dataset G)."""

    __tablename__ = "kpi_month_intentions"

    kpi_month_id: Mapped[int] = mapped_column(ForeignKey("kpi_month.id"), primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), primary_key=True)
    intentions: Mapped[int] = mapped_column(Integer)


class Appointment(Versioned, Base):
    """An invited customer's booking (预约): arrival turns it into a visit."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    scheduled_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), index=True, default=AppointmentStatus.BOOKED)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ReceptionEvent(Base):
    """Append-only change feed for live terminals: written in the same transaction as the change
    (and announced with pg_notify on PostgreSQL); listeners read rows with id > last seen."""

    __tablename__ = "reception_event"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(24))
    visit_id: Mapped[int | None] = mapped_column(Integer)
    consultant_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)


from db import customer_history_models  # noqa: E402,F401  (issue #17.12/13: appointment and customer histories)
