"""Visit history page: the newest visits first, more as the user scrolls, and a customer found
by the last digits of the mobile (issue #10)."""

from __future__ import annotations

import datetime as dt

from db.models import Role
from tests.factories import RECEPTION_NOW, make_customer, make_staff, on_duty, reception_defaults, walk_in
from ui.reception.visit_history_page import VisitHistoryPage


def test_history_pages_in_on_scroll_and_the_search_finds_a_mobile_tail(qtbot, uow, make_ctx):
    ctx = make_ctx(Role.SALES_MANAGER)
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    on_duty(uow, desk, [make_staff(uow, Role.CONSULTANT)])
    for i in range(130):
        walk_in(uow, desk, now=RECEPTION_NOW + dt.timedelta(minutes=i))
    make_customer(uow, desk, name="王建国", mobile="13812345678")
    page = VisitHistoryPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 100)
    assert page.model.canFetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == 130 and not page.model.canFetchMore()

    page.search.setText("12")
    page.run_search()
    qtbot.waitUntil(lambda: page.search_message.text() != "")
    assert "3" in page.search_message.text()  # at least 3 characters
    page.search.setText("5678")
    page.run_search()
    qtbot.waitUntil(lambda: page.customers.rowCount() == 1)
    assert page.customers.row_at(0).name == "王建国" and page.search_message.text() == ""
