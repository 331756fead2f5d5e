"""The test-drive set-up dialogs and the PDI checklist editor on ServiceFormDialog (issue #16.1):
a double click on Save (or Publish) sends one save, so one record and no refusal of the user's
own first save; a stale edit opens the conflict box naming who saved first, and its Reload
refills the form with their version. Routes T/CSCA 120031-2023 4.2.4.3, fleet 4.2.4.8,
checklists 4.4.1.2."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.inventory import vehicles
from app.pdi import templates
from app.test_drives import fleet_setup as setup
from db.models import Role
from tests.factories import isolated_data_dir, make_staff, make_store, vehicle_input  # noqa: F401
from tests.integration.test_test_drives import make_world, route_input
from ui.shell import workers
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def threaded():
    """Real background writes: the second click arrives while the first save is running."""
    workers.use_synchronous_executor(False)
    yield
    workers.wait_for_idle()


def _settle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.result_dto is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)  # a second result, had there been one, is delivered by now


def _no_refusal(dialog) -> None:
    assert dialog.errors.shown() == {} and dialog.general_error.isHidden()
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert not dialog.isVisible()


def _save(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_double_click_on_save_files_one_route(qtbot, database, uow, threaded):
    # 4.2.4.3: each route once in the register and on the public notice.
    from ui.test_drives.setup_dialogs import RouteDialog

    world = make_world(uow)
    dialog = RouteDialog(AppContext(database, world.manager))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("新江湾线")
    dialog.filing_ref.setText("沪公交杨备2026-003")
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    names = [r.name for r in setup.list_routes(uow(), actor=world.manager)]
    assert names.count("新江湾线") == 1 and len(names) == 3
    _no_refusal(dialog)


def test_double_click_on_save_registers_one_fleet_car(qtbot, database, uow, threaded):
    # 4.2.4.8: one register entry per test car.
    from ui.test_drives.setup_dialogs import FleetCarDialog

    world = make_world(uow)
    v = vehicles.add_vehicle(
        uow(), actor=world.manager, data=vehicle_input(status="test_drive_fleet", powertrain="BEV")
    )
    candidates = setup.fleet_candidates(uow(), actor=world.manager)
    dialog = FleetCarDialog(AppContext(database, world.manager), None, candidates)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.plate.setText("沪AD54321")
    qtbot.keyClicks(dialog.maintenance_due, (dt.date.today() + dt.timedelta(days=90)).strftime("%Y%m%d"))
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    fleet = setup.list_fleet(uow(), actor=world.manager)
    assert [c.vehicle_id for c in fleet].count(v.id) == 1 and len(fleet) == 2
    _no_refusal(dialog)


def test_double_click_on_publish_makes_one_checklist_version(qtbot, make_ctx, uow, threaded):
    # 4.4.1.2: each inspection names the one checklist version it used; two "v2" would not do.
    from ui.pdi.template_dialog import PdiTemplateDialog

    make_store(uow)
    admin = make_ctx(Role.ADMIN)
    (current,) = templates.list_templates(uow(), actor=admin.actor)
    definition = templates.get_template_definition(uow(), actor=admin.actor, template_id=current.id)
    dialog = PdiTemplateDialog(admin, current, definition)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note.setText("措辞修改")  # Chinese via setText: keyClicks cannot type it
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    versions = [t.template_version for t in templates.list_templates(uow(), actor=admin.actor)]
    assert sorted(versions) == [1, 2]
    _no_refusal(dialog)


def test_a_route_changed_on_another_terminal_opens_the_conflict_box_and_reload_refills(qtbot, database, uow, sync_ops):
    from ui.test_drives.setup_dialogs import RouteDialog

    world = make_world(uow)
    route = next(r for r in setup.list_routes(uow(), actor=world.manager) if r.id == world.route_id)
    dialog = RouteDialog(AppContext(database, world.manager), route)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.filing_ref.text() == "沪公交闵备2026-018"
    # Another manager re-files the route first.
    other = make_staff(uow, Role.SALES_MANAGER, full_name="李红梅")
    setup.save_route(
        uow(),
        actor=other,
        route_id=route.id,
        expected_version=route.version,
        data=route_input(filing_ref="沪公交闵备2026-099", typical_minutes=40),
    )
    dialog.description.setText("改走沪闵路")
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    box = dialog.conflict_box
    assert box is not None and box.isVisible() and dialog.isVisible()
    assert "李红梅" in box.text()  # who saved first
    saved = next(r for r in setup.list_routes(uow(), actor=world.manager) if r.id == route.id)
    assert saved.description == "经沪闵路、莘朱路返回门店"  # not silently overwritten
    qtbot.mouseClick(box.findChild(object, "reload_button"), Qt.MouseButton.LeftButton)
    assert dialog.filing_ref.text() == "沪公交闵备2026-099" and dialog.minutes.value() == 40
    assert dialog.description.text() == "经沪闵路、莘朱路返回门店"
    dialog.description.setText("改走沪闵路")
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result_dto is not None and dialog.result_dto.description == "改走沪闵路"


def test_a_checklist_published_meanwhile_opens_the_conflict_box_and_reload_edits_theirs(qtbot, make_ctx, uow, sync_ops):
    from ui.pdi.template_dialog import PdiTemplateDialog

    make_store(uow)
    admin = make_ctx(Role.ADMIN, full_name="赵敏")
    (current,) = templates.list_templates(uow(), actor=admin.actor)
    definition = templates.get_template_definition(uow(), actor=admin.actor, template_id=current.id)
    dialog = PdiTemplateDialog(admin, current, definition)
    qtbot.addWidget(dialog)
    dialog.show()
    other = make_ctx(Role.ADMIN, full_name="钱立")
    templates.publish_template(
        uow(), actor=other.actor, definition=definition, based_on_id=current.id, note="另一台电脑"
    )
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    box = dialog.conflict_box
    assert box is not None and box.isVisible() and "钱立" in box.text()
    assert box.findChild(object, "reapply_button") is None  # the table cannot be put back in part
    qtbot.mouseClick(box.findChild(object, "reload_button"), Qt.MouseButton.LeftButton)
    assert "editing v2" in dialog.windowTitle() and dialog.template.template_version == 2
    assert dialog.model.rowCount() == len(list(definition.items()))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert dialog.result_dto is not None and dialog.result_dto.template_version == 3


def test_double_click_on_issue_report_archives_one_signed_pdi_report(qtbot, make_ctx, uow, threaded):
    # 4.4.1.4: one signed report per inspection is given to the customer.
    import math

    from app.documents.archive import DocumentQuery, list_documents
    from app.pdi import queries as pdi_queries
    from tests.integration.test_pdi_permissions import VALID_UNTIL, passed_inspection, sold_car
    from ui.pdi.report_dialog import PdiReportDialog

    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    tech = make_ctx(
        Role.PDI_TECHNICIAN, full_name="孙海涛", pdi_certificate_no="SH-PDI-1", pdi_certificate_expiry=VALID_UNTIL
    )
    ins = passed_inspection(uow, tech.actor, sold_car(uow, manager.actor).id)
    dialog = PdiReportDialog(tech, pdi_queries.get_inspection(uow(), actor=tech.actor, inspection_id=ins.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.customer_name.setText("李女士")
    strokes = [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]
    for role in ("technician", "customer"):
        pad = dialog.ask_signature(role)
        pad.pad.set_strokes(strokes)
        pad.confirm()
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    query = DocumentQuery(doc_type="pdi_report", subject_id=ins.id, include_voided=True)
    assert len(list_documents(uow(), actor=manager.actor, query=query)) == 1
    _no_refusal(dialog)


def test_double_click_on_ok_cancels_a_booking_once_without_a_conflict_against_itself(qtbot, database, uow, threaded):
    from app.test_drives import booking
    from tests.integration.test_test_drives import book
    from ui.test_drives.cancel_dialog import CancelBookingDialog

    world = make_world(uow)
    drive = book(world)
    dialog = CancelBookingDialog(AppContext(database, world.manager), drive)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "reason" in dialog.errors.shown(), timeout=10_000)  # beside the field
    workers.wait_for_idle()
    dialog.reason.setText("客户改期")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    saved = booking.get_test_drive(uow(), actor=world.manager, drive_id=drive.id)
    assert saved.status == "cancelled" and saved.version == drive.version + 1
    assert dialog.conflict_box is None
    _no_refusal(dialog)


def test_double_click_on_ok_records_one_acknowledgement_of_an_assembly_repair(qtbot, make_ctx, uow, threaded):
    # 4.4.1.4: the customer acknowledges a disclosed assembly repair; a second click is never
    # sent, so no "changed on another terminal" against the first.
    from app.pdi import inspections as pdi
    from app.pdi import queries as pdi_queries
    from tests.integration.test_pdi_permissions import VALID_UNTIL, sold_car
    from ui.pdi.inspection_dialog import PdiInspectionDialog

    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    tech = make_ctx(
        Role.PDI_TECHNICIAN, full_name="孙海涛", pdi_certificate_no="SH-PDI-1", pdi_certificate_expiry=VALID_UNTIL
    )
    ins = pdi.start_inspection(uow(), actor=tech.actor, vehicle_id=sold_car(uow, manager.actor).id)
    item = ins.item("B05")
    pdi.record_item(
        uow(), actor=tech.actor, item_result_id=item.id, expected_version=item.version, result="not_ok", note="渗油"
    )
    ins = pdi.record_rectification(
        uow(),
        actor=tech.actor,
        item_result_id=item.id,
        action_taken="更换变速箱总成",
        repaired_by="张师傅",
        assembly_repair=True,
        assembly_name="变速箱",
    )
    before = ins.rectifications[0]
    inspection_dialog = PdiInspectionDialog(tech, ins)
    qtbot.addWidget(inspection_dialog)
    inspection_dialog.show()
    inspection_dialog.select_item("B05")
    qtbot.mouseClick(inspection_dialog.ack_button, Qt.MouseButton.LeftButton)
    dialog = inspection_dialog.child_dialog
    assert dialog is not None and dialog.objectName() == "pdi_acknowledge_dialog"
    dialog.customer_name.setText("李女士")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    after = pdi_queries.get_inspection(uow(), actor=tech.actor, inspection_id=ins.id).rectifications[0]
    assert after.acknowledged_at is not None and after.version == before.version + 1
    # The dialog closed (and was deleted) on its one success; no box over the inspection (boxes
    # left by earlier tests in the same process are not this test's).
    assert not [b.text() for b in inspection_dialog.findChildren(QMessageBox) if b.isVisible()]
    assert not inspection_dialog.ack_button.isEnabled()  # the page shows it acknowledged
