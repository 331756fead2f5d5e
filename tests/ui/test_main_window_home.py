"""Issue #17.7, "each role lands on its work": the home page per role after a login through the
login window, live counts in the navigation, tables that say "Loading…" and then what to do,
a first size that fits 1366×768, one stylesheet and status badges."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor

from app.demo import DEMO_USERS
from app.reception.checkin import check_in
from app.inventory import vehicles
from app.staff import auth
from db.models import Role
from tests.factories import PASSWORD, check_in_input, make_store, make_user, reception_defaults, vehicle_input
from ui.shell import workers
from ui.shell.context import AppContext
from ui.shell.main_window import FIRST_SIZE, MainWindow, first_geometry
from ui.shell.ops import Op
from ui.shell.shell import Shell
from ui.shell.startup import load_backend
from ui.widgets import style_tokens
from ui.widgets.table_state import TableState

# Where each role starts its day; finance at the cash desk's page (issue #18.7).
ROLE_HOMES = {
    Role.RECEPTION: "reception",
    Role.CONSULTANT: "queue",
    Role.PDI_TECHNICIAN: "pdi",
    Role.FINANCE: "finance",
    Role.SALES_MANAGER: "reception_reports",
    Role.ADMIN: "admin",
}
# The demo's user for each role (the first one holding it), e.g. lin.xiaoyu at the desk.
DEMO_NAMES = {roles[0]: (name, full) for name, _pw, full, roles in reversed(DEMO_USERS)}
# A 1366×768 laptop screen less a 40 px taskbar.
LAPTOP = QRect(0, 0, 1366, 728)


@pytest.fixture()
def store_of_every_role(db_url, uow):
    make_store(uow)
    reception_defaults(uow)
    for role in ROLE_HOMES:
        name, full = DEMO_NAMES[role.value]
        make_user(uow, role, username=name, full_name=full)
    backend = load_backend(db_url, demo=False)
    yield backend
    backend.database.dispose()


def _log_in(qtbot, shell: Shell, username: str) -> MainWindow:
    login = shell.login
    login.username.clear()
    qtbot.keyClicks(login.username, username)
    qtbot.keyClick(login.username, Qt.Key.Key_Return)  # on to the password
    qtbot.keyClicks(login.password, PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.main_window is not None)
    return shell.main_window


def _log_out(window: MainWindow) -> None:
    next(a for a in window.findChildren(QAction) if a.text() == window.tr("&Log out")).trigger()


def test_each_demo_role_logs_in_to_its_own_work_and_the_window_fits_a_laptop(qtbot, store_of_every_role, sync_ops):
    backend = store_of_every_role
    shell = Shell(demo=False, url_resolver=lambda: backend.url)
    shell.backend = backend
    shell._show_login()
    try:
        for role, home in ROLE_HOMES.items():
            window = _log_in(qtbot, shell, DEMO_NAMES[role.value][0])
            assert window.ctx.actor.roles == {role}
            assert window.current_module() == home, role
            assert window.stack.currentWidget() is window.page(home)
            # The first size on a 1366×768 screen: no page forces it taller, the status bar shows.
            window.setGeometry(first_geometry(LAPTOP))
            qtbot.waitExposed(window)
            assert window.height() == FIRST_SIZE.height(), (role, window.minimumSizeHint())
            bar = window.statusBar()
            assert bar.isVisible() and bar.geometry().bottom() < window.height()
            _log_out(window)
            qtbot.waitUntil(lambda: shell.main_window is None)
    finally:
        shell._stop_lock()
        if shell.login is not None:
            shell.login.close()


def test_first_size_fits_a_1366_by_768_screen_and_smaller_ones():
    first = first_geometry(LAPTOP)
    assert first.size() == FIRST_SIZE
    # With the window manager's frame, still on screen and centred.
    assert LAPTOP.contains(first.adjusted(-8, -32, 8, 8))
    small = first_geometry(QRect(0, 0, 1024, 600))
    assert small.width() <= 1024 - 16 and small.height() <= 600 - 40


def test_a_check_in_raises_the_waiting_count_without_a_reload(qtbot, make_ctx, uow, sync_ops):
    reception_defaults(uow)
    ctx = make_ctx(Role.RECEPTION)
    check_in(ctx.uow(), actor=ctx.actor, data=check_in_input(uow))  # before the login
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.nav.count_of("queue") == 1)  # counted once the home page loads
    for expected in (2, 3):
        data = check_in_input(uow, request_key=uuid.uuid4().hex)
        Op(ctx, window, lambda: check_in(ctx.uow(), actor=ctx.actor, data=data)).run()
        qtbot.waitUntil(lambda: window.nav.count_of("queue") == expected)
    assert window.nav.item_of("queue").toolTip() == "Visitors waiting: 3"


def test_counts_show_only_what_the_role_works_on(qtbot, make_ctx, uow, sync_ops):
    reception_defaults(uow)
    window = MainWindow(make_ctx(Role.PDI_TECHNICIAN))
    qtbot.addWidget(window)
    assert window.nav_counts.keys == {"pdi"}
    manager = MainWindow(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(manager)
    assert manager.nav_counts.keys == {"waiting", "overdue", "cards", "pdi", "ready", "care"}


def _table_state(window: MainWindow, key: str) -> TableState:
    return window.page(key).findChild(TableState)


def test_an_empty_table_says_loading_until_its_rows_arrive_then_what_to_do(qtbot, ctx):
    window = MainWindow(ctx)  # real worker threads: the rows arrive later
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(window.module_keys().index("inventory"))
    state = _table_state(window, "inventory")
    assert state.text() == "Loading…"
    qtbot.waitUntil(lambda: state.text().startswith("No cars here"))
    assert state.label.isVisible()
    workers.wait_for_idle()


def test_a_table_with_rows_shows_no_empty_state_and_its_status_as_a_coloured_badge(qtbot, ctx, sync_ops):
    vehicles.add_vehicle(ctx.uow(), actor=ctx.actor, data=vehicle_input(status="reserved"))
    window = MainWindow(ctx, initial_module="inventory")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.page("inventory")
    assert _table_state(window, "inventory").text() == ""
    from ui.inventory.vehicle_table_model import Column

    view = page.table
    index = view.model().index(0, Column.STATUS)
    view.scrollTo(index)
    cell = view.visualRect(index)
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    sample = image.pixelColor(int((cell.left() + 10) * dpr), int(cell.center().y() * dpr))
    assert sample == QColor(style_tokens.TONES[style_tokens.STATUS_TONES["reserved"]][0])


def test_one_stylesheet_with_every_token_filled_in():
    from ui.widgets.style import stylesheet

    sheet = stylesheet()
    assert "${" not in sheet and style_tokens.COLOURS["nav"] in sheet
    assert f"{style_tokens.FONT_TITLE_PT}pt" in sheet


def test_a_user_with_several_roles_opens_on_the_first_role_s_home(qtbot, db_url, uow):
    from ui.shell.nav import home_module

    keys = ["inventory", "documents", "reception", "queue", "reception_reports", "pdi", "admin"]
    assert home_module({Role.ADMIN, Role.SALES_MANAGER}, keys) == "reception_reports"
    assert home_module({Role.FINANCE}, ["inventory", "documents"]) == "documents"
    assert home_module({Role.FINANCE}, ["documents", "sales", "finance"]) == "finance"
    actor = make_user(uow, Role.CONSULTANT, Role.PDI_TECHNICIAN)
    assert auth  # noqa: B018 - the login service is what the window's actor came from
    window = MainWindow(AppContext(__import__("db.uow").uow.Database(db_url), actor))
    qtbot.addWidget(window)
    assert window.current_module() == "queue"


def test_no_table_stays_on_loading_once_its_page_has_opened(qtbot, ctx, uow, sync_ops):
    """Search results and detail lists wait for the user, not for a load: they say what to do."""
    from PySide6.QtWidgets import QTabWidget

    make_store(uow)

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for row, key in enumerate(window.module_keys()):
        window.nav.setCurrentRow(row)
        page = window.page(key)
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
        stuck = [s.view.objectName() for s in page.findChildren(TableState) if s.text() == "Loading…"]
        assert not stuck, (key, stuck)


def test_a_window_saved_taller_than_the_screen_opens_within_it(qtbot, make_ctx, sync_ops):
    """Yesterday's 1280×800 window on today's 768-pixel-high screen would hide the status bar."""
    from ui.shell import settings as opts

    tall = MainWindow(make_ctx(Role.FINANCE))
    qtbot.addWidget(tall)
    available = tall.screen().availableGeometry()
    tall.setMinimumSize(0, 0)
    tall.setGeometry(0, 0, available.width() + 200, available.height() + 200)
    opts.set(opts.MAIN_GEOMETRY, tall.saveGeometry())
    again = MainWindow(make_ctx(Role.FINANCE))
    qtbot.addWidget(again)
    assert available.contains(again.frameGeometry())
    assert again.statusBar().geometry().bottom() < again.height()
