"""Issue #17.5: an import says what it does with a status and a price.

A new status for a car already in the inventory moves it by the rules of "Change status"
(allowed moves, history, the PDI before delivery: T/CSCA 120031 4.4.1), or the row is
rejected with the reason; a negative price is refused as negative, not as "not a number".
"""

from __future__ import annotations

from sqlalchemy import select

from app.inventory import vehicles
from app.inventory.vehicle_io import import_vehicles
from db.models import Role, Vehicle, VehicleStatusChange
from tests.factories import make_user
from tests.integration.test_vehicle_io import row, write_csv, write_xlsx


def _history(uow, vin):
    with uow() as u:
        return [
            (c.from_status, c.to_status)
            for c in u.session.scalars(
                select(VehicleStatusChange)
                .join(Vehicle, Vehicle.id == VehicleStatusChange.vehicle_id)
                .where(Vehicle.vin == vin)
                .order_by(VehicleStatusChange.id)
            )
        ]


def test_a_changed_status_in_the_file_moves_the_car_with_its_history(uow, tmp_path):
    manager = make_user(uow, Role.SALES_MANAGER)
    car = row(status="in_stock")
    import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "a.csv", [car]))
    report = import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "b.csv", [dict(car, status="on_display")]))
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 1, 0, [])
    v = vehicles.find_by_vin(uow(), actor=manager, vin=car["vin"])
    assert v.status == "on_display" and v.version == 2
    assert _history(uow, car["vin"]) == [(None, "in_stock"), ("in_stock", "on_display")]


def test_a_status_change_would_refuse_rejects_the_row_with_its_reason_and_writes_nothing_of_it(uow, tmp_path):
    manager = make_user(uow, Role.SALES_MANAGER)
    car = row(status="in_stock")
    import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "a.csv", [car]))
    sold = dict(car, status="sold", price_yuan="150000")
    report = import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "b.csv", [sold]))
    assert (report.updated, report.unchanged) == (0, 0)
    [rejected] = report.rejected
    assert [(e.field, e.code, e.params) for e in rejected.errors] == [
        ("status", "status_transition", {"from": "in_stock", "to": "sold"})
    ]
    v = vehicles.find_by_vin(uow(), actor=manager, vin=car["vin"])
    assert (v.status, v.price_fen, v.version) == ("in_stock", 19_990_000, 1)


def test_a_file_never_delivers_a_car(uow, tmp_path):
    """T/CSCA 120031 4.4.2 (issue #18.4): delivered only through the handover, which holds the
    PDI gate (4.4.1.2); a file is refused like "Change status"."""
    manager = make_user(uow, Role.SALES_MANAGER)
    car = row(status="in_stock")
    import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "a.csv", [car]))
    with uow() as u:  # sold as a signed contract leaves it (a file never sells a car)
        u.session.scalar(select(Vehicle).where(Vehicle.vin == car["vin"])).status = "sold"
        u.commit()
    report = import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "b.csv", [dict(car, status="delivered")]))
    assert [(e.field, e.code) for e in report.rejected[0].errors] == [("status", "status_delivered_by_handover")]
    assert vehicles.find_by_vin(uow(), actor=manager, vin=car["vin"]).status == "sold"


def test_a_file_never_enters_a_new_car_as_sold(uow, tmp_path):
    """Issue #18.4 (4.3.3; 办法 art. 15): a car becomes sold only through its contract; a new
    car in a file as sold is rejected with the reason, like "Change status"."""
    manager = make_user(uow, Role.SALES_MANAGER)
    report = import_vehicles(uow(), actor=manager, path=write_csv(tmp_path / "a.csv", [row(status="sold")]))
    assert report.created == 0
    assert [(e.field, e.code) for e in report.rejected[0].errors] == [("status", "status_sold_by_contract")]


def test_a_negative_price_is_reported_as_negative(uow, tmp_path):
    manager = make_user(uow, Role.SALES_MANAGER)
    rows = [row(price_yuan="-199900"), row(guide_price_yuan="￥-5.00"), row(price_yuan=-3)]
    report = import_vehicles(uow(), actor=manager, path=write_xlsx(tmp_path / "a.xlsx", rows))
    got = {r.row: [(e.field, e.code) for e in r.errors] for r in report.rejected}
    assert got == {
        2: [("price_yuan", "price_negative")],
        3: [("guide_price_yuan", "price_negative")],
        4: [("price_yuan", "price_negative")],
    }
