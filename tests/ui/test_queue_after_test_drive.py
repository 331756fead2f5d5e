"""A consultant's own saves never conflict with each other (issue #16): after a test drive
returns from the live queue, ending the visit goes through without a "changed on another
terminal" box, because the return's change set names the visit and the queue reloads it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.core.clock import utcnow
from app.reception.visits import start_visit
from tests.factories import isolated_data_dir, walk_in  # noqa: F401
from tests.integration.test_test_drives import NOW, ready_drive, start
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell.context import AppContext
from ui.reception.end_visit_dialog import EndVisitDialog
from ui.test_drives.drive_dialog import TestDriveDialog
from ui.reception.queue_page import QueuePage


pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_return_then_end_visit_from_the_queue_gives_no_conflict(qtbot, uow, database, world):  # noqa: F811
    # T/CSCA 120031 4.2.4.5 (return recorded) and 3.13 (the visit counts as test-driven).
    visit = walk_in(uow, world.desk, now=utcnow(), name="赵女士", mobile="13800001111").visit
    visit = start_visit(uow(), actor=world.consultant, visit_id=visit.id, expected_version=visit.version)
    drive = start(world, ready_drive(world, visit_id=visit.id), now=NOW)
    ctx = AppContext(database, world.consultant)
    queue = QueuePage(ctx)
    qtbot.addWidget(queue)
    queue.select_visit(visit.id)

    dialog = TestDriveDialog(ctx, drive.id, parent=queue)
    qtbot.addWidget(dialog)
    dialog.go("return")
    dialog.odometer_in.setValue(1209)
    dialog.damage.setCurrentIndex(dialog.damage.findData(False))
    qtbot.mouseClick(dialog.return_form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.drive.status == "returned"
    dialog.close()

    queue.select_visit(visit.id)
    qtbot.mouseClick(queue.end_button, Qt.MouseButton.LeftButton)
    end = queue.findChildren(EndVisitDialog)[-1]
    end.outcome.setCurrentIndex(end.outcome.findData("left"))
    qtbot.mouseClick(end.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    boxes = [b for b in queue.findChildren(QMessageBox) if b.isVisible()]
    assert not boxes, [b.text() for b in boxes]
    assert end.result_dto.visit.status == "finished"
    assert end.result_dto.visit.had_test_drive
