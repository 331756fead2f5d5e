"""The guided test drive offers the full ID and licence numbers to a sales manager only, through
the purpose-and-audit dialog (issues #6 and #9: masked on screen, unmasking logged)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.test_drives import booking as test_drives
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import ID_NUMBER
from tests.ui.test_test_drives_page import world  # noqa: F401  (fixture)
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def _qualified_dialog(qtbot, database, world, actor):  # noqa: F811
    from ui.test_drives.drive_dialog import TestDriveDialog

    d = test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="钱先生",
        walk_in=True,
    )
    dialog = TestDriveDialog(AppContext(database, actor), d.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go("qualification")
    dialog.record_consent()
    dialog.id_number.setText(ID_NUMBER)
    dialog.record_qualification()
    dialog.go("qualification")
    return dialog


def test_a_manager_unmasks_the_id_number_with_a_purpose(qtbot, database, world):  # noqa: F811
    dialog = _qualified_dialog(qtbot, database, world, world.manager)
    button = dialog.qualification_form.unmask_id
    assert button.isVisible() and ID_NUMBER not in dialog.masked.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    unmask = dialog.unmask_dialog
    unmask.purpose.setText("checking the licence against the original")
    unmask.reveal()
    assert unmask.number.text() == ID_NUMBER


def test_a_consultant_is_not_offered_the_full_number(qtbot, database, world):  # noqa: F811
    dialog = _qualified_dialog(qtbot, database, world, world.consultant)
    assert dialog.drive.qualified
    assert not dialog.qualification_form.unmask_id.isVisible()
    assert not dialog.qualification_form.unmask_licence.isVisible()
