"""Month-end lead snapshots taken automatically (issue #17.14; T/CSCA 120031 3.12 上月留存意向):
a month whose end no terminal saw is rebuilt from the status history, every closed month gets
exactly one snapshot, also when two terminals take them at once."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select

from app.reception import leads
from app.reception import reports as reception_reports
from app.reception.snapshots import due_months, next_month_end, take_due_snapshots
from db.reception_models import KpiMonth
from db.uow import Database
from tests.integration.test_leads import X, Y, desk, manager, team, visit  # noqa: F401  (fixtures)


def _at(text: str) -> dt.datetime:
    """Store-local (UTC+8) wall time -> naive UTC."""
    return dt.datetime.fromisoformat(text) - dt.timedelta(hours=8)


def _february(uow, desk, manager, team):
    """Three leads in February; L2 lost in February; in March L1 is lost and L3 ordered, so
    today none of them is retained, but at the end of February L1 and L3 were."""
    v = lambda when, **kw: visit(uow, desk, manager, team, _at(when), **kw)  # noqa: E731
    l1 = v("2026-02-05 10:00", mobile="13900000001", models=(X,)).leads[0]
    l2 = v("2026-02-10 11:00", mobile="13900000002", models=(X,)).leads[0]
    l3 = v("2026-02-12 15:00", mobile="13900000003", models=(Y,)).leads[0]
    for lead, when, change in (
        (l2, "2026-02-25 12:00", dict(status="lost", lost_reason="price")),
        (l1, "2026-03-10 10:00", dict(status="lost", lost_reason="postponed")),
        (l3, "2026-03-12 10:00", dict(status="ordered")),
    ):
        now = leads.get_lead(uow(), actor=manager, lead_id=lead.id)
        leads.update_lead(uow(), actor=manager, lead_id=lead.id, expected_version=now.version, now=_at(when), **change)
    return l1, l2, l3


def _months(uow) -> list[tuple[dt.date, int]]:
    with uow() as u:
        return list(u.session.execute(select(KpiMonth.month, KpiMonth.retained_count).order_by(KpiMonth.month)).all())


def test_a_month_end_no_terminal_saw_is_rebuilt_from_the_status_history(uow, desk, manager, team):
    l1, _l2, l3 = _february(uow, desk, manager, team)
    april = _at("2026-04-02 09:00")  # the first terminal to start after two month ends
    assert due_months(uow(), april) == [dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    taken = take_due_snapshots(uow(), now=april)
    feb, mar = taken
    assert (feb.month, feb.lead_ids, feb.taken_by_id) == (dt.date(2026, 2, 1), tuple(sorted((l1.id, l3.id))), None)
    assert (mar.month, mar.retained_count) == (dt.date(2026, 3, 1), 0)
    # The same as the snapshot a manager would have taken on the first of March.
    kpi = reception_reports.month_kpi(uow(), actor=manager, month=dt.date(2026, 3, 1), now=april)
    assert kpi.retained_last_month_from_snapshot and kpi.retained_last_month == 2
    # Nothing more is due; the current month is never snapshotted before it ends.
    assert take_due_snapshots(uow(), now=april) == []
    assert _months(uow) == [(dt.date(2026, 2, 1), 2), (dt.date(2026, 3, 1), 0)]


def test_nothing_is_due_before_the_first_lead_or_before_the_month_ends(uow, desk, manager, team):
    assert take_due_snapshots(uow(), now=_at("2026-04-02 09:00")) == []  # no leads at all
    _february(uow, desk, manager, team)
    assert due_months(uow(), _at("2026-02-28 23:59")) == []
    assert due_months(uow(), _at("2026-03-01 00:01")) == [dt.date(2026, 2, 1)]
    assert next_month_end(_at("2026-02-14 12:00")) == _at("2026-03-01 00:00")


def test_two_terminals_starting_at_once_leave_one_snapshot_per_month(db_url, uow, desk, manager, team):
    _february(uow, desk, manager, team)
    april = _at("2026-04-02 09:00")
    terminals = [Database(db_url), Database(db_url)]
    barrier = threading.Barrier(2)
    results: list = []

    def start(database):
        barrier.wait()
        try:
            results.append(take_due_snapshots(database.uow(), now=april))
        except Exception as e:  # noqa: BLE001 - what this test is about
            results.append(e)

    threads = [threading.Thread(target=start, args=(t,)) for t in terminals]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        for t in terminals:
            t.dispose()
    assert not [r for r in results if isinstance(r, Exception)], results
    assert _months(uow) == [(dt.date(2026, 2, 1), 2), (dt.date(2026, 3, 1), 0)]
    with uow() as u:
        assert u.session.scalar(select(func.count()).select_from(KpiMonth)) == 2
