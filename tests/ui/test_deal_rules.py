"""The sale's rules as the consultant meets them on screen (issue #18): "Deal…" on a lead that
was already sold says why no new deal opens (T/CSCA 120031 4.3.1.2), and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.models import Role
from db.reception_models import Lead
from db.sales_models import Deal
from tests.factories import make_staff, reception_defaults
from tests.sales_factories import make_lead, make_price_list
from ui.reception.leads_page import LeadsPage
from ui.shell.context import AppContext


def _error_boxes() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_4_3_1_2_deal_on_a_sold_lead_says_so_and_opens_nothing(qtbot, database, uow, sync_ops):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    alice = make_staff(uow, Role.CONSULTANT)
    make_price_list(uow, manager)
    _customer, lead_id = make_lead(uow, alice)
    with uow() as u:  # its contract was fulfilled long ago; the deal is no longer open
        u.session.get(Lead, lead_id).status = "ordered"
        u.commit()
    page = LeadsPage(AppContext(database, alice))
    qtbot.addWidget(page)
    page.show()
    page.status_filter.setCurrentIndex(page.status_filter.findData("ordered"))  # the page opens on open leads
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 1)
    page.table.selectRow(0)
    assert page.deal_button.isEnabled()
    qtbot.mouseClick(page.deal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(_error_boxes()))
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "already been sold" in box.informativeText() + box.text()
    box.close()
    with uow() as u:
        assert u.session.query(Deal).count() == 0
