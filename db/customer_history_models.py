"""Append-only histories of a customer and their appointments (issue #17.12, #17.13, rule 4.5.1.3).

`AppointmentChange`: every booking, reschedule, cancellation and no-show of an appointment
(预约), with the reason given, who and when: the desk sees what happened to a booking and the
traffic report counts no-shows.

`CustomerChange`: every correction of a customer's name or mobile (PIPL art. 46, the right to
correction), every consent withdrawal (art. 15) and every reassignment to another consultant.
The value replaced is personal data: it is kept only sealed (`old_value_sealed`, AES-GCM under
the "personal" key, app/core/personal_data.py) with a masked form for screens, so key rotation
re-seals it and anonymisation (app/privacy/retention.py, by its `_sealed`/`_masked` suffixes)
erases it with the customer's other details.

Rows are only ever added; the one update is that erasure. The reason is kept in a column named
`note`: free text that may describe the person, so anonymisation clears it and the audit log
records it as "[changed]" (db/uow.py CUSTOMER_COLUMNS), like the other notes.
Registered on `db.models.Base.metadata` through the import at the end of db/reception_models.py.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, _now


class AppointmentChangeKind(StrEnum):
    BOOKED = "booked"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class CustomerChangeKind(StrEnum):
    NAME_CORRECTED = "name_corrected"
    MOBILE_CORRECTED = "mobile_corrected"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    REASSIGNED = "reassigned"


class AppointmentChange(Base):
    """One change of an appointment: what it was, what it became, why, by whom."""

    __tablename__ = "appointment_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    from_scheduled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    to_scheduled_at: Mapped[dt.datetime] = mapped_column(DateTime)
    from_consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    to_consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")  # the reason given
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class CustomerChange(Base):
    """One correction, consent withdrawal or reassignment of a customer."""

    __tablename__ = "customer_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # Name or mobile corrections: the value replaced, sealed, and both values masked.
    old_value_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    old_value_masked: Mapped[str | None] = mapped_column(String(80))
    new_value_masked: Mapped[str | None] = mapped_column(String(80))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"))
    from_consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    to_consultant_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")  # the reason given
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
