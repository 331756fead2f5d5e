"""Permission cases of the deal board (issue #18.7), for test_permissions.py's SALES_PARTS: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`.
VIEW_DEALS: consultants (their own deals), sales managers and finance (all)."""

from __future__ import annotations

from app.core.permissions import Action
from app.sales.board import deal_board, deal_detail
from db.models import Role
from tests.sales_factories import make_deal, make_price_list


def view_deals(uow, actor, manager, tmp_path):
    make_price_list(uow, manager)
    # A consultant's own deal; anyone else's view is of a deal the manager sells.
    seller = actor if Role.CONSULTANT in actor.roles else manager
    deal_id, _quote = make_deal(uow, seller)
    deal_board(uow(), actor=actor)
    deal_detail(uow(), actor=actor, deal_id=deal_id)


CASES: dict = {Action.VIEW_DEALS: view_deals}
RULE_REFUSALS: set = set()
