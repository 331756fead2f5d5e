"""PDI rules without a database (issue #7, T/CSCA 120031-2023 4.4.1.2–4.4.1.4): the default
checklist has every item of domain_reference §2, items apply by powertrain, template files
are validated with every problem named, the certificate rule and the pass rule."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.pdi.rules import (
    ItemState,
    RepairState,
    certificate_problem,
    definition_to_json,
    parse_definition,
    pass_blockers,
)
from app.core.errors import ValidationFailed
from app.pdi.templates import DEFAULT_TEMPLATE_FILE, read_template_file

# domain_reference.md §2, the default PDI checklist (新车售前检查), every id.
SECTION_SIZES = {"D": 8, "E": 9, "I": 8, "B": 6, "L": 8, "U": 4, "N": 9, "R": 6, "F": 4}


def test_the_default_checklist_has_every_item_of_the_reference_in_order():
    d = read_template_file(DEFAULT_TEMPLATE_FILE)
    assert [s.id for s in d.sections] == list(SECTION_SIZES)
    expected = [f"{s}{n:02d}" for s, size in SECTION_SIZES.items() for n in range(1, size + 1)]
    assert [i.id for i in d.items()] == expected and len(expected) == 62
    assert all(i.zh and i.en for i in d.items())
    assert d.item("D04").value_kind == "number" and d.item("D04").value_unit == "km"
    assert d.item("N01").value_unit == "%" and d.item("E06").value_unit == "kPa"


@pytest.mark.parametrize(
    "powertrain,engine_bay,nev",
    [("ICE", True, False), ("HEV", True, False), ("PHEV", True, True), ("BEV", False, True)],
)
def test_engine_bay_items_skip_bevs_and_nev_items_only_for_nevs(powertrain, engine_bay, nev):
    ids = {i.id for i in read_template_file(DEFAULT_TEMPLATE_FILE).applicable(powertrain)}
    assert ("B01" in ids) is engine_bay and ("N01" in ids) is nev
    assert {"D01", "E01", "I01", "L01", "U01", "R01", "F04"} <= ids


def test_a_round_trip_through_json_keeps_the_checklist():
    d = read_template_file(DEFAULT_TEMPLATE_FILE)
    again = parse_definition(json.loads(json.dumps(definition_to_json(d, 3))))
    assert again == d


def test_retired_items_stay_in_the_template_but_never_apply():
    data = definition_to_json(read_template_file(DEFAULT_TEMPLATE_FILE))
    data["sections"][1]["items"][8]["retired"] = True  # E09
    d = parse_definition(data)
    assert d.item("E09").retired and "E09" not in {i.id for i in d.applicable("ICE")}


def test_every_problem_of_a_file_is_reported_with_its_place():
    with pytest.raises(ValidationFailed) as e:
        parse_definition(
            {
                "format": "other",
                "key": "",
                "title": {"zh": "清单", "en": "List"},
                "sections": [
                    {
                        "id": "ee",
                        "zh": "外观",
                        "en": "Exterior",
                        "items": [
                            {"id": "E01", "zh": "漆面", "en": "Paint", "value": {"kind": "colour"}},
                            {"id": "E01", "zh": "漆面", "en": "Paint", "retired": "yes"},
                        ],
                    },
                    {"id": "N", "zh": "新能源", "en": "NEV", "items": []},
                ],
            }
        )
    assert {(f.field, f.code) for f in e.value.errors} == {
        ("format", "pdi_template_format"),
        ("key", "required"),
        ("sections[0].id", "pdi_template_bad_id"),
        ("sections[0].items[0].value", "pdi_template_value_kind"),
        ("sections[0].items[1].id", "pdi_template_duplicate_id"),
        ("sections[0].items[1].retired", "pdi_template_not_boolean"),
        ("sections[1].items", "pdi_template_no_items"),
    }


def test_certificate_rule_4_4_1_3():
    today = dt.date(2026, 3, 10)
    assert certificate_problem(None, None, today) == "pdi_certificate_missing"
    assert certificate_problem(" ", today, today) == "pdi_certificate_missing"
    assert certificate_problem("SH-1", None, today) == "pdi_certificate_missing"
    assert certificate_problem("SH-1", dt.date(2026, 3, 9), today) == "pdi_certificate_expired"
    assert certificate_problem("SH-1", today, today) is None  # valid through its last day


def test_pass_rule_every_item_ok_and_every_assembly_repair_acknowledged():
    items = [ItemState("D01", "ok"), ItemState("E01", "n_a", "无天窗"), ItemState("I06", "ok")]
    assert pass_blockers(items, []) == {}
    assert pass_blockers(items + [ItemState("B01", None)], []) == {"open": ["B01"]}
    assert pass_blockers(items + [ItemState("B01", "not_ok")], []) == {"not_ok": ["B01"]}
    assert pass_blockers(items, [RepairState("I06", True, False)]) == {"unacknowledged": ["I06"]}
    assert pass_blockers(items, [RepairState("I06", True, True), RepairState("E01", False, False)]) == {}
