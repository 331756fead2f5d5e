"""PDI page (issue #7, T/CSCA 120031-2023 4.4.1.2–4.4.1.4): a technician works through a
whole checklist with one defect, records the assembly repair, the customer acknowledges it,
both sign the report, the customer's copy opens, and only then can the car be delivered."""

from __future__ import annotations

import io
import json
import math

import pytest
from PySide6.QtCore import Qt

from app.core.errors import ShowroomError
from app.documents import documents
from app.inventory import vehicles
from db.models import Role
from tests.contract_factories import deliver_car
from tests.factories import isolated_data_dir, make_store  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import VALID_UNTIL, sold_car
from ui.pdi.pdi_page import PdiPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _strokes():
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 200)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture()
def setup(make_ctx, uow, sync_ops):
    make_store(uow)
    manager_ctx = make_ctx(Role.SALES_MANAGER, full_name="王经理")
    car = sold_car(uow, manager_ctx.actor, powertrain="BEV", range_km=520, battery_kwh=70)
    tech_ctx = make_ctx(
        Role.PDI_TECHNICIAN,
        full_name="孙海涛",
        pdi_certificate_no="SH-PDI-2025-0318",
        pdi_certificate_expiry=VALID_UNTIL,
    )
    return manager_ctx, tech_ctx, car


def _sign(qtbot, report_dialog, role):
    pad = report_dialog.ask_signature(role)
    pad.pad.set_strokes(_strokes())
    pad.confirm()


def test_a_full_inspection_with_one_defect_repaired_disclosed_signed_then_delivered(qtbot, setup, uow):
    manager_ctx, tech_ctx, car = setup
    page = PdiPage(tech_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.model.rowCount() == 1 and page.model.rows()[0].state == "awaiting"
    assert page.select_vehicle(car.id) and page.start_button.isEnabled()

    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    dialog = page.inspection_dialog
    assert dialog is not None and dialog.isVisible()
    ins = dialog.inspection
    assert len(ins.items) == 56 and not any(i.item_id.startswith("B") for i in ins.items)  # BEV
    assert dialog.selected_item().item_id == "D01"

    # One defect: the AC charging test fails; it needs a note first.
    sections = [dialog.section_jump.itemText(n)[0] for n in range(dialog.section_jump.count())]
    assert sections == ["D", "E", "I", "L", "U", "N", "R", "F"]  # no engine bay on a BEV
    dialog.section_jump.setCurrentIndex(5)
    dialog.section_jump.activated.emit(5)
    assert dialog.selected_item().item_id == "N01"
    dialog.select_item("N04")
    dialog.set_result("not_ok")
    dialog.save_item()
    assert "note" in dialog.errors.shown()
    dialog.note.setText("交流充电口锁止失效")
    dialog.save_item()
    assert dialog.inspection.item("N04").result == "not_ok"
    dialog.select_item("N04")
    dialog.add_photo(_png(), "充电口")
    assert len(dialog.inspection.item("N04").photos) == 1
    assert len(dialog.photos.labels) == 1 and not dialog.photos.labels[0].pixmap().isNull()

    # F01 asks for photos of the four corners and the odometer (issue #17.9).
    dialog.select_item("F01")
    for _ in range(5):
        dialog.add_photo(_png(), "车身")
    assert dialog.inspection.item("F01").photos_missing == 0

    # Every other item OK, typing values where the item asks for one; saving moves on.
    dialog.select_item("D01")
    while (item := dialog.selected_item()) is not None and item.result is None:
        dialog.set_result("ok")
        if item.value_kind == "number":
            dialog.value.setText("80")
        elif item.value_kind == "text":
            dialog.value.setText("2025-05-01")
        dialog.save_item()
        if dialog.selected_item().item_id == item.item_id:
            break
    remaining = [i.item_id for i in dialog.inspection.items if i.result is None]
    for item_id in remaining:  # the ones after N04 (the walk stops at the defect)
        dialog.select_item(item_id)
        dialog.set_result("ok")
        if dialog.selected_item().value_kind:
            dialog.value.setText("80")
        dialog.save_item()
    assert dialog.inspection.done == 56

    # Completing fails: N04 is not OK.
    dialog.complete()
    assert dialog.inspection.status == "failed"
    assert "N04" in dialog.blockers.text()
    assert page.model.rows()[0].state == "failed"

    # Repair: an assembly (the charging socket) replaced; then re-check.
    dialog.select_item("N04")
    assert dialog.rectify_button.isEnabled()
    repair = dialog.rectify()
    repair.action_taken.setPlainText("更换交流充电座总成")
    repair.parts_replaced.setText("充电座 1 件")
    repair.assembly_repair.setChecked(True)
    repair.save()
    assert "assembly_name" in repair.errors.shown()  # the assembly must be named
    repair.assembly_name.setText("交流充电座")
    repair.save()
    assert dialog.inspection.rectifications[0].assembly_name == "交流充电座"
    dialog.select_item("N04")
    dialog.set_result("ok")
    dialog.note.setText("复检充电正常")
    dialog.save_item()
    assert "交流充电口锁止失效" in dialog.repairs.text()  # the finding stays readable
    dialog.complete()
    assert dialog.inspection.status == "failed"  # the customer has not acknowledged yet
    dialog.select_item("N04")
    assert dialog.ack_button.isEnabled()
    dialog.acknowledge("李女士")
    dialog.complete()
    assert dialog.inspection.status == "passed"
    assert page.model.rows()[0].state == "passed"

    # The car still cannot be delivered: the report is not signed.
    with pytest.raises(ShowroomError) as e:
        deliver_car(uow, manager_ctx.actor, car.id)  # the handover's move (issue #18.4)
    assert e.value.code == "pdi_report_required"

    # Technician and customer sign; the report is issued and the customer's copy opens.
    report = dialog.sign_report()
    assert report.customer_name.text() == "李女士"
    assert not report.issue_button.isEnabled()
    _sign(qtbot, report, "technician")
    _sign(qtbot, report, "customer")
    assert report.issue_button.isEnabled()
    with qtbot.waitSignal(report.issued) as issued:
        report.issue()
    doc = issued.args[0]
    preview = dialog.preview
    assert preview is not None and preview.page_count() >= 2
    assert preview.pdf_bytes() == documents.get_document_bytes(uow(), actor=manager_ctx.actor, document_id=doc.id)
    assert [s.role for s in doc.signatures] == ["technician", "customer"]
    assert dialog.inspection.report_number == doc.number
    assert page.model.rows()[0].state == "reported"

    assert deliver_car(uow, manager_ctx.actor, car.id).status == "delivered"


def test_a_consultant_sees_the_queue_but_cannot_start(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    sold_car(uow, manager.actor)
    page = PdiPage(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    assert not page.start_button.isVisibleTo(page)
    assert page.templates_tab is None


def test_an_admin_exports_edits_and_imports_checklists(qtbot, make_ctx, uow, sync_ops, tmp_path):
    make_store(uow)
    page = PdiPage(make_ctx(Role.ADMIN))
    qtbot.addWidget(page)
    tab = page.templates_tab
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    target = tmp_path / "out.json"
    tab.export_selected(str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["version"] == 1 and len([i for s in data["sections"] for i in s["items"]]) == 62

    editor = tab.edit_selected()
    row = editor.model.add_item(0)  # after D01
    assert editor.model.items[row].id == "D09"
    editor.model.setData(editor.model.index(row, 2), "行驶证照片")
    editor.model.setData(editor.model.index(row, 3), "Licence photo")
    editor.model.setData(editor.model.index(row, 7), "1")  # a pass needs its photo (issue #17.9)
    retired = editor.model.items[3].id
    editor.model.setData(editor.model.index(3, 6), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    editor.note.setText("加 D09")
    editor.publish()
    # Retiring a standard item leaves it out: its reason and the approval come first (4.4.1.2 b).
    approval = editor.omissions_dialog
    model = approval.table.model()
    assert approval is not None and approval.isVisible() and model.rowCount() == 1
    assert model.index(0, 0).data() == retired and not approval.approve_button.isEnabled()
    approval.set_reason(0, "里程由交车单记录")
    with qtbot.waitSignal(editor.published) as published:
        qtbot.mouseClick(approval.approve_button, Qt.MouseButton.LeftButton)
    assert published.args[0].template_version == 2
    assert tab.model.rowCount() == 2
    from app.pdi.templates import get_template_definition

    v2 = get_template_definition(uow(), actor=page.ctx.actor, template_id=published.args[0].id)
    ids = [i.id for i in v2.items()]
    assert ids[:2] == ["D01", "D09"] and v2.item(retired).retired
    assert [(o.item, o.reason) for o in v2.omissions] == [(retired, "里程由交车单记录")]
    assert v2.item("D09").photos == 1 and v2.item("F01").photos == 5  # kept through the edit

    data["sections"][0]["items"][0]["applies_to"] = ["DIESEL"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tab.import_file(str(bad))
    assert "sections[0].items[0].applies_to" in tab.last_problems
    assert tab.model.rowCount() == 2  # nothing imported


def test_an_expired_certificate_is_refused_with_a_message_naming_the_date(qtbot, make_ctx, uow, sync_ops):
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    car = sold_car(uow, manager.actor)
    expired = make_ctx(
        Role.PDI_TECHNICIAN, pdi_certificate_no="SH-PDI-2020-0001", pdi_certificate_expiry=dt.date(2025, 12, 31)
    )
    page = PdiPage(expired)
    qtbot.addWidget(page)
    page.show()
    page.select_vehicle(car.id)
    page.start_selected()
    assert page.inspection_dialog is None
    boxes = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "2025-12-31" in boxes[0].text() and "4.4.1.3" in boxes[0].text()
    assert page.model.rows()[0].state == "awaiting"
