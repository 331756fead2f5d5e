"""Follow-up tasks after the sale (issue #19.1, 19.7) through the real services on a real
database: the handover's 72-hour call (T/CSCA 120031 3.14, 4.5.1.2), its outcomes and retries,
escalation of an overdue task to the sales managers on the server's clock, the first-service
reminder (首保) and the follow-ups of retained leads by intent level (4.2.3.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import select

from app.core.clock import to_store_time
from app.core.errors import PermissionDenied, ValidationFailed
from app.customer_care import api as care
from app.kpis.api import KpiCode, Period, compute_kpis
from app.sales import api as sales
from db.care_models import FollowUpTask, RecoveryCase, TaskAttempt, TaskKind
from db.models import Role
from db.reception_models import Lead
from db.sales_models import Deal
from tests.care_factories import PICKED_UP, delivered
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.handover_factories import full_input, handover_signatures, ready_contract
from tests.integration.test_kpi_care_factories import picked_up
from tests.integration.test_pdi_permissions import technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
HOUR = dt.timedelta(hours=1)


@pytest.fixture()
def people(uow):
    make_store(uow)
    return make_user(uow, Role.CONSULTANT, full_name="李顾问"), make_user(uow, Role.SALES_MANAGER, full_name="王经理")


def _task(uow, task_id: int) -> tuple[int, dt.datetime]:
    """(assignee, due) of a task as stored."""
    with uow() as u:
        t = u.session.get(FollowUpTask, task_id)
        return t.assignee_id, t.due_at


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31)))
def test_the_call_is_due_72_hours_after_pick_up_across_month_and_year_ends_3_14(picked_up):
    # Shanghai keeps no daylight saving: 72 hours later is the same wall time three days on,
    # whatever month or year end lies between (28/29/30/31-day months included).
    due = care.delivery_call_due(picked_up)
    assert due - picked_up == dt.timedelta(hours=72)
    local_from, local_due = to_store_time(picked_up), to_store_time(due)
    assert local_due.time() == local_from.time()
    assert local_due.date() == local_from.date() + dt.timedelta(days=3)


def test_a_handover_creates_the_72_hour_call_and_the_first_service_reminder_4_5_1_2(uow, people):
    consultant, manager = people
    finance, tech = make_user(uow, Role.FINANCE), technician(uow)
    care.set_first_service_days(uow(), actor=manager, brand="大众", days=60)
    deal_id, cid, _ = ready_contract(uow, consultant, manager, finance, tech)
    picked = dt.datetime(2026, 3, 30, 7, 0)  # 30 March, 15:00 in Shanghai: due 2 April 15:00
    sales.complete_handover(
        uow(), actor=consultant, contract_id=cid, data=full_input(uow, cid), signatures=handover_signatures(),
        now=picked,
    )  # fmt: skip
    with uow() as u:
        tasks = u.session.scalars(select(FollowUpTask).where(FollowUpTask.deal_id == deal_id)).all()
        by_kind = {t.kind: (t.assignee_id, t.due_at, t.created_by_id) for t in tasks}
    assert by_kind[TaskKind.DELIVERY_CALL] == (consultant.user_id, picked + 72 * HOUR, consultant.user_id)
    assert by_kind[TaskKind.FIRST_SERVICE] == (consultant.user_id, picked + dt.timedelta(days=60), consultant.user_id)


def test_the_store_may_give_the_call_to_its_customer_care_person(uow, people):
    consultant, manager = people
    carer = make_user(uow, Role.CUSTOMER_CARE, full_name="陈客服")
    care.save_care_settings(
        uow(), actor=manager, delivery_caller="customer_care", care_staff_id=carer.user_id,
        lead_interval_days={"H": 1, "A": 3, "B": 7, "C": 14}, expected_version=0,
    )  # fmt: skip
    _, _, call, _ = delivered(uow, consultant, manager)
    assert _task(uow, call)[0] == carer.user_id
    mine = care.list_care_tasks(uow(), actor=carer, now=PICKED_UP + HOUR)
    assert [t.kind for t in mine.later] == ["delivery_call", "first_service"] and not mine.today


def test_customer_care_must_name_a_customer_care_person(uow, people):
    consultant, manager = people
    with pytest.raises(ValidationFailed) as e:
        care.save_care_settings(
            uow(), actor=manager, delivery_caller="customer_care", care_staff_id=consultant.user_id,
            lead_interval_days={"H": 1, "A": 3, "B": 7, "C": 14}, expected_version=0,
        )  # fmt: skip
    assert [f.code for f in e.value.errors] == ["care_staff_required"]


def test_reached_and_satisfied_closes_the_task_with_who_and_when_3_14(uow, people):
    consultant, manager = people
    _, _, call, _ = delivered(uow, consultant, manager)
    at = PICKED_UP + 20 * HOUR
    done = care.record_task_outcome(
        uow(), actor=consultant, task_id=call, expected_version=1, outcome="satisfied", now=at
    )
    assert (done.task.status, done.task.outcome, done.task.done_at, done.recovery_case_id) == (
        "done",
        "satisfied",
        at,
        None,
    )
    with uow() as u:
        tries = u.session.scalars(select(TaskAttempt).where(TaskAttempt.task_id == call)).all()
        assert [(t.outcome, t.by_id, t.at) for t in tries] == [("satisfied", consultant.user_id, at)]


def test_unsatisfied_needs_a_reason_and_opens_a_recovery_case_5_2_8(uow, people):
    consultant, manager = people
    _, customer_id, call, _ = delivered(uow, consultant, manager)
    with pytest.raises(ValidationFailed) as e:
        care.record_task_outcome(uow(), actor=consultant, task_id=call, expected_version=1, outcome="unsatisfied")
    assert [(f.field, f.code) for f in e.value.errors] == [("note", "care_reason_required")]
    done = care.record_task_outcome(
        uow(), actor=consultant, task_id=call, expected_version=1, outcome="unsatisfied", note="交车等了两小时"
    )
    with uow() as u:
        case = u.session.get(RecoveryCase, done.recovery_case_id)
        assert (case.customer_id, case.reason, case.source_task_id, case.status) == (
            customer_id,
            "交车等了两小时",
            call,
            "open",
        )


def test_not_reached_is_tried_again_then_closed_after_the_last_try(uow, people):
    consultant, manager = people
    _, _, call, _ = delivered(uow, consultant, manager)
    at = PICKED_UP + 2 * HOUR
    for attempt in range(1, care.MAX_TRIES):
        r = care.record_task_outcome(
            uow(), actor=consultant, task_id=call, expected_version=attempt, outcome="not_reached", now=at
        )
        assert (r.task.status, r.task.attempts, r.task.next_try_at) == ("open", attempt, at + 2 * HOUR)
    last = care.record_task_outcome(
        uow(), actor=consultant, task_id=call, expected_version=care.MAX_TRIES, outcome="not_reached", now=at
    )
    assert (last.task.status, last.task.outcome, last.task.attempts) == ("done", "not_reached", care.MAX_TRIES)


def test_only_the_assignee_or_a_manager_records_a_task(uow, people):
    consultant, manager = people
    other = make_user(uow, Role.CONSULTANT)
    _, _, call, _ = delivered(uow, consultant, manager)
    with pytest.raises(PermissionDenied):
        care.record_task_outcome(uow(), actor=other, task_id=call, expected_version=1, outcome="satisfied")
    assert care.list_care_tasks(uow(), actor=other, everyone=True, now=PICKED_UP).later == ()
    care.record_task_outcome(uow(), actor=manager, task_id=call, expected_version=1, outcome="satisfied")


def test_an_overdue_call_escalates_to_every_sales_manager_on_the_server_clock_4_5_1_2(uow, people):
    consultant, manager = people
    second = make_user(uow, Role.SALES_MANAGER)
    _, _, call, _ = delivered(uow, consultant, manager)
    due = PICKED_UP + 72 * HOUR
    # The call is announced at once; the first service (90 days on) three days before it is due.
    assert [n.task_id for n in care.list_care_notices(uow(), actor=consultant, now=PICKED_UP)] == [call]
    reminder_day = PICKED_UP + dt.timedelta(days=88)
    assert len(care.list_care_notices(uow(), actor=consultant, now=reminder_day)) == 2
    assert care.list_care_notices(uow(), actor=manager, now=due - dt.timedelta(minutes=1)) == []
    for boss in (manager, second):
        notices = care.list_care_notices(uow(), actor=boss, now=due + dt.timedelta(minutes=1))
        assert [(n.task_id, n.kind, n.assignee_name) for n in notices] == [(call, "escalated", "李顾问")]
    overdue = care.list_care_tasks(uow(), actor=manager, everyone=True, now=due + HOUR).overdue
    assert [t.id for t in overdue] == [call]
    # The navigation's counts: the consultant's call due today, the managers' escalated one.
    assert care.count_care_tasks(uow(), actor=consultant, now=due + HOUR) == 1
    assert care.count_care_tasks(uow(), actor=second, now=due + HOUR) == 1


def test_escalation_uses_the_database_clock_not_the_terminals(uow, people):
    consultant, manager = people
    # Picked up four days before the server's now: overdue, whatever this PC's clock says.
    with uow() as u:
        server = care.server_now(u.session)
    _, _, call, _ = delivered(uow, consultant, manager, at=server - dt.timedelta(days=4))
    assert [n.task_id for n in care.list_care_notices(uow(), actor=manager)] == [call]


def test_a_pc_offline_at_escalation_gets_the_notice_when_it_is_back_until_dismissed(uow, people):
    consultant, manager = people
    _, _, call, _ = delivered(uow, consultant, manager)
    late = PICKED_UP + 100 * HOUR  # the manager's PC was off when the call fell overdue
    assert [n.task_id for n in care.list_care_notices(uow(), actor=manager, now=late)] == [call]
    assert [n.task_id for n in care.list_care_notices(uow(), actor=manager, now=late + HOUR)] == [call]
    care.acknowledge_care_notices(uow(), actor=manager, notices=[(call, "escalated")])
    assert care.list_care_notices(uow(), actor=manager, now=late + 2 * HOUR) == []


def test_retained_leads_are_followed_up_at_the_stores_interval_for_their_level_4_2_3_2(uow, people):
    consultant, manager = people
    deal_id, customer_id, _, _ = delivered(uow, consultant, manager)
    with uow() as u:
        lead = u.session.scalars(select(Lead).where(Lead.customer_id == customer_id)).one()
        lead.intent_level, lead_id = "A", lead.id
        u.commit()
    now = dt.datetime(2026, 4, 1, 2, 0)
    assert care.plan_lead_follow_ups(uow(), actor=manager, now=now).created == 1
    assert care.plan_lead_follow_ups(uow(), actor=manager, now=now).created == 0  # one open at a time
    with uow() as u:
        task = u.session.scalars(select(FollowUpTask).where(FollowUpTask.subject_id == lead_id,
                                                           FollowUpTask.kind == TaskKind.LEAD_FOLLOW_UP)).one()  # fmt: skip
        assert (task.assignee_id, task.due_at) == (consultant.user_id, now + dt.timedelta(days=3))
        task_id = task.id
    r = care.record_task_outcome(uow(), actor=consultant, task_id=task_id, expected_version=1, outcome="satisfied",
                                 now=now + HOUR)  # fmt: skip
    assert _task(uow, r.next_task_id) == (consultant.user_id, now + HOUR + dt.timedelta(days=3))
    assert r.recovery_case_id is None


def test_a_brand_without_its_own_first_service_interval_takes_the_stores_default(uow, people):
    consultant, manager = people
    care.set_first_service_days(uow(), actor=manager, brand="*", days=120)
    care.set_first_service_days(uow(), actor=manager, brand="红旗", days=60)
    _, _, _, reminder = delivered(uow, consultant, manager, brand="大众")
    assert _task(uow, reminder) == (consultant.user_id, PICKED_UP + dt.timedelta(days=120))
    with pytest.raises(ValidationFailed):
        care.set_first_service_days(uow(), actor=manager, brand="大众", days=0)


def test_the_72_hour_call_rate_and_the_satisfaction_rate_of_a_month_5_2_1_3_14_3_18(uow, people):
    """The care page's figures are the KPI feature's (app/kpis, issue #20.1): one definition."""
    consultant, manager = people
    carer = make_user(uow, Role.CUSTOMER_CARE)
    # Three pick-ups in April (Shanghai): one reached in time, one late, one never reached.
    picked = [dt.datetime(2026, 4, 1, 2, 0), dt.datetime(2026, 4, 10, 2, 0), dt.datetime(2026, 4, 30, 15, 0)]
    tasks = [picked_up(uow, consultant, manager, p) for p in picked]
    care.record_task_outcome(uow(), actor=consultant, task_id=tasks[0][2], expected_version=1, outcome="satisfied",
                             now=picked[0] + 5 * HOUR)  # fmt: skip
    care.record_task_outcome(uow(), actor=consultant, task_id=tasks[1][2], expected_version=1, outcome="satisfied",
                             now=picked[1] + 80 * HOUR)  # fmt: skip
    with uow() as u:
        customer_id = u.session.get_one(Deal, tasks[0][1]).customer_id
    happy = {"overall": 5, "consultant": 5, "explained": True, "on_time": True}
    for answers in (happy, happy, {**happy, "overall": 1}):
        care.record_survey(uow(), actor=carer, template_key="delivery", customer_id=customer_id, deal_id=tasks[0][1],
                           answers=answers, now=dt.datetime(2026, 4, 15, 2, 0))  # fmt: skip
    kpi = care.get_care_kpis(uow(), actor=manager, month=dt.date(2026, 4, 1))
    # 30 April 23:00 in Shanghai is still April; its call falls due in May.
    assert (kpi.picked_up, kpi.called_in_72h, kpi.surveys, kpi.satisfied, kpi.pending) == (3, 1, 3, 2, 0)
    assert round(kpi.call_rate, 3) == 0.333 and round(kpi.satisfaction_rate, 3) == 0.667
    report = compute_kpis(uow(), actor=manager, period=Period.month(dt.date(2026, 4, 1)))
    shown = {f.code: (f.numerator, f.denominator, f.value_bp) for f in report.store.figures}
    assert shown[KpiCode.DELIVERY_CALL] == (kpi.called_in_72h, kpi.picked_up, kpi.call_rate_bp)
    assert shown[KpiCode.SATISFACTION] == (kpi.satisfied, kpi.surveys, kpi.satisfaction_rate_bp)
    with pytest.raises(PermissionDenied):
        care.get_care_kpis(uow(), actor=consultant, month=dt.date(2026, 4, 1))


def test_a_pick_up_whose_72_hours_are_running_is_pending_on_the_care_page_not_failed_3_14(uow, people):
    """Issue #20's defect: the care page showed calls still inside their 72 hours as failed."""
    consultant, manager = people
    at = dt.datetime(2026, 4, 10, 2, 0)
    picked_up(uow, consultant, manager, at)
    kpi = care.get_care_kpis(uow(), actor=manager, month=dt.date(2026, 4, 1), as_of=at + 10 * HOUR)
    assert (kpi.picked_up, kpi.called_in_72h, kpi.pending, kpi.call_rate) == (0, 0, 1, None)
    kpi = care.get_care_kpis(uow(), actor=manager, month=dt.date(2026, 4, 1), as_of=at + 73 * HOUR)
    assert (kpi.picked_up, kpi.called_in_72h, kpi.pending, kpi.call_rate) == (1, 0, 0, 0.0)
