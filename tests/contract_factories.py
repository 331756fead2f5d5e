"""Contract test helpers (issue #18.4): the form's input and the pads' signatures for
app.sales.contracts.sign_contract, used by the contract's tests and permission cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.core.dto import Actor
from app.sales.api import ContractInput, sign_contract
from tests.factories import signature_capture
from tests.sales_factories import BUYER_ID, SALE_NOW, make_deal, make_price_list, make_vehicle


def contract_input(**overrides) -> ContractInput:
    data = ContractInput(
        buyer_name="王建国",
        buyer_id_type="resident_id",
        buyer_id_number=BUYER_ID,
        engine_no="EA888-123456",
        certificate_no="WDA123456789012",
        payment_method="lump_sum",
        delivery_place="本店交付区",
        delivery_date=dt.date(2026, 3, 31),
        max_delivery_odometer_km=50,
        buyer_phone="13912345678",
    )
    return replace(data, **overrides)


def pads(customer: str = "王建国", consultant: str = "李顾问") -> tuple:
    return (signature_capture(customer, "customer", seed=1), signature_capture(consultant, "consultant", seed=2))


def ready_deal(uow, consultant: Actor, manager: Actor, services=("registration",), **vehicle) -> tuple[int, int]:
    """(deal_id, vehicle_id): a signed quote for a car in stock, with a published price list."""
    make_price_list(uow, manager)
    vehicle_id = make_vehicle(uow, manager, **vehicle)
    deal_id, _ = make_deal(uow, consultant, vehicle_id=vehicle_id, services=services)
    return deal_id, vehicle_id


def sign(uow, consultant: Actor, deal_id: int, data: ContractInput | None = None, **kw):
    data = data or contract_input()
    kw.setdefault("signatures", pads())
    kw.setdefault("entrustment_signatures", pads())
    if data.special_terms:
        kw.setdefault("special_terms_signatures", pads())
    kw.setdefault("now", SALE_NOW)
    return sign_contract(uow(), actor=consultant, deal_id=deal_id, data=data, **kw)


def deliver_car(uow, actor: Actor, vehicle_id: int):
    """The handover's move of a sold car to delivered, PDI gate included (4.4.1.2-4.4.1.4):
    "Change status" no longer delivers (issue #18.4); the handover part's service will call the
    same inventory function inside its own transaction."""
    from app.inventory.api import deliver_at_handover, vehicle_dto
    from db.models import Vehicle

    with uow() as u:
        v = u.session.get(Vehicle, vehicle_id)
        deliver_at_handover(u, v, actor=actor, reason="handover")
        u.commit()
        return vehicle_dto(v)
