"""Shared set-up of finance's tests (issue #18.5): a store, a manager, a consultant, a cashier and
a live contract from tests/sales_factories.py (the contract part's service is built in parallel)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.dto import Actor
from db.models import Role
from tests.factories import make_store, make_user
from tests.sales_factories import make_contract, make_price_list


@dataclass
class Desk:
    manager: Actor
    consultant: Actor
    cashier: Actor
    deal_id: int
    contract_id: int


def open_desk(uow, **contract) -> Desk:
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="李经理")
    consultant = make_user(uow, Role.CONSULTANT, full_name="张顾问")
    cashier = make_user(uow, Role.FINANCE, full_name="赵会计")
    make_price_list(uow, manager)
    deal_id, contract_id = make_contract(uow, consultant, manager, **contract)
    return Desk(manager, consultant, cashier, deal_id, contract_id)
