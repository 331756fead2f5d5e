"""Leads page: consultants see only their own leads; lost needs a reason (issue #4 point 5, 8)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from app.core.clock import utcnow
from app.reception.duty import set_roster
from app.reception.visits import end_visit
from db.models import Role
from tests.factories import add_models, make_consultants, make_staff, reception_defaults, walk_in
from ui.shell.context import AppContext
from ui.reception.leads_page import LeadsPage


@pytest.fixture()
def leads(uow):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Han"))
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 2)
    set_roster(uow(), actor=desk, consultant_ids=[c.user_id for c in team], now=utcnow())
    for i, c in enumerate(team):
        v = walk_in(
            uow, desk, now=utcnow(), name=f"Customer {i}", mobile=f"1391234567{i}", interested_models=[("BYD", "Han")]
        ).visit
        assert v.consultant_id == c.user_id
        end_visit(uow(), actor=c, visit_id=v.id, expected_version=v.version, outcome="information", intent_level="B")
    return manager, team


def test_consultant_sees_only_own_leads_manager_all(qtbot, database, leads, sync_ops):
    manager, team = leads
    page = LeadsPage(AppContext(database, team[1]))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).customer_name == "Customer 1"
    assert page.kpi_label.isHidden()
    boss = LeadsPage(AppContext(database, manager))
    qtbot.addWidget(boss)
    boss.show()
    assert boss.model.rowCount() == 2
    assert not boss.kpi_label.isHidden() and "2" in boss.kpi_label.text()
    assert boss.kpi.new_leads == 2


def test_lost_without_reason_is_refused_beside_the_field(qtbot, database, leads, sync_ops):
    _manager, team = leads
    page = LeadsPage(AppContext(database, team[0]))
    qtbot.addWidget(page)
    page.show()
    lead = page.model.row_at(0)
    page.select_lead(lead.id)
    page.status.setCurrentIndex(page.status.findData("lost"))
    page.save()
    assert not page.findChild(QLabel, "error_lost_reason").isHidden()
    assert page.model.row_at(0).status == "new"
    page.lost_reason.setCurrentIndex(page.lost_reason.findData("price"))
    page.save()
    # The page shows the open leads (issue #17): a lost lead leaves it, and is under "All statuses".
    assert page.model.row_of(lead.id) < 0
    page.status_filter.setCurrentIndex(page.status_filter.findData(None))
    assert page.model.row_at(page.model.row_of(lead.id)).status == "lost"
