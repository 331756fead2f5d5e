"""The care page's month line (5.2.1 d and b; issue #20.1): its 3.14 and 3.18 figures are the KPI
feature's, and a pick-up whose 72 hours are still running shows as pending, never as a failed
call; recording the call on the page moves it into the rate."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.clock import store_month_bounds, store_today
from app.customer_care import api as care
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.integration.test_kpi_care_factories import picked_up
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton


def test_a_call_still_within_its_72_hours_is_pending_then_counts_once_made_3_14(qtbot, database, uow):
    from ui.customer_care.care_page import CarePage

    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    manager = make_user(uow, Role.SALES_MANAGER, full_name="王经理")
    with uow() as u:
        now = care.server_now(u.session)
    # An hour ago, or the store month's first instant when the month began less than an hour ago.
    at = max(now - dt.timedelta(hours=1), store_month_bounds(store_today(now))[0])
    _, _, call_id = picked_up(uow, consultant, manager, at)
    page = CarePage(AppContext(database, manager))
    qtbot.addWidget(page)
    page.show()
    tab = page.tasks
    assert "— (0/0, 3.14; 1 still within their 72 hours)" in tab.kpis.text()  # not 0 %: nothing failed
    qtbot.mouseClick(tab.everyone, LEFT)
    tab.view.setCurrentIndex(tab.view.findData("later"))
    row = next(i for i, t in enumerate(tab.model.rows()) if t.id == call_id)
    tab.table.selectRow(row)
    qtbot.mouseClick(tab.outcome_button, LEFT)
    qtbot.addWidget(tab.dialog)
    qtbot.mouseClick(tab.dialog.save_button, LEFT)  # reached, satisfied (the first choice)
    qtbot.waitUntil(lambda: "100% (1/1, 3.14; 0 still within their 72 hours)" in tab.kpis.text())
