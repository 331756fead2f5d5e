"""Permission cases of the sale's finance services (issue #18.5), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`.
RECORD_PAYMENTS is finance's only (T/CSCA 120031-2023 4.3.4), APPROVE_REFUNDS a sales manager's
(4.3.5)."""

from __future__ import annotations

from app.core.permissions import Action
from app.finance import api as finance
from db.models import Role
from tests.factories import make_user
from tests.sales_factories import make_contract, make_payment, make_price_list


def _contract(uow, manager, consultant=None) -> int:
    make_price_list(uow, manager)
    consultant = consultant or make_user(uow, Role.CONSULTANT)
    return make_contract(uow, consultant, manager)[1]


def record_payments(uow, actor, manager, tmp_path):
    contract_id = _contract(uow, manager)
    finance.record_payment(uow(), actor=actor, contract_id=contract_id, kind="final", amount_fen=1_000, method="cash")


def approve_refunds(uow, actor, manager, tmp_path):
    contract_id = _contract(uow, manager)
    cashier = make_user(uow, Role.FINANCE)
    make_payment(uow, cashier, contract_id, 5_000)
    r = finance.request_refund(uow(), actor=cashier, contract_id=contract_id, amount_fen=1_000, reason="多付")
    finance.decide_refund(uow(), actor=actor, refund_id=r.id, approve=True, note="ok")


def view_payments(uow, actor, manager, tmp_path):
    contract_id = _contract(uow, manager, consultant=actor)  # a consultant sees their own deals' money
    finance.contract_ledger(uow(), actor=actor, contract_id=contract_id)
    finance.day_book(uow(), actor=actor)


CASES: dict = {
    Action.RECORD_PAYMENTS: record_payments,
    Action.APPROVE_REFUNDS: approve_refunds,
    Action.VIEW_PAYMENTS: view_payments,
}
RULE_REFUSALS: set = set()
