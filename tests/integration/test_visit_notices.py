""" "A visitor for you" notices kept for a consultant (issue #17.10): those assigned while they
were logged out are pending until acknowledged, and acknowledged ones are not repeated."""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_day_bounds, store_today, utcnow
from app.reception.checkin import reassign_visit
from app.reception.duty import set_roster
from app.reception.notices import acknowledge_notices, pending_notices
from app.reception.notifications import ChangeFeed
from app.reception.visits import start_visit
from db.models import Role
from tests.factories import make_consultants, make_staff, reception_defaults, walk_in


def _floor(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    team = make_consultants(uow, 2)
    set_roster(uow(), actor=desk, consultant_ids=[c.user_id for c in team], now=utcnow())
    return desk, manager, team


def test_a_visitor_assigned_while_logged_out_is_pending_until_acknowledged(uow, db_url):
    desk, _manager, (li, wang) = _floor(uow)
    # 25 minutes after arrival, both arrivals today in the store (the roster is today's): just
    # after midnight in Shanghai the test's clock is moved to 00:26.
    now = max(utcnow(), store_day_bounds(store_today())[0] + dt.timedelta(minutes=26))
    named = walk_in(uow, desk, now=now - dt.timedelta(minutes=25), name="王先生", mobile="13912345678").visit
    other = walk_in(uow, desk, now=now - dt.timedelta(minutes=20)).visit  # rotation: the other one
    assert (named.consultant_id, other.consultant_id) == (li.user_id, wang.user_id)
    pending = pending_notices(uow(), actor=li, now=now)
    assert [(n.visit_id, n.customer_name) for n in pending] == [(named.id, "王先生")]
    assert pending[0].waited_seconds(now) // 60 == 25
    assert [n.customer_name for n in pending_notices(uow(), actor=wang, now=now)] == [None]
    with ChangeFeed(db_url, after_id=0) as feed:
        before = feed.poll()
        assert acknowledge_notices(uow(), actor=li, visit_ids=[named.id, other.id], now=now).visit_ids == (named.id,)
        assert feed.poll() == []  # an acknowledgement refreshes no terminal
    assert before and pending_notices(uow(), actor=li, now=now) == []


def test_reassigned_back_the_notice_is_pending_again_and_a_started_visit_has_none(uow):
    desk, manager, (li, wang) = _floor(uow)
    visit = walk_in(uow, desk, now=utcnow()).visit
    acknowledge_notices(uow(), actor=li, visit_ids=[visit.id])
    moved = reassign_visit(
        uow(), actor=manager, visit_id=visit.id, expected_version=visit.version, consultant_id=wang.user_id, reason="x"
    )
    assert pending_notices(uow(), actor=li) == [] and len(pending_notices(uow(), actor=wang)) == 1
    back = reassign_visit(
        uow(), actor=manager, visit_id=visit.id, expected_version=moved.version, consultant_id=li.user_id, reason="y"
    )
    assert [n.visit_id for n in pending_notices(uow(), actor=li)] == [visit.id]
    start_visit(uow(), actor=li, visit_id=visit.id, expected_version=back.version)
    assert pending_notices(uow(), actor=li) == []
