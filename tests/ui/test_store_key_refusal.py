"""A terminal without the store's personal-data key, at the test drive's ID step (issue #15
item 2): the consultant sees why nothing was recorded and how the key is imported, never a
traceback, and the terminal does not make a key of its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.test_drives import booking as test_drives
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_store_keys import Terminal, qualify
from tests.integration.test_test_drives import ID_NUMBER
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_pipl_51_the_id_step_on_a_terminal_without_the_key_says_how_to_import_it(
    qtbot, database, world, db_url, tmp_path, monkeypatch
):  # noqa: F811
    from ui.test_drives.drive_dialog import TestDriveDialog

    qualify(world, Terminal(tmp_path / "a", db_url, monkeypatch))  # the store's first terminal
    b = Terminal(tmp_path / "b", db_url, monkeypatch).use()
    d = test_drives.book_test_drive(
        world.uow(),
        actor=world.desk,
        car_id=world.car_id,
        route_id=world.route_id,
        customer_name="孙女士",
        walk_in=True,
    )
    dialog = TestDriveDialog(AppContext(database, world.consultant), d.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go("qualification")
    form = dialog.qualification_form
    qtbot.mouseClick(form.consent_button, Qt.MouseButton.LeftButton)
    assert dialog.drive.id_consent
    dialog.id_number.setText(ID_NUMBER)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    boxes = [w for w in dialog.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    assert "showroom admin keys import FILE --key personal" in text and "Nothing was saved" in text
    assert not boxes[0].detailedText()  # a known refusal, not an unexpected error
    assert not dialog.drive.qualified and dialog.drive.id_number_masked is None
    assert not b.key_file().exists()
    boxes[0].done(0)
