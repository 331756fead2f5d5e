"""The conflict box speaks the user's language (issue #16): labels and values as the form shows
them (a route's name, not `RouteDTO(id=2, …)` or a raw code), only the fields of the step on
screen, and "Saved by … at …" translated like every other line."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.clock import utcnow
from app.test_drives import booking as test_drives
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import book
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell.context import AppContext
from ui.test_drives.drive_dialog import TestDriveDialog
from ui.shell.i18n import install_translators

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def chinese(qapp):
    assert install_translators("zh_CN")
    yield
    install_translators("en")


def test_test_drive_conflict_box_in_chinese_shows_names_not_reprs(qtbot, database, world, chinese):  # noqa: F811
    # T/CSCA 120031 4.2.4.5: the customer confirms route and time; a clash must be readable.
    start = (utcnow() + dt.timedelta(days=1)).replace(hour=3, minute=0, second=0, microsecond=0)
    drive = book(world, start, now=utcnow(), actor=world.consultant)
    dialog = TestDriveDialog(AppContext(database, world.consultant), drive.id)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.booking_form
    assert form.route.currentData().id == world.route_id  # shown as booked, not the defaults
    # PIPL: a booked drive shows its customer masked, read-only (the move never sends the name)
    assert form.customer_name.text() == "李**" and not form.customer_name.isEnabled()
    # Another terminal (the manager) moves the drive to the other route first.
    test_drives.reschedule_test_drive(
        world.uow(),
        actor=world.manager,
        drive_id=drive.id,
        expected_version=drive.version,
        planned_start=start,
        minutes=30,
        car_id=world.car_id,
        route_id=world.route2_id,
        planned_km=15,
    )
    form.km.setValue(9)
    qtbot.mouseClick(form.book_button, Qt.MouseButton.LeftButton)

    box = next(b for b in dialog.findChildren(QMessageBox, "conflict_box") if b.isVisible())
    text, details = box.text(), box.informativeText()
    assert "Saved by" not in text and "周建国" in text  # who, in Chinese wording
    assert "DTO(" not in details and "route_id" not in details
    assert "外环高速线" in details  # the route as the form names it
    for other_step in ("licence", "odometer", "weather", "escort", "驾驶证"):
        assert other_step not in details
    assert all(
        ord(ch) < 0x41 or "\u4e00" <= ch <= "\u9fff" or ch in "“”/—…，：" or not ch.isalpha()
        for line in details.splitlines()[:1]
        for ch in line
    )  # the heading is Chinese
