"""Request keys: the database's guarantee that a repeated create makes no second record.

A form makes a fresh key (uuid4) each time it is filled in and sends it with its create. The
service writes the key in the same transaction as the record it creates; the primary key makes
a second insert of the same key impossible, so a double click, a second Ctrl+Enter or a retry
after a lost answer returns the first record instead of making another (issue #16.2).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class RequestKey(Base):
    __tablename__ = "request_key"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    operation: Mapped[str] = mapped_column(String(40))  # e.g. "check_in"
    record_id: Mapped[int] = mapped_column(Integer)  # what the first request created
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
