"""The reception demo data on top of the demo store: believable, rule-abiding, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest

from app.demo import build_demo
from app.demo.reception import seed_reception_demo
from app.reception import appointments, leads, checkin as reception, reports as reception_reports
from app.staff.auth import login
from db.session import sqlite_url
from db.uow import Database
from tests.factories import isolated_data_dir  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
NOW = dt.datetime(2026, 3, 10, 6, 0)  # 14:00 in Shanghai


def test_reception_demo_fills_a_fortnight_and_today(tmp_path):
    url = sqlite_url(tmp_path / "demo.sqlite")
    build_demo(url, now=NOW)
    db = Database(url)
    try:
        info = seed_reception_demo(db, now=NOW)
        assert info.created and info.visits > 60 and info.appointments == 3
        manager = login(db.uow(), username="zhou.jianguo", password="demo1234")
        desk = login(db.uow(), username="lin.xiaoyu", password="demo1234")
        board = reception.queue_board(db.uow(), actor=desk, now=NOW)
        assert (len(board.waiting), len(board.with_consultant), len(board.finished)) == (1, 2, 3)
        assert {d.state for d in board.duty} >= {"busy", "available"}
        all_leads = leads.list_leads(db.uow(), actor=manager)
        assert {x.status for x in all_leads} >= {"new", "following", "ordered"}
        traffic = reception_reports.traffic_report(
            db.uow(), actor=manager, start_day=dt.date(2026, 2, 24), end_day=dt.date(2026, 3, 10)
        )
        assert traffic.visits == info.visits and len([r for r in traffic.by_channel if r.visits]) > 5
        kpi = reception_reports.month_kpi(db.uow(), actor=manager, month=dt.date(2026, 3, 1), now=NOW)
        assert kpi.new_leads > 0 and kpi.closure_rate.value is not None
        assert len(appointments.list_appointments(db.uow(), actor=desk, now=NOW)) >= 1
        again = seed_reception_demo(db, now=NOW)
        assert not again.created and again.visits == info.visits
    finally:
        db.dispose()
