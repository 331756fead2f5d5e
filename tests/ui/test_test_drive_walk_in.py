"""A walk-in test drive "now" in the dialog (issue #17.4; T/CSCA 120031-2023 4.2.4.5: the time
window is told beforehand): when the car is not free now, Book shows its actual next free
time and the cars free now before anything is booked; the user picks one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.clock import to_store_time, utcnow
from app.test_drives.rules import slot_floor
from db import drive_models as tdm
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import add_fleet_car, book
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell.context import AppContext
from ui.test_drives.drive_dialog import TestDriveDialog
from ui.test_drives.walk_in_box import WalkInOfferBox

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def busy(world):  # noqa: F811
    """The world's car is booked for the next three hours; a second car is free."""
    now = slot_floor(utcnow())  # from the current half hour, so it is free again on the hour
    book(world, now, minutes=180, now=now, customer_name="黄先生")
    later = dt.date.today() + dt.timedelta(days=365)
    other = add_fleet_car(
        world.uow,
        world.manager,
        plate="沪B54321",
        compulsory_insurance_until=later,
        commercial_insurance_until=later,
        inspection_until=later,
    )
    return world, other, now


def _press_book(qtbot, database, world) -> TestDriveDialog:  # noqa: F811
    dialog = TestDriveDialog(AppContext(database, world.consultant), car_id=world.car_id)
    qtbot.addWidget(dialog)
    dialog.customer_name.setText("张女士")
    assert dialog.walk_in.isChecked() and dialog.car.currentData() == world.car_id
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    return dialog


def _drives(world) -> list[tdm.TestDrive]:  # noqa: F811
    with world.uow() as u:
        return list(u.session.query(tdm.TestDrive).order_by(tdm.TestDrive.id))


def test_book_shows_the_next_free_time_first_and_takes_a_car_free_now(qtbot, database, busy):
    world, other, now = busy
    dialog = _press_book(qtbot, database, world)
    box = dialog.findChild(WalkInOfferBox, "walk_in_offer")
    assert box is not None and box.isVisible()
    free_at = to_store_time(now + dt.timedelta(hours=3))
    assert free_at.strftime("%H:%M") in box.text()  # the actual time, before anything is booked
    assert "沪B54321" in box.informativeText()
    assert dialog.drive is None and len(_drives(world)) == 1
    qtbot.mouseClick(box.findChild(QPushButton, f"take_car_{other}"), Qt.MouseButton.LeftButton)
    assert dialog.drive is not None and dialog.drive.car_id == other
    assert dialog.drive.planned_start - utcnow() < dt.timedelta(minutes=10)  # now, not hours ahead


def test_the_later_time_is_booked_only_when_the_user_picks_it(qtbot, database, busy):
    world, other, now = busy
    dialog = _press_book(qtbot, database, world)
    box = dialog.findChild(WalkInOfferBox, "walk_in_offer")
    qtbot.mouseClick(box.findChild(QPushButton, "book_later"), Qt.MouseButton.LeftButton)
    assert dialog.drive is not None and dialog.drive.car_id == world.car_id
    assert dialog.drive.planned_start == now + dt.timedelta(hours=3)


def test_cancel_books_nothing(qtbot, database, busy):
    world, other, now = busy
    dialog = _press_book(qtbot, database, world)
    box = dialog.findChild(WalkInOfferBox, "walk_in_offer")
    qtbot.mouseClick(box.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    assert dialog.drive is None and len(_drives(world)) == 1


def test_with_many_cars_free_the_offer_still_fits_a_1366_pixel_screen(qtbot, database, busy):
    # Issue #17.4 at 1366×768: one button per free car would run off the screen in a store with
    # many test cars. Three buttons; the text names every car free now.
    world, other, now = busy
    later = dt.date.today() + dt.timedelta(days=365)
    for plate in ("沪C65432", "沪D76543", "沪E87654", "沪F98765"):
        add_fleet_car(
            world.uow,
            world.manager,
            plate=plate,
            compulsory_insurance_until=later,
            commercial_insurance_until=later,
            inspection_until=later,
        )
    dialog = _press_book(qtbot, database, world)
    box = dialog.findChild(WalkInOfferBox, "walk_in_offer")
    assert len(box.car_buttons) == 3
    assert all(p in box.informativeText() for p in ("沪B54321", "沪C65432", "沪D76543", "沪E87654", "沪F98765"))
    assert box.sizeHint().width() < 1366
    qtbot.mouseClick(box.findChild(QPushButton, f"take_car_{other}"), Qt.MouseButton.LeftButton)
    assert dialog.drive is not None and dialog.drive.car_id == other
