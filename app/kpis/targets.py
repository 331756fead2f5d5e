"""The target each KPI is judged against: the 5.2.1 default until the store sets its own.

Targets are versioned (issue #20.1): a manager's new target takes effect from a given day and
never rewrites the past, so a month is always judged against the target in force on its first
day. The store's targets are the append-only ledger `kpi_target` (db/kpi_models.py); for a KPI
with no row in force on a day, the default of `definitions.KPIS` (T/CSCA 120031 5.2.1) applies.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.kpis.definitions import KPIS, KpiCode
from app.kpis.dto import TargetDTO
from db.kpi_models import KpiTarget
from db.models import StaffUser


def default_targets() -> dict[KpiCode, TargetDTO]:
    return {d.code: TargetDTO(d.code, d.default_target_bp, None) for d in KPIS}


def target_rows(session: Session, *, up_to: dt.date | None = None) -> list[tuple[KpiTarget, str]]:
    """The ledger's rows (with who set each), oldest first: by effective day, then as entered,
    so for one code and day the later entry wins. `up_to`: only those in force by that day."""
    q = select(KpiTarget, StaffUser.full_name).join(StaffUser, StaffUser.id == KpiTarget.set_by_id)
    if up_to is not None:
        q = q.where(KpiTarget.effective_from <= up_to)
    q = q.order_by(KpiTarget.effective_from, KpiTarget.id)
    return [(row, name) for row, name in session.execute(q).all()]


def as_target(row: KpiTarget, set_by: str) -> TargetDTO:
    return TargetDTO(KpiCode(row.code), row.target_bp, row.effective_from, set_by, row.reason)


# The ledger's rows in force on a day, as plain columns: the report reads them on every call, and
# loading them as mapped objects cost more than the query (bench/kpis.py on PostgreSQL, #20.8).
_IN_FORCE = (
    select(KpiTarget.code, KpiTarget.target_bp, KpiTarget.effective_from, KpiTarget.reason, StaffUser.full_name)
    .join(StaffUser, StaffUser.id == KpiTarget.set_by_id)
    .where(KpiTarget.effective_from <= bindparam("day"))
    .order_by(KpiTarget.effective_from, KpiTarget.id)
)


def targets_in_force(session: Session, day: dt.date) -> dict[KpiCode, TargetDTO]:
    """The target of each KPI in force on `day` (the store's own where set, else 5.2.1's)."""
    out = default_targets()
    known = {d.code.value for d in KPIS}
    session.flush()  # a target set in this unit of work counts, as the ORM query saw it
    for code, target_bp, effective_from, reason, name in session.connection().execute(_IN_FORCE, {"day": day}):
        if code in known:  # the last one wins: rows come oldest first
            out[KpiCode(code)] = TargetDTO(KpiCode(code), target_bp, effective_from, name, reason)
    return out
