"""Every step of the sale from the lead (issue #18.7): "Deal…" on the leads page and on the
visitor served in the queue opens the lead's deal, or makes it through the quote part's
open_deal (T/CSCA 120031 4.3.1: the sale starts from the customer's intention)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.reception.duty import set_roster
from app.reception.visits import end_visit, start_visit
from db.models import Role
from db.sales_models import Deal
from tests.factories import add_models, make_consultants, make_staff, reception_defaults, walk_in
from tests.sales_factories import make_deal, make_price_list
from ui.reception.leads_page import LeadsPage
from ui.reception.queue_page import QueuePage
from ui.shell.context import AppContext


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _expect_new_deal(page, uow, lead_id: int) -> None:
    """The lead's new deal, made by the quote part's open_deal, is what opens."""
    with uow() as u:
        deal_id = u.session.query(Deal.id).filter(Deal.lead_id == lead_id).scalar()
    assert deal_id is not None and page.deal_dialog.deal_id == deal_id
    page.deal_dialog.close()


def test_deal_on_a_lead_opens_its_deal(qtbot, database, uow, sync_ops):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    alice = make_staff(uow, Role.CONSULTANT)
    make_price_list(uow, manager)
    deal_id, _quote = make_deal(uow, alice)
    page = LeadsPage(AppContext(database, alice))
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    _click(qtbot, page.deal_button)
    assert page.deal_dialog.isVisible() and page.deal_dialog.deal_id == deal_id
    assert "王**" in page.deal_dialog.summary.text()  # masked (PIPL)
    page.deal_dialog.close()


@pytest.fixture()
def served(uow):
    """A visitor served by a consultant and the visit ended with a quote: a lead of theirs."""
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Seal"))
    make_price_list(uow, manager)
    desk = make_staff(uow, Role.RECEPTION)
    (alice,) = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[alice.user_id], now=utcnow())
    visit = walk_in(
        uow, desk, now=utcnow(), name="李先生", mobile="13912345678", interested_models=[("BYD", "Seal")]
    ).visit
    visit = start_visit(uow(), actor=alice, visit_id=visit.id, expected_version=visit.version)
    result = end_visit(
        uow(), actor=alice, visit_id=visit.id, expected_version=visit.version, outcome="quote", intent_level="A"
    )
    return alice, result.visit, result.leads[0].id


def test_deal_on_the_served_visitor_makes_or_opens_the_deal_of_their_lead(qtbot, database, uow, served, sync_ops):
    alice, visit, lead_id = served
    page = QueuePage(AppContext(database, alice))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.select_visit(visit.id)
    _click(qtbot, page.deal_button)
    _expect_new_deal(page, uow, lead_id)
    _click(qtbot, page.deal_button)
    assert page.deal_dialog.isVisible() and "李**" in page.deal_dialog.summary.text()  # masked (PIPL)
    page.deal_dialog.close()


def test_no_lead_yet_says_what_to_do(qtbot, database, uow, sync_ops):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    (alice,) = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[alice.user_id], now=utcnow())
    visit = walk_in(uow, desk, now=utcnow(), name="赵女士", mobile="13912345679").visit
    start_visit(uow(), actor=alice, visit_id=visit.id, expected_version=visit.version)
    page = QueuePage(AppContext(database, alice))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.select_visit(visit.id)
    _click(qtbot, page.deal_button)
    assert page.deal_message.objectName() == "no_lead" and page.deal_message.isVisible()
    page.deal_message.close()
