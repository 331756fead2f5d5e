"""`showroom admin pdi-template export|import|list` and the PDI demo (issue #7)."""

from __future__ import annotations

import json

import pytest

from app.demo.pdi import add_pdi_demo
from app.pdi import queries as pdi_queries, templates as pdi_templates
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = admin_cli(*args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_then_import_publishes_version_2_and_a_bad_file_lists_its_problems(uow, db_url, tmp_path, capsys):
    make_store(uow)
    admin = make_user(uow, Role.ADMIN, username="root")
    out = tmp_path / "pdi.json"
    code, text, _ = run("pdi-template", "export", str(out), "--database-url", db_url, capsys=capsys)
    assert code == 0 and "v1, 62 items" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sections"][0]["items"][0] == {
        "id": "D01",
        "zh": "车窗铭牌、车身钢印及车辆铭牌VIN与合格证/一致性证书/订单一致",
        "en": "VIN on windscreen plate, body stamp and nameplate = 合格证 / 一致性证书 / order",
    }
    data["sections"][0]["items"].append({"id": "D09", "zh": "购车发票", "en": "Purchase invoice"})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, text, _ = run("pdi-template", "import", str(out), "--note", "D09", "--database-url", db_url, capsys=capsys)
    assert code == 0 and "v2 with 63 active items" in text
    data["sections"][1]["items"][0]["id"] = "e1"
    data["sections"][2]["applies_to"] = ["EV"]
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run("pdi-template", "import", str(out), "--database-url", db_url, capsys=capsys)
    assert code == 2 and "2 problem(s); nothing was imported" in err
    # Issue #17.6: each problem as a sentence beside where it is, never the bare code.
    assert "sections[1].items[0].id: Invalid id e1" in err
    assert "sections[2].applies_to: Unknown powertrain EV" in err
    assert "pdi_template_" not in err
    code, text, _ = run("pdi-template", "list", "--database-url", db_url, capsys=capsys)
    assert code == 0 and text.count("*current*") == 1 and "v2" in text and "v1" in text
    assert [t.template_version for t in pdi_templates.list_templates(uow(), actor=admin)] == [2, 1]


def test_the_demo_has_a_passed_a_failed_and_an_inspection_in_progress_once(uow, database):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    technician(uow, username="sun.haitao")
    for powertrain in ("ICE", "PHEV", "BEV", "BEV"):
        sold_car(uow, manager, powertrain=powertrain, status="reserved")  # the demo inspects reserved cars
    assert add_pdi_demo(database, manager, None) is True
    states = [(r.powertrain, r.state, r.defects) for r in pdi_queries.queue(uow(), actor=manager)]
    assert states == [("ICE", "passed", 0), ("PHEV", "failed", 1), ("BEV", "in_progress", 0), ("BEV", "awaiting", 0)]
    assert add_pdi_demo(database, manager, None) is False  # idempotent
