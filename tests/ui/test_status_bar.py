"""The main window's status bar: who is logged in, the store, the database. The "·" between
the user and the store shows only while there is a store name, so the bar never ends in a
dangling separator (before the store is set up, or while its name is being changed)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from app.store.store import get_store
from db.models import Role
from tests.factories import make_store, make_user
from ui.shell.context import AppContext
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("sync_ops")


def _bar(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _shown(window: MainWindow) -> list[str]:
    """The status bar's texts left to right, as the user sees them."""
    labels = [w for w in window.statusBar().findChildren(QLabel) if w.isVisible()]
    return [w.text() for w in sorted(labels, key=lambda w: w.mapTo(window, w.rect().topLeft()).x())]


def test_no_dangling_separator_without_a_store_name(qtbot, database, uow):
    window = _bar(qtbot, AppContext(database, make_user(uow, Role.SALES_MANAGER, full_name="王经理")))
    texts = _shown(window)
    assert "·" not in texts and texts[0].startswith("王经理")
    window.stop_live_feed()


def test_the_separator_stands_between_the_user_and_the_store(qtbot, database, uow):
    make_store(uow)
    store = get_store(uow())
    ctx = AppContext(database, make_user(uow, Role.SALES_MANAGER, full_name="王经理"), store)
    window = _bar(qtbot, ctx)
    texts = _shown(window)
    assert texts[1] == "·" and texts[2] == store.legal_name
    window.findChild(QLabel, "status_store").setText("")  # as the store page does on a save
    assert "·" not in _shown(window)
    window.stop_live_feed()
