"""Inventory search: the last digits of a VIN find the car at once, and text that ends no VIN
still searches brand, model, trim and colours (issue #10 keeps the fast path honest)."""

from __future__ import annotations

from app.inventory import vehicles
from app.inventory.vehicles import VehicleQuery
from db.models import Role
from tests.factories import make_store, make_user, make_vin, vehicle_input


def test_vin_tail_and_text_search(uow):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    vin_a, vin_b = make_vin(123456), make_vin(654321)
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=vin_a, trim="330TSI 豪华版"))
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=vin_b, trim="380TSI 旗舰版", status="on_display"))

    def found(text, **kw):
        return [v.vin for v in vehicles.list_vehicles(uow(), actor=manager, query=VehicleQuery(text=text, **kw))]

    assert found("123456") == [vin_a]
    assert found(vin_b[-6:].lower()) == [vin_b]
    assert found("330TSI") == [vin_a]  # a trim, not a VIN tail
    assert found("123456", status="on_display") == []
    assert sorted(found("帕萨特")) == sorted([vin_a, vin_b])
