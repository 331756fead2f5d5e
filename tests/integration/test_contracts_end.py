"""Ending and amending a contract, and the car's status under it (issue #18.4; T/CSCA
120031-2023 4.3.3, 4.4.2; 民法典 587): a car becomes sold only through a contract, delivered
only through a handover, and stays sold while a live contract holds it; a sales manager ends a
contract with a reason, the car goes back in stock, the deal is cancelled and finance gets a
refund request for the net amount paid."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationFailed
from app.inventory import vehicles
from app.sales.api import amend_contract, amendment_blockers, end_contract
from db.finance_models import PaymentKind, RefundRequest
from db.models import Document, Role, Vehicle
from db.sales_models import Contract, ContractRevision, Deal
from tests.contract_factories import contract_input, pads, ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user, vehicle_input  # noqa: F401
from tests.sales_factories import SALE_NOW, make_contract, make_payment, make_price_list, make_sold_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def staff(uow):
    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    manager = make_user(uow, Role.SALES_MANAGER, full_name="王经理")
    finance = make_user(uow, Role.FINANCE)
    make_price_list(uow, manager)
    return consultant, manager, finance


def _field_code(excinfo) -> str:
    (err,) = excinfo.value.errors
    return err.code


def _change(uow, actor, vehicle_id, status):
    v = vehicles.get_vehicle(uow(), actor=actor, vehicle_id=vehicle_id)
    return vehicles.change_status(
        uow(), actor=actor, vehicle_id=vehicle_id, expected_version=v.version, new_status=status
    )


def test_change_status_never_sells_nor_delivers(uow, staff):
    """4.3.3 / 4.4.2: "Change status" refuses sold (a contract sells) and delivered (a handover)."""
    _, manager, _ = staff
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="reserved"))
    with pytest.raises(ValidationFailed) as e:
        _change(uow, manager, v.id, "sold")
    assert _field_code(e) == "status_sold_by_contract"
    sold = make_sold_vehicle(uow, manager)
    with pytest.raises(ValidationFailed) as e:
        _change(uow, manager, sold.id, "delivered")
    assert _field_code(e) == "status_delivered_by_handover"


def test_a_car_under_a_live_contract_stays_sold(uow, staff):
    consultant, manager, _ = staff
    _, contract_id = make_contract(uow, consultant, manager)
    with uow() as u:
        vehicle_id = u.session.get(Contract, contract_id).vehicle_id
    with pytest.raises(ValidationFailed) as e:
        _change(uow, manager, vehicle_id, "reserved")
    assert _field_code(e) == "status_held_by_contract"


def test_ending_frees_the_car_cancels_the_deal_and_requests_the_refund(uow, staff):
    """Cancelling (END_CONTRACTS): the reason is kept, the car back in stock, the deal
    cancelled, and a refund request (status requested) for the net amount paid."""
    consultant, manager, finance = staff
    deal_id, contract_id = make_contract(uow, consultant, manager, deposit_fen=2_000_000)
    make_payment(uow, finance, contract_id, 2_000_000, kind=PaymentKind.EARNEST)
    make_payment(uow, finance, contract_id, 300_000)
    ended = end_contract(
        uow(), actor=manager, contract_id=contract_id, expected_version=1, kind="cancel", reason="客户资金问题，协商解除",
        now=SALE_NOW,
    )  # fmt: skip
    assert ended.contract.status == "cancelled" and ended.refund_fen == 2_300_000
    with uow() as u:
        s = u.session
        c = s.get(Contract, contract_id)
        assert c.live_vehicle_id is None and c.end_reason == "客户资金问题，协商解除"
        assert s.get(Vehicle, c.vehicle_id).status == "in_stock"
        assert s.get(Deal, deal_id).stage == "cancelled"
        refund = s.get(RefundRequest, ended.refund_request_id)
        assert (refund.amount_fen, refund.status, refund.requested_by_id) == (2_300_000, "requested", manager.user_id)


def test_nothing_paid_no_refund_request_and_a_reason_is_required(uow, staff):
    consultant, manager, _ = staff
    _, contract_id = make_contract(uow, consultant, manager)
    with pytest.raises(ValidationFailed) as e:
        end_contract(uow(), actor=manager, contract_id=contract_id, expected_version=1, kind="terminate", reason=" ")
    assert _field_code(e) == "required"
    ended = end_contract(
        uow(), actor=manager, contract_id=contract_id, expected_version=1, kind="terminate",
        reason="逾期交付超过30日，买受人解除合同",
    )  # fmt: skip
    assert ended.contract.status == "terminated" and ended.refund_request_id is None
    with uow() as u:
        assert u.session.scalar(select(RefundRequest.id)) is None


def test_a_consultant_cannot_end_a_contract(uow, staff):
    consultant, manager, _ = staff
    _, contract_id = make_contract(uow, consultant, manager)
    with pytest.raises(PermissionDenied):
        end_contract(uow(), actor=consultant, contract_id=contract_id, expected_version=1, kind="cancel", reason="x")


def test_an_amendment_is_a_new_signed_version_of_the_same_number(uow, staff):
    """4.3.3: a change is signed again: contract_revision 2 and the document's version 2."""
    consultant, manager, _ = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    first = sign(uow, consultant, deal_id)
    data = contract_input(delivery_date=first.delivery_date.replace(day=28), max_delivery_odometer_km=30)
    amended = amend_contract(
        uow(), actor=manager, contract_id=first.id, expected_version=first.version, data=data,
        reason="客户要求提前交车", signatures=pads(), now=SALE_NOW,
    )  # fmt: skip
    assert (amended.number, amended.revision, amended.max_delivery_odometer_km) == (first.number, 2, 30)
    with uow() as u:
        s = u.session
        revisions = s.scalars(select(ContractRevision).where(ContractRevision.contract_id == first.id)).all()
        assert [(r.revision, r.reason) for r in revisions] == [(1, ""), (2, "客户要求提前交车")]
        versions = s.scalars(select(Document.version).where(Document.number == first.number).order_by(Document.version))
        assert list(versions) == [1, 2]


def test_an_amendment_cannot_change_the_buyer(uow, staff):
    consultant, manager, _ = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    first = sign(uow, consultant, deal_id)
    with pytest.raises(ValidationFailed) as e:
        amend_contract(
            uow(), actor=manager, contract_id=first.id, expected_version=first.version,
            data=contract_input(buyer_id_type="passport", buyer_id_number="E12345678"), reason="换人",
            signatures=pads(), now=SALE_NOW,
        )  # fmt: skip
    assert _field_code(e) == "amend_buyer_changed"


def test_the_amendment_pre_check_answers_what_signing_would_refuse_and_writes_nothing(uow, staff):
    """Asked before the pads (amendment_blockers): the same checks as amend_contract (a reason,
    the terms as a new contract's, 民法典 586's 20 %, the same buyer), every field at once."""
    consultant, manager, _ = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    first = sign(uow, consultant, deal_id)
    bad = contract_input(
        buyer_id_type="passport", buyer_id_number="E12345678", deposit_kind="earnest",
        deposit_fen=first.price_fen, delivery_date=first.delivery_date,
    )  # fmt: skip
    ask = dict(contract_id=first.id, expected_version=first.version, now=SALE_NOW)
    errors = amendment_blockers(uow(), actor=manager, data=bad, reason=" ", **ask)
    assert {e.field: e.code for e in errors} == {"reason": "required", "deposit": "earnest_over_20_percent"}
    bad = replace(bad, deposit_kind="none", deposit_fen=0)
    errors = amendment_blockers(uow(), actor=manager, data=bad, reason="换人", **ask)
    assert [(e.field, e.code) for e in errors] == [("buyer_id", "amend_buyer_changed")]
    with pytest.raises(ValidationFailed) as e:
        amend_contract(uow(), actor=manager, data=bad, reason="换人", signatures=pads(), **ask)
    assert _field_code(e) == "amend_buyer_changed"
    good = contract_input(delivery_date=first.delivery_date)
    assert amendment_blockers(uow(), actor=manager, data=good, reason="交车日期变更", **ask) == []
    with pytest.raises(PermissionDenied):  # the amendment voids a signed version: a manager's
        amendment_blockers(uow(), actor=consultant, data=good, reason="x", **ask)
    with uow() as u:
        assert u.session.get(Contract, first.id).revision == 1


def test_an_amendment_keeps_the_sealed_address_and_agent_id_left_empty_on_its_form(uow, staff):
    """4.3.3: the amendment's form never shows the sealed buyer address or agent ID, so leaving
    them empty keeps them, on the record and on the new signed paper (nothing silently erased)."""
    from app.core.personal_data import unseal
    from app.sales.contracts import AGENT_ID_FIELD
    from db.sales_models import Contract

    consultant, manager, _ = staff
    deal_id, _ = ready_deal(uow, consultant, manager)
    typed = contract_input(
        buyer_address="上海市闵行区莘庄镇1号", agent_name="王小明", agent_id_type="resident_id",
        agent_id_number="11010519491231002X",
    )  # fmt: skip
    first = sign(uow, consultant, deal_id, data=typed)
    retyped = replace(typed, buyer_address="", agent_id_number="", buyer_phone="")
    amend_contract(
        uow(), actor=manager, contract_id=first.id, expected_version=first.version, data=retyped,
        reason="交车日期变更", signatures=pads(), now=SALE_NOW,
    )  # fmt: skip
    with uow() as u:
        c = u.session.get(Contract, first.id)
        assert unseal(c.buyer_address_sealed, field="contract.buyer_address") == "上海市闵行区莘庄镇1号"
        assert unseal(c.agent_id_sealed, field=AGENT_ID_FIELD) == "11010519491231002X"
        assert c.buyer_phone_masked and c.revision == 2
