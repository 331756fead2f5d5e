"""Importing a brand checklist that leaves out parts of the standard one (T/CSCA 120031-2023
4.4.1.2 b; issue #17): the administrator sees every omission with its reason and approves
them before the checklist becomes current; one left out without a reason is a problem of
the file, and nothing is imported."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401  (fixture)
from ui.pdi.pdi_page import PdiPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _brand_file(tmp_path, omissions) -> str:
    data = {
        "key": "tesla",
        "brand": "特斯拉",
        "title": {"zh": "特斯拉 PDI", "en": "Tesla PDI"},
        "sections": [{"id": "B", "zh": "电池", "en": "Battery", "items": [{"id": "N01", "zh": "电量", "en": "SOC"}]}],
        "omissions": omissions,
    }
    path = tmp_path / "tesla.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_an_import_with_named_omissions_is_approved_in_one_step(qtbot, make_ctx, uow, sync_ops, tmp_path):
    make_store(uow)
    page = PdiPage(make_ctx(Role.ADMIN))
    qtbot.addWidget(page)
    tab = page.templates_tab
    everything_else = [{"section": s, "reason": "特斯拉原厂清单（测试）"} for s in "DEIBLURF"]
    everything_else += [{"item": f"N0{n}", "reason": "原厂另行检查"} for n in range(2, 10)]

    # One part not named: a problem of the file, readable, nothing imported.
    tab.import_file(_brand_file(tmp_path, everything_else[1:]))
    assert tab.omissions_dialog is None
    assert "D 证件与车辆识别" not in tab.last_problems and "Documents and identity" in tab.last_problems
    assert tab.model.rowCount() == 1

    tab.import_file(_brand_file(tmp_path, everything_else))
    approval = tab.omissions_dialog
    model = approval.table.model()
    assert approval is not None and approval.isVisible() and model.rowCount() == 16
    assert model.index(0, 2).data() == "特斯拉原厂清单（测试）"
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable  # as in the file
    qtbot.mouseClick(approval.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    assert {(t.brand, t.current) for t in tab.model.rows()} == {("*", True), ("特斯拉", True)}


def test_the_omissions_table_is_a_sound_model(qtmodeltester):
    # 4.4.1.2 b: the list the administrator approves; reasons typed here are kept per row.
    from ui.pdi.omissions_dialog import OmissionsModel

    rows = [
        {"kind": "section", "omitted": "N", "zh": "新能源", "en": "New energy", "powertrains": "", "reason": ""},
        {"kind": "item", "omitted": "D05", "zh": "里程", "en": "Odometer", "powertrains": "ICE", "reason": "x"},
    ]
    model = OmissionsModel(rows, reasons_editable=True)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 2), "品牌无此类别")
    assert model.reasons == ["品牌无此类别", "x"] and not model.setData(model.index(0, 1), "no")
