"""The Complaints page walked by clicking (issue #19.9): a complaint from the 12345 hotline is
received, answered, refused closure without the customer's confirmation (3.16), closed with it,
and found again by its number at the front desk (5.2.7); a late clock is red (3.17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.customer_care.api import complaint_board
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.integration.complaint_factories import make_complaint
from ui.customer_care.complaint_table_model import FIRST_RESPONSE_COLUMN, CLOCK_TONES
from ui.customer_care.complaints_page import ComplaintsPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton


def _page(qtbot, ctx) -> ComplaintsPage:
    page = ComplaintsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _choose(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


def _receive(qtbot, page, uow) -> str:
    qtbot.mouseClick(page.findChild(type(page.seen_button), "receive_complaint_button"), LEFT)
    d = page.dialog
    _choose(d.channel, "hotline_12345")
    _choose(d.category, "delivery")
    d.contact_name.setText("李女士")  # Chinese via setText: keyClicks cannot type it
    qtbot.keyClicks(d.contact_mobile, "13800001234")
    d.summary.setPlainText("交车时承诺的脚垫未到")
    qtbot.mouseClick(d.save_button, LEFT)
    assert d.result_dto is not None, d.general_error.text()
    return d.result_dto.number


def _click_row_button(qtbot, page, name: str):
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(type(page.seen_button), name), LEFT)
    return page.dialog


def test_a_12345_complaint_from_receipt_to_closure_by_clicking_3_16(qtbot, make_ctx, uow):
    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER, full_name="王经理")
    page = _page(qtbot, ctx)
    number = _receive(qtbot, page, uow)
    assert page.model.rowCount() == 1 and page.model.row_at(0).number == number
    assert "12345 hotline: 1" in page.count.text()

    d = _click_row_button(qtbot, page, "first_response_button")
    d.text.setPlainText("您的投诉已受理，明天回电")
    qtbot.mouseClick(d.save_button, LEFT)
    assert page.model.row_at(0).first_response_clock == "met"

    d = _click_row_button(qtbot, page, "close_complaint_button")
    d.result_text.setPlainText("补送脚垫并致歉")
    qtbot.mouseClick(d.save_button, LEFT)  # no confirmation chosen: refused (3.16)
    assert d.result_dto is None and d.errors.shown()
    _choose(d.confirmation, "confirmed")
    qtbot.mouseClick(d.save_button, LEFT)
    assert d.result_dto.status == "closed"
    assert page.model.rowCount() == 0  # open only

    qtbot.mouseClick(page.findChild(type(page.seen_button), "progress_lookup_button"), LEFT)
    lookup = page.dialog
    qtbot.keyClicks(lookup.number, number)
    qtbot.keyClicks(lookup.tail, "9999")
    qtbot.mouseClick(lookup.lookup, LEFT)
    assert lookup.errors.shown() and lookup.answer.text() == ""
    lookup.tail.clear()
    qtbot.keyClicks(lookup.tail, "1234")
    qtbot.mouseClick(lookup.lookup, LEFT)
    assert number in lookup.answer.text() and "补送脚垫并致歉" in lookup.answer.text()


def test_an_overdue_first_response_is_red_and_escalated_to_the_manager_3_17(qtbot, make_ctx, uow):
    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER)
    handler = make_user(uow, Role.CONSULTANT)
    late = make_complaint(uow, ctx.actor, handler.user_id, hours_ago=80)
    page = _page(qtbot, ctx)
    index = page.model.index(0, FIRST_RESPONSE_COLUMN)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) == QColor(CLOCK_TONES["red"][0])
    assert late.number in page.escalation.text()
    qtbot.mouseClick(page.seen_button, LEFT)
    assert page.escalation.text() == ""
    assert len(complaint_board(uow(), actor=ctx.actor).rows) == 1


def test_a_consultant_sees_only_their_complaints_and_cannot_close(qtbot, make_ctx, uow):
    make_store(uow)
    ctx = make_ctx(Role.CONSULTANT)
    manager = make_user(uow, Role.SALES_MANAGER)
    make_complaint(uow, manager, manager.user_id)
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 0
    assert not page.findChild(type(page.seen_button), "close_complaint_button").isVisibleTo(page)


def test_a_recording_is_kept_with_the_complaint_by_clicking_4_5_2_2(qtbot, make_ctx, uow, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER)
    make_complaint(uow, ctx.actor, ctx.actor.user_id)
    recording = tmp_path / "call.mp3"
    recording.write_bytes(b"ID3 the customer's call")
    # The file dialog is Qt's; it answers with the recording as a user would.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(recording), ""))
    page = _page(qtbot, ctx)
    page.table.selectRow(0)
    assert page.detail.complaint is not None
    qtbot.mouseClick(page.detail.add_button, LEFT)
    assert "call.mp3" in page.detail.text.toPlainText()
    assert page.detail.complaint.materials[0].size == len(b"ID3 the customer's call")


def test_a_manager_corrects_a_day_and_marks_2027_entered(qtbot, make_ctx, uow):
    import datetime as dt

    from PySide6.QtCore import QDate

    from app.customer_care.api import library_years, working_calendar

    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER)
    page = _page(qtbot, ctx)
    qtbot.mouseClick(page.findChild(type(page.seen_button), "working_days_button"), LEFT)
    d = page.dialog
    d.day.setDate(QDate(2026, 12, 24))
    qtbot.keyClicks(d.note, "store anniversary")
    qtbot.mouseClick(d.save_day, LEFT)
    assert "2026-12-24" in d.days.item(0).text()
    beyond = library_years().stop
    d.year.setValue(beyond)
    qtbot.mouseClick(d.enter_year, LEFT)
    assert str(beyond) in d.message.text()
    with uow() as u:
        cal = working_calendar(u.session)
    assert not cal.is_working(dt.date(2026, 12, 24)) and cal.is_working(dt.date(beyond, 1, 4))


def test_the_page_names_a_coming_year_whose_holidays_are_not_known(qtbot, make_ctx, uow, sync_ops):
    """From early December the next year's deadlines are provisional until its holidays are
    entered (办法 art. 18's 7 working days): the manager is told, with the year."""
    from app.customer_care.api import years_to_enter

    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER)
    page = _page(qtbot, ctx)
    missing = years_to_enter(uow(), ctx.actor)
    assert page.calendar_warning.isVisible() == bool(missing)
    assert all(str(y) in page.calendar_warning.text() for y in missing)
