"""The KPI feature's public services (issue #20): the eight 5.2.1 figures for a period, per
consultant or brand, judged against their targets; the records behind each figure; a trend.

Everything is computed from recorded events at the moment asked (`as_of`), never from a flag
someone ticked. Read-only: one read transaction per call.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.kpis.definitions import BY_CODE, KPIS, KpiCode, rate_bp, verdict
from app.kpis.dto import Counts, GroupBy, GroupFigures, GroupKey, KpiFigure, KpiReportDTO, RecordRef, Side, TargetDTO
from app.kpis.formula import Formula
from app.kpis.periods import Period
from app.kpis.targets import targets_in_force
from db.models import StaffUser
from db.uow import UnitOfWork

__all__ = ["compute_kpis", "kpi_records", "kpi_trend", "Period", "GroupBy", "Side", "KpiCode"]


def formulas() -> dict[KpiCode, Formula]:
    from app.kpis import formulas_care, formulas_sales

    return {**formulas_sales.FORMULAS, **formulas_care.FORMULAS}


def _figure(code: KpiCode, counts: Counts, target: TargetDTO, pending: int = 0) -> KpiFigure:
    value = rate_bp(counts.numerator, counts.denominator)
    return KpiFigure(
        code,
        counts.numerator,
        counts.denominator,
        value,
        target,
        verdict(BY_CODE[code], value, target.target_bp),
        pending,
    )


def _labels(session: Session, by: GroupBy | None, keys: set[GroupKey]) -> dict[GroupKey, str]:
    if by is GroupBy.CONSULTANT:
        ids = [k for k in keys if isinstance(k, int)]
        names = dict(session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(ids))).all())
        # None: records naming no consultant (e.g. an anonymous complaint); "" as for the store.
        return {k: names.get(k, f"#{k}") if isinstance(k, int) else "" for k in keys}
    return {k: "" if k is None else str(k) for k in keys}


def figures_in(session: Session, period: Period, *, by: GroupBy | None, as_of: dt.datetime) -> KpiReportDTO:
    """The report for `period` inside an open read (the report and evidence pack share it)."""
    targets = targets_in_force(session, period.first_day)
    found = formulas()
    store: list[KpiFigure] = []
    grouped: dict[GroupKey, dict[KpiCode, Counts]] = {}
    for d in KPIS:
        f = found.get(d.code)
        total = f.counts(session, period, by=None, as_of=as_of).get(None, Counts()) if f else Counts()
        pending = f.pending(session, period, as_of=as_of) if f else 0
        store.append(_figure(d.code, total, targets[d.code], pending))
        if by is not None and f is not None:
            for key, c in f.counts(session, period, by=by, as_of=as_of).items():
                grouped.setdefault(key, {})[d.code] = c
    labels = _labels(session, by, set(grouped))
    groups = tuple(
        GroupFigures(
            key, labels[key], tuple(_figure(d.code, grouped[key].get(d.code, Counts()), targets[d.code]) for d in KPIS)
        )
        for key in sorted(grouped, key=lambda k: labels[k])
    )
    return KpiReportDTO(period, by, GroupFigures(None, "", tuple(store)), groups, as_of)


def compute_kpis(
    uow: UnitOfWork, *, actor: Actor, period: Period, by: GroupBy | None = None, as_of: dt.datetime | None = None
) -> KpiReportDTO:
    """The eight KPIs of `period` for the store (and per consultant or brand when `by` is set)."""
    require(actor, Action.VIEW_KPIS)
    with uow:
        return figures_in(uow.session, period, by=by, as_of=as_of or utcnow())


def kpi_trend(
    uow: UnitOfWork, *, actor: Actor, last: Period, months: int = 12, as_of: dt.datetime | None = None
) -> list[KpiReportDTO]:
    """The store's figures for each of the `months` months ending with `last`'s (the trend lines)."""
    require(actor, Action.VIEW_KPIS)
    as_of = as_of or utcnow()
    with uow:
        return [figures_in(uow.session, m, by=None, as_of=as_of) for m in last.months_back(months)]


def kpi_records(
    uow: UnitOfWork,
    *,
    actor: Actor,
    code: KpiCode,
    period: Period,
    side: Side,
    by: GroupBy | None = None,
    group: GroupKey = None,
    as_of: dt.datetime | None = None,
) -> list[RecordRef]:
    """The exact records counted in one side of one figure (issue #20.2, the drill-down)."""
    require(actor, Action.VIEW_KPIS)
    f = formulas().get(code)
    if f is None:
        return []
    with uow:
        return f.records(uow.session, period, side=side, by=by, group=group, as_of=as_of or utcnow())
