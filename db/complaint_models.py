"""Complaints (客户投诉, T/CSCA 120031 3.15-3.17, 4.5.2.1-4.5.2.2, 5.2.7; 办法 art. 18) and the
store's working-day calendar their deadlines are counted in (issue #19.3).

`complaint`: one complaint, its channel (3.15 counts the 12345 hotline's), its links, its two
deadlines (first response within 72 hours, 3.17; the customer told how it was accepted and
handled within 7 working days, 办法 art. 18) and its closure (3.16: a result and the customer's
confirmation or recorded refusal). `complaint_note` is its append-only log; `complaint_material`
the archive of its files, photos and audio, which the database itself refuses to change or
delete (4.5.2.2, triggers in migration 0021). `complaint_escalation` records each rung of the
escalation ladder once, with the person told and when they saw it (a terminal offline at the
time catches up). `working_day_override` and `calendar_year` are the store's corrections to
the holiday library (see app/customer_care/calendar.py).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class ComplaintChannel(StrEnum):
    FRONT_DESK = "front_desk"
    PHONE = "phone"
    HOTLINE_12345 = "hotline_12345"  # 上海12345市民服务热线: counted by 3.15
    BRAND = "brand"  # referred by the manufacturer
    ONLINE = "online"
    CONSUMER_ASSOCIATION = "consumer_association"  # 消费者权益保护委员会


class ComplaintCategory(StrEnum):
    SALES_SERVICE = "sales_service"
    PRICE_AND_FEES = "price_and_fees"
    VEHICLE_QUALITY = "vehicle_quality"
    DELIVERY = "delivery"
    PAPERWORK = "paperwork"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Confirmation(StrEnum):
    CONFIRMED = "confirmed"  # the customer accepts the result
    REFUSED = "refused"  # the customer refuses; recorded with what they said (3.16)


class Complaint(Versioned, Base):
    __tablename__ = "complaint"
    # Finding overdue open complaints (issue #19.10) is an index range on each deadline.
    __table_args__ = (
        Index("ix_complaint_open_first_response", "status", "first_response_at", "first_response_due"),
        Index("ix_complaint_open_reply", "status", "reply_at", "reply_due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # TS-YYYY-NNNNNN, printed on the receipt
    channel: Mapped[str] = mapped_column(String(24), index=True)
    category: Mapped[str] = mapped_column(String(24))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    summary: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(String(60))
    contact_mobile: Mapped[str] = mapped_column(String(11))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # the staff complained about
    handler_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    first_response_due: Mapped[dt.datetime] = mapped_column(DateTime)
    reply_due: Mapped[dt.datetime] = mapped_column(DateTime)
    first_response_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reply_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default=ComplaintStatus.OPEN)
    result: Mapped[str | None] = mapped_column(Text)
    confirmation: Mapped[str | None] = mapped_column(String(10))
    confirmation_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class NoteKind(StrEnum):
    NOTE = "note"  # a handling note
    FIRST_RESPONSE = "first_response"  # 3.17
    REPLY = "reply"  # 办法 art. 18: how it was accepted and handled
    RESULT = "result"
    CLOSURE = "closure"


class ComplaintNote(Base):
    """Append-only: what was done and said, by whom and when (server time)."""

    __tablename__ = "complaint_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    customer_visible: Mapped[bool] = mapped_column(Boolean, default=False)  # shown to a progress query
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class ComplaintMaterial(Base):
    """A file, photo or audio recording kept with the complaint (4.5.2.2): never changed or
    deleted once stored (the database refuses both)."""

    __tablename__ = "complaint_material"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class Escalation(StrEnum):
    ASSIGNED = "assigned"  # the handler is told a complaint is theirs (issue #19.6)
    NEAR = "near"  # amber: the deadline is near, the handler is reminded
    OVERDUE = "overdue"  # red: passed, the sales manager is told


class ComplaintEscalation(Base):
    """One rung of the ladder reached by one complaint's deadline, and the person told; the
    first rung, "assigned", tells the handler the complaint is theirs."""

    __tablename__ = "complaint_escalation"
    __table_args__ = (UniqueConstraint("complaint_id", "deadline", "level", "staff_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    deadline: Mapped[str] = mapped_column(String(16))  # "first_response" | "reply"
    level: Mapped[str] = mapped_column(String(10))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    escalated_at: Mapped[dt.datetime] = mapped_column(DateTime)  # server time
    seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WorkingDayOverride(Versioned, Base):
    """The store's correction of one day: a working day or a day off, whatever the library
    says (a local closure, a late-published 调休)."""

    __tablename__ = "working_day_override"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class CalendarYear(Base):
    """A year the holiday library does not know yet, which the store has entered itself: its
    holidays and 调休 days are in `working_day_override`. Without this row, counting working
    days into that year is refused rather than guessed."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


# --- Public notices (公示, T/CSCA 120031 4.1.3.5-4.1.3.6; 办法 art. 11; issue #19.5) ----------


class NoticeKind(StrEnum):
    WARRANTY_POLICY = "warranty_policy"  # the warranty and 三包 policy
    SERVICE_FEES = "service_fees"
    COMPLAINT_PROCESS = "complaint_process"  # the complaint phone and process (4.5.2.1)
    CHARGING_PILE = "charging_pile"  # NEVs: the charging-pile installation service and its fees


class PublicNotice(Base):
    """One published version of a public notice: never edited; a change is a new version with
    its own effective date (4.1.3.6: what is shown is kept current)."""

    __tablename__ = "public_notice"
    __table_args__ = (UniqueConstraint("kind", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    version: Mapped[int] = mapped_column(Integer)
    title_zh: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    body_zh: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class NoticePrint(Base):
    """A poster of a notice printed, with the fingerprint of the store details it showed: when
    those change (a phone number, say) the poster on the wall is stale until reprinted."""

    __tablename__ = "notice_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("public_notice.id"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    store_fingerprint: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    printed_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
