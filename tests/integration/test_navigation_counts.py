"""Issue #17.7: the counts in the navigation (visitors waiting, overdue follow-ups) are each a
single COUNT, scoped as the pages they stand for: a consultant's own, the desk's and a
manager's whole store."""

from __future__ import annotations

import datetime as dt

from app.reception.counts import overdue_follow_ups, visitors_waiting
from app.reception.leads import create_lead
from db.models import Role
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_customer,
    make_staff,
    on_duty,
    reception_defaults,
    walk_in,
)

NOW = RECEPTION_NOW
HAN = ("比亚迪", "汉 DM-i")


def test_visitors_waiting_today_all_for_the_desk_own_for_a_consultant(uow):
    reception_defaults(uow)
    desk, manager = make_staff(uow, Role.RECEPTION), make_staff(uow, Role.SALES_MANAGER)
    first, second = make_consultants(uow, 2)
    on_duty(uow, desk, [first, second])
    walk_in(uow, desk, now=NOW - dt.timedelta(days=1))  # yesterday's is not waiting today
    assigned = [walk_in(uow, desk).visit.consultant_id for _ in range(3)]  # by rotation
    assert visitors_waiting(uow(), actor=desk, now=NOW) == 3
    assert visitors_waiting(uow(), actor=manager, now=NOW) == 3
    for consultant in (first, second):
        assert visitors_waiting(uow(), actor=consultant, now=NOW) == assigned.count(consultant.user_id)


def test_overdue_follow_ups_count_open_leads_past_their_day(uow):
    reception_defaults(uow)
    desk, manager = make_staff(uow, Role.RECEPTION), make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, HAN, ("特斯拉", "Model Y"))
    (mine,) = make_consultants(uow, 1)
    earlier = NOW - dt.timedelta(days=3)
    for model, follow_up in ((HAN, NOW.date() + dt.timedelta(days=1)), (("特斯拉", "Model Y"), None)):
        customer = make_customer(uow, desk, now=earlier)
        create_lead(
            uow(),
            actor=manager,
            customer_id=customer.id,
            brand=model[0],
            model=model[1],
            next_follow_up=follow_up,
            consultant_id=mine.user_id,
            now=earlier,
        )
    # The Han's follow-up (tomorrow, seen from three days ago) is two days late four days on.
    later = NOW + dt.timedelta(days=4)
    assert overdue_follow_ups(uow(), actor=mine, now=NOW) == 0
    assert overdue_follow_ups(uow(), actor=mine, now=later) == 1
    assert overdue_follow_ups(uow(), actor=manager, now=later) == 1
    (other,) = make_consultants(uow, 1)
    assert overdue_follow_ups(uow(), actor=other, now=later) == 0
