"""Issue #17.12 by clicking: on the reception page's appointments list, reschedule, cancel and
record a no-show, each with a reason; a no-show shows in the traffic report."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMenu

from app.core.clock import store_day_bounds, store_today, to_store_time, utcnow
from app.reception import appointments
from app.reception.appointment_log import appointment_history
from app.reception.duty import set_roster
from db.models import Role
from tests.factories import make_consultants, make_customer, reception_defaults
from ui.reception.reception_page import ReceptionPage
from ui.reception.reports_page import ReceptionReportsPage

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def desk(uow, make_ctx, sync_ops):
    reception_defaults(uow)
    team = make_consultants(uow, 2)
    ctx = make_ctx(Role.RECEPTION, full_name="前台小张")
    set_roster(uow(), actor=ctx.actor, consultant_ids=[c.user_id for c in team], now=utcnow())
    customer = make_customer(uow, ctx.actor, name="周女士", mobile="13811112222", now=utcnow())
    return ctx, team, customer


def _book(uow, ctx, consultant, customer, minutes: int):
    """Booked `minutes` from now, but within today's store day: the desk lists today's
    appointments, and a run after 23:00 in Shanghai would otherwise book tomorrow."""
    now = utcnow()
    last_minute_today = store_day_bounds(store_today(now))[1] - dt.timedelta(minutes=1)
    at = min(now + dt.timedelta(minutes=minutes), last_minute_today)
    return appointments.book_appointment(
        uow(),
        actor=ctx.actor,
        customer_id=customer.id,
        consultant_id=consultant.user_id,
        scheduled_at=at.replace(second=0, microsecond=0),
        now=now,
    )


def _page(qtbot, ctx) -> ReceptionPage:
    page = ReceptionPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _select_first(qtbot, page) -> None:
    view = page.appointments_view
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(page.appointments.index(0, 0)).center())


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_cancel_needs_a_reason_and_the_history_keeps_it(qtbot, uow, desk):
    ctx, team, customer = desk
    a = _book(uow, ctx, team[0], customer, 60)
    page = _page(qtbot, ctx)
    cancel = page.change_buttons["cancel"]
    assert not cancel.isEnabled()  # nothing chosen yet
    _select_first(qtbot, page)
    assert cancel.isEnabled()
    assert not page.change_buttons["no_show"].isEnabled()  # not due for an hour
    qtbot.mouseClick(cancel, LEFT)
    dialog = page.change_dialog
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert not dialog.findChild(QLabel, "error_reason").isHidden()  # the reason is required
    dialog.reason.setText("客户来电改期")  # typed (QTest types ASCII only)
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert dialog.result_dto.status == "cancelled"
    assert page.appointments.row_at(0).status == "cancelled"  # the list shows it at once
    assert not cancel.isEnabled()
    history = appointment_history(uow(), actor=ctx.actor, appointment_id=a.id)
    assert [(h.kind, h.reason, h.by_name) for h in history][-1] == ("cancelled", "客户来电改期", "前台小张")


def test_reschedule_from_the_context_menu_to_another_consultant(qtbot, uow, desk):
    ctx, team, customer = desk
    a = _book(uow, ctx, team[0], customer, 30)
    page = _page(qtbot, ctx)
    view = page.appointments_view
    pos = view.visualRect(page.appointments.index(0, 0)).center()
    view.customContextMenuRequested.emit(pos)  # what a right click sends
    menu = page.findChild(QMenu, "appointment_menu")
    reschedule = menu.actions()[0]
    assert reschedule.isEnabled()
    reschedule.trigger()
    dialog = page.change_dialog
    later = to_store_time(a.scheduled_at) + dt.timedelta(hours=1)
    dialog.when.setDateTime(QDateTime(later.year, later.month, later.day, later.hour, later.minute, 0))
    dialog.consultant.setCurrentIndex(dialog.consultant.findData(team[1].user_id))
    dialog.reason.setText("客户晚一小时到")  # typed (QTest types ASCII only)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    moved = dialog.result_dto
    assert (moved.consultant_id, moved.scheduled_at) == (team[1].user_id, a.scheduled_at + dt.timedelta(hours=1))
    history = appointment_history(uow(), actor=ctx.actor, appointment_id=a.id)
    assert (history[-1].kind, history[-1].from_consultant_name, history[-1].to_consultant_name) == (
        "rescheduled",
        team[0].full_name,
        team[1].full_name,
    )
    QApplication.processEvents()


def test_a_no_show_is_recorded_and_counted_in_the_traffic_report(qtbot, uow, desk, make_ctx):
    ctx, team, customer = desk
    _book(uow, ctx, team[0], customer, -1)  # was due a minute ago
    page = _page(qtbot, ctx)
    _select_first(qtbot, page)
    qtbot.mouseClick(page.change_buttons["no_show"], LEFT)
    dialog = page.change_dialog
    dialog.reason.setText("电话未接通")  # typed (QTest types ASCII only)
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert dialog.result_dto.status == "no_show"
    manager = make_ctx(Role.SALES_MANAGER)
    reports = ReceptionReportsPage(manager)
    qtbot.addWidget(reports)
    if store_today(utcnow()) == store_today(utcnow() - dt.timedelta(minutes=1)):  # not just past midnight
        assert reports.report.appointments.no_show == 1
        assert "1 no-show (100% of those due)" in reports.no_shows.text()


def test_the_customer_page_lists_the_appointment_changes(qtbot, uow, desk):
    from ui.reception.customer_dialog import open_customer

    ctx, team, customer = desk
    _book(uow, ctx, team[0], customer, 60)
    page = _page(qtbot, ctx)
    _select_first(qtbot, page)
    qtbot.mouseClick(page.change_buttons["cancel"], LEFT)
    page.change_dialog.reason.setText("客户出差")  # typed (QTest types ASCII only)
    qtbot.mouseClick(_ok(page.change_dialog), LEFT)
    dialog = open_customer(ctx, customer.id, page)
    qtbot.addWidget(dialog)
    model = dialog.appointment_changes
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [(r[1], r[4], r[5]) for r in rows] == [("Cancelled", "客户出差", "前台小张"), ("Booked", "", "前台小张")]
