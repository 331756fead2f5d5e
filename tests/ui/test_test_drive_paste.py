"""A customer's name pasted into the test-drive booking (试乘试驾, issue #17.3), offscreen with
pytest-qt: 500 characters with line breaks are neither cut by the field nor by the service; the
booking is refused with the limit shown beside the name, in English and Chinese, and no drive
is written. A pasted name that fits is booked on one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from sqlalchemy import func, select

from db.drive_models import TestDrive as DriveRow
from tests.factories import isolated_data_dir  # noqa: F401
from tests.ui.test_test_drives_page import world  # noqa: F401
from ui.shell.context import AppContext
from ui.shell.i18n import install_translators
from ui.test_drives.drive_dialog import TestDriveDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


@pytest.fixture()
def dialog(qtbot, database, world):  # noqa: F811
    d = TestDriveDialog(AppContext(database, world.desk))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _drives(uow) -> list[str]:
    with uow() as u:
        return list(u.session.scalars(select(DriveRow.customer_name)))


def _paste_name_and_book(qtbot, dialog, text: str) -> None:
    dialog.customer_name.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(dialog.customer_name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dialog.findChild(QPushButton, "book"), Qt.MouseButton.LeftButton)


def test_a_500_character_pasted_name_is_refused_beside_the_field_not_cut(qtbot, language, dialog, uow):
    _paste_name_and_book(qtbot, dialog, ("李先生\r\n" * 100)[:500])
    assert len(dialog.customer_name.text()) > 60  # the field did not cut the paste either
    message = dialog.findChild(QLabel, "error_customer_name")
    qtbot.waitUntil(lambda: message is not None and not message.isHidden(), timeout=2000)
    assert {"en": "at most 60 characters", "zh_CN": "最多 60 个字符"}[language] in message.text()
    assert dialog.drive is None and _drives(uow) == []


def test_a_pasted_name_with_a_line_break_is_booked_on_one_line(qtbot, dialog, uow):
    _paste_name_and_book(qtbot, dialog, "李\r\n先生\t")
    qtbot.waitUntil(lambda: dialog.drive is not None, timeout=2000)
    assert _drives(uow) == ["李 先生"]
