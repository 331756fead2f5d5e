"""The leads page reads a store's leads a page at a time as the user scrolls, and its status
filter, count and selection still cover every lead (issue #17, peak memory on dataset S:
"page the leads as the visit history already is")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.reception.duty import set_roster
from app.reception.leads import update_lead
from app.reception.visits import end_visit
from db.models import Role
from tests.factories import add_models, make_consultants, make_staff, reception_defaults, walk_in
from ui.reception.leads_page import LeadsPage
from ui.shell.context import AppContext

LEADS = 7
PAGE = 3


@pytest.fixture()
def store_leads(uow):
    """Seven walk-ins' leads (more than two pages of three); four of them followed up."""
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Han"))
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[team[0].user_id], now=utcnow())
    for i in range(LEADS):
        v = walk_in(
            uow, desk, now=utcnow(), name=f"Customer {i}", mobile=f"1391234560{i}", interested_models=[("BYD", "Han")]
        ).visit
        # Intent levels A/B/C give different follow-up days: the pages cross dates and ties.
        end_visit(
            uow(),
            actor=team[0],
            visit_id=v.id,
            expected_version=v.version,
            outcome="information",
            intent_level="ABC"[i % 3],
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


def _scroll_to_the_end(qtbot, page) -> None:
    page.table.setFocus()
    for _ in range(LEADS):
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        if page.model.rowCount() == LEADS:
            break


def test_the_first_page_is_read_and_scrolling_reads_the_rest(qtbot, page):
    assert page.model.rowCount() == PAGE
    assert page.count.text().endswith(str(LEADS))  # the count is of every lead, not of the page
    _scroll_to_the_end(qtbot, page)
    assert page.model.rowCount() == LEADS
    assert len({page.model.row_at(r).id for r in range(LEADS)}) == LEADS  # no lead twice


def test_the_status_filter_applies_to_every_page(qtbot, page, uow, store_leads):
    _scroll_to_the_end(qtbot, page)
    following = [page.model.row_at(r) for r in range(LEADS)][::2]  # on every page
    for lead in following:
        update_lead(uow(), actor=store_leads, lead_id=lead.id, expected_version=lead.version, status="following")
    page.status_filter.setCurrentIndex(page.status_filter.findData("following"))
    assert page.count.text().endswith(str(len(following)))
    _scroll_to_the_end(qtbot, page)
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert {x.id for x in shown} == {x.id for x in following} and {x.status for x in shown} == {"following"}


def test_a_lead_further_down_stays_selected_after_its_save(qtbot, page):
    _scroll_to_the_end(qtbot, page)
    last = page.model.row_at(LEADS - 1)
    page.select_lead(last.id)
    page.intent.setCurrentIndex(page.intent.findData("H"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # The reload starts again from the first page and reads on until the saved lead is there.
    assert page.selected_lead() is not None and page.selected_lead().id == last.id
    assert page.selected_lead().intent_level == "H"


def test_scrolling_reads_the_next_pages_off_the_ui_thread(qtbot, database, store_leads, monkeypatch):
    """A page read while scrolling runs in the background ("nothing slower than ~50 ms on the UI
    thread"): Ctrl+End asks once, the rows arrive a moment later, and pressing again while a
    page is on its way never reads the same page twice."""
    import threading

    from app.reception import leads as leads_service
    from ui.shell import workers

    threads = []
    original = leads_service.list_lead_page

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(leads_service, "list_lead_page", spy)
    monkeypatch.setattr(LeadsPage, "page_size", PAGE)
    workers.use_synchronous_executor(False)  # real background reads (the default outside sync_ops)
    try:
        page = LeadsPage(AppContext(database, store_leads))
        qtbot.addWidget(page)
        page.table.setFixedHeight(90)
        page.show()
        qtbot.waitUntil(lambda: page.model.rowCount() == PAGE, timeout=10_000)
        page.table.setFocus()
        for _ in range(3 * LEADS):
            qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            qtbot.wait(20)
            if page.model.rowCount() == LEADS:
                break
        qtbot.waitUntil(lambda: page.model.rowCount() == LEADS, timeout=10_000)
    finally:
        workers.wait_for_idle()
    assert len({page.model.row_at(r).id for r in range(LEADS)}) == LEADS  # no lead twice
    assert threads and not any(threads)  # every page read on a worker, none on the UI thread
