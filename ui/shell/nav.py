"""The modules of the main window's navigation: which page each is, who sees it, its icon,
the live count it carries, what its empty tables say, and which page each role lands on.

Issue #17.7: after login each role opens on its own work, not on the first module.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.core.permissions import Action, can
from ui.shell.context import AppContext


@dataclass(frozen=True)
class Module:
    key: str
    title: str  # English source, translated in the "MainWindow" context
    action: Action
    factory: Callable[[AppContext], QWidget]
    # Also shown to users allowed any of these (a page of tabs, one per action).
    any_of: tuple[Action, ...] = ()
    icon: str = "SP_FileIcon"  # a QStyle.StandardPixmap: native on every platform
    count: str | None = None  # the live count shown beside the title (ui/shell/nav_counts.py)
    empty_text: str = ""  # what its tables say while empty (ui/widgets/table_state.py)
    # The module its page lives in, when that page may not be in this build yet (issue #18: the
    # finance and price list pages are written in parallel); the module is left out until it is.
    page_module: str = ""

    def available(self) -> bool:
        return not self.page_module or importlib.util.find_spec(self.page_module) is not None

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


def _sales(ctx: AppContext) -> QWidget:
    from ui.sales.sales_page import SalesPage

    return SalesPage(ctx)


FINANCE_PAGE = "ui.finance.finance_page"
PRICE_LIST_PAGE = "ui.sales.price_list_page"


def _finance(ctx: AppContext) -> QWidget:
    page = importlib.import_module(FINANCE_PAGE)  # see Module.page_module
    return page.FinancePage(ctx)


def _price_list(ctx: AppContext) -> QWidget:
    page = importlib.import_module(PRICE_LIST_PAGE)
    return page.PriceListPage(ctx)


def _customer_care(ctx: AppContext) -> QWidget:
    from ui.customer_care.care_page import CarePage

    return CarePage(ctx)


def _kpis(ctx: AppContext) -> QWidget:
    from ui.kpis.dashboard_page import KpiDashboardPage

    return KpiDashboardPage(ctx)


def _audit(ctx: AppContext) -> QWidget:
    from ui.privacy.audit_page import AuditPage

    return AuditPage(ctx)


def _admin(ctx: AppContext) -> QWidget:
    from ui.store.admin_page import AdminPage

    return AdminPage(ctx)


COMPLAINTS_PAGE = "ui.customer_care.complaints_page"


def _complaints(ctx: AppContext) -> QWidget:
    page = importlib.import_module(COMPLAINTS_PAGE)  # issue #19.3 (see Module.page_module)
    return page.ComplaintsPage(ctx)


NOTICES_PAGE = "ui.customer_care.notices_page"


def _notices(ctx: AppContext) -> QWidget:
    page = importlib.import_module(NOTICES_PAGE)  # issue #19.5 (see Module.page_module)
    return page.NoticesPage(ctx)


M, A = Module, Action
MODULES = (
    M(
        "inventory",
        QT_TRANSLATE_NOOP("MainWindow", "Inventory"),
        A.VIEW_VEHICLES,
        _inventory,
        icon="SP_DriveHDIcon",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No cars here. Add a car, or import the stock list."),
    ),
    M(
        "documents",
        QT_TRANSLATE_NOOP("MainWindow", "Documents"),
        A.VIEW_DOCUMENTS,
        _documents,
        icon="SP_FileIcon",
        empty_text=QT_TRANSLATE_NOOP(
            "MainWindow", "No documents here. Cards, agreements and PDI reports appear once issued."
        ),
    ),
    M(
        "reception",
        QT_TRANSLATE_NOOP("MainWindow", "Reception"),
        A.CHECK_IN_VISITORS,
        _reception,
        icon="SP_DialogYesButton",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "Nothing here yet today. Check in the next visitor with the form."),
    ),
    M(
        "queue",
        QT_TRANSLATE_NOOP("MainWindow", "Live queue"),
        A.VIEW_QUEUE,
        _queue,
        icon="SP_FileDialogDetailedView",
        count="waiting",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No one here. Visitors appear as soon as reception checks them in."),
    ),
    M(
        "leads",
        QT_TRANSLATE_NOOP("MainWindow", "Leads"),
        A.VIEW_LEADS,
        _leads,
        icon="SP_FileDialogContentsView",
        count="overdue",
        empty_text=QT_TRANSLATE_NOOP(
            "MainWindow", "No leads. A lead is recorded when a visitor shows interest in a model."
        ),
    ),
    M(
        "history",
        QT_TRANSLATE_NOOP("MainWindow", "Visit history"),
        A.VIEW_QUEUE,
        _visit_history,
        icon="SP_FileDialogInfoView",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No visits found. Change the dates or the search."),
    ),
    M(
        "reception_reports",
        QT_TRANSLATE_NOOP("MainWindow", "Traffic report"),
        A.RECEPTION_REPORTS,
        _reception_reports,
        icon="SP_FileDialogListView",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No visits counted in this period."),
    ),
    M(
        "test_drives",
        QT_TRANSLATE_NOOP("MainWindow", "Test drives"),
        A.VIEW_TEST_DRIVES,
        _test_drives,
        any_of=(A.MANAGE_TEST_DRIVE_ROUTES, A.MANAGE_TEST_DRIVE_FLEET),
        icon="SP_MediaPlay",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "Nothing booked or set up here yet."),
    ),
    M(
        "pdi",
        QT_TRANSLATE_NOOP("MainWindow", "PDI"),
        A.VIEW_PDI,
        _pdi,
        any_of=(A.RECORD_PDI, A.MANAGE_PDI_TEMPLATES),
        icon="SP_DialogApplyButton",
        count="pdi",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No cars waiting for PDI. Sold and reserved cars appear here."),
    ),
    M(
        "sales",
        QT_TRANSLATE_NOOP("MainWindow", "Sales"),
        A.VIEW_DEALS,
        _sales,
        icon="SP_DialogOkButton",
        count="ready",
        empty_text=QT_TRANSLATE_NOOP(
            "MainWindow", "No deals here. A deal starts from a lead: choose Deal… on the leads page or in the queue."
        ),
    ),
    M(
        "finance",
        QT_TRANSLATE_NOOP("MainWindow", "Finance"),
        A.VIEW_PAYMENTS,
        _finance,
        any_of=(A.RECORD_PAYMENTS,),
        icon="SP_DialogSaveButton",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No money recorded here yet."),
        page_module=FINANCE_PAGE,
    ),
    M(
        "price_list",
        QT_TRANSLATE_NOOP("MainWindow", "Price list"),
        A.VIEW_PRICE_LIST,
        _price_list,
        icon="SP_FileLinkIcon",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No price list yet. A manager drafts one and publishes it."),
        page_module=PRICE_LIST_PAGE,
    ),
    M(
        "customer_care",
        QT_TRANSLATE_NOOP("MainWindow", "Customer care"),
        A.VIEW_CARE_TASKS,
        _customer_care,
        any_of=(A.MANAGE_RECOVERY,),
        icon="SP_MessageBoxQuestion",
        count="care",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "Nothing to do here. A delivered car brings its 72-hour call."),
    ),
    M(
        "staff",
        QT_TRANSLATE_NOOP("MainWindow", "Staff"),
        A.VIEW_STAFF,
        _staff,
        icon="SP_DirHomeIcon",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No staff accounts yet."),
    ),
    M(
        "showroom",
        QT_TRANSLATE_NOOP("MainWindow", "Showroom floor"),
        A.VIEW_SHOWROOM,
        _showroom,
        icon="SP_DesktopIcon",
        count="cards",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No cars on the floor. Put a car on display from the inventory."),
    ),
    M(
        "complaints",
        QT_TRANSLATE_NOOP("MainWindow", "Complaints"),
        A.VIEW_COMPLAINTS,
        _complaints,
        icon="SP_MessageBoxWarning",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No complaints here: receive one with the Receive… button."),
        page_module=COMPLAINTS_PAGE,
    ),
    M(
        "notices",
        QT_TRANSLATE_NOOP("MainWindow", "Public notices"),
        A.ISSUE_STORE_NOTICE,
        _notices,
        icon="SP_FileDialogInfoView",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No public notices yet: publish one with the New version… button."),
        page_module=NOTICES_PAGE,
    ),
    M(
        "kpis",
        QT_TRANSLATE_NOOP("MainWindow", "KPIs"),
        A.VIEW_KPIS,
        _kpis,
        icon="SP_ArrowUp",  # figures going up: QStyle has no chart icon
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No figures for anyone in this period."),
    ),
    M(
        "audit",
        QT_TRANSLATE_NOOP("MainWindow", "Audit log"),
        A.VIEW_AUDIT_LOG,
        _audit,
        icon="SP_MessageBoxInformation",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "No audit events match."),
    ),
    M(
        "admin",
        QT_TRANSLATE_NOOP("MainWindow", "Administration"),
        A.EDIT_STORE,
        _admin,
        any_of=(A.MANAGE_CHANNELS, A.MANAGE_CONSENT_TEXTS, A.MANAGE_CERTIFICATE),
        icon="SP_ComputerIcon",
        empty_text=QT_TRANSLATE_NOOP("MainWindow", "Nothing set up here yet."),
    ),
)


def modules() -> list[Module]:
    return [m for m in MODULES if m.available()]


def visible_modules(roles) -> list[Module]:
    return [m for m in modules() if m.visible_to(roles)]


# Where each role starts its day (issue #17.7), in this order when a user holds several roles.
# Finance lands on its own desk, the finance page (issue #18.7; the documents it prints while
# that page is not in the build). The manager's "today" is the traffic report, which opens on today.
HOME_BY_ROLE = (
    ("sales_manager", "reception_reports"),
    ("reception", "reception"),
    ("consultant", "queue"),
    ("customer_care", "customer_care"),  # issue #19: the calls, surveys and recovery cases
    ("pdi_technician", "pdi"),
    ("finance", "finance"),
    ("finance", "documents"),
    ("admin", "admin"),
)


def home_module(roles, keys: list[str]) -> str | None:
    """The key of the page `roles` land on after login, among the modules `keys` they see."""
    for role, key in HOME_BY_ROLE:
        if role in roles and key in keys:
            return key
    return keys[0] if keys else None
