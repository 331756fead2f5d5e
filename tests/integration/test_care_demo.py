"""The demo store's customer care (issue #19.8): the Customer care page opens with a task in every
state (a 72-hour call reached, one due today, one overdue and escalated to the sales manager, the
delivered deal's own call later), a satisfied and an unsatisfied delivery survey, and the service
recovery case the unsatisfied one opened, apologised for and awaiting the manager's approval of a
voucher (T/CSCA 120031 3.14, 3.18, 5.2.8). A second build adds nothing.

One demo is built for the module; the tests only read it, except the last."""

from __future__ import annotations

import datetime as dt

import pytest

from app.customer_care import api as care
from app.demo import build_demo
from app.staff.auth import login
from db.care_models import FollowUpTask, RecoveryCase, SurveyResponse, TaskAttempt
from tests.integration.conftest import DEMO_NOW

NOW = DEMO_NOW  # 14:00 in Shanghai (tests/integration/conftest.py builds the demo on it)


def _manager(demo_db):
    return login(demo_db.uow(), username="zhou.jianguo", password="demo1234")


def test_the_managers_care_page_shows_calls_due_today_overdue_and_later(demo_db):
    """3.14: the manager's "everyone" list on the demo's day: 蒋欣怡's call due today, 韩立军's
    overdue (red, and escalated to the manager's PC), the delivered deal's call due in 72 hours."""
    tasks = care.list_care_tasks(demo_db.uow(), actor=_manager(demo_db), everyone=True, now=NOW)
    calls = {t.customer_name: t for t in tasks.today + tasks.later if t.kind == "delivery_call"}
    assert {"蒋欣怡", "韩立军", "吴建华"} <= set(calls)
    assert [t.customer_name for t in tasks.overdue] == ["韩立军"]
    assert not calls["蒋欣怡"].overdue and calls["蒋欣怡"] in tasks.today
    assert calls["吴建华"] in tasks.later and NOW + dt.timedelta(hours=69) <= calls["吴建华"].due_at
    notices = care.list_care_notices(demo_db.uow(), actor=_manager(demo_db), now=NOW)
    assert [n.subject for n in notices if n.kind == care.ESCALATED] == [calls["韩立军"].subject]


def test_an_older_customers_call_was_reached_and_counts_in_the_kpi(demo_db):
    """3.14 / 5.2.1 d): 冯子豪 was reached the day after pick-up, within the 72 hours."""
    with demo_db.uow() as uow:
        done = uow.session.query(FollowUpTask).filter(FollowUpTask.status == "done").all()
        assert [(t.kind, t.outcome) for t in done] == [("delivery_call", "satisfied")]
        attempt = uow.session.query(TaskAttempt).one()
        assert attempt.task_id == done[0].id and attempt.at <= done[0].due_at
    kpis = care.get_care_kpis(demo_db.uow(), actor=_manager(demo_db), month=(NOW - dt.timedelta(days=10)).date())
    assert kpis.called_in_72h >= 1


def test_one_satisfied_survey_and_one_that_opened_a_recovery_awaiting_approval(demo_db):
    """3.18 and 5.2.8: the unsatisfied sheet opened a case; the apology is recorded and a ¥500
    voucher waits for the sales manager, who sees it among the open cases."""
    with demo_db.uow() as uow:
        sheets = uow.session.query(SurveyResponse).order_by(SurveyResponse.id).all()
        assert [s.satisfied for s in sheets] == [True, False]
    cases = care.list_recovery_cases(demo_db.uow(), actor=_manager(demo_db))
    assert len(cases) == 1
    case = cases[0]
    assert case.customer_name == "冯子豪" and case.status == "awaiting_approval"
    assert case.apology_note and case.apology_at is not None and case.owner_name == "徐晴"
    assert (case.compensation_type, case.compensation_fen, case.failure_class) == ("voucher", 50_000, "waiting")
    kpis = care.get_care_kpis(demo_db.uow(), actor=_manager(demo_db), month=NOW.date())
    assert (kpis.surveys, kpis.satisfied) == (2, 1)


def test_a_second_build_adds_nothing(demo_db, demo):
    with demo_db.uow() as uow:
        before = [uow.session.query(m).count() for m in (FollowUpTask, SurveyResponse, RecoveryCase, TaskAttempt)]
    info = build_demo(demo[0], now=NOW + dt.timedelta(hours=1))
    assert not info.created
    with demo_db.uow() as uow:
        after = [uow.session.query(m).count() for m in (FollowUpTask, SurveyResponse, RecoveryCase, TaskAttempt)]
    assert after == before
