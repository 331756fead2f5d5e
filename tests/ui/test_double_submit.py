"""A double click or a second Enter never makes two records (issue #16): the form is busy
until the service answers, and the service's request key makes a repeat return the first
record even if a second request does get through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from db import drive_models as tdm
from db.models import Role
from tests.factories import isolated_data_dir, make_vin  # noqa: F401
from tests.integration.test_test_drives import book
from tests.ui.test_inventory import db_vehicles, fill_basics, open_page
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell import workers
from ui.shell.context import AppContext
from ui.test_drives.drive_dialog import TestDriveDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def threaded():
    workers.use_synchronous_executor(False)
    yield
    workers.wait_for_idle()


def _drives(uow) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(tdm.TestDrive))


def test_double_click_on_book_makes_one_test_drive(qtbot, database, world, threaded):  # noqa: F811
    # T/CSCA 120031 4.2.4.5: one booked window per drive; a second would hold the car twice.
    dialog = TestDriveDialog(AppContext(database, world.consultant))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.route.count() > 0, timeout=10_000)
    dialog.customer_name.setText("李先生")
    button = dialog.booking_form.book_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.drive is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)
    assert _drives(world.uow) == 1


def test_book_repeated_with_its_request_key_returns_the_first_drive(world):  # noqa: F811
    first = book(world, request_key="k-1")
    again = book(world, request_key="k-1")
    assert again.id == first.id and _drives(world.uow) == 1


def test_double_enter_in_the_vehicle_dialog_saves_one_vehicle(qtbot, ctx, threaded):
    dialog = open_page(qtbot, ctx).add_vehicle()
    fill_basics(qtbot, dialog.form, make_vin(406))
    qtbot.keyClick(dialog.form.price_fen, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.form.price_fen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_vehicle is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)
    assert [v.vin for v in db_vehicles(ctx)] == [make_vin(406)]


def test_double_click_on_save_item_records_the_pdi_item_once(qtbot, make_ctx, uow, threaded):
    # T/CSCA 120031 4.4.1.3: every item's record is traceable; a second click must not send
    # the item's old version again (which came back as "changed on another terminal").
    from PySide6.QtWidgets import QMessageBox

    from db.pdi_models import PdiItemEvent
    from tests.ui.test_pdi_page import VALID_UNTIL, make_store, sold_car
    from ui.pdi.pdi_page import PdiPage

    make_store(uow)
    manager_ctx = make_ctx(Role.SALES_MANAGER)
    car = sold_car(uow, manager_ctx.actor, powertrain="BEV", range_km=520, battery_kwh=70)
    tech = make_ctx(Role.PDI_TECHNICIAN, pdi_certificate_no="SH-PDI-2025-0318", pdi_certificate_expiry=VALID_UNTIL)
    page = PdiPage(tech)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.select_vehicle(car.id), timeout=10_000)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.inspection_dialog is not None and page.inspection_dialog.selected_item() is not None,
        timeout=10_000,
    )
    dialog = page.inspection_dialog
    first = dialog.selected_item()
    dialog.set_result("ok")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.inspection.item(first.item_id).result == "ok", timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    with uow() as u:
        events = u.session.scalars(select(PdiItemEvent).where(PdiItemEvent.item_result_id == first.id)).all()
    assert len(events) == 1
