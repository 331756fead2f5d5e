"""Permission cases of the sale's quote services (issue #18), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.permissions import Action
from app.sales import api
from app.sales.quote_dto import QuoteInput
from db.sales_models import PriceItemKind, PriceListItem
from tests.sales_factories import SALE_NOW, make_lead, make_price_list


def _deal(uow, owner, manager) -> tuple[int, int]:
    """(deal_id, vehicle item id): a deal on `owner`'s lead, opened by the manager."""
    pl = make_price_list(uow, manager)
    _customer, lead = make_lead(uow, owner)
    deal = api.open_deal(uow(), actor=manager, lead_id=lead, now=SALE_NOW)
    with uow() as u:
        item = u.session.scalar(
            select(PriceListItem.id).where(
                PriceListItem.price_list_id == pl, PriceListItem.kind == PriceItemKind.VEHICLE
            )
        )
    return deal.id, item


def _view(uow, actor, manager, tmp_path):
    # The actor's own customer: a consultant reads only their own deals (not_your_customer).
    deal_id, _item = _deal(uow, actor, manager)
    api.get_deal(uow(), actor=actor, deal_id=deal_id)


def _sell(uow, actor, manager, tmp_path):
    # A consultant sells on their own lead (a manager on anyone's).
    make_price_list(uow, manager)
    _customer, lead = make_lead(uow, actor)
    api.open_deal(uow(), actor=actor, lead_id=lead, now=SALE_NOW)


def _approve(uow, actor, manager, tmp_path):
    deal_id, item = _deal(uow, manager, manager)
    data = QuoteInput(vehicle_item_id=item, discount_fen=900_000, valid_until=dt.date(2026, 3, 31))
    q = api.save_quote(uow(), actor=manager, deal_id=deal_id, data=data, now=SALE_NOW)
    api.approve_discount(uow(), actor=actor, quote_id=q.id, reason="经理批准")


CASES: dict = {Action.VIEW_DEALS: _view, Action.SELL: _sell, Action.APPROVE_DISCOUNTS: _approve}
RULE_REFUSALS: set = set()
