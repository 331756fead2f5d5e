"""The leads page opens on the open leads (new / following, the ones still followed up,
T/CSCA 120031 4.2.3.2), reads more of them as the user scrolls, and its search runs in the
service, so it finds a lead not read yet (issue #17, peak memory on dataset S: the manager's
page no longer loads five years of leads)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.reception.duty import set_roster
from app.reception.leads import list_leads, update_lead
from app.reception.visits import end_visit
from db.models import Role
from tests.factories import add_models, make_consultants, make_staff, reception_defaults, walk_in
from ui.reception.leads_page import LeadsPage
from ui.shell.context import AppContext

LEADS, LOST, PAGE = 9, 3, 3


@pytest.fixture()
def store_leads(uow):
    """Nine walk-ins' leads; the first three were lost (older business), six are still open."""
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Han"), ("BYD", "Seal"))
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[team[0].user_id], now=utcnow())
    for i in range(LEADS):
        car = ("BYD", "Seal" if i == LEADS - 1 else "Han")
        v = walk_in(
            uow, desk, now=utcnow(), name=f"Customer {i}", mobile=f"1391234{i}601", interested_models=[car]
        ).visit
        end_visit(
            uow(), actor=team[0], visit_id=v.id, expected_version=v.version, outcome="information", intent_level="B"
        )
    for lead in sorted(list_leads(uow(), actor=manager), key=lambda x: x.id)[:LOST]:
        update_lead(
            uow(), actor=manager, lead_id=lead.id, expected_version=lead.version, status="lost", lost_reason="price"
        )
    return manager


@pytest.fixture()
def page(qtbot, database, store_leads, sync_ops, monkeypatch):
    monkeypatch.setattr(LeadsPage, "page_size", PAGE)
    page = LeadsPage(AppContext(database, store_leads))
    qtbot.addWidget(page)
    page.table.setFixedHeight(90)  # a screenful of about two rows: the third is out of sight
    page.show()
    qtbot.waitExposed(page)
    return page


def _shown(page) -> list:
    return [page.model.row_at(r) for r in range(page.model.rowCount())]


def _scroll_to_the_end(qtbot, page) -> None:
    page.table.setFocus()
    for _ in range(LEADS):
        qtbot.keyClick(page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(10)  # the view asks for more from its event loop, as it does for a user
        if page.model.rowCount() == page.model.total:
            break


def _search(qtbot, page, text: str, expected: int) -> None:
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: page.count.text().endswith(f" {expected}"))  # after the pause in typing


def test_the_page_opens_on_the_open_leads_and_scrolling_reads_the_rest(qtbot, page):
    assert page.status_filter.currentText() == "Open (new / following up)"
    assert page.count.text().endswith(f" {LEADS - LOST}")  # the open ones, not the page's rows
    assert page.model.rowCount() == PAGE  # one page read, not the whole list
    _scroll_to_the_end(qtbot, page)
    open_leads = _shown(page)
    assert len(open_leads) == LEADS - LOST and {x.status for x in open_leads} == {"new"}
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))  # "All statuses"
    assert page.count.text().endswith(f" {LEADS}")
    _scroll_to_the_end(qtbot, page)
    assert sorted(x.status for x in _shown(page)).count("lost") == LOST


def test_a_search_finds_a_lead_not_read_yet(qtbot, page):
    assert "Customer 8" not in {x.customer_name for x in _shown(page)}  # on a page not read yet
    _search(qtbot, page, "Customer 8", 1)
    assert [x.customer_name for x in _shown(page)] == ["Customer 8"]
    _search(qtbot, page, "Seal", 1)  # the car of interest
    assert [x.customer_name for x in _shown(page)] == ["Customer 8"]


def test_a_lost_lead_is_found_by_its_mobile_tail_under_all_statuses(qtbot, page):
    _search(qtbot, page, "4601", 1)  # 尾号 4601: Customer 4, an open lead
    assert [x.customer_name for x in _shown(page)] == ["Customer 4"]
    _search(qtbot, page, "1601", 0)  # Customer 1's lead was lost: not among the open ones
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))  # "All statuses"
    assert page.count.text().endswith(" 1")
    [lead] = _shown(page)
    assert lead.customer_name == "Customer 1" and lead.status == "lost"


def test_another_status_starts_the_list_at_its_top_with_one_page_read(qtbot, page):
    """The lead selected further down is not chased through the new list: a filter or a search
    reads one page, not up to 2,000 rows on the UI thread."""
    _scroll_to_the_end(qtbot, page)
    assert page.selected_lead() is not None  # Ctrl+End selected the last open lead
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))  # "All statuses"
    assert page.model.rowCount() == PAGE and page.selected_lead() is None
    assert page.table.verticalScrollBar().value() == 0
