"""The one operation path (issue #16): a double submit makes one record, the form is busy
while the service runs, the service's change set reaches every page, and results for a window
that went away or a locked session never pop up an error box."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from db.reception_models import Visit
from db.session import sqlite_url
from db.uow import Database
from tests.factories import add_models, make_consultants, make_staff, make_store, make_user, reception_defaults
from ui.shell import workers
from ui.shell.lock import SessionLock
from ui.reception.reception_page import ReceptionPage


_seen: set[int] = set()


@pytest.fixture(autouse=True)
def _earlier_boxes(qapp):
    """Boxes other tests left open are not this test's."""
    _seen.clear()
    _seen.update(id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible() and id(w) not in _seen
    ]


def _visit_count(uow) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(Visit))


@pytest.fixture()
def threaded_desk(qtbot, uow, make_ctx):
    """The reception page with the REAL background pool (no synchronous executor)."""
    workers.use_synchronous_executor(False)
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Han"))
    team = make_consultants(uow, 2)
    ctx = make_ctx(Role.RECEPTION, full_name="前台小张")
    set_roster(uow(), actor=ctx.actor, consultant_ids=[c.user_id for c in team], now=utcnow())
    page = ReceptionPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: workers.wait_for_idle(50), timeout=5000)
    yield ctx, page
    workers.wait_for_idle()


def test_double_ctrl_enter_at_check_in_makes_one_visit(qtbot, uow, threaded_desk):
    # T/CSCA 120031 4.2.1.1: one visitor, one reception record — the traffic count depends on it.
    _ctx, page = threaded_desk
    form = page.form
    qtbot.keyClicks(form.channel.lineEdit(), "website")
    form.channel.completer().popup().hide()
    qtbot.keyClick(form.party_size, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.party_size, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(page, "last_result", None) is not None, timeout=10_000)
    workers.wait_for_idle()
    qtbot.wait(100)  # let any second result arrive
    assert _visit_count(uow) == 1
    assert form.isEnabled()  # usable again for the next visitor
    assert not _boxes()


def test_form_is_disabled_while_the_check_in_runs(qtbot, uow, threaded_desk, monkeypatch):
    _ctx, page = threaded_desk
    gate = threading.Event()
    from app.reception import checkin as reception

    real = reception.check_in

    def slow_check_in(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(reception, "check_in", slow_check_in)
    qtbot.keyClicks(page.form.channel.lineEdit(), "website")
    page.form.channel.completer().popup().hide()
    qtbot.mouseClick(page.form.submit_button, Qt.MouseButton.LeftButton)
    assert not page.form.isEnabled()
    assert QApplication.overrideCursor() is not None
    gate.set()
    qtbot.waitUntil(page.form.isEnabled, timeout=10_000)
    assert QApplication.overrideCursor() is None
    assert _visit_count(uow) == 1


def test_check_in_refreshes_other_pages_through_the_change_bus(qtbot, uow, threaded_desk):
    ctx, page = threaded_desk
    seen = []
    ctx.data_did_change.connect(lambda changes, initiator: seen.append(changes))
    qtbot.keyClicks(page.form.channel.lineEdit(), "website")
    page.form.channel.completer().popup().hide()
    qtbot.keyClick(page.form.party_size, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    visit_id = page.last_result.visit.id
    # The change set is the one the service returned, naming the new visit.
    assert seen[0] is page.last_result.changes
    assert seen[0].reception and visit_id in seen[0].ids


def test_result_for_a_closed_window_is_dropped(qtbot):
    workers.use_synchronous_executor(False)
    gate = threading.Event()
    calls = []
    window = QWidget()
    window.show()

    def work():
        gate.wait(10)
        raise RuntimeError("database went away")

    workers.run_op(window, work, calls.append, calls.append)
    window.deleteLater()
    qtbot.waitUntil(lambda: not _alive(window), timeout=3000)
    gate.set()
    workers.wait_for_idle()
    qtbot.wait(100)
    assert calls == [] and not _boxes()


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_page_loading_during_the_idle_lock_shows_no_error_box(qtbot, uow, database, tmp_path):
    workers.use_synchronous_executor(False)
    make_store(uow)
    actor = make_user(uow, Role.RECEPTION, username="lin", full_name="林晓雨")
    from ui.shell.context import AppContext

    broken = Database(sqlite_url(tmp_path / "empty.sqlite"))  # no tables: every load fails
    page = ReceptionPage(AppContext(broken, actor))
    qtbot.addWidget(page)
    page.show()
    lock = SessionLock(database, actor, minutes=5)
    lock.lock()
    try:
        page.refresh()
        workers.wait_for_idle()
        qtbot.wait(200)
        assert not _boxes()
    finally:
        lock.stop()
        workers.wait_for_idle()
        broken.dispose()


def test_a_widget_disabled_before_the_save_stays_disabled_after_it(qtbot, uow, make_ctx, sync_ops):
    from PySide6.QtWidgets import QPushButton

    from ui.shell.ops import Op

    ctx = make_ctx(Role.RECEPTION)
    page, other = QWidget(), QPushButton("x")
    qtbot.addWidget(page)
    qtbot.addWidget(other)
    other.setEnabled(False)  # e.g. "End visit" with no visitor selected
    Op(ctx, page, lambda: None).busy(page, other).run()
    assert page.isEnabled() and not other.isEnabled()
