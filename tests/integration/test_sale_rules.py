"""Rule gaps of the sale closed after the parts met (issue #18): each test names its clause and
goes through the real services on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.errors import ValidationFailed
from app.sales import api as sales
from db.handover_models import Handover
from db.models import Role, Vehicle, VehicleStatusChange
from db.sales_models import Contract
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.handover_factories import full_input, handover_signatures, ready_contract
from tests.integration.test_pdi_permissions import technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
HANDOVER_AT = dt.datetime(2026, 3, 15, 2, 0)


@pytest.fixture()
def people(uow):
    make_store(uow)
    return (
        make_user(uow, Role.CONSULTANT, full_name="李顾问"),
        make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
        make_user(uow, Role.FINANCE, full_name="赵会计"),
        technician(uow),
    )


def _codes(e) -> set[str]:
    return {f"{x.field}:{x.code}" for x in e.value.errors}


def _hand_over(uow, actor, contract_id, **kw):
    return sales.complete_handover(
        uow(), actor=actor, contract_id=contract_id, data=full_input(uow, contract_id),
        signatures=handover_signatures(), now=HANDOVER_AT, **kw,
    )  # fmt: skip


# --- 4.4.2 / issue #18.4: a car is delivered only through inventory's move at the handover ----


def test_4_4_2_the_handover_delivers_the_car_through_inventorys_move(uow, people):
    """The history row is inventory's (sold -> delivered, the contract number, the handover time)."""
    consultant, manager, finance, tech = people
    _deal, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    _hand_over(uow, consultant, cid)
    with uow() as u:
        change = u.session.scalars(
            select(VehicleStatusChange).where(VehicleStatusChange.vehicle_id == vid).order_by(VehicleStatusChange.id)
        ).all()[-1]
        number = u.session.get(Contract, cid).number
        assert (change.from_status, change.to_status, change.reason, change.changed_at) == (
            "sold", "delivered", number, HANDOVER_AT,
        )  # fmt: skip


def test_4_4_2_a_car_not_sold_under_the_contract_is_not_delivered(uow, people):
    """Only a sold car goes to delivered (inventory's transitions): a car that is back in stock
    is refused and nothing of the handover is kept."""
    consultant, manager, finance, tech = people
    _deal, cid, vid = ready_contract(uow, consultant, manager, finance, tech)
    with uow() as u:
        u.session.get(Vehicle, vid).status = "in_stock"
        u.commit()
    with pytest.raises(ValidationFailed) as e:
        _hand_over(uow, consultant, cid)
    assert "status:status_transition" in _codes(e)
    with uow() as u:
        assert u.session.get(Vehicle, vid).status == "in_stock"
        assert u.session.get(Contract, cid).status == "signed"
        assert u.session.scalar(select(Handover.id).where(Handover.contract_id == cid)) is None
