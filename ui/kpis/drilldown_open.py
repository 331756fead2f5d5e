"""Open the record behind a drill-down row on its own page (issue #20.2).

- a contract (3.11, 3.12, 3.14, 3.15's cars sold): its deal's page (ui.sales.api.open_deal_page);
- a test drive (3.13): the test drive dialog;
- a lead (3.12, 3.13 denominators): the leads page, on that lead;
- a complaint (3.15-3.17): the complaints page;
- a care task or a survey answer sheet (3.14, 3.18): the customer care page.
The last three have no dialog of their own that opens by id; the main window switches to the
page where the record is listed instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.kpis.dto import RecordKind, RecordRef
from ui.shell.workers import run_op

PAGE_OF_KIND = {
    RecordKind.LEAD: "leads",
    RecordKind.COMPLAINT: "complaints",
    RecordKind.CARE_TASK: "customer_care",
    RecordKind.SURVEY: "customer_care",
}


def main_window_of(widget: QWidget):
    """The main window that holds `widget` (through its dialogs' parents), or None."""
    w: QWidget | None = widget
    while w is not None:
        if hasattr(w, "module_keys") and hasattr(w, "nav"):
            return w
        w = w.parentWidget()
    return None


def show_module(widget: QWidget, key: str) -> QWidget | None:
    """Switch the main window to the module `key`; its page, or None where the user has none."""
    window = main_window_of(widget)
    if window is None or key not in window.module_keys():
        return None
    window.nav.setCurrentRow(window.module_keys().index(key))
    window.raise_()
    return window.page(key)


def open_record(ctx, parent: QWidget, record: RecordRef):
    """Open `record` where the user can see it; returns the dialog or page opened (or None)."""
    if record.kind == RecordKind.CONTRACT:
        return _open_contract(ctx, parent, record.id)
    if record.kind == RecordKind.TEST_DRIVE:
        from ui.test_drives.drive_dialog import TestDriveDialog

        dialog = TestDriveDialog(ctx, record.id, parent=parent)
        dialog.go("return")  # 3.13 counts returned drives: their last step, with the return recorded
        dialog.open()
        return dialog
    key = PAGE_OF_KIND.get(RecordKind(record.kind))
    page = show_module(parent, key) if key else None
    if page is not None and record.kind == RecordKind.LEAD and hasattr(page, "select_lead"):
        page.select_lead(record.id)  # once its rows are there (a page opened just now is still loading)
    return page


def _open_contract(ctx, parent: QWidget, contract_id: int) -> None:
    def work():
        from app.kpis.record_links import get_deal_of_contract

        return get_deal_of_contract(ctx.uow(), actor=ctx.actor, contract_id=contract_id)

    def found(deal_id: int) -> None:
        from ui.sales.api import open_deal_page

        parent.deal_dialog = open_deal_page(ctx, parent, deal_id)

    run_op(parent, work, found)
