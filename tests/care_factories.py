"""Customer-care test data (issue #19): a delivered deal's tasks written by the real
`plan_after_delivery` (as the handover's transaction calls it), without the whole handover;
tests/integration/test_care_tasks.py also walks a real handover once."""

from __future__ import annotations

import datetime as dt
import itertools

from app.core.dto import Actor
from app.customer_care.api import plan_after_delivery
from db.sales_models import Deal, PriceList
from tests.sales_factories import make_deal, make_price_list

PICKED_UP = dt.datetime(2026, 3, 30, 7, 0)  # naive UTC: 15:00 on 30 March in Shanghai
_handover_ids = itertools.count(9000)


def delivered(uow_factory, consultant: Actor, manager: Actor, *, at: dt.datetime = PICKED_UP,
              brand: str = "大众") -> tuple[int, int, int, int]:  # fmt: skip
    """(deal_id, customer_id, call task id, first-service task id) of a car picked up at `at`."""
    with uow_factory() as uow:
        priced = uow.session.query(PriceList.id).first() is not None
    if not priced:
        make_price_list(uow_factory, manager)
    deal_id, _ = make_deal(uow_factory, consultant)
    with uow_factory() as uow:
        deal = uow.session.get(Deal, deal_id)
        call, reminder = plan_after_delivery(
            uow.session, actor_id=consultant.user_id, handover_id=next(_handover_ids), deal_id=deal_id,
            customer_id=deal.customer_id, consultant_id=consultant.user_id, brand=brand, car="大众 帕萨特",
            picked_up_at=at,
        )  # fmt: skip
        uow.commit()
        return deal_id, deal.customer_id, call, reminder
