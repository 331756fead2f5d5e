"""The inventory page reads the stock a page at a time as the user scrolls, and its search,
status filter, count and selection still cover every car (issue #17, peak memory on dataset
S: "page the leads and the document archive as the visit history already is")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.inventory import vehicles
from tests.factories import make_vin, vehicle_input
from ui.inventory.inventory_page import InventoryPage
from ui.inventory.vehicle_table_model import Column

pytestmark = pytest.mark.usefixtures("sync_ops")

CARS = 7
PAGE = 3
BRANDS = ("大众", "比亚迪", "丰田")


@pytest.fixture()
def stock(ctx):
    """Seven cars of three brands (more than two pages of three); cars 2 and 5 are in transit."""
    cars = []
    for i in range(CARS):
        data = vehicle_input(vin=make_vin(500 + i), brand=BRANDS[i % 3], model=f"车型{i % 2}", price_fen=10_000_000 + i)
        cars.append(vehicles.add_vehicle(ctx.uow(), actor=ctx.actor, data=data))
    for car in (cars[2], cars[5]):
        vehicles.change_status(
            ctx.uow(), actor=ctx.actor, vehicle_id=car.id, expected_version=car.version, new_status="in_transit"
        )
    return cars


@pytest.fixture()
def page(qtbot, ctx, stock, monkeypatch):
    monkeypatch.setattr(InventoryPage, "page_size", PAGE)
    page = InventoryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.table.setFixedHeight(90)  # a screenful of about two rows: the third is out of sight
    page.show()
    qtbot.waitExposed(page)
    return page


def _scroll_to_the_end(qtbot, page) -> None:
    page.table.setFocus()
    for _ in range(CARS):
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        if not page.model.canFetchMore():
            break


def test_the_first_page_is_read_and_ctrl_end_reads_the_rest(qtbot, page):
    assert page.model.rowCount() == PAGE
    assert page.count_label.text() == f"Vehicles: {CARS}"  # every car, not the page
    _scroll_to_the_end(qtbot, page)
    assert page.model.rowCount() == CARS
    shown = [page.model.vehicle_at(r) for r in range(CARS)]
    assert len({v.id for v in shown}) == CARS  # no car twice
    assert [(v.brand, v.model, v.vin) for v in shown] == sorted((v.brand, v.model, v.vin) for v in shown)


def test_the_status_filter_and_the_search_cover_every_page(qtbot, page, stock):
    page.status_filter.setCurrentIndex(page.status_filter.findData("in_transit"))
    assert page.count_label.text() == "Vehicles: 2"
    assert {v.id for v in page.model.rows()} == {stock[2].id, stock[5].id}
    page.status_filter.setCurrentIndex(0)
    page.search.setFocus()
    # "车型1" is the model of cars 1, 3 and 5: the last of them would be on the third page.
    QTest.sendKeyEvent(QTest.KeyAction.Click, page.search, Qt.Key.Key_unknown, "车", Qt.KeyboardModifier.NoModifier)
    QTest.sendKeyEvent(QTest.KeyAction.Click, page.search, Qt.Key.Key_unknown, "型", Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: page.count_label.text() == "Vehicles: 3")
    assert {v.id for v in page.model.rows()} == {stock[1].id, stock[3].id, stock[5].id}


def test_a_car_further_down_stays_selected_after_its_status_change(qtbot, page):
    _scroll_to_the_end(qtbot, page)
    last = page.model.vehicle_at(CARS - 1)
    page.select_vehicle(last.id)
    dialog = page.change_status_of_selected()
    dialog.status.setCurrentIndex(dialog.status.findData("on_display"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # The reload starts again from the first page and reads on until the car is there.
    assert page.selected_vehicle() is not None and page.selected_vehicle().id == last.id
    assert page.selected_vehicle().status == "on_display"


def test_sorting_by_a_column_orders_every_car_not_only_the_first_page(qtbot, page):
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(Column.VIN) + 5, 5)
    )
    assert page.model.rowCount() == CARS  # the rest was read before sorting
    vins = [page.proxy.index(r, Column.VIN).data() for r in range(CARS)]
    assert vins in (sorted(vins), sorted(vins, reverse=True))
