"""Customer-care tasks (客户关怀, T/CSCA 120031 3.14, 4.2.3.4, 4.5.1.2).

`follow_up_task`: a call or visit someone must make by a deadline: the disclosure follow-up of a
sale (4.2.3.4, issue #18.3) today, the 72-hour delivery call and the others of issue #19 later.
Every task records who did what and when: those timestamps feed the KPIs (3.14).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class TaskKind(StrEnum):
    DISCLOSURE = "disclosure"  # 4.2.3.4: follow up what was disclosed before the contract
    DELIVERY_CALL = "delivery_call"  # 3.14, 4.5.1.2: call within 72 hours of pick-up


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUpTask(Versioned, Base):
    __tablename__ = "follow_up_task"

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
