"""A consultant logged out when a visitor was assigned sees the notice at the next login
(issue #17.10), naming the visitor (王先生, or 客户 #78 for an anonymous walk-in) with the time
waited; once dismissed, a later login does not repeat it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.clock import store_day_bounds, store_today, utcnow
from app.reception.checkin import reassign_visit
from app.reception.duty import set_roster
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user, reception_defaults, walk_in, make_staff
from ui.shell.context import AppContext
from ui.shell.login_window import LoginWindow
from ui.shell.main_window import MainWindow
from ui.shell.startup import load_backend


@pytest.fixture()
def backend(db_url, uow):
    make_store(uow)
    reception_defaults(uow)
    b = load_backend(db_url, demo=False)
    yield b
    b.database.dispose()


def _log_in(qtbot, backend, username: str) -> MainWindow:
    """Type the name and password into the login window and press Enter, then open the main
    window as the shell does (ui/shell/shell.py)."""
    login = LoginWindow()
    qtbot.addWidget(login)
    login.on_backend_ready(backend)
    qtbot.keyClicks(login.username, username)
    qtbot.keyClicks(login.password, PASSWORD)
    with qtbot.waitSignal(login.logged_in) as signal:
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    actor, _backend = signal.args
    window = MainWindow(AppContext(backend.database, actor, backend.store))
    qtbot.addWidget(window)
    window.show()
    return window


def _log_out(window: MainWindow) -> None:
    window.close()


def test_notice_waits_for_the_next_login_and_is_not_repeated_once_dismissed(qtbot, uow, backend, sync_ops):
    desk = make_staff(uow, Role.RECEPTION)
    li = make_user(uow, Role.CONSULTANT, username="li", full_name="李娜")
    set_roster(uow(), actor=desk, consultant_ids=[li.user_id], now=utcnow())
    # 25 minutes ago, but today in the store: the queue's notices are about today's visitors, and
    # a run just after midnight in Shanghai (16:00 UTC) has less of today behind it.
    now = utcnow()
    since_midnight = now - store_day_bounds(store_today(now))[0]
    if since_midnight < dt.timedelta(minutes=1, seconds=10):
        pytest.skip("needs a minute of the store day behind it")
    waited = min(dt.timedelta(minutes=25, seconds=5), since_midnight - dt.timedelta(seconds=5))
    arrived, shown = now - waited, f"{int(waited.total_seconds() // 60)} min"
    walk_in(uow, desk, now=arrived, name="王先生", mobile="13912345678")  # Li is not logged in
    anonymous = walk_in(uow, desk, now=arrived).visit  # Li is busy: this one waits for a consultant
    manager = make_staff(uow, Role.SALES_MANAGER)
    reassign_visit(
        uow(),
        actor=manager,
        visit_id=anonymous.id,
        expected_version=anonymous.version,
        consultant_id=li.user_id,
        reason="speaks Cantonese",
    )

    window = _log_in(qtbot, backend, "li")
    notice = window.live_notice
    qtbot.waitUntil(lambda: not notice.isHidden(), timeout=3000)
    lines = notice.text.text().splitlines()
    assert len(lines) == 2
    assert "王**" in lines[0] and "王先生" not in lines[0] and "assigned to you" in lines[0] and shown in lines[0]
    assert f"Customer #{anonymous.id} (walk-in)" in lines[1] and shown in lines[1]
    _log_out(window)

    window = _log_in(qtbot, backend, "li")  # not dismissed: still there
    qtbot.waitUntil(lambda: not window.live_notice.isHidden(), timeout=3000)
    dismiss = window.live_notice.findChild(QPushButton, "live_notice_dismiss")
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert window.live_notice.isHidden()
    _log_out(window)

    window = _log_in(qtbot, backend, "li")
    qtbot.wait(300)
    assert window.live_notice.isHidden()
    _log_out(window)


def test_the_notice_in_chinese_names_an_anonymous_walk_in_by_number_and_type(qapp):
    from app.reception.notices import VisitNoticeDTO
    from ui.shell.i18n import install_translators
    from ui.shell.live_notice import notice_text

    now = utcnow()
    n = VisitNoticeDTO(78, None, "walk_in", 1, (), now - dt.timedelta(minutes=12, seconds=3), now)
    assert install_translators("zh_CN")
    try:
        assert notice_text(n, now, away=True) == "您离开期间，客户 #78（自然到店） 已分配给您 · 已等候 12 分钟"
    finally:
        install_translators("en")
    assert notice_text(n, now, away=False) == "New visitor: Customer #78 (walk-in) is assigned to you · waiting 12 min"


def test_a_consultant_hears_of_a_customer_a_manager_gave_them(qtbot, uow, backend, sync_ops):
    """PIPL page reassignment (issue #17.13): the new consultant's open window says so."""
    from app.reception.customer_changes import reassign_customer
    from tests.factories import make_customer

    desk = make_staff(uow, Role.RECEPTION)
    make_user(uow, Role.CONSULTANT, username="zhao", full_name="赵强")
    window = _log_in(qtbot, backend, "zhao")
    zhao = window.ctx.actor
    customer = make_customer(uow, desk)
    manager = make_staff(uow, Role.SALES_MANAGER)
    reassign_customer(
        uow(),
        actor=manager,
        customer_id=customer.id,
        expected_version=customer.version,
        consultant_id=zhao.user_id,
        reason="离职交接",
    )
    qtbot.waitUntil(lambda: "gave you a customer" in window.live_notice.text.text(), timeout=5000)
    _log_out(window)
