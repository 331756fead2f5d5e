"""A double click or a second Enter in a form dialog on ServiceFormDialog saves once (issue #16.1):
the form and its buttons stay disabled until the service has answered, so the repeat is never
sent, and no "already exists" refusal of the user's own first save appears."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.reception import setup as reception_setup
from app.staff import auth
from db.models import Role
from tests.factories import make_store, reception_defaults
from ui.shell import workers


@pytest.fixture()
def threaded():
    """Real background writes: the second click arrives while the first save is running."""
    workers.use_synchronous_executor(False)
    yield
    workers.wait_for_idle()


def _settle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.result_dto is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)  # a second result, had there been one, is delivered by now


def _no_refusal(dialog) -> None:
    assert dialog.errors.shown() == {} and dialog.general_error.isHidden()
    assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]


def test_double_click_on_ok_makes_one_staff_account(qtbot, make_ctx, uow, threaded):
    from ui.staff.user_dialog import UserDialog

    make_store(uow)
    admin = make_ctx(Role.ADMIN)
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.full_name.setText("赵敏")  # Chinese via setText: keyClicks cannot type it
    qtbot.keyClicks(dialog.username, "zhao.min")
    qtbot.keyClicks(dialog.password, "Zhao-2026-pw")
    qtbot.mouseClick(dialog.role_boxes[Role.RECEPTION], Qt.MouseButton.LeftButton)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    names = [s.username for s in auth.list_staff(uow(), actor=admin.actor)]
    assert names.count("zhao.min") == 1
    _no_refusal(dialog)
    assert not dialog.isVisible()


def test_double_enter_publishes_one_consent_text_version(qtbot, make_ctx, uow, threaded):
    # PIPL art. 14, 17: each visitor's consent names the one version shown; two "v2" would not do.
    from ui.reception.consent_text_dialog import ConsentTextDialog

    make_store(uow)
    reception_defaults(uow)
    admin = make_ctx(Role.ADMIN)
    before = len(reception_setup.list_consent_texts(uow(), actor=admin.actor))
    dialog = ConsentTextDialog(admin, based_on=reception_setup.current_consent_text(uow()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.version_label, "v2")
    qtbot.keyClick(dialog.version_label, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.version_label, Qt.Key.Key_Return)
    _settle(qtbot, dialog)
    texts = reception_setup.list_consent_texts(uow(), actor=admin.actor)
    assert len(texts) == before + 1 and [t.version_label for t in texts].count("v2") == 1
    _no_refusal(dialog)


def test_double_click_on_ok_adds_one_source_channel(qtbot, make_ctx, uow, threaded):
    from ui.reception.channel_dialog import ChannelDialog

    make_store(uow)
    reception_defaults(uow)
    admin = make_ctx(Role.ADMIN)
    dialog = ChannelDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "auto_show")
    dialog.name.setText("车展")
    qtbot.keyClicks(dialog.name_en, "Auto show")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    codes = [c.code for c in reception_setup.list_channels(uow(), actor=admin.actor, include_inactive=True)]
    assert codes.count("auto_show") == 1
    _no_refusal(dialog)
