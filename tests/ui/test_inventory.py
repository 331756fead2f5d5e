"""Inventory page and dialogs, driven like a user would (pytest-qt, offscreen, real database).

Chinese text is typed with QTest.sendKeyEvent(Key_unknown, text): qtbot.keyClicks with non-ASCII
text aborts the process (toolchain.md).
"""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.inventory import vehicles
from app.core.dto import Changes
from app.inventory.vehicles import VehicleQuery
from db.models import Role, Vehicle
from tests.factories import make_vin, vehicle_input
from tests.sales_factories import make_sold_vehicle
from ui.shell import workers
from ui.inventory.status_dialog import StatusDialog
from ui.inventory.vehicle_table_model import DTO_ROLE, SORT_ROLE, Column, VehicleTableModel
from ui.inventory.inventory_page import InventoryPage

pytestmark = pytest.mark.usefixtures("sync_ops")


def type_text(widget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def bad_check_digit(vin: str) -> str:
    return vin[:8] + ("0" if vin[8] != "0" else "1") + vin[9:]


@pytest.fixture()
def stock(ctx):
    """Three cars: a Passat, a Han EV and a Camry with different prices."""
    add = lambda **kw: vehicles.add_vehicle(ctx.uow(), actor=ctx.actor, data=vehicle_input(**kw))  # noqa: E731
    return [
        add(vin=make_vin(101), brand="大众", model="帕萨特", price_fen=19_990_000, exterior_color="白色"),
        add(
            vin=make_vin(202),
            brand="比亚迪",
            model="汉 EV",
            powertrain="BEV",
            price_fen=2_000_000_00,
            range_km=610,
            battery_kwh=85.4,
            exterior_color="黑色",
        ),
        add(
            vin=make_vin(303),
            brand="丰田",
            model="凯美瑞",
            powertrain="HEV",
            price_fen=18_880_000,
            production_date=None,
            status="in_transit",
        ),
    ]


def open_page(qtbot, ctx) -> InventoryPage:
    page = InventoryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def db_vehicles(ctx):
    """What is really stored, read straight from the database (as DTOs: sessions close)."""
    with ctx.uow() as u:
        return [vehicles.vehicle_dto(v) for v in u.session.query(Vehicle).order_by(Vehicle.id)]


def error_label(dialog, field: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None, field
    return label


# --- model -------------------------------------------------------------------------------
def test_vehicle_model_passes_modeltester_and_sorts_prices_as_numbers(qtmodeltester, ctx, stock):
    model = VehicleTableModel()
    model.set_rows(vehicles.list_vehicles(ctx.uow(), actor=ctx.actor))
    qtmodeltester.check(model, force_py=True)
    row = model.row_of(stock[1].id)
    assert model.index(row, Column.PRICE).data() == "¥2,000,000"
    assert model.index(row, Column.PRICE).data(SORT_ROLE) == 2_000_000_00
    assert model.index(row, Column.POWERTRAIN).data() == "Battery electric (BEV)"
    assert model.index(row, Column.VIN).data(DTO_ROLE) == stock[1]
    right = model.index(row, Column.PRICE).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight.value


def test_page_sorts_by_price_numerically(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    page.table.sortByColumn(Column.PRICE, Qt.SortOrder.AscendingOrder)
    prices = [page.proxy.index(r, Column.PRICE).data(SORT_ROLE) for r in range(page.proxy.rowCount())]
    assert prices == sorted(prices) == [18_880_000, 19_990_000, 2_000_000_00]


# --- list and search ---------------------------------------------------------------------
def test_page_lists_vehicles_and_searches_by_vin_tail_model_and_status(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    assert page.model.rowCount() == 3
    assert page.count_label.text() == "Vehicles: 3"
    qtbot.keyClicks(page.search, stock[1].vin[-6:])  # VIN tail, debounced
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.vehicle_at(0).id == stock[1].id
    page.search.clear()
    type_text(page.search, "帕萨特")
    qtbot.waitUntil(lambda: [v.model for v in page.model.rows()] == ["帕萨特"])
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.status_filter.setCurrentIndex(page.status_filter.findData("in_transit"))
    assert [v.id for v in page.model.rows()] == [stock[2].id]


def test_page_refreshes_when_another_page_changes_vehicles(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    v = vehicles.add_vehicle(ctx.uow(), actor=ctx.actor, data=vehicle_input())
    ctx.changed(Changes(vehicles=True), None)
    assert page.model.row_of(v.id) >= 0


# --- roles -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "role, visible",
    [
        (Role.CONSULTANT, {"status_button"}),
        (Role.FINANCE, {"export_button"}),
        (Role.SALES_MANAGER, {"add_button", "edit_button", "status_button", "import_button", "export_button"}),
    ],
)
def test_buttons_follow_the_role(qtbot, make_ctx, role, visible):
    page = open_page(qtbot, make_ctx(role))
    buttons = {
        b.objectName()
        for b in (page.add_button, page.edit_button, page.status_button, page.import_button, page.export_button)
        if not b.isHidden()
    }
    assert buttons == visible


# --- add ---------------------------------------------------------------------------------
def fill_basics(qtbot, form, vin: str) -> None:
    qtbot.keyClicks(form.vin, vin.lower())
    type_text(form.brand, "大众")
    type_text(form.model, "朗逸")
    qtbot.keyClicks(form.guide_price_fen, "120000")
    qtbot.keyClicks(form.price_fen, "109,800.50")


def test_adding_a_vehicle_by_typing_creates_the_row(qtbot, ctx):
    page = open_page(qtbot, ctx)
    dialog = page.add_vehicle()
    form = dialog.form
    fill_basics(qtbot, form, make_vin(404))
    assert form.vin.text() == make_vin(404)  # uppercased as typed
    form.powertrain.setCurrentIndex(form.powertrain.findData("PHEV"))
    assert form.range_km.isEnabled() and form.fuel_l_per_100km.isEnabled()
    form.tabs.setCurrentIndex(1)
    qtbot.keyClicks(form.range_km, "110")
    type_text(form.configuration, "全景天窗")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [v] = db_vehicles(ctx)
    assert (v.vin, v.brand, v.model, v.powertrain, v.price_fen, v.range_km, v.configuration) == (
        make_vin(404),
        "大众",
        "朗逸",
        "PHEV",
        10_980_050,
        110,
        ("全景天窗",),
    )
    assert v.production_date is None and v.status == "in_stock"
    assert not dialog.isVisible()
    assert page.model.row_of(v.id) >= 0 and page.selected_vehicle().id == v.id


def test_enter_saves(qtbot, ctx):
    dialog = open_page(qtbot, ctx).add_vehicle()
    fill_basics(qtbot, dialog.form, make_vin(405))
    qtbot.keyClick(dialog.form.price_fen, Qt.Key.Key_Return)
    assert [v.vin for v in db_vehicles(ctx)] == [make_vin(405)]


def test_bad_input_shows_messages_beside_the_fields_and_writes_nothing(qtbot, ctx):
    dialog = open_page(qtbot, ctx).add_vehicle()
    qtbot.keyClicks(dialog.form.vin, "LSV123")
    qtbot.keyClicks(dialog.form.price_fen, "abc")
    qtbot.keyClicks(dialog.form.power_kw, "lots")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert db_vehicles(ctx) == []
    assert error_label(dialog, "vin").text() == "A VIN has 17 characters; this one has 6."
    assert error_label(dialog, "price_fen").text().startswith("Enter a number")
    assert error_label(dialog, "brand").text() == "This field is required."
    assert not error_label(dialog, "power_kw").isHidden()
    assert error_label(dialog, "trim").isHidden()
    assert dialog.form.tabs.currentIndex() == 0 and dialog.focusWidget() is dialog.form.vin
    # Fixing the input and saving again clears the messages and saves.
    dialog.form.vin.setText(make_vin(406))
    type_text(dialog.form.brand, "大众")
    type_text(dialog.form.model, "朗逸")
    for w, text in (
        (dialog.form.price_fen, "99800"),
        (dialog.form.guide_price_fen, "109800"),
        (dialog.form.power_kw, "110"),
    ):
        w.setText(text)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [v.power_kw for v in db_vehicles(ctx)] == [110]


def test_wrong_check_digit_needs_a_managers_reason(qtbot, ctx):
    dialog = open_page(qtbot, ctx).add_vehicle()
    vin = bad_check_digit(make_vin(407))
    fill_basics(qtbot, dialog.form, vin)
    assert not dialog.form.override_visible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "check digit" in error_label(dialog, "vin").text()
    assert dialog.form.override_visible() and db_vehicles(ctx) == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert error_label(dialog, "vin_override_reason").text() == "This field is required."
    type_text(dialog.form.vin_override_reason, "铭牌与合格证一致")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [v] = db_vehicles(ctx)
    assert (v.vin, v.vin_override_reason) == (vin, "铭牌与合格证一致")


def test_admin_gets_no_override_field(qtbot, make_ctx):
    admin = make_ctx(Role.ADMIN)
    dialog = open_page(qtbot, admin).add_vehicle()
    fill_basics(qtbot, dialog.form, bad_check_digit(make_vin(408)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "sales manager may override" in error_label(dialog, "vin").text()
    assert not dialog.form.override_visible() and db_vehicles(admin) == []


# --- edit and conflicts ------------------------------------------------------------------
def test_stale_edit_shows_conflict_and_reload_takes_their_version(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    page.select_vehicle(stock[0].id)
    dialog = page.edit_selected()
    assert dialog.form.price_fen.text() == "199900"
    # Someone on another terminal saves first.
    theirs = vehicle_input(vin=stock[0].vin, brand="大众", model="帕萨特", price_fen=17_000_000)
    vehicles.update_vehicle(
        ctx.uow(), actor=ctx.actor, vehicle_id=stock[0].id, expected_version=stock[0].version, data=theirs
    )
    dialog.form.price_fen.setText("150000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = dialog.conflict_box
    assert box is not None and box.isVisible() and "another terminal" in box.text()
    assert dialog.isVisible()
    assert db_vehicles(ctx)[0].price_fen == 17_000_000  # not silently overwritten
    qtbot.mouseClick(box.findChild(object, "reload_button"), Qt.MouseButton.LeftButton)
    assert dialog.form.price_fen.text() == "170000"
    dialog.form.price_fen.setText("160000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert db_vehicles(ctx)[0].price_fen == 16_000_000


def test_double_click_edits(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    rect = page.table.visualRect(page.proxy.index(0, Column.MODEL))
    # QTest's double-click sends no press first, and item views need one (pressedIndex).
    qtbot.mousePress(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.findChild(object, "vehicle_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.vehicle.id == page.proxy.index(0, 0).data(DTO_ROLE).id


# --- status ------------------------------------------------------------------------------
def test_status_change_offers_allowed_moves_and_shows_pdi_refusal(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    page.select_vehicle(stock[0].id)
    dialog = page.change_status_of_selected()
    offered = {dialog.status.itemData(i) for i in range(dialog.status.count())}
    assert offered == {"on_display", "test_drive_fleet", "reserved", "in_transit"}
    dialog.status.setCurrentIndex(dialog.status.findData("reserved"))
    type_text(dialog.reason, "客户订车")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    v = vehicles.get_vehicle(ctx.uow(), actor=ctx.actor, vehicle_id=stock[0].id)
    assert v.status == "reserved"
    # Issue #18.4 (T/CSCA 120031 4.3.3, 4.4.2): a car is sold only through a contract and
    # delivered only through a handover, so the dialog never offers either.
    dialog = StatusDialog(ctx, v)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.status.findData("sold") == -1 and dialog.status.findData("delivered") == -1


def test_nobody_is_offered_delivery_from_the_status_dialog(qtbot, make_ctx, ctx):
    # Issue #18.4: delivery is the handover's (4.4.2), for a manager as for a consultant.
    v = make_sold_vehicle(ctx.uow, ctx.actor)
    for role in (Role.CONSULTANT, Role.SALES_MANAGER):
        dialog = StatusDialog(make_ctx(role), v)
        qtbot.addWidget(dialog)
        assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == ["reserved"]


# --- import and export -------------------------------------------------------------------
HEADER = ["vin", "brand", "model", "model_year", "powertrain", "guide_price_yuan", "price_yuan"]


def write_xlsx(path, rows, header=HEADER) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_import_with_a_bad_row_shows_the_report(qtbot, qtmodeltester, ctx, tmp_path):
    path = tmp_path / "到货清单.xlsx"
    write_xlsx(
        path,
        [
            [make_vin(501), "大众", "途观L", 2025, "ICE", 239800, 219800, "x"],
            [make_vin(502), "大众", "途观L", 2025, "ICE", "abc", 219800, "x"],
            [make_vin(503), "大众", "ID.4", 2025, "BEV", 199900, 149900, "x"],
        ],
        header=HEADER + ["销售顾问"],
    )
    page = open_page(qtbot, ctx)
    page.import_file(str(path))
    report = page.io.report_dialog
    assert report is not None and report.isVisible()
    assert {k: int(label.text()) for k, label in report.counts.items()} == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
    }
    assert report.model.rowCount() == 1
    assert report.model.index(0, 0).data() == "3"  # header is row 1
    assert report.model.index(0, 1).data() == make_vin(502)
    assert report.model.index(0, 2).data().startswith("Guide price: Enter a number")
    assert "ignored: 销售顾问" in report.warnings.toPlainText()
    qtmodeltester.check(report.model, force_py=True)
    assert page.model.rowCount() == 2  # the page reloaded


def test_unusable_import_file_shows_a_message(qtbot, ctx, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("vin,brand\nX,Y\n", encoding="utf-8")
    page = open_page(qtbot, ctx)
    page.import_file(str(path))
    assert "lacks required columns" in page.io.message_box.text()
    assert db_vehicles(ctx) == []


def test_import_over_the_row_limit_says_so_and_imports_nothing(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOWROOM_IMPORT_MAX_ROWS", "2")  # issue #15.13, the terminal's limit
    path = tmp_path / "big.xlsx"
    write_xlsx(path, [[make_vin(600 + i), "大众", "途观L", 2025, "ICE", 239800, 219800] for i in range(3)])
    page = open_page(qtbot, ctx)
    page.import_file(str(path))
    assert "more than 2 rows; nothing was imported" in page.io.message_box.text()
    assert db_vehicles(ctx) == []


def test_export_writes_the_filtered_list(qtbot, ctx, stock, tmp_path):
    page = open_page(qtbot, ctx)
    page.status_filter.setCurrentIndex(page.status_filter.findData("in_stock"))
    path = tmp_path / "库存.xlsx"
    page.export_file(str(path))
    assert "Vehicles: 2" in page.io.message_box.text()
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) == 3


# --- real threads (one test): the UI stays live while work runs --------------------------
def test_list_and_import_on_real_threads(qtbot, ctx, stock, tmp_path):
    workers.use_synchronous_executor(False)
    try:
        page = open_page(qtbot, ctx)
        qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
        path = tmp_path / "in.xlsx"
        write_xlsx(path, [[make_vin(601 + i), "大众", "朗逸", 2025, "ICE", 120000, 109800] for i in range(300)])
        page.import_file(str(path))
        assert not page.io.isHidden() and not page.import_button.isEnabled()  # busy, not blocked
        qtbot.waitUntil(lambda: page.io.report_dialog is not None, timeout=20_000)
        assert page.io.isHidden() and page.import_button.isEnabled()
        # The list reads 200 cars at a time (issue #17); the count is of every car.
        qtbot.waitUntil(lambda: page.count_label.text() == "Vehicles: 303", timeout=10_000)
    finally:
        workers.wait_for_idle()
        workers.use_synchronous_executor(True)
    assert len(vehicles.list_vehicles(ctx.uow(), actor=ctx.actor, query=VehicleQuery(text="朗逸"))) == 300


def test_header_state_is_kept_between_sessions(qtbot, ctx, stock):
    page = open_page(qtbot, ctx)
    page.table.sortByColumn(Column.PRICE, Qt.SortOrder.DescendingOrder)
    page.hide()  # saves the header state
    again = open_page(qtbot, ctx)
    header = again.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (Column.PRICE, Qt.SortOrder.DescendingOrder)
    assert again.proxy.index(0, Column.VIN).data(DTO_ROLE).id == stock[1].id  # the dearest first


def test_rejection_model_gives_one_line_per_reason(qtmodeltester):
    from app.core.errors import FieldError
    from app.inventory.vehicle_io import RowRejection
    from ui.inventory.import_report_dialog import RejectionTableModel

    model = RejectionTableModel(
        [
            RowRejection(
                7,
                "LSV1",
                [FieldError("brand", "required"), FieldError("model_year", "out_of_range", {"min": 1990, "max": 2028})],
            )
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert [[model.index(r, c).data() for c in range(3)] for r in range(2)] == [
        ["7", "LSV1", "Brand: This field is required."],
        ["", "", "Model year: Enter a value between 1990 and 2028."],
    ]


def test_editing_a_vehicle_with_an_override_on_record_keeps_it(qtbot, ctx):
    vin = bad_check_digit(make_vin(901))
    v = vehicles.add_vehicle(ctx.uow(), actor=ctx.actor, data=vehicle_input(vin=vin), vin_override_reason="厂家确认")
    page = open_page(qtbot, ctx)
    page.select_vehicle(v.id)
    dialog = page.edit_selected()
    assert "厂家确认" in dialog.form.override_note.text() and not dialog.form.override_note.isHidden()
    dialog.form.price_fen.setText("150000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [saved] = db_vehicles(ctx)
    assert (saved.price_fen, saved.vin_override_reason) == (15_000_000, "厂家确认")
