"""Main window: navigation by module (only the modules the user's roles may use, with live
counts), pages in a stack, status bar with user, store and database, File menu with settings
and log out. Each role opens on its own home page (ui/shell/nav.py, issue #17.7)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from app.core.permissions import Action, can
from ui.shell import settings as opts
from ui.shell.context import AppContext
from ui.shell.labels import role_label
from ui.shell.nav import Module, home_module, modules, visible_modules
from ui.shell.nav_view import KEY_ROLE, NavList
from ui.shell.source_lines import drop_source_lines

__all__ = ["MainWindow", "Module", "modules", "visible_modules", "first_geometry"]

# The first size fits a 1366×768 laptop with a taskbar: the status bar stays on screen
# (issue #17.7). Smaller screens get what they have; the minimum keeps pages usable.
FIRST_SIZE = QSize(1280, 680)
MINIMUM_SIZE = QSize(1000, 600)
FRAME_ALLOWANCE = QSize(16, 40)  # title bar and borders the window manager adds


def first_geometry(available: QRect) -> QRect:
    """Where the main window first opens on a screen with this available geometry: centred,
    at most FIRST_SIZE, and never larger than the screen once the frame is added."""
    size = FIRST_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE)
    framed = QRect(0, 0, size.width() + FRAME_ALLOWANCE.width(), size.height() + FRAME_ALLOWANCE.height())
    framed.moveCenter(available.center())
    border = FRAME_ALLOWANCE.width() // 2  # left, right and bottom; the title bar takes the rest
    return framed.adjusted(border, FRAME_ALLOWANCE.height() - border, -border, -border)


class SeparatedLabel(QLabel):
    """A status-bar part that brings its own "·" separator and shows both only while it has
    text, so the bar never ends in a dangling separator (no store set up yet, or a store
    saved without its name)."""

    def __init__(self, separator: QLabel) -> None:
        super().__init__()
        self.separator = separator

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.separator.setVisible(bool(text))
        self.setVisible(bool(text))


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_changed = Signal(str)
    database_changed = Signal(str)

    def __init__(self, ctx: AppContext, *, initial_module: str | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.ctx = ctx
        store_name = ctx.store.legal_name if ctx.store else ""
        self.setWindowTitle(self.tr("Showroom") + (f" — {store_name}" if store_name else ""))
        self._modules = visible_modules(ctx.actor.roles)
        self.nav = NavList(self._modules)
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self.nav.currentRowChanged.connect(self._show_module)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._wire_reception(central)
        from ui.customer_care.complaint_notices import ComplaintNotices  # issue #19.6-19.7

        self.complaint_notices = ComplaintNotices.for_window(ctx, self.live_notice, self)
        self._build_menus()
        self._build_status_bar()
        self._install_scan_catcher()

        self._place_on_screen()
        self._start_counts()
        keys = self.module_keys()
        start = initial_module if initial_module in keys else home_module(ctx.actor.roles, keys)
        if start is not None:
            self.nav.setCurrentRow(keys.index(start))

    def _place_on_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE))
        self.setGeometry(first_geometry(available))
        geometry = opts.get(opts.MAIN_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
            if not available.contains(self.frameGeometry()):  # saved on a larger screen
                self.setGeometry(first_geometry(available))

    # -- live counts in the navigation (issue #17.7) ---------------------------------------
    def _start_counts(self) -> None:
        from ui.shell.nav_counts import NavCounts

        self.nav_counts = NavCounts(self.ctx, {m.count for m in self._modules if m.count}, self)
        self.nav_counts.counts_changed.connect(lambda counts: self.nav.show_counts(self._modules, counts))
        self.nav_counts.refresh_soon()

    # -- reception live feed (issue #4): one listener per window, stopped when it closes -----
    def _wire_reception(self, central: QWidget) -> None:
        from ui.shell.live_notice import LiveNotice, ReceptionFeed, VisitNotices

        self.live_notice = LiveNotice()
        outer = QWidget()
        box = QVBoxLayout(outer)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.live_notice)
        box.addWidget(central, 1)
        self.setCentralWidget(outer)
        self.live_feed = None
        if can(self.ctx.actor.roles, Action.VIEW_QUEUE):
            notices = VisitNotices.for_consultant(self.ctx, self.live_notice)
            self.live_feed = ReceptionFeed(self.ctx.database.url, self, notices=notices)
            if notices is not None:
                notices.setParent(self.live_feed)
            self.live_feed.events_arrived.connect(self._reception_events)
            self.live_feed.start()
        # Issue #19: "a task for you" / "escalated" notices of customer care on this PC.
        from ui.customer_care.notices import CareNotices

        self.care_notices = CareNotices.for_window(self.ctx, self.live_notice, self)

    def _reception_events(self, events) -> None:
        from app.core.dto import Changes
        from db.reception_models import EventKind

        # Another terminal's visits, roster or appointments: the only change notice not
        # returned by a service of this terminal (issue #16).
        self.ctx.changed(Changes(reception=True), self.live_feed)
        # Visits assigned to this consultant are shown by the feed's own notices
        # (ui.shell.live_notice.VisitNotices); a customer a manager gave them is said here.
        me = self.ctx.actor.user_id
        if any(e.kind == EventKind.CUSTOMER_REASSIGNED.value and e.consultant_id == me for e in events):
            self.live_notice.show_notice(self.tr("A manager gave you a customer: see Leads"))

    def stop_live_feed(self) -> None:
        if self.live_feed is not None:
            self.live_feed.stop()

    # -- pages ----------------------------------------------------------------------------
    # -- scanning (issue #5.6): a card's QR code or a VIN barcode anywhere opens the car ----
    def _install_scan_catcher(self) -> None:
        from PySide6.QtWidgets import QApplication

        from ui.shell.scan_catcher import ScanCatcher

        self.scan_catcher = ScanCatcher(self)
        self.scan_catcher.scanned.connect(self.open_scanned)
        if can(self.ctx.actor.roles, Action.VIEW_SHOWROOM):
            QApplication.instance().installEventFilter(self.scan_catcher)

    def open_scanned(self, text: str) -> None:
        """Look the scanned code up, switch to the showroom page and select the car there."""
        from ui.shell.workers import run_op

        ctx = self.ctx

        def work():
            from app.showroom.cards import scan

            return scan(ctx.uow(), actor=ctx.actor, text=text)

        def found(result) -> None:
            if "showroom" not in self.module_keys():
                return
            self.nav.setCurrentRow(self.module_keys().index("showroom"))
            self.page("showroom").show_scan(result)

        run_op(self, work, found)

    def _show_module(self, row: int) -> None:
        if row < 0:
            return
        module = self._modules[row]
        page = self._pages.get(module.key)
        if page is None:
            page = module.factory(self.ctx)
            page.setObjectName(f"page_{module.key}")
            self._pages[module.key] = page
            self.stack.addWidget(page)
            self._watch_tables(module, page)
            drop_source_lines()  # the source PySide's import hook read of the page's modules
        self.stack.setCurrentWidget(page)

    def _watch_tables(self, module: Module, page: QWidget) -> None:
        """Its tables say "Loading…" until their rows arrive, then what to do when empty."""
        from ui.widgets.table_state import watch_tables

        empty = QCoreApplication.translate("MainWindow", module.empty_text) if module.empty_text else ""
        watch_tables(page, empty)

    def current_module(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(KEY_ROLE) if item else None

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def module_keys(self) -> list[str]:
        return [m.key for m in self._modules]

    # -- chrome ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        logout = QAction(self.tr("&Log out"), self)
        logout.triggered.connect(self.logout_requested.emit)
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        for a in (settings, logout, quit_):
            file_menu.addAction(a)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Showroom"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        roles = ", ".join(role_label(r) for r in sorted(actor.roles))
        self.user_label = QLabel(f"{actor.full_name} ({roles})")
        self.user_label.setObjectName("status_user")
        separator = QLabel("·", objectName="status_separator")
        self.store_label = SeparatedLabel(separator)
        self.store_label.setObjectName("status_store")
        self.db_label = QLabel(self.tr("Database: %1").replace("%1", self.ctx.database.display_url))
        self.db_label.setObjectName("status_database")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(separator)
        bar.addWidget(self.store_label)
        bar.addPermanentWidget(self.db_label)
        self.store_label.setText(self.ctx.store.legal_name if self.ctx.store else "")  # in the bar first

    def open_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.language_changed.connect(self.language_changed.emit)
        dialog.database_changed.connect(self.database_changed.emit)
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Showroom"),
            self.tr(
                "Showroom — showroom management for passenger-car dealers, following the Shanghai "
                "standard T/CSCA 120031-2023 (乘用车销售服务通用要求)."
            ),
        )

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtWidgets import QApplication

        QApplication.instance().removeEventFilter(self.scan_catcher)
        opts.set(opts.MAIN_GEOMETRY, self.saveGeometry())
        self.stop_live_feed()
        super().closeEvent(event)
