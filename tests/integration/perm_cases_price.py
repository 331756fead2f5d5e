"""Permission cases of the sale's price services (issue #18), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`."""

from __future__ import annotations

import datetime as dt

from app.core.permissions import Action
from app.sales import price_list


def _view(uow, actor, manager, tmp_path):
    price_list.list_price_lists(uow(), actor=actor)


def _manage(uow, actor, manager, tmp_path):
    # 办法 art. 10: only the price list's manager starts a new version.
    price_list.create_price_list(uow(), actor=actor, title="2027 价格公示", effective_from=dt.date(2099, 1, 1))


CASES: dict = {Action.VIEW_PRICE_LIST: _view, Action.MANAGE_PRICE_LIST: _manage}
RULE_REFUSALS: set = set()
