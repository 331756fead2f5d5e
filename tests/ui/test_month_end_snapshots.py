"""Month-end lead snapshots need no button (issue #17.14; T/CSCA 120031 3.12): a terminal takes
every missing one when its back end is ready, and again just after each month end."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.reception.snapshots import next_month_end, retained_leads
from db.reception_models import KpiMonth, LeadMonthSnapshot
from tests.integration.test_leads import desk, manager, team  # noqa: F401  (fixtures)
from tests.integration.test_month_end_snapshots import _at, _february
from ui.reception import month_end
from ui.reception.month_end import MonthEndSnapshots
from ui.shell.startup import Backend


def _snapshot(uow, month: dt.date):
    with uow() as u:
        k = u.session.scalar(select(KpiMonth).where(KpiMonth.month == month))
        if k is None:
            return None
        ids = u.session.scalars(select(LeadMonthSnapshot.lead_id).where(LeadMonthSnapshot.kpi_month_id == k.id))
        return k.retained_count, sorted(ids)


def test_the_terminal_starting_after_month_end_takes_the_missing_snapshot_from_history(
    qtbot, database, db_url, uow, sync_ops, desk, manager, team
):
    from ui.shell.shell import Shell

    l1, _l2, l3 = _february(uow, desk, manager, team)
    assert _snapshot(uow, dt.date(2026, 2, 1)) is None  # nobody ran at the end of February
    shell = Shell(demo=False, url_resolver=lambda: db_url)
    shell._backend_ready(Backend(database=database, url=db_url, needs_setup=False))  # the start-up step
    # Today L1 is lost and L3 ordered: the snapshot comes from the status history.
    assert _snapshot(uow, dt.date(2026, 2, 1)) == (2, sorted((l1.id, l3.id)))
    with uow() as u:
        end_of_february = _at("2026-03-01 00:00")
        assert sorted(i for i, _c, _s in retained_leads(u.session, end_of_february)) == sorted((l1.id, l3.id))
    assert shell.month_end.timer.isActive()  # and it waits for the next month end
    shell.month_end.stop()


def test_a_running_terminal_takes_the_snapshot_just_after_the_month_ends(
    qtbot, database, uow, sync_ops, desk, manager, team, monkeypatch
):
    l1, _l2, l3 = _february(uow, desk, manager, team)
    end = next_month_end(_at("2026-02-20 12:00"))
    clock = [end - dt.timedelta(milliseconds=300)]  # running on the evening of 28 February
    monkeypatch.setattr(month_end, "GRACE_MS", 0)
    snapshots = MonthEndSnapshots(database, clock=lambda: clock[0])
    snapshots.start()
    assert _snapshot(uow, dt.date(2026, 2, 1)) is None  # February is not over yet
    # Due in 300 ms; a coarse Qt timer may round its slot up by a few per cent.
    assert 0 < snapshots.timer.remainingTime() <= 300 * 1.1
    clock[0] = end + dt.timedelta(seconds=1)
    qtbot.waitUntil(lambda: _snapshot(uow, dt.date(2026, 2, 1)) is not None, timeout=5000)
    assert _snapshot(uow, dt.date(2026, 2, 1)) == (2, sorted((l1.id, l3.id)))
    snapshots.stop()
