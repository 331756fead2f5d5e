"""A returned test drive opened later shows its return as recorded (issue #20.2, the KPI
drill-down of 3.13 "each record opens its own page"): the Return step holds the odometer,
damage check, feedback and intent recorded at the return (T/CSCA 120031-2023 4.2.4.5),
read-only; its pre-departure check shows the items ticked and the odometer out (4.2.4.6);
and the dialog shows the customer's name masked (PIPL: masked on screen)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.kpis.dto import RecordKind, RecordRef
from app.test_drives import drive_steps as steps
from app.test_drives.drive_steps import ReturnInput
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import NOW, ready_drive, start
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.kpis.drilldown_open import open_record
from ui.shell.context import AppContext
from ui.test_drives.drive_dialog import TestDriveDialog
from ui.test_drives.drive_step_actions import STEPS

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def _returned_drive(world):  # noqa: F811
    """Booked for 李先生, driven and returned through the real services (4.2.4.5)."""
    out = start(world, ready_drive(world), now=NOW)
    return steps.record_return(
        world.uow(),
        actor=world.consultant,
        drive_id=out.id,
        expected_version=out.version,
        now=NOW + dt.timedelta(minutes=25),
        data=ReturnInput(
            odometer_in=1213, damage_found=True, damage_notes="右后门划痕", feedback="操控好", intent_level="A"
        ),
    )


def _assert_return_as_recorded(dialog: TestDriveDialog) -> None:
    form = dialog.return_form
    assert dialog.pages.currentWidget() is form
    assert form.isEnabled()
    assert form.odometer_in.text() == "1213 km"
    assert form.damage.currentData() is True
    assert form.damage_notes.text() == "右后门划痕"
    assert form.feedback.toPlainText() == "操控好"
    assert form.intent.currentData() == "A"
    # Recorded once: nothing to type over, no button to record it again.
    assert form.odometer_in.isReadOnly() and form.damage_notes.isReadOnly() and form.feedback.isReadOnly()
    assert not form.damage.isEnabled() and not form.intent.isEnabled()
    assert not form.save_button.isVisible()


def _assert_name_masked(dialog: TestDriveDialog) -> None:
    assert dialog.summary.text().startswith("李** ·")
    assert not [label.text() for label in dialog.findChildren(QLabel) if "李先生" in label.text()]


def test_a_returned_drive_opened_from_the_3_13_drill_down_shows_its_return(qtbot, database, world):  # noqa: F811
    back = _returned_drive(world)
    parent = QWidget()
    qtbot.addWidget(parent)
    ref = RecordRef(RecordKind.TEST_DRIVE, back.id, back.actual_end, "")

    dialog = open_record(AppContext(database, world.manager), parent, ref)
    qtbot.addWidget(dialog)

    qtbot.waitUntil(dialog.isVisible)
    _assert_return_as_recorded(dialog)
    _assert_name_masked(dialog)


def test_clicking_the_return_step_of_a_returned_drive_shows_what_was_recorded(qtbot, database, world):  # noqa: F811
    back = _returned_drive(world)
    dialog = TestDriveDialog(AppContext(database, world.consultant), back.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.pages.currentIndex() == 0

    item = dialog.steps.item(STEPS.index("return"))
    qtbot.mouseClick(dialog.steps.viewport(), Qt.MouseButton.LeftButton, pos=dialog.steps.visualItemRect(item).center())

    assert item.text().startswith("✓")
    _assert_return_as_recorded(dialog)
    _assert_name_masked(dialog)


def test_the_pre_departure_check_of_a_returned_drive_shows_what_was_ticked(qtbot, database, world):  # noqa: F811
    # 4.2.4.6: lights, tyres, energy, signage and warning signs checked, odometer out 1200 km.
    back = _returned_drive(world)
    dialog = TestDriveDialog(AppContext(database, world.manager), back.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    item = dialog.steps.item(STEPS.index("departure"))
    qtbot.mouseClick(dialog.steps.viewport(), Qt.MouseButton.LeftButton, pos=dialog.steps.visualItemRect(item).center())

    form = dialog.departure_form
    assert dialog.pages.currentWidget() is form
    assert all(box.isChecked() for box in form.check_boxes.values())
    assert form.odometer_out.text() == "1200 km"
