"""3.12/3.13 (T/CSCA 120031): a month-end snapshot counts its intentions per consultant when it
is taken (`kpi_month_intentions`, migration 0025), and a closed month's figures read those
counts instead of the snapshot's lead rows (issue #20.8: ~600,000 rows a month on a group's
database). The figures are the same as those counted lead by lead, from the history or from the
snapshot's rows, for the store, per consultant and per brand."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from alembic import command
from sqlalchemy import select

from app.kpis.definitions import KpiCode
from app.kpis.dto import GroupBy, Side
from app.kpis.periods import Period
from app.core.clock import store_month_bounds
from app.reception.snapshots import record_snapshot, retained_with_contact
from db.migrate import alembic_config, current_revision, head_revision
from db.reception_models import KpiMonth, KpiMonthIntentions, LeadMonthSnapshot
from tests.integration.test_kpi_sales import MARCH, _february_and_march, at, counts, records, staff  # noqa: F401

FEBRUARY = dt.date(2026, 2, 1)
SPRING = Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30))  # two month pieces: March and April


def _figures(uow) -> dict:
    out = {}
    for code in (KpiCode.CLOSURE, KpiCode.TEST_DRIVE):
        for period in (MARCH, SPRING):
            for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND):
                out[code, period, by] = counts(uow, code, period, by)
    return out


def _recorded(uow) -> dict[tuple[int, int], int]:
    with uow() as u:
        q = select(KpiMonthIntentions.kpi_month_id, KpiMonthIntentions.consultant_id, KpiMonthIntentions.intentions)
        return {(m, c): n for m, c, n in u.session.execute(q)}


def _counted_from_rows(uow) -> dict[tuple[int, int], int]:
    with uow() as u:
        q = select(LeadMonthSnapshot.kpi_month_id, LeadMonthSnapshot.consultant_id).where(LeadMonthSnapshot.intention)
        return dict(Counter(tuple(r) for r in u.session.execute(q)))


def test_3_12_a_snapshot_counts_its_intentions_per_consultant_and_the_figures_do_not_change(uow, staff):  # noqa: F811
    _manager, (a, b) = staff
    _february_and_march(uow, a, b)
    from_history = _figures(uow)  # no snapshot yet: every lead replayed from the status history
    record_snapshot(uow(), FEBRUARY, now=at("2026-03-01 00:10"), taken_by_id=None)
    record_snapshot(uow(), dt.date(2026, 3, 1), now=at("2026-04-01 00:10"), taken_by_id=None)
    recorded = _recorded(uow)
    assert recorded == _counted_from_rows(uow)
    assert {c for _m, c in recorded} == {a.user_id, b.user_id}  # one row per consultant and month
    assert sum(recorded.values()) == 4 + 2  # Feb's end: 4 with a contact; March's: 2 (both a's)
    assert _figures(uow) == from_history
    for code in (KpiCode.CLOSURE, KpiCode.TEST_DRIVE):  # the drill-down still lists what is counted
        assert len(records(uow, code, SPRING, Side.DENOMINATOR)) == from_history[code, SPRING, None][None].denominator


def _snapshot_as_0024_took_it(uow) -> None:
    """February's snapshot as the code before 0025 wrote it: the lead rows, no counts."""
    _, end = store_month_bounds(FEBRUARY)
    with uow() as u:
        s = u.session
        retained = retained_with_contact(s, end)
        k = KpiMonth(month=FEBRUARY, retained_count=len(retained), taken_at=at("2026-03-01 00:10"))
        s.add(k)
        s.flush()
        s.add_all(
            LeadMonthSnapshot(kpi_month_id=k.id, lead_id=i, consultant_id=c, status=st, intention=yes)
            for i, c, st, yes in retained
        )
        u.commit()


def test_migration_0025_counts_the_snapshots_already_taken(db_url, uow, staff):  # noqa: F811
    _manager, (a, b) = staff
    _february_and_march(uow, a, b)
    from_history = _figures(uow)
    command.downgrade(alembic_config(db_url), "0024")
    _snapshot_as_0024_took_it(uow)
    command.upgrade(alembic_config(db_url), "head")
    assert current_revision(db_url) == head_revision()
    assert _recorded(uow) == _counted_from_rows(uow) != {}
    assert _figures(uow) == from_history
