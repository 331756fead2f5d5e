"""Text pasted into the PDI forms (issue #17.3; T/CSCA 120031-2023 4.4.1.4): an item's note,
a repair's description and who did it, the customer who acknowledged an assembly repair are
stored with their whitespace normalised; too long is refused beside its field, never cut, and
nothing is written."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationFailed
from app.pdi import inspections as pdi, queries as pdi_queries
from app.pdi.guards import MAX_NAME, MAX_NOTE
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def defect(uow):
    """(technician, inspection) with item I06 recorded not OK from a pasted note."""
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    tech = technician(uow)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=sold_car(uow, manager).id)
    ac = ins.item("I06")
    ins = pdi.record_item(
        uow(),
        actor=tech,
        item_result_id=ac.id,
        expected_version=ac.version,
        result="not_ok",
        note=" 空调\u3000不制冷\r\n\r\n\r\n出风口\t异响 ",
    )
    return tech, ins


def _refused(exc) -> list[tuple[str, str, int]]:
    return [(e.field, e.code, e.params.get("max")) for e in exc.value.errors]


def test_4_4_1_4_a_pasted_defect_note_keeps_its_lines_without_carriage_returns(defect):
    _tech, ins = defect
    assert ins.item("I06").note == "空调 不制冷\n\n出风口 异响"


def test_4_4_1_4_a_too_long_item_note_is_refused_not_cut(uow, defect):
    tech, ins = defect
    ac = ins.item("I06")
    with pytest.raises(ValidationFailed) as exc:
        pdi.record_item(
            uow(), actor=tech, item_result_id=ac.id, expected_version=ac.version, result="not_ok", note="划" * 2001
        )
    assert _refused(exc) == [("note", "too_long", MAX_NOTE)]
    assert pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id).item("I06").version == ac.version


def test_4_4_1_4_a_repair_and_its_acknowledgement_are_stored_cleaned_and_too_long_refused(uow, defect):
    tech, ins = defect
    ac = ins.item("I06")
    with pytest.raises(ValidationFailed) as exc:
        pdi.record_rectification(
            uow(), actor=tech, item_result_id=ac.id, action_taken="更换压缩机", repaired_by=("张师傅\r\n" * 100)[:500]
        )
    assert _refused(exc) == [("repaired_by", "too_long", MAX_NAME)]
    assert pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id).rectifications == ()
    ins = pdi.record_rectification(
        uow(),
        actor=tech,
        item_result_id=ac.id,
        action_taken="更换\r\n压缩机总成",
        repaired_by=" 张\r\n师傅\t",
        assembly_repair=True,
        assembly_name="空调\u3000压缩机",
    )
    (repair,) = ins.rectifications
    assert (repair.action_taken, repair.repaired_by, repair.assembly_name) == (
        "更换\n压缩机总成",
        "张 师傅",
        "空调 压缩机",
    )
    with pytest.raises(ValidationFailed) as exc:
        pdi.acknowledge_disclosure(
            uow(), actor=tech, rectification_id=repair.id, expected_version=repair.version, customer_name="李" * 101
        )
    assert _refused(exc) == [("customer_name", "too_long", MAX_NAME)]
    done = pdi.acknowledge_disclosure(
        uow(), actor=tech, rectification_id=repair.id, expected_version=repair.version, customer_name="李\r\n女士"
    )
    assert done.acknowledged_by == "李 女士"


def test_4_4_1_2_a_checklist_label_pasted_with_a_line_break_is_read_on_one_line():
    import json

    from app.pdi.rules import definition_to_json, parse_definition
    from app.pdi.templates import DEFAULT_TEMPLATE_FILE, read_template_file

    data = json.loads(json.dumps(definition_to_json(read_template_file(DEFAULT_TEMPLATE_FILE))))
    data["sections"][0]["items"][0]["zh"] = " 里程表\r\n读数\t"
    assert parse_definition(data).sections[0].items[0].zh == "里程表 读数"
