"""Showroom page (issue #5): the board shows no card / stale / current; printing all missing
cards runs with progress and opens the preview; a scanner burst opens the car and warns on an
old card; a car moves in one action."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.showroom import cards, cards_floor
from app.inventory import vehicles
from db.models import Role
from tests.factories import (
    isolated_data_dir,
    make_store,
    make_user,  # noqa: F401
    vehicle_input,
)
from tests.integration.test_cards import edit
from ui.showroom.models import Col, card_text
from ui.showroom.showroom_page import ShowroomPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def floor(uow):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    manager = make_user(uow, Role.SALES_MANAGER)
    cars = [vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display")) for _ in range(3)]
    positions = cards_floor.list_positions(uow(), actor=manager)
    for car, position in zip(cars, positions):
        cards_floor.move_vehicle(uow(), actor=manager, vehicle_id=car.id, position_id=position.id)
    cards.issue_card(uow(), actor=manager, vehicle_id=cars[0].id)
    cards.issue_card(uow(), actor=manager, vehicle_id=cars[1].id)
    edit(uow, manager, cars[1].id, price_fen=15_000_000)
    return manager, cars


@pytest.fixture()
def page(qtbot, make_ctx, floor):
    ctx = make_ctx(Role.CONSULTANT, full_name="李娜")
    p = ShowroomPage(ctx)
    qtbot.addWidget(p)
    return p


def _state(page, vehicle_id):
    return page.model.row_at(page.model.row_of_vehicle(vehicle_id)).card_state


def test_board_shows_no_card_stale_and_current(page, floor):
    _, cars = floor
    assert [_state(page, c.id) for c in cars] == ["current", "stale", "no_card"]
    stale = page.model.row_at(page.model.row_of_vehicle(cars[1].id))
    assert card_text(stale) == "Stale: price"
    assert page.model.rowCount() == 12  # every position, empty ones too
    assert "need a card: 2" in page.summary.text()


def test_print_all_missing_runs_with_progress_and_opens_the_preview(page, floor, uow, monkeypatch):
    _, cars = floor
    seen = []
    page.batch_button.click()
    assert page.last_batch is not None and len(page.last_batch.cards) == 2
    assert page.preview is not None and page.preview.page_count() == 2
    assert page.progress_dialog.maximum() == 2
    assert [_state(page, c.id) for c in cars] == ["current"] * 3
    page._record([c.document_id for c in page.last_batch.cards], "Showroom printer", None)
    from app.documents import documents

    for c in page.last_batch.cards:
        seen += [p.kind for p in documents.list_prints(uow(), actor=floor[0], document_id=c.document_id)]
    assert seen == ["print", "print"]
    page.preview.close()


def test_scan_burst_opens_the_car_and_warns_on_an_old_card(qtbot, make_ctx, floor, uow, monkeypatch):
    from ui.shell.context import AppContext
    from ui.shell.main_window import MainWindow

    manager, cars = floor
    first = cards.issue_card(uow(), actor=manager, vehicle_id=cars[2].id)
    cards.issue_card(uow(), actor=manager, vehicle_id=cars[2].id)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    ctx = make_ctx(Role.CONSULTANT)
    w = MainWindow(AppContext(ctx.database, ctx.actor))
    qtbot.addWidget(w)
    clock = iter(i * 0.01 for i in range(1000))
    w.scan_catcher._clock = lambda: next(clock)
    for ch in f"No. {first.card_number} v1":
        assert not w.scan_catcher.feed(ch)
    assert w.scan_catcher.feed("", enter=True)
    assert w.current_module() == "showroom"
    page = w.page("showroom")
    assert page.selected_row().vehicle_id == cars[2].id
    assert "v1" in page.notice.text() and "v2" in page.notice.text() and warnings
    for ch in cars[0].vin:
        w.scan_catcher.feed(ch)
    assert w.scan_catcher.feed("", enter=True)
    assert page.selected_row().vehicle_id == cars[0].id and len(warnings) == 1
    # Slow typing is not a scan: the Enter goes through.
    slow = iter(i * 0.3 for i in range(1000))
    w.scan_catcher._clock = lambda: next(slow)
    for ch in cars[1].vin:
        w.scan_catcher.feed(ch)
    assert not w.scan_catcher.feed("", enter=True)
    w.close()


def test_moving_a_car_is_one_action(page, floor, monkeypatch):
    _, cars = floor
    page.select_vehicle(cars[2].id)
    monkeypatch.setattr(page, "ask_position", lambda positions, code: next(p for p in positions if p.code == "B1"))
    page.move_button.click()
    row = page.model.row_at(page.model.row_of_vehicle(cars[2].id))
    assert row.position_code == "B1"
    assert page.selected_row().vehicle_id == cars[2].id
    assert page.model.index(page.model.row_of_vehicle(cars[2].id), Col.ZONE).data() == "展厅B区"


def test_board_model_passes_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.model)


def test_a_scan_into_a_focused_search_box_is_taken_back_out(qtbot, make_ctx, floor):
    """The scanner types into whatever has the focus before the burst can be recognised as a
    scan; once it is, the field must not keep the VIN (issue #5.6)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.shell.context import AppContext
    from ui.shell.main_window import MainWindow

    _, cars = floor
    ctx = make_ctx(Role.CONSULTANT)
    w = MainWindow(AppContext(ctx.database, ctx.actor), initial_module="inventory")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    search = w.page("inventory").search
    search.setText("帕萨")
    search.setFocus()
    clock = iter(i * 0.01 for i in range(1000))
    w.scan_catcher._clock = lambda: next(clock)
    window = w.windowHandle()
    for ch in cars[0].vin:
        QTest.keyClick(window, ch)
    assert search.text().endswith(cars[0].vin)  # typed before it could be recognised
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert w.current_module() == "showroom"
    assert search.text() == "帕萨"
    w.close()


def test_manager_sets_a_promotion_from_the_board_and_the_card_goes_stale_4_3_2_1(qtbot, make_ctx, floor):
    from PySide6.QtWidgets import QLabel

    _, cars = floor
    page = ShowroomPage(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(page)
    assert not page.promotion_button.isHidden()
    page.select_vehicle(cars[0].id)
    dialog = page.edit_promotion()
    dialog.title.setText("限时优惠 8,000 元")
    dialog.save()  # rules missing: a promotion states its rules in full
    assert not dialog.findChild(QLabel, "error_rules").isHidden()
    assert _state(page, cars[0].id) == "current"
    dialog.rules.setPlainText("2026年12月31日前订车，直降 8,000 元；不与其他优惠同享。")
    dialog.save()
    row = page.model.row_at(page.model.row_of_vehicle(cars[0].id))
    assert row.card_state == "stale" and "promotion" in row.changed
    again = page.edit_promotion()
    assert again.title.text() == "限时优惠 8,000 元" and not again.remove_button.isHidden()


def test_consultant_sees_no_promotion_button(page):
    assert page.promotion_button.isHidden()


def test_manager_sets_the_charging_pile_offer_and_only_nev_cards_go_stale_4_1_3_5(qtbot, make_ctx, floor, uow):
    from PySide6.QtWidgets import QLabel

    manager, cars = floor
    nev = vehicles.add_vehicle(
        uow(), actor=manager, data=vehicle_input(status="on_display", powertrain="BEV", range_km=510, battery_kwh=60.5)
    )
    free = next(p for p in cards_floor.list_positions(uow(), actor=manager) if p.vehicle_id is None)
    cards_floor.move_vehicle(uow(), actor=manager, vehicle_id=nev.id, position_id=free.id)
    cards.issue_card(uow(), actor=manager, vehicle_id=nev.id)
    page = ShowroomPage(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(page)
    assert _state(page, nev.id) == "current" and _state(page, cars[0].id) == "current"
    dialog = page.edit_charging_pile()
    dialog.fee.setText("abc")
    dialog.save()
    assert not dialog.findChild(QLabel, "error_service").isHidden()
    assert not dialog.findChild(QLabel, "error_fee_yuan").isHidden()
    dialog.service.setPlainText("购车赠送 7kW 家用充电桩及基础安装（30 米线内）")
    dialog.save()
    assert not dialog.findChild(QLabel, "error_fee_yuan").isHidden()
    assert cards_floor.get_charging_pile_offer(uow(), actor=manager) is None  # nothing written
    dialog.fee.setText("1,200")
    dialog.save()
    assert cards_floor.get_charging_pile_offer(uow(), actor=manager).fee_fen == 120_000
    assert _state(page, nev.id) == "stale" and _state(page, cars[0].id) == "current"


def test_4_2_3_4_the_board_warns_about_a_displayed_car_without_production_date(qtbot, make_ctx, floor, uow):
    manager, _ = floor
    car = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display", production_date=None))
    page = ShowroomPage(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(page)
    row = page.model.row_of_vehicle(car.id)
    text = page.model.index(row, Col.CAR).data()
    assert "production date missing" in text and "age is unknown" in text
