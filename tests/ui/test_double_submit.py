"""A double click or a second Enter never makes two records (issue #16): the form is busy
until the service answers, and the service's request key makes a repeat return the first
record even if a second request does get through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from db import test_drive_models as tdm
from tests.factories import isolated_data_dir, make_vin  # noqa: F401
from tests.integration.test_test_drives import book
from tests.ui.test_inventory import db_vehicles, fill_basics, open_page
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui import workers
from ui.context import AppContext
from ui.dialogs.test_drive_dialog import TestDriveDialog

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

