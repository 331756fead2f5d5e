"""Two terminals signing at once (issue #18.4; 办法 art. 15; T/CSCA 120031-2023 4.3.3): contract
numbers are unique per store and never repeat (they are the HT document numbers, allocated
atomically), and one car never ends up in two live contracts (contract.live_vehicle_id is
unique). Runs on SQLite by default and on PostgreSQL when SHOWROOM_TEST_DATABASE_URL is set
(tests/conftest.py), where the two terminals really write at the same time."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Role
from db.sales_models import Contract
from tests.contract_factories import ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import make_deal
from tests.terminals import at_once

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _at_once(db_url, consultant, deal_ids) -> list[str]:
    """Each deal signed from its own terminal, released together; what each one got."""
    return at_once(db_url, [lambda d, deal_id=deal_id: sign(d.uow, consultant, deal_id).number for deal_id in deal_ids])


def test_two_terminals_get_two_different_contract_numbers(db_url, uow):
    make_store(uow)
    consultant, manager = make_user(uow, Role.CONSULTANT), make_user(uow, Role.SALES_MANAGER)
    deals = [ready_deal(uow, consultant, manager)[0] for _ in range(2)]
    outcomes = _at_once(db_url, consultant, deals)
    assert len(outcomes) == 2 and all(o.startswith("HT-") for o in outcomes), outcomes
    assert len(set(outcomes)) == 2


def test_one_car_sold_from_two_terminals_ends_in_one_live_contract(db_url, uow):
    make_store(uow)
    consultant, manager = make_user(uow, Role.CONSULTANT), make_user(uow, Role.SALES_MANAGER)
    first, vehicle_id = ready_deal(uow, consultant, manager)
    second, _ = make_deal(uow, consultant, vehicle_id=vehicle_id)
    outcomes = _at_once(db_url, consultant, [first, second])
    assert not [o for o in outcomes if o.startswith("raw")], outcomes
    assert len([o for o in outcomes if o.startswith("HT-")]) == 1, outcomes
    assert set(outcomes) - {o for o in outcomes if o.startswith("HT-")} <= {"conflict", "vehicle_in_live_contract"}
    with uow() as u:
        live = select(func.count()).select_from(Contract).where(Contract.live_vehicle_id == vehicle_id)
        assert u.session.scalar(live) == 1
