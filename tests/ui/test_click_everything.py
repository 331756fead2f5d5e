"""Issue #17.1: log in as each demo role, visit every page and click every enabled button once.

File dialogs answer "cancel" (open) or a temporary path (save); any dialog that opens is
closed by a timer, after its text is read. The test fails on a generic error box ("an
unexpected error occurred"), on a logged unexpected error and on any exception raised in a
slot: each is a button a user can press that ends in a stack trace instead of an answer.
"""

from __future__ import annotations

import logging

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from app.demo import DEMO_USERS
from app.staff import auth
from ui.shell.context import AppContext
from ui.shell.errors import ERROR_MESSAGES, tr
from ui.shell.main_window import MainWindow
from ui.shell.startup import load_backend

# One user per demo role: the first demo user holding it.
ROLE_USERS = {roles[0]: (name, password) for name, password, _full, roles in reversed(DEMO_USERS)}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    """One demo database for the module (building it takes seconds); each role's clicks
    write into it, as a day of several people at one store would."""
    path = tmp_path_factory.mktemp("demo") / "showroom.sqlite"
    url = f"sqlite:///{path}"
    backend = load_backend(url, demo=True)
    backend.database.dispose()
    return url


class DialogCloser:
    """Every few milliseconds: read, then close, whatever dialog is open (nested exec() too)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.close_dialogs)
        self.timer.start()
        self.generic = tr(ERROR_MESSAGES["unexpected"])

    def close_dialogs(self) -> None:
        for w in QApplication.topLevelWidgets():
            if not isinstance(w, QDialog) or not w.isVisible():
                continue
            if isinstance(w, QMessageBox) and self.generic in w.text():
                self.errors.append(f"{w.text()} {w.detailedText()}")
            w.reject()

    def stop(self) -> None:
        self.timer.stop()
        self.close_dialogs()


def _buttons(page: QWidget) -> list[QAbstractButton]:
    return [b for b in page.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]


def _click_all(qtbot, page: QWidget, clicked: set[str], log: list[str]) -> None:
    for button in _buttons(page):
        if not shiboken6.isValid(button) or not (button.isVisible() and button.isEnabled()):
            continue
        name = f"{page.objectName()}/{button.objectName() or button.text()}"
        if name in clicked:
            continue
        clicked.add(name)
        log.append(name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.wait(30)  # let the closer see what the click opened


def _visit(qtbot, window: MainWindow, log: list[str]) -> None:
    clicked: set[str] = set()
    for row, key in enumerate(window.module_keys()):
        window.nav.setCurrentRow(row)
        qtbot.wait(30)
        page = window.page(key)
        assert page is not None, key
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()] or [None]
        for tab_widget in tabs:
            for index in range(tab_widget.count() if tab_widget else 1):
                if tab_widget is not None and shiboken6.isValid(tab_widget):
                    tab_widget.setCurrentIndex(index)
                    qtbot.wait(10)
                if shiboken6.isValid(page):
                    _click_all(qtbot, page, clicked, log)
                # Then with a row chosen in each list, as a user would before "Edit…".
                if shiboken6.isValid(page) and _select_first_rows(qtbot, page):
                    qtbot.wait(10)
                    _click_all(qtbot, page, clicked, log)


def _select_first_rows(qtbot, page: QWidget) -> bool:
    """Click the first row of every visible list, as a user would before "Edit…"."""
    selected = False
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QHeaderView) or not view.isVisible() or model is None or model.rowCount() == 0:
            continue
        rect = view.visualRect(model.index(0, 0))
        if rect.isValid():
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            selected = True
    return selected


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_every_enabled_button_of_every_page_answers_without_an_error_box(
    qtbot, demo_url, role, monkeypatch, tmp_path, caplog, sync_ops
):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "saved.out"), "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda *a, **k: True))
    username, password = ROLE_USERS[role]
    backend = load_backend(demo_url, demo=False)
    actor = auth.login(backend.database.uow(), username=username, password=password)
    window = MainWindow(AppContext(backend.database, actor, backend.store))
    qtbot.addWidget(window)
    window.show()
    closer = DialogCloser()
    clicks: list[str] = []
    caplog.set_level(logging.ERROR)
    try:
        with qtbot.captureExceptions() as exceptions:
            _visit(qtbot, window, clicks)
    finally:
        closer.stop()
        window.stop_live_feed()
        backend.database.dispose()
    assert clicks, "no button was clicked"
    unexpected = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    raised = [f"{e[0].__name__}: {e[1]}" for e in exceptions]
    assert not (closer.errors or unexpected or raised), (closer.errors, unexpected, raised)
