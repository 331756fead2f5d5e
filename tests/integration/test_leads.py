"""Leads (意向, 4.2.3.2): created at the end of a visit, owned by a consultant, scoped; the
3.12 / 3.13 KPI inputs for a known month; consent withdrawal (PIPL)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.reception import leads, reports as reception_reports, visits as reception_visits
from app.reception.leads import LeadQuery
from app.reception.customers import find_customer_by_mobile, withdraw_consent
from db.models import Role
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_staff,
    on_duty,
    reception_defaults,
    walk_in,
)

NOW = RECEPTION_NOW
X, Y = ("比亚迪", "汉 DM-i"), ("特斯拉", "Model Y")


@pytest.fixture()
def desk(uow):
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION)


@pytest.fixture()
def manager(uow):
    m = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, m, X, Y)
    return m


@pytest.fixture()
def team(uow, desk, manager):
    people = make_consultants(uow, 2)
    on_duty(uow, desk, people)
    return people


def visit(
    uow,
    desk,
    manager,
    team,
    when,
    *,
    mobile=None,
    name="客户",
    models=(X,),
    outcome="information",
    intent="B",
    test_drive=False,
    ordered=None,
):
    """Check a visitor in at `when` and end the visit 30 minutes later (as the manager)."""
    on_duty(uow, desk, team, now=when)
    personal = dict(name=name, mobile=mobile) if mobile else {}
    v = walk_in(uow, desk, when, interested_models=list(models), **personal).visit
    return reception_visits.end_visit(
        uow(),
        actor=manager,
        visit_id=v.id,
        expected_version=v.version,
        outcome=outcome,
        intent_level=intent,
        had_test_drive=test_drive,
        ordered_model=ordered,
        now=when + dt.timedelta(minutes=30),
    )


def test_a_visit_with_consent_leaves_one_lead_per_model_owned_by_the_consultant(uow, desk, manager, team):
    end = visit(uow, desk, manager, team, NOW, mobile="13911112222", models=(X, Y), intent="A")
    assert [(x.brand, x.model, x.status, x.intent_level, x.consultant_id) for x in end.leads] == [
        (*X, "new", "A", team[0].user_id),
        (*Y, "new", "A", team[0].user_id),
    ]
    # A: follow up every 3 days by default (app.reception.rules.INTENT_LEVELS).
    assert end.visit.next_follow_up == dt.date(2026, 3, 13) == end.leads[0].next_follow_up
    again = visit(uow, desk, manager, team, NOW + dt.timedelta(hours=2), mobile="13911112222", models=(X,), intent="H")
    assert [(x.id, x.status, x.intent_level) for x in again.leads] == [(end.leads[0].id, "following", "H")]
    assert again.visit.consultant_id == team[0].user_id  # the repeat visit kept its consultant
    history = leads.lead_history(uow(), actor=manager, lead_id=end.leads[0].id)
    assert [(h.from_status, h.to_status) for h in history] == [(None, "new"), ("new", "following")]


def test_anonymous_visits_leave_no_leads(uow, desk, manager, team):
    assert visit(uow, desk, manager, team, NOW).leads == ()


def test_consultants_see_and_edit_only_their_own_leads(uow, desk, manager, team):
    a = visit(uow, desk, manager, team, NOW, mobile="13911112222").leads[0]
    b = visit(uow, desk, manager, team, NOW + dt.timedelta(minutes=1), mobile="13922223333").leads[0]
    assert (a.consultant_id, b.consultant_id) == (team[0].user_id, team[1].user_id)
    assert [x.id for x in leads.list_leads(uow(), actor=team[0])] == [a.id]
    assert [x.id for x in leads.list_leads(uow(), actor=team[0], query=LeadQuery(consultant_id=team[1].user_id))] == [
        a.id
    ]
    assert {x.id for x in leads.list_leads(uow(), actor=manager)} == {a.id, b.id}
    assert [x.id for x in leads.list_leads(uow(), actor=manager, query=LeadQuery(consultant_id=team[1].user_id))] == [
        b.id
    ]
    with pytest.raises(PermissionDenied):
        leads.get_lead(uow(), actor=team[0], lead_id=b.id)
    with pytest.raises(PermissionDenied):
        leads.update_lead(uow(), actor=team[0], lead_id=b.id, expected_version=b.version, status="following")
    with pytest.raises(PermissionDenied):
        leads.list_leads(uow(), actor=desk)
    moved = leads.update_lead(
        uow(), actor=manager, lead_id=b.id, expected_version=b.version, status="following", now=NOW
    )
    assert moved.status == "following"


def test_lost_needs_a_reason_and_moves_follow_the_rules(uow, desk, manager, team):
    lead = visit(uow, desk, manager, team, NOW, mobile="13911112222").leads[0]
    owner = team[0]
    with pytest.raises(ValidationFailed) as e:
        leads.update_lead(uow(), actor=owner, lead_id=lead.id, expected_version=lead.version, status="lost")
    assert e.value.for_field("lost_reason").code == "required"
    with pytest.raises(ValidationFailed) as e:
        leads.update_lead(
            uow(), actor=owner, lead_id=lead.id, expected_version=lead.version, status="lost", lost_reason="other"
        )
    assert e.value.for_field("lost_note").code == "required"
    lost = leads.update_lead(
        uow(),
        actor=owner,
        lead_id=lead.id,
        expected_version=lead.version,
        status="lost",
        lost_reason="bought_other_brand",
        now=NOW,
    )
    assert (lost.status, lost.lost_reason, lost.next_follow_up) == ("lost", "bought_other_brand", None)
    with pytest.raises(Conflict):
        leads.update_lead(uow(), actor=owner, lead_id=lead.id, expected_version=lead.version, status="following")
    back = leads.update_lead(
        uow(),
        actor=owner,
        lead_id=lead.id,
        expected_version=lost.version,
        status="following",
        intent_level="A",
        next_follow_up=dt.date(2026, 3, 20),
        now=NOW,
    )
    assert (back.status, back.lost_reason, back.intent_level) == ("following", None, "A")
    ordered = leads.update_lead(
        uow(), actor=owner, lead_id=lead.id, expected_version=back.version, status="ordered", now=NOW
    )
    with pytest.raises(ValidationFailed) as e:
        leads.update_lead(uow(), actor=owner, lead_id=lead.id, expected_version=ordered.version, status="following")
    assert e.value.for_field("status").code == "status_transition"


def test_an_order_of_several_models_must_say_which(uow, desk, manager, team):
    on_duty(uow, desk, team)
    v = walk_in(uow, desk, name="钱先生", mobile="13911112222", interested_models=[X, Y]).visit
    with pytest.raises(ValidationFailed) as e:
        reception_visits.end_visit(uow(), actor=manager, visit_id=v.id, expected_version=v.version, outcome="order")
    assert e.value.for_field("ordered_model").code == "required"
    end = reception_visits.end_visit(
        uow(), actor=manager, visit_id=v.id, expected_version=v.version, outcome="order", ordered_model=Y, now=NOW
    )
    assert {(x.model, x.status) for x in end.leads} == {(X[1], "new"), (Y[1], "ordered")}


def test_manual_leads_and_reassigning_a_customer(uow, desk, manager, team):
    end = visit(uow, desk, manager, team, NOW, mobile="13911112222", models=(X,))
    customer_id = end.visit.customer_id
    with pytest.raises(PermissionDenied):  # a consultant creates leads for themselves only
        leads.create_lead(
            uow(), actor=team[0], customer_id=customer_id, brand=Y[0], model=Y[1], consultant_id=team[1].user_id
        )
    with pytest.raises(ValidationFailed) as e:
        leads.create_lead(uow(), actor=team[0], customer_id=customer_id, brand=X[0], model=X[1])
    assert e.value.for_field("model").code == "lead_exists"
    phone = leads.create_lead(
        uow(), actor=team[0], customer_id=customer_id, brand=Y[0], model=Y[1], intent_level="C", now=NOW
    )
    assert (phone.status, phone.next_follow_up) == ("new", dt.date(2026, 3, 24))
    history = find_customer_by_mobile(uow(), actor=manager, mobile="13911112222")
    with pytest.raises(PermissionDenied):
        leads.reassign_customer(
            uow(),
            actor=team[0],
            customer_id=customer_id,
            expected_version=history.customer.version,
            consultant_id=team[1].user_id,
            reason="离职交接",
        )
    moved = leads.reassign_customer(
        uow(),
        actor=manager,
        customer_id=customer_id,
        expected_version=history.customer.version,
        consultant_id=team[1].user_id,
        reason="离职交接",
        now=NOW,
    )
    assert {x.consultant_id for x in moved} == {team[1].user_id} and len(moved) == 2
    later = walk_in(uow, desk, NOW + dt.timedelta(hours=1), visit_type="return_visit", mobile="13911112222")
    assert later.visit.consultant_id == team[1].user_id


def test_pipl_withdrawal_erases_contact_data_and_closes_open_leads(uow, desk, manager, team):
    end = visit(uow, desk, manager, team, NOW, mobile="13911112222", name="孙女士")
    history = find_customer_by_mobile(uow(), actor=desk, mobile="13911112222")
    gone = withdraw_consent(
        uow(),
        actor=desk,
        customer_id=history.customer.id,
        expected_version=history.customer.version,
        now=NOW + dt.timedelta(hours=1),
    )
    assert (gone.name, gone.mobile, gone.has_consent, gone.anonymised) == (None, None, False, True)
    assert find_customer_by_mobile(uow(), actor=desk, mobile="13911112222") is None
    lead = leads.get_lead(uow(), actor=manager, lead_id=end.leads[0].id)
    assert (lead.status, lead.lost_reason, lead.customer_name) == ("lost", "consent_withdrawn", None)
    with pytest.raises(ValidationFailed):  # no following someone who withdrew
        leads.update_lead(uow(), actor=manager, lead_id=lead.id, expected_version=lead.version, status="following")
    with pytest.raises(ValidationFailed) as e:
        leads.create_lead(uow(), actor=team[0], customer_id=history.customer.id, brand=Y[0], model=Y[1])
    assert e.value.for_field("customer_id").code == "consent_required"


def _at(local: str) -> dt.datetime:
    """Store-local 'YYYY-MM-DD HH:MM' -> naive UTC."""
    return dt.datetime.fromisoformat(local) - dt.timedelta(hours=8)


def test_kpi_inputs_for_a_known_month_3_12_and_3_13(uow, desk, manager, team):
    v = lambda when, **kw: visit(uow, desk, manager, team, _at(when), **kw)  # noqa: E731
    # February: four leads; L2 lost in February, so three are retained at the end of it.
    l1 = v("2026-02-05 10:00", mobile="13900000001", models=(X,)).leads[0]
    l2 = v("2026-02-10 11:00", mobile="13900000002", models=(X,)).leads[0]
    v("2026-02-12 15:00", mobile="13900000003", models=(Y,))
    v("2026-02-14 16:00", mobile="13900000004", models=(X,))
    v("2026-02-20 10:00", mobile="13900000001", models=(X,))  # L1: new -> following
    leads.update_lead(
        uow(),
        actor=manager,
        lead_id=l2.id,
        expected_version=l2.version,
        status="lost",
        lost_reason="price",
        now=_at("2026-02-25 12:00"),
    )
    v("2026-02-28 23:00", test_drive=True)  # still February in Shanghai: not a March test drive
    # March (store-local): 2026-03-01 00:30 in Shanghai is still 28 February in UTC.
    v("2026-03-01 00:30", mobile="13900000005", models=(Y,))  # L5: new in March
    v("2026-03-03 10:00", mobile="13900000006", models=(X,), outcome="test_drive", intent="H")  # L6
    v("2026-03-05 10:00", mobile="13900000003", models=(Y,), outcome="order", test_drive=True)  # L3 ordered
    v("2026-03-08 14:00", outcome="test_drive", intent="C")  # anonymous test drive
    v("2026-03-15 14:00", mobile="13900000007", models=(Y,))  # L7
    v("2026-03-20 17:00", mobile="13900000006", models=(X,), outcome="order")  # L6 ordered

    snap = reception_reports.snapshot_month(
        uow(), actor=manager, month=dt.date(2026, 2, 1), now=_at("2026-03-02 09:00")
    )
    assert snap.retained_count == 3 and len(snap.lead_ids) == 3 and l2.id not in snap.lead_ids
    with pytest.raises(ValidationFailed) as e:
        reception_reports.snapshot_month(uow(), actor=manager, month=dt.date(2026, 3, 1), now=_at("2026-03-31 23:59"))
    assert e.value.for_field("month").code == "month_not_over"
    # L1 is lost in March: the February snapshot does not change.
    l1_now = leads.get_lead(uow(), actor=manager, lead_id=l1.id)
    leads.update_lead(
        uow(),
        actor=manager,
        lead_id=l1.id,
        expected_version=l1_now.version,
        status="lost",
        lost_reason="postponed",
        now=_at("2026-03-10 10:00"),
    )
    again = reception_reports.snapshot_month(
        uow(), actor=manager, month=dt.date(2026, 2, 1), now=_at("2026-04-01 09:00")
    )
    assert (again.retained_count, again.lead_ids, again.taken_at) == (3, snap.lead_ids, snap.taken_at)

    kpi = reception_reports.month_kpi(uow(), actor=manager, month=dt.date(2026, 3, 17), now=_at("2026-04-02 09:00"))
    assert (kpi.month, kpi.retained_last_month, kpi.retained_last_month_from_snapshot) == (dt.date(2026, 3, 1), 3, True)
    # Issue #20.1: an order is a signed contract (none here: a lead set to 'ordered' is not one)
    # and a test drive a returned drive (none here: a ticked visit is not one).
    assert (kpi.new_leads, kpi.orders, kpi.test_drives, kpi.visits) == (3, 0, 0, 6)
    # 3.12: 0 / (3 + 3); 3.13: 0 / 6 intentions on record in March.
    assert (kpi.closure_rate.numerator, kpi.closure_rate.denominator) == (0, 6)
    assert (kpi.test_drive_rate.numerator, kpi.test_drive_rate.denominator) == (0, 6)
    assert kpi.test_drive_rate.percent == 0.0 and kpi.closure_rate.percent == 0.0
    assert kpi.retained_at_month_end == 3  # L4, L5, L7 (L1 lost, L3 and L6 ordered)
    feb = reception_reports.month_kpi(uow(), actor=manager, month=dt.date(2026, 2, 1), now=_at("2026-04-02 09:00"))
    assert (feb.new_leads, feb.orders, feb.retained_last_month, feb.test_drives) == (4, 0, 0, 0)
    assert feb.retained_last_month_from_snapshot is False
    with pytest.raises(PermissionDenied):
        reception_reports.month_kpi(uow(), actor=team[0], month=dt.date(2026, 3, 1))
