"""The customer's page by clicking (issue #17 rule 4.5.1.3; PIPL art. 15, 46; issue #17.13):
opened from the visit history's search and from the leads page; name and mobile masked; a
mobile corrected (a taken one refused beside the field), the consent withdrawn with its
reason, and a customer given to another consultant by a manager, each in the history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from app.core.clock import utcnow
from app.reception.customers import find_customer_by_mobile
from app.reception.duty import set_roster
from app.reception.visits import end_visit
from db.models import Role
from tests.factories import add_models, make_consultants, make_customer, make_staff, reception_defaults, walk_in
from ui.reception.leads_page import LeadsPage
from ui.reception.visit_history_page import VisitHistoryPage

LEFT = Qt.MouseButton.LeftButton


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _cell_texts(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.fixture()
def history_page(qtbot, uow, make_ctx, sync_ops):
    reception_defaults(uow)
    ctx = make_ctx(Role.RECEPTION, full_name="前台小张")
    make_customer(uow, ctx.actor, name="周女士", mobile="13811112222", now=utcnow())
    make_customer(uow, ctx.actor, name="李先生", mobile="13900001111", now=utcnow())
    page = VisitHistoryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.search, "2222")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.customers.rowCount() == 1
    return page


def _open_from_search(qtbot, page):
    view = page.customer_view
    assert not page.open_customer_button.isEnabled()
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(page.customers.index(0, 0)).center())
    qtbot.mouseClick(page.open_customer_button, LEFT)
    return page.customer_dialog


def test_4_5_1_3_correct_a_mobile_from_the_customer_page(qtbot, uow, history_page):
    dialog = _open_from_search(qtbot, history_page)
    assert "周** · mobile 138****2222" in dialog.summary.text()  # masked, never in clear
    qtbot.mouseClick(dialog.correct_button, LEFT)
    form = dialog.form
    qtbot.keyClicks(form.mobile, "13900001111")  # another customer's number
    form.reason.setText("登记时输错")
    qtbot.mouseClick(_ok(form), LEFT)
    error = form.findChild(QLabel, "error_mobile")
    assert not error.isHidden() and "Another customer on record has this mobile number" in error.text()
    form.mobile.clear()
    qtbot.keyClicks(form.mobile, "13811113333")
    qtbot.mouseClick(_ok(form), LEFT)
    assert form.result_dto.mobile == "13811113333"
    assert "138****3333" in dialog.summary.text()  # the page reloaded
    dialog.tabs.setCurrentIndex(3)
    (row,) = _cell_texts(dialog.changes)
    assert row[1:] == ["Mobile corrected", "138****2222 → 138****3333", "登记时输错", "前台小张"]
    desk = history_page.ctx.actor
    assert find_customer_by_mobile(uow(), actor=desk, mobile="13811113333").customer.name == "周女士"


def test_pipl_15_withdraw_the_consent_with_a_reason_and_see_it_in_the_consent_history(qtbot, uow, history_page):
    dialog = _open_from_search(qtbot, history_page)
    assert dialog.withdraw_button.isEnabled()
    qtbot.mouseClick(dialog.withdraw_button, LEFT)
    form = dialog.form
    form.reason.setText("客户来电要求删除")
    qtbot.mouseClick(_ok(form), LEFT)
    assert form.result_dto.anonymised
    assert "details erased" in dialog.summary.text() and "no consent on record" in dialog.summary.text()
    assert not dialog.withdraw_button.isEnabled() and not dialog.correct_button.isEnabled()
    (consent,) = _cell_texts(dialog.consents)
    assert consent[3:] == ["前台小张", "客户来电要求删除"] and consent[2]  # withdrawn, when, by whom, why
    assert find_customer_by_mobile(uow(), actor=history_page.ctx.actor, mobile="13811112222") is None


def test_a_manager_gives_a_customer_to_another_consultant_from_the_leads_page(qtbot, uow, database, sync_ops):
    from ui.shell.context import AppContext

    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="王经理")
    add_models(uow, manager, ("BYD", "Han"))
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 2)
    set_roster(uow(), actor=desk, consultant_ids=[team[0].user_id], now=utcnow())
    v = walk_in(uow, desk, now=utcnow(), name="赵先生", mobile="13712345678", interested_models=[("BYD", "Han")]).visit
    end_visit(uow(), actor=team[0], visit_id=v.id, expected_version=v.version, outcome="information", intent_level="B")
    mine = LeadsPage(AppContext(database, team[0]))
    qtbot.addWidget(mine)
    mine.table.selectRow(0)
    qtbot.mouseClick(mine.customer_button, LEFT)
    assert mine.customer_dialog.reassign_button.isHidden()  # a consultant may not reassign
    boss = LeadsPage(AppContext(database, manager))
    qtbot.addWidget(boss)
    boss.show()
    boss.table.selectRow(0)
    qtbot.mouseClick(boss.customer_button, LEFT)
    dialog = boss.customer_dialog
    qtbot.mouseClick(dialog.reassign_button, LEFT)
    form = dialog.form
    form.consultant.setCurrentIndex(form.consultant.findData(team[1].user_id))
    qtbot.mouseClick(_ok(form), LEFT)
    assert not form.findChild(QLabel, "error_reason").isHidden()  # a reason is required
    form.reason.setText("顾问离职")
    qtbot.mouseClick(_ok(form), LEFT)
    assert form.result_dto.consultant_id == team[1].user_id
    assert f"Consultant: {team[1].full_name}" in dialog.summary.text()
    (row,) = _cell_texts(dialog.changes)
    assert row[1:] == [
        "Given to another consultant",
        f"{team[0].full_name} → {team[1].full_name}",
        "顾问离职",
        "王经理",
    ]
    assert boss.model.row_at(0).consultant_id == team[1].user_id  # the leads page refreshed too
