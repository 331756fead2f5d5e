"""The store's own KPI targets (issue #20.1; T/CSCA 120031 5.2.1 a)-h)).

`kpi_target` is a ledger, not a setting: each row says "from this store day on, KPI `code` is
judged against `target_bp`", who decided it and why. A new row supersedes the previous one from
its `effective_from`; no row is ever edited or deleted (the database refuses it, migration
0022), so a past month is always judged against the target that was in force on its first day.
Until the store sets any, the 5.2.1 defaults in app/kpis/definitions.py apply.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class KpiTarget(Base):
    """One version of one KPI's target (目标值), in basis points of a percent (98 % = 9800)."""

    __tablename__ = "kpi_target"
    # targets_in_force: the latest row per code with effective_from <= a day.
    __table_args__ = (Index("ix_kpi_target_code_effective", "code", "effective_from", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8))  # KpiCode value, "3.11".."3.18"
    target_bp: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[dt.date] = mapped_column(Date)  # a store (Shanghai) day
    set_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str] = mapped_column(Text)
    set_at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive UTC
