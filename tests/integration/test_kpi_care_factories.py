"""Test data for the after-sale KPIs (issue #20.1, T/CSCA 120031 3.14-3.18), no tests of its own.

A pick-up is a signed contract of the sales factory (tests/sales_factories.py) fulfilled as the
handover writes it (status, `fulfilled_at`, the car no longer live), with its 72-hour call
planned by the real `plan_after_delivery` in the same transaction, as app/sales/handover.py
does; test_kpi_care_calls.py also walks one real handover. Complaints and answer sheets go
through the real services."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from app.core.dto import Actor
from app.customer_care.api import plan_after_delivery, record_task_outcome
from db.models import Role, Vehicle
from db.sales_models import Contract, ContractStatus, Deal, PriceList
from tests.factories import make_store, make_user
from tests.sales_factories import make_contract, make_price_list

_handovers = itertools.count(7000)


def staff(uow) -> dict[str, Actor]:
    make_store(uow)
    return {
        "li": make_user(uow, Role.CONSULTANT, full_name="李顾问"),
        "zhao": make_user(uow, Role.CONSULTANT, full_name="赵顾问"),
        "manager": make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
        "desk": make_user(uow, Role.RECEPTION, full_name="前台"),
        "carer": make_user(uow, Role.CUSTOMER_CARE, full_name="陈客服"),
    }


@pytest.fixture()
def people(uow):
    return staff(uow)


def picked_up(uow, consultant: Actor, manager: Actor, at: dt.datetime, brand: str = "大众",
              plan: bool = True) -> tuple[int, int, int | None]:  # fmt: skip
    """(contract id, deal id, call task id) of a car of `brand` handed over at `at` (naive UTC);
    `plan=False`: a handover from before the calls were planned, without its call task."""
    with uow() as u:
        priced = u.session.query(PriceList.id).first() is not None
    if not priced:
        make_price_list(uow, manager)
    deal_id, contract_id = make_contract(uow, consultant, manager)
    with uow() as u:
        s = u.session
        contract, deal = s.get_one(Contract, contract_id), s.get_one(Deal, deal_id)
        s.get_one(Vehicle, contract.vehicle_id).brand = brand
        contract.status, contract.fulfilled_at, contract.live_vehicle_id = ContractStatus.FULFILLED, at, None
        if not plan:
            u.commit()
            return contract_id, deal_id, None
        call, _ = plan_after_delivery(
            s, actor_id=consultant.user_id, handover_id=next(_handovers), deal_id=deal_id,
            customer_id=deal.customer_id, consultant_id=consultant.user_id, brand=brand, car=f"{brand} 帕萨特",
            picked_up_at=at,
        )  # fmt: skip
        u.commit()
    return contract_id, deal_id, call


def paper_delivery(uow, consultant: Actor, at: dt.datetime) -> int:
    """The call task of a delivery done on paper (no deal in the app), as the demo enters its
    older customers: the real `plan_after_delivery` with no deal."""
    with uow() as u:
        task, _ = plan_after_delivery(
            u.session, actor_id=consultant.user_id, handover_id=next(_handovers), deal_id=None,  # type: ignore[arg-type]
            customer_id=None, consultant_id=consultant.user_id, brand="大众", car="大众 帕萨特", picked_up_at=at,
        )  # fmt: skip
        u.commit()
    return task


def call(uow, actor: Actor, task_id: int, at: dt.datetime, outcome: str = "satisfied", version: int = 1) -> None:
    """One try at the call through the real service (an unsatisfied outcome needs its reason)."""
    note = "车漆有划痕" if outcome == "unsatisfied" else ""
    record_task_outcome(
        uow(), actor=actor, task_id=task_id, expected_version=version, outcome=outcome, note=note, now=at
    )
