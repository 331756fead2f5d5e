"""The Customer care page (issue #19.6), driven by its real buttons: the consultant sees the
overdue 72-hour call in red and records its outcome by clicking (T/CSCA 120031 3.14, 4.5.1.2);
"not satisfied" needs its reason and opens a recovery case (5.2.8); customer care enters a
survey (4.5.2.3) and works the recovery case; a sales manager approves the compensation; the
task's notice reaches the assignee's PC; the customer_care role lands on this page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton

from app.customer_care import api as care
from db.care_models import FollowUpTask, RecoveryCase
from db.models import Role
from tests.care_factories import delivered
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def people(uow):
    make_store(uow)
    return make_user(uow, Role.CONSULTANT, full_name="李顾问"), make_user(uow, Role.SALES_MANAGER, full_name="王经理")


def _overdue_call(uow, consultant, manager):
    """A car picked up four days ago (server clock): its 72-hour call is overdue."""
    with uow() as u:
        now = care.server_now(u.session)
    return delivered(uow, consultant, manager, at=now - dt.timedelta(days=4))


def _page(qtbot, database, actor):
    from ui.customer_care.care_page import CarePage

    page = CarePage(AppContext(database, actor))
    qtbot.addWidget(page)
    page.show()
    return page


def _select_kind(page, kind: str) -> None:
    tab = page.tasks
    tab.view.setCurrentIndex(tab.view.findData("overdue"))
    row = next(i for i, t in enumerate(tab.model.rows()) if t.kind == kind)
    tab.table.selectRow(row)


def test_the_consultant_records_an_unsatisfied_call_and_a_recovery_case_opens_4_5_1_2(qtbot, database, uow, people):
    consultant, manager = people
    _, customer_id, call, _ = _overdue_call(uow, consultant, manager)
    page = _page(qtbot, database, consultant)
    tab = page.tasks
    _select_kind(page, "delivery_call")
    assert tab.model.data(tab.model.index(tab.table.currentIndex().row(), 0), Qt.ItemDataRole.ForegroundRole)
    qtbot.mouseClick(tab.outcome_button, LEFT)
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    assert "139" in dialog.findChild(QLabel, "care_outcome_about").text()  # the number to call, whole
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("unsatisfied"))
    qtbot.mouseClick(dialog.save_button, LEFT)  # no reason given
    assert dialog.isVisible() and dialog.errors.widget("note") is not None
    with uow() as u:
        assert u.session.get(FollowUpTask, call).status == "open"
    qtbot.keyClicks(dialog.note, "Waited two hours at delivery")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert "recovery" in tab.message.text().lower() or "补救" in tab.message.text()
    assert call not in [t.id for t in tab.model.rows()]
    with uow() as u:
        (case,) = u.session.query(RecoveryCase).all()
        assert (case.customer_id, case.source_task_id) == (customer_id, call)


def test_customer_care_enters_a_survey_and_works_the_recovery_case_with_the_manager_5_2_8(qtbot, database, uow, people):
    consultant, manager = people
    carer = make_user(uow, Role.CUSTOMER_CARE, full_name="陈客服")
    care.save_care_settings(uow(), actor=manager, delivery_caller="customer_care", care_staff_id=carer.user_id,
                            lead_interval_days={"H": 1, "A": 3, "B": 7, "C": 14}, expected_version=0)  # fmt: skip
    _overdue_call(uow, consultant, manager)
    page = _page(qtbot, database, carer)
    tab = page.tasks
    _select_kind(page, "delivery_call")
    tab.survey_kind.setCurrentIndex(tab.survey_kind.findData("delivery"))
    qtbot.mouseClick(tab.survey_button, LEFT)
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    for name in ("survey_overall_2", "survey_consultant_4", "survey_explained_true", "survey_on_time_true"):
        qtbot.mouseClick(dialog.findChild(QRadioButton, name), LEFT)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert "#" in tab.message.text()
    recovery = page.recovery
    assert recovery.model.rowCount() == 1
    recovery.table.selectRow(0)
    qtbot.mouseClick(recovery.apology_button, LEFT)
    apology = recovery.dialog
    qtbot.addWidget(apology)
    qtbot.keyClicks(apology.note, "Apologised by phone")
    qtbot.mouseClick(apology.save_button, LEFT)
    recovery.table.selectRow(0)
    qtbot.mouseClick(recovery.compensation_button, LEFT)
    offer = recovery.dialog
    qtbot.addWidget(offer)
    offer.kind.setCurrentIndex(offer.kind.findData("voucher"))
    qtbot.keyClicks(offer.value, "500")
    qtbot.mouseClick(offer.save_button, LEFT)
    assert not offer.isVisible()
    assert not recovery.approve_button.isVisible()  # customer care cannot approve
    manager_page = _page(qtbot, database, manager)
    boss = manager_page.recovery
    boss.table.selectRow(0)
    qtbot.mouseClick(boss.approve_button, LEFT)
    with uow() as u:
        (case,) = u.session.query(RecoveryCase).all()
        assert (case.status, case.compensation_fen, case.approved_by_id) == ("checking", 50_000, manager.user_id)


def test_the_assignee_is_told_on_their_pc_and_dismissing_records_it(qtbot, database, uow, people):
    from ui.shell.main_window import MainWindow

    consultant, manager = people
    _, _, call, _ = _overdue_call(uow, consultant, manager)
    window = MainWindow(AppContext(database, consultant))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.live_notice.isHidden(), timeout=5000)
    assert "72" in window.live_notice.text.text()
    qtbot.mouseClick(window.live_notice.findChild(QPushButton, "live_notice_dismiss"), LEFT)
    assert care.list_care_notices(uow(), actor=consultant) == []


def test_the_customer_care_role_lands_on_customer_care(qtbot, database, uow, people):
    from ui.shell.main_window import MainWindow

    carer = make_user(uow, Role.CUSTOMER_CARE)
    window = MainWindow(AppContext(database, carer))
    qtbot.addWidget(window)
    assert window.current_module() == "customer_care"


def test_the_manager_gives_the_72_hour_calls_to_customer_care_in_the_settings_4_5_1_2(qtbot, database, uow, people):
    consultant, manager = people
    carer = make_user(uow, Role.CUSTOMER_CARE, full_name="陈客服")
    page = _page(qtbot, database, manager)
    tab = page.tasks
    qtbot.mouseClick(tab.settings_button, LEFT)
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    dialog.caller.setCurrentIndex(dialog.caller.findData("customer_care"))
    qtbot.mouseClick(dialog.save_button, LEFT)  # no person chosen: said beside the field
    assert dialog.isVisible() and dialog.errors.widget("care_staff_id") is not None
    dialog.staff.setCurrentIndex(dialog.staff.findData(carer.user_id))
    qtbot.keyClicks(dialog.brand, "*")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    _, _, call, _ = _overdue_call(uow, consultant, manager)
    with uow() as u:
        assert u.session.get(FollowUpTask, call).assignee_id == carer.user_id


def test_the_manager_exports_the_surveys_for_the_survey_firm(qtbot, database, uow, people, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    consultant, manager = people
    deal_id, customer_id, _, _ = _overdue_call(uow, consultant, manager)
    answers = {"overall": 5, "consultant": 5, "explained": True, "on_time": True}
    care.record_survey(uow(), actor=manager, template_key="delivery", customer_id=customer_id, deal_id=deal_id,
                       answers=answers)  # fmt: skip
    target = tmp_path / "surveys.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page = _page(qtbot, database, manager)
    assert "(1/1, 3.18)" in page.tasks.kpis.text()  # this month's satisfaction, 5.2.1 b)
    page.tasks.survey_kind.setCurrentIndex(page.tasks.survey_kind.findData("delivery"))
    qtbot.mouseClick(page.tasks.export_button, LEFT)
    assert target.exists() and str(target) in page.tasks.message.text()


def test_a_delivered_car_brings_its_72_hour_call_to_the_consultants_page_3_14(qtbot, database, uow, people):
    """The walk of issue #19's "done": a real handover, then the call on the consultant's page."""
    from app.sales import api as sales
    from tests.handover_factories import full_input, handover_signatures, ready_contract
    from tests.integration.test_pdi_permissions import technician

    consultant, manager = people
    _, cid, _ = ready_contract(uow, consultant, manager, make_user(uow, Role.FINANCE), technician(uow))
    with uow() as u:
        picked_up = care.server_now(u.session) - dt.timedelta(hours=1)
    sales.complete_handover(uow(), actor=consultant, contract_id=cid, data=full_input(uow, cid),
                            signatures=handover_signatures(), now=picked_up)  # fmt: skip
    page = _page(qtbot, database, consultant)
    tab = page.tasks
    tab.view.setCurrentIndex(tab.view.findData("later"))
    (call,) = [t for t in tab.model.rows() if t.kind == "delivery_call"]
    assert call.due_at == picked_up + dt.timedelta(hours=72) and not call.overdue
    tab.table.selectRow(tab.model.rows().index(call))
    qtbot.mouseClick(tab.outcome_button, LEFT)
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, LEFT)  # reached, satisfied (the first choice)
    assert not dialog.isVisible() and tab.message.text()
    with uow() as u:
        done = u.session.get(FollowUpTask, call.id)
        assert (done.status, done.outcome, done.done_by_id) == ("done", "satisfied", consultant.user_id)


def test_a_customer_not_reached_shows_the_next_try_on_the_list(qtbot, database, uow, people):
    consultant, manager = people
    _, _, call, _ = _overdue_call(uow, consultant, manager)
    care.record_task_outcome(uow(), actor=consultant, task_id=call, expected_version=1, outcome="not_reached")
    page = _page(qtbot, database, consultant)
    _select_kind(page, "delivery_call")
    tab = page.tasks
    tries = tab.model.data(tab.model.index(tab.table.selectionModel().selectedRows()[0].row(), 6))
    assert tries.startswith("1 · again ")  # one try so far, the next one's time of day
