"""Vehicle text as typed, pasted or imported (issue #17.3): brand, model, trim and colours on
one line, notes keeping their lines, configuration items cleaned; a value too long is refused
beside its field (the dialog) or as that row's reason (the import), never cut."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationFailed
from app.inventory import vehicles
from app.inventory.vehicle_io import import_vehicles
from app.inventory.vehicle_rules import TEXT_LIMITS
from db.models import Role
from tests.factories import make_user, make_vin, vehicle_input
from tests.integration.test_vehicle_io import count, row, write_xlsx


@pytest.fixture()
def manager(uow):
    return make_user(uow, Role.SALES_MANAGER)


def test_vehicle_text_pasted_with_line_breaks_is_stored_cleaned(uow, manager):
    v = vehicles.add_vehicle(
        uow(),
        actor=manager,
        data=vehicle_input(
            model="帕萨特\r\n",
            trim=" 330TSI\t豪华版\u3000",
            exterior_color="珍珠\n白",
            defect_notes="左前门划痕，\r\n\r\n\r\n已抛光 ",
            configuration=["全景\r\n天窗", " ", "自适应巡航"],
        ),
    )
    assert (v.model, v.trim, v.exterior_color) == ("帕萨特", "330TSI 豪华版", "珍珠 白")
    assert v.defect_notes == "左前门划痕，\n\n已抛光"
    assert list(v.configuration) == ["全景 天窗", "自适应巡航"]


def test_a_500_character_trim_is_refused_beside_its_field_and_nothing_written(uow, manager):
    with pytest.raises(ValidationFailed) as exc:
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(trim=("豪华版\r\n" * 100)[:500]))
    assert [(e.field, e.code, e.params["max"]) for e in exc.value.errors] == [("trim", "too_long", TEXT_LIMITS["trim"])]
    assert count(uow) == 0


def test_an_imported_row_with_a_note_too_long_is_that_rows_reason_the_others_go_in(uow, manager, tmp_path):
    good, long_note = row(vin=make_vin(), model="帕萨特\n"), row(vin=make_vin(), notes="备注" * 1001)
    report = import_vehicles(uow(), actor=manager, path=write_xlsx(tmp_path / "v.xlsx", [good, long_note]))
    assert report.created == 1
    (rejected,) = report.rejected
    assert rejected.row == 3
    assert [(e.field, e.code, e.params["max"]) for e in rejected.errors] == [("notes", "too_long", 2000)]
    (stored,) = vehicles.list_vehicles(uow(), actor=manager)
    assert stored.model == "帕萨特" and stored.vin == good["vin"]


def test_a_status_change_reason_is_kept_on_its_lines_and_a_long_one_refused(uow, manager):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    with pytest.raises(ValidationFailed) as exc:
        vehicles.change_status(
            uow(),
            actor=manager,
            vehicle_id=v.id,
            expected_version=v.version,
            new_status="on_display",
            reason="展" * 501,
        )
    assert [(e.field, e.code, e.params["max"]) for e in exc.value.errors] == [
        ("reason", "too_long", vehicles.MAX_REASON)
    ]
    assert vehicles.get_vehicle(uow(), actor=manager, vehicle_id=v.id).status == "in_stock"
    moved = vehicles.change_status(
        uow(),
        actor=manager,
        vehicle_id=v.id,
        expected_version=v.version,
        new_status="on_display",
        reason=" 展厅\r\n调车\t",
    )
    assert moved.status == "on_display"
