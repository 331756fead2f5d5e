"""Pure reception rules: rotation order and fairness, lead moves, KPI formulas (3.12, 3.13),
intent levels, reminders (4.2.1.4, 4.2.3.3), store-local time."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.clock import (
    from_store_time,
    previous_month,
    store_day_bounds,
    store_month_bounds,
    store_today,
    to_store_time,
)
from app.reception.rules import (
    INTENT_LEVELS,
    REMINDER_CHILD_SAFETY,
    REMINDER_FOREIGN_VISITOR,
    RotationCandidate,
    can_move_lead,
    default_follow_up,
    kpi_closure_rate,
    kpi_test_drive_rate,
    looks_like_id_number,
    pick_next_consultant,
    reminders_for,
    retained_at,
    status_at,
)
from db.reception_models import IntentLevel, LeadStatus

T0 = dt.datetime(2026, 3, 10, 2, 0)


def cand(cid, order, *, count=0, last=None, away=False, busy=False, on_duty=True):
    return RotationCandidate(cid, order, on_duty, away, busy, count, last)


def test_rotation_picks_fewest_then_least_recent_then_roster_order():
    assert pick_next_consultant([cand(1, 1, count=2), cand(2, 2, count=1), cand(3, 3, count=1)]) == 2
    assert (
        pick_next_consultant([cand(1, 1, count=1, last=T0), cand(2, 2, count=1, last=T0 - dt.timedelta(minutes=5))])
        == 2
    )
    assert pick_next_consultant([cand(5, 2), cand(4, 1)]) == 4


def test_rotation_skips_busy_away_and_off_duty_consultants():
    pool = [cand(1, 1, busy=True), cand(2, 2, away=True), cand(3, 3, on_duty=False), cand(4, 4, count=9)]
    assert pick_next_consultant(pool) == 4
    assert pick_next_consultant(pool[:3]) is None
    assert pick_next_consultant([]) is None


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 8), visits=st.integers(0, 80), busy=st.lists(st.integers(0, 7), max_size=80))
def test_rotation_is_fair_within_one_among_consultants_available_all_day(n, visits, busy):
    """Consultants who are never skipped end the day within one visit of each other, whatever
    the skips of a consultant who is sometimes busy."""
    counts = {i: 0 for i in range(n)}
    last: dict[int, dt.datetime] = {}
    for k in range(visits):
        skipped = busy[k] if k < len(busy) and busy[k] == 0 else None  # consultant 0 sometimes busy
        pool = [cand(i, i, count=counts[i], last=last.get(i), busy=i == skipped) for i in range(n)]
        chosen = pick_next_consultant(pool)
        counts[chosen] += 1
        last[chosen] = T0 + dt.timedelta(minutes=k)
    always = [counts[i] for i in range(1, n)]
    assert max(always) - min(always) <= 1


def test_lead_moves():
    L = LeadStatus
    assert can_move_lead(L.NEW, L.FOLLOWING) and can_move_lead(L.FOLLOWING, L.ORDERED)
    assert can_move_lead(L.FOLLOWING, L.LOST) and can_move_lead(L.LOST, L.FOLLOWING)
    assert not can_move_lead(L.ORDERED, L.FOLLOWING) and not can_move_lead(L.FOLLOWING, L.NEW)


def test_status_at_reads_the_append_only_history():
    h = [(T0, "new"), (T0 + dt.timedelta(days=3), "following"), (T0 + dt.timedelta(days=9), "ordered")]
    assert status_at(h, T0) is None  # not yet created (exclusive)
    assert status_at(h, T0 + dt.timedelta(days=1)) == "new"
    assert status_at(h, T0 + dt.timedelta(days=5)) == "following"
    assert retained_at(h, T0 + dt.timedelta(days=5))
    assert not retained_at(h, T0 + dt.timedelta(days=10))
    lost_then_back = [(T0, "new"), (T0 + dt.timedelta(days=1), "lost"), (T0 + dt.timedelta(days=2), "following")]
    assert not retained_at(lost_then_back, T0 + dt.timedelta(days=1, hours=1))
    assert retained_at(lost_then_back, T0 + dt.timedelta(days=3))


def test_3_12_closure_rate_formula():
    r = kpi_closure_rate(orders=5, retained_last_month=12, new_this_month=8)
    assert (r.numerator, r.denominator, r.value, r.percent) == (5, 20, 0.25, 25.0)
    assert kpi_closure_rate(0, 0, 0).value is None


def test_3_13_test_drive_rate_formula():
    r = kpi_test_drive_rate(test_drives=6, retained=20)
    assert r.value == 0.3 and r.percent == 30.0
    assert kpi_test_drive_rate(3, 0).percent is None


def test_intent_levels_are_defined_for_every_level_and_set_the_follow_up():
    assert set(INTENT_LEVELS) == set(IntentLevel)
    days = [INTENT_LEVELS[x].buy_within_days for x in (IntentLevel.H, IntentLevel.A, IntentLevel.B, IntentLevel.C)]
    assert days == sorted(days)
    assert default_follow_up("H", dt.date(2026, 3, 10)) == dt.date(2026, 3, 12)
    assert default_follow_up(IntentLevel.C, dt.date(2026, 3, 10)) == dt.date(2026, 3, 24)


def test_4_2_1_4_child_and_4_2_3_3_foreign_visitor_reminders():
    assert reminders_for(with_children=False, foreign_visitor=False) == ()
    assert reminders_for(with_children=True, foreign_visitor=True) == (REMINDER_CHILD_SAFETY, REMINDER_FOREIGN_VISITOR)


def test_id_numbers_are_recognised_in_free_text():
    assert looks_like_id_number("11010519491231002X")
    assert looks_like_id_number("身份证 110105491231002")
    assert not looks_like_id_number("王先生")
    assert not looks_like_id_number("13912345678")


def test_store_local_day_is_utc_plus_8():
    assert store_today(dt.datetime(2026, 3, 9, 16, 0)) == dt.date(2026, 3, 10)
    assert store_today(dt.datetime(2026, 3, 9, 15, 59)) == dt.date(2026, 3, 9)
    assert store_day_bounds(dt.date(2026, 3, 10)) == (dt.datetime(2026, 3, 9, 16), dt.datetime(2026, 3, 10, 16))
    assert store_month_bounds(dt.date(2026, 12, 5)) == (dt.datetime(2026, 11, 30, 16), dt.datetime(2026, 12, 31, 16))
    assert previous_month(dt.date(2026, 1, 20)) == dt.date(2025, 12, 1)
    assert from_store_time(to_store_time(T0)) == T0
