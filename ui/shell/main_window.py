"""Main window: navigation by module (only the modules the user's roles may use), pages in a
stack, status bar with user, store and database, File menu with settings and log out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from ui.shell import settings as opts
from ui.shell.context import AppContext
from ui.shell.labels import role_label


@dataclass(frozen=True)
class Module:
    key: str
    title: str  # English source, translated in the "MainWindow" context
    action: Action
    factory: Callable[[AppContext], QWidget]
    # Also shown to users allowed any of these (a page of tabs, one per action).
    any_of: tuple[Action, ...] = ()

    def visible_to(self, roles) -> bool:
        return any(can(roles, a) for a in (self.action, *self.any_of))


def _inventory(ctx: AppContext) -> QWidget:
    from ui.inventory.inventory_page import InventoryPage

    return InventoryPage(ctx)


def _staff(ctx: AppContext) -> QWidget:
    from ui.staff.staff_page import StaffPage

    return StaffPage(ctx)


def _showroom(ctx: AppContext) -> QWidget:
    from ui.showroom.showroom_page import ShowroomPage

    return ShowroomPage(ctx)


def _documents(ctx: AppContext) -> QWidget:
    from ui.documents.documents_page import DocumentsPage

    return DocumentsPage(ctx)


def _reception(ctx: AppContext) -> QWidget:
    from ui.reception.reception_page import ReceptionPage

    return ReceptionPage(ctx)


def _queue(ctx: AppContext) -> QWidget:
    from ui.reception.queue_page import QueuePage

    return QueuePage(ctx)


def _leads(ctx: AppContext) -> QWidget:
    from ui.reception.leads_page import LeadsPage

    return LeadsPage(ctx)


def _reception_reports(ctx: AppContext) -> QWidget:
    from ui.reception.reports_page import ReceptionReportsPage

    return ReceptionReportsPage(ctx)


def _visit_history(ctx: AppContext) -> QWidget:
    from ui.reception.visit_history_page import VisitHistoryPage

    return VisitHistoryPage(ctx)


def _test_drives(ctx: AppContext) -> QWidget:
    from ui.test_drives.drives_page import TestDrivesPage

    return TestDrivesPage(ctx)


def _pdi(ctx: AppContext) -> QWidget:
    from ui.pdi.pdi_page import PdiPage

    return PdiPage(ctx)


def _audit(ctx: AppContext) -> QWidget:
    from ui.privacy.audit_page import AuditPage

    return AuditPage(ctx)


def _admin(ctx: AppContext) -> QWidget:
    from ui.store.admin_page import AdminPage

    return AdminPage(ctx)


def modules() -> list[Module]:
    return [
        Module("inventory", QT_TRANSLATE_NOOP("MainWindow", "Inventory"), Action.VIEW_VEHICLES, _inventory),
        Module("documents", QT_TRANSLATE_NOOP("MainWindow", "Documents"), Action.VIEW_DOCUMENTS, _documents),
        Module("reception", QT_TRANSLATE_NOOP("MainWindow", "Reception"), Action.CHECK_IN_VISITORS, _reception),
        Module("queue", QT_TRANSLATE_NOOP("MainWindow", "Live queue"), Action.VIEW_QUEUE, _queue),
        Module("leads", QT_TRANSLATE_NOOP("MainWindow", "Leads"), Action.VIEW_LEADS, _leads),
        Module("history", QT_TRANSLATE_NOOP("MainWindow", "Visit history"), Action.VIEW_QUEUE, _visit_history),
        Module(
            "reception_reports",
            QT_TRANSLATE_NOOP("MainWindow", "Traffic report"),
            Action.RECEPTION_REPORTS,
            _reception_reports,
        ),
        Module(
            "test_drives",
            QT_TRANSLATE_NOOP("MainWindow", "Test drives"),
            Action.VIEW_TEST_DRIVES,
            _test_drives,
            any_of=(Action.MANAGE_TEST_DRIVE_ROUTES, Action.MANAGE_TEST_DRIVE_FLEET),
        ),
        Module(
            "pdi",
            QT_TRANSLATE_NOOP("MainWindow", "PDI"),
            Action.VIEW_PDI,
            _pdi,
            any_of=(Action.RECORD_PDI, Action.MANAGE_PDI_TEMPLATES),
        ),
        Module("staff", QT_TRANSLATE_NOOP("MainWindow", "Staff"), Action.VIEW_STAFF, _staff),
        Module("showroom", QT_TRANSLATE_NOOP("MainWindow", "Showroom floor"), Action.VIEW_SHOWROOM, _showroom),
        Module("audit", QT_TRANSLATE_NOOP("MainWindow", "Audit log"), Action.VIEW_AUDIT_LOG, _audit),
        Module(
            "admin",
            QT_TRANSLATE_NOOP("MainWindow", "Administration"),
            Action.EDIT_STORE,
            _admin,
            any_of=(Action.MANAGE_CHANNELS, Action.MANAGE_CONSENT_TEXTS, Action.MANAGE_CERTIFICATE),
        ),
    ]


def visible_modules(roles) -> list[Module]:
    return [m for m in modules() if m.visible_to(roles)]


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
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._modules = visible_modules(ctx.actor.roles)
        for m in self._modules:
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", m.title))
            item.setData(Qt.ItemDataRole.UserRole, m.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_module)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._wire_reception(central)
        self._build_menus()
        self._build_status_bar()
        self._install_scan_catcher()

        geometry = opts.get(opts.MAIN_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        keys = [m.key for m in self._modules]
        if self._modules:
            self.nav.setCurrentRow(keys.index(initial_module) if initial_module in keys else 0)

    # -- reception live feed (issue #4): one listener per window, stopped when it closes -----
    def _wire_reception(self, central: QWidget) -> None:
        from ui.shell.live_notice import LiveNotice, ReceptionFeed

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
            self.live_feed = ReceptionFeed(self.ctx.database.url, self)
            self.live_feed.events_arrived.connect(self._reception_events)
            self.live_feed.start()

    def _reception_events(self, events) -> None:
        from app.core.dto import Changes

        # Another terminal's visits, roster or appointments: the only change notice not
        # returned by a service of this terminal (issue #16).
        self.ctx.changed(Changes(reception=True), self.live_feed)
        me = self.ctx.actor.user_id
        for visit_id in dict.fromkeys(
            e.visit_id for e in events if e.kind == "assigned" and e.consultant_id == me and e.visit_id
        ):
            self._notify_visit(visit_id)

    def _notify_visit(self, visit_id: int) -> None:
        from ui.reception.models import visitor_text
        from ui.shell.workers import run_op

        ctx = self.ctx

        def work():
            from app.reception.checkin import get_visit

            return get_visit(ctx.uow(), actor=ctx.actor, visit_id=visit_id)

        def show(v) -> None:
            models = ", ".join(m.label for m in v.interested_models)
            who = visitor_text(v) + (f" · {models}" if models else "")
            self.live_notice.show_notice(self.tr("New visitor: {visitor} is assigned to you").format(visitor=who))

        run_op(self, work, show, lambda _exc: None)

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
        self.stack.setCurrentWidget(page)

    def current_module(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

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
        self.store_label = QLabel(self.ctx.store.legal_name if self.ctx.store else "")
        self.store_label.setObjectName("status_store")
        self.db_label = QLabel(self.tr("Database: %1").replace("%1", self.ctx.database.display_url))
        self.db_label.setObjectName("status_database")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(QLabel("·"))
        bar.addWidget(self.store_label)
        bar.addPermanentWidget(self.db_label)

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
