"""Permission cases of the sale's contract services (issue #18), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`.

SELL: signing a contract (4.3.3; consultants and sales managers). END_CONTRACTS: cancelling or
terminating one (sales managers only)."""

from __future__ import annotations

from app.core.permissions import Action
from app.sales.api import end_contract
from db.models import Role
from tests.contract_factories import ready_deal, sign
from tests.factories import make_user
from tests.sales_factories import SALE_NOW, make_contract, make_price_list


def _sell(uow, actor, manager, tmp_path):
    # The actor's own customer: another consultant's deal is refused (not_your_customer).
    deal_id, _ = ready_deal(uow, actor, manager)
    sign(uow, actor, deal_id)


def _end(uow, actor, manager, tmp_path):
    consultant = make_user(uow, Role.CONSULTANT)
    make_price_list(uow, manager)
    _, contract_id = make_contract(uow, consultant, manager)
    end_contract(
        uow(),
        actor=actor,
        contract_id=contract_id,
        expected_version=1,
        kind="cancel",
        reason="客户放弃购车",
        now=SALE_NOW,
    )


CASES: dict = {Action.SELL: _sell, Action.END_CONTRACTS: _end}
RULE_REFUSALS: set = set()
