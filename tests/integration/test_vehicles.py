"""Inventory service rules: validation, VIN override, versions, status moves, search, roles."""

import pytest

from app.core.errors import Conflict, OverrideRequired, PermissionDenied, ShowroomError, ValidationFailed
from app.inventory import vehicles
from app.inventory.vehicles import VehicleQuery
from db.models import Role, Vehicle
from tests.contract_factories import deliver_car
from tests.factories import make_user, make_vin, vehicle_input
from tests.sales_factories import make_sold_vehicle


@pytest.fixture()
def manager(uow):
    return make_user(uow, Role.SALES_MANAGER)


def test_add_and_find_vehicle(uow, manager):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=make_vin(42).lower()))
    assert v.vin == make_vin(42) and v.version == 1
    found = vehicles.list_vehicles(uow(), actor=manager, query=VehicleQuery(text=v.vin[-6:]))
    assert [x.id for x in found] == [v.id]


def test_bad_fields_write_nothing(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(
            uow(), actor=manager, data=vehicle_input(vin="123", brand="", price_fen=0, model_year=1800)
        )
    assert {f.field for f in e.value.errors} == {"vin", "brand", "price_fen", "model_year"}
    with uow() as u:
        assert u.session.query(Vehicle).count() == 0


def test_duplicate_vin_refused(uow, manager):
    data = vehicle_input()
    vehicles.add_vehicle(uow(), actor=manager, data=data)
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=data.vin))
    assert e.value.errors[0].code == "vin_exists"


def test_vin_check_digit_mismatch_blocks_until_a_manager_gives_a_reason(uow, manager):
    admin = make_user(uow, Role.ADMIN)
    good = make_vin(7)
    bad = good[:8] + ("0" if good[8] != "0" else "1") + good[9:]
    with pytest.raises(OverrideRequired):
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=bad))
    # An admin may edit vehicles but is not the role the rule names (domain_reference §5.2).
    with pytest.raises(OverrideRequired):
        vehicles.add_vehicle(uow(), actor=admin, data=vehicle_input(vin=bad), vin_override_reason="trust me")
    v = vehicles.add_vehicle(
        uow(), actor=manager, data=vehicle_input(vin=bad), vin_override_reason="铭牌与合格证一致，厂家确认"
    )
    assert v.vin_override_reason == "铭牌与合格证一致，厂家确认"


def test_stale_edit_raises_conflict_instead_of_overwriting(uow, manager):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    first = vehicle_input(vin=v.vin, price_fen=18_000_000)
    vehicles.update_vehicle(uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, data=first)
    second = vehicle_input(vin=v.vin, price_fen=17_000_000)
    with pytest.raises(Conflict):
        vehicles.update_vehicle(uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, data=second)
    assert vehicles.get_vehicle(uow(), actor=manager, vehicle_id=v.id).price_fen == 18_000_000


def test_concurrent_flush_race_is_a_conflict(uow, manager):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    with uow() as a, uow() as b:
        va, vb = a.session.get(Vehicle, v.id), b.session.get(Vehicle, v.id)
        va.notes = "A"
        a.commit()
        vb.notes = "B"
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            b.commit()


def test_status_moves_follow_the_allowed_transitions(uow, manager):
    consultant = make_user(uow, Role.CONSULTANT)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="in_transit"))
    with pytest.raises(ValidationFailed):
        vehicles.change_status(
            uow(), actor=consultant, vehicle_id=v.id, expected_version=v.version, new_status="on_display"
        )
    v = vehicles.change_status(
        uow(), actor=consultant, vehicle_id=v.id, expected_version=v.version, new_status="in_stock"
    )
    v = vehicles.change_status(
        uow(), actor=consultant, vehicle_id=v.id, expected_version=v.version, new_status="on_display"
    )
    assert v.status == "on_display"


def test_delivery_is_refused_without_a_passed_pdi_4_4_1(uow, manager):
    # Delivered only through the handover (issue #18.4), which keeps the PDI gate.
    v = make_sold_vehicle(uow, manager)
    with pytest.raises(ShowroomError) as e:
        deliver_car(uow, manager, v.id)
    assert e.value.code == "pdi_required"


@pytest.mark.parametrize(
    "role,allowed",
    [
        (Role.RECEPTION, False),
        (Role.CONSULTANT, False),
        (Role.FINANCE, False),
        (Role.PDI_TECHNICIAN, False),
        (Role.SALES_MANAGER, True),
        (Role.ADMIN, True),
    ],
)
def test_only_managers_and_admins_edit_vehicles(uow, role, allowed):
    actor = make_user(uow, role)
    if allowed:
        vehicles.add_vehicle(uow(), actor=actor, data=vehicle_input())
    else:
        with pytest.raises(PermissionDenied):
            vehicles.add_vehicle(uow(), actor=actor, data=vehicle_input())


def test_search_by_model_colour_and_status(uow, manager):
    vehicles.add_vehicle(
        uow(),
        actor=manager,
        data=vehicle_input(model="ID.4 CROZZ", exterior_color="蓝色", powertrain="BEV", status="on_display"),
    )
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(model="途观L", exterior_color="白色"))

    def q(**kw):
        return [v.model for v in vehicles.list_vehicles(uow(), actor=manager, query=VehicleQuery(**kw))]

    assert q(text="id.4") == ["ID.4 CROZZ"]
    assert q(text="白色") == ["途观L"]
    assert q(status="on_display") == ["ID.4 CROZZ"]


def test_a_car_cannot_enter_the_system_as_delivered_4_4_1(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="delivered"))
    assert e.value.errors[0].code == "initial_status_delivered"


def test_a_car_cannot_enter_the_system_as_sold_4_3_3(uow, manager):
    """Issue #18.4 (4.3.3; 办法 art. 15): a car becomes sold only through its contract; added
    as sold it would be a sale with no buyer."""
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="sold"))
    assert [(x.field, x.code) for x in e.value.errors] == [("status", "status_sold_by_contract")]
    with uow() as u:
        assert u.session.query(Vehicle).count() == 0


def test_an_override_on_record_lets_another_editor_change_other_facts(uow, manager):
    admin = make_user(uow, Role.ADMIN)
    good = make_vin(8)
    bad = good[:8] + ("0" if good[8] != "0" else "1") + good[9:]
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=bad), vin_override_reason="厂家确认")
    v = vehicles.update_vehicle(
        uow(),
        actor=admin,
        vehicle_id=v.id,
        expected_version=v.version,
        data=vehicle_input(vin=bad, price_fen=18_800_000),
    )
    assert v.price_fen == 18_800_000 and v.vin_override_reason == "厂家确认"
    # Changing the VIN to another bad one needs a new override, which the admin cannot give.
    other = make_vin(9)
    other_bad = other[:8] + ("0" if other[8] != "0" else "1") + other[9:]
    with pytest.raises(OverrideRequired):
        vehicles.update_vehicle(
            uow(), actor=admin, vehicle_id=v.id, expected_version=v.version, data=vehicle_input(vin=other_bad)
        )


def test_configuration_items_cannot_hold_the_file_separator(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(configuration=["天窗;座椅加热"]))
    assert e.value.errors[0].code == "configuration_separator"


def test_every_status_move_is_kept_in_the_history(uow, manager):
    from db.models import VehicleStatusChange

    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="in_stock"))
    vehicles.change_status(
        uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, new_status="on_display", reason="展厅A区"
    )
    with uow() as u:
        rows = [
            (r.from_status, r.to_status, r.reason)
            for r in u.session.query(VehicleStatusChange).filter_by(vehicle_id=v.id).order_by(VehicleStatusChange.id)
        ]
    assert rows == [(None, "in_stock", ""), ("in_stock", "on_display", "展厅A区")]
