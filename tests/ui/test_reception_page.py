"""Reception page (issue #4): keyboard-only check-in, consent, known mobiles, overrides."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from db.reception_models import Customer, Visit
from tests.factories import add_models, make_consultants, make_staff, reception_defaults
from ui.reception.reception_page import ReceptionPage


@pytest.fixture()
def desk_setup(uow, make_ctx, sync_ops):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("BYD", "Han"), ("BYD", "Seal"))
    team = make_consultants(uow, 2)
    ctx = make_ctx(Role.RECEPTION, full_name="前台小张")
    set_roster(uow(), actor=ctx.actor, consultant_ids=[c.user_id for c in team], now=utcnow())
    return ctx, team


@pytest.fixture()
def page(qtbot, desk_setup):
    ctx, _team = desk_setup
    p = ReceptionPage(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    p.form.channel.setFocus()
    return p


FIELDS = (
    "id",
    "version",
    "visit_type",
    "party_size",
    "with_children",
    "consultant_id",
    "consent_given",
    "consent_text_id",
    "consent_shown_at",
)


def _visits(uow) -> list[SimpleNamespace]:
    with uow() as u:
        return [
            SimpleNamespace(**{f: getattr(v, f) for f in FIELDS})
            for v in u.session.scalars(select(Visit).order_by(Visit.id))
        ]


def _count(uow, model) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(model))


def test_keyboard_only_walk_in_with_at_most_8_inputs_goes_by_rotation(qtbot, page, uow, desk_setup):
    _ctx, team = desk_setup
    form = page.form
    inputs = 0

    def key(widget, k, modifier=Qt.KeyboardModifier.NoModifier):
        nonlocal inputs
        inputs += 1
        qtbot.keyClick(widget, k, modifier)

    def type_(widget, text):
        nonlocal inputs
        inputs += 1
        qtbot.keyClicks(widget, text)

    assert form.channel.hasFocus() or form.channel.lineEdit().hasFocus()  # focus starts in field 1
    type_(form.channel.lineEdit(), "website")  # 1: channel by type-ahead
    key(form.channel.lineEdit(), Qt.Key.Key_Tab)  # 2
    assert page.focusWidget() is form.visit_type
    key(form.visit_type, Qt.Key.Key_Tab)  # 3: walk-in stays
    assert page.focusWidget() is form.party_size
    type_(form.party_size, "3")  # 4: party of three
    key(form.party_size, Qt.Key.Key_Tab)  # 5
    key(form.with_children, Qt.Key.Key_Space)  # 6: with children
    assert not form.child_banner.isHidden()  # 4.2.1.4 reminder shown
    key(form.with_children, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 7: Ctrl+Enter
    assert inputs <= 8
    visits = _visits(uow)
    assert len(visits) == 1
    v = visits[0]
    assert (v.visit_type, v.party_size, v.with_children) == ("walk_in", 3, True)
    assert v.consultant_id == team[0].user_id
    assert page.last_result.visit.assigned_by == "rotation"
    assert page.confirmation.text().startswith("Assigned to " + team[0].full_name)
    # ready for the next visitor
    assert form.channel.currentText() == "" and form.party_size.value() == 1
    assert page.focusWidget() in (form.channel, form.channel.lineEdit())


def test_enter_in_the_channel_field_checks_a_walk_in_in(qtbot, page, uow, desk_setup):
    qtbot.keyClicks(page.form.channel.lineEdit(), "walk")
    page.form.channel.completer().popup().hide()
    qtbot.keyClick(page.form.channel.lineEdit(), Qt.Key.Key_Return)
    assert len(_visits(uow)) == 1


def test_bad_mobile_shows_a_message_beside_the_field_and_writes_nothing(qtbot, page, uow):
    form = page.form
    qtbot.keyClicks(form.channel.lineEdit(), "website")
    form.mobile.setText("12345")
    form.consent_given.setChecked(True)
    page.submit()
    label = form.findChild(QLabel, "error_mobile")
    assert not label.isHidden() and "11" in label.text()
    assert _visits(uow) == [] and _count(uow, Customer) == 0


def test_name_without_consent_is_refused_beside_the_consent_box(qtbot, page, uow):
    form = page.form
    qtbot.keyClicks(form.channel.lineEdit(), "website")
    form.name.setText("王先生")
    assert not form.consent_box.isHidden()
    assert "v1" in form.consent_title.text()
    page.submit()
    assert not form.findChild(QLabel, "error_consent_given").isHidden()
    assert _visits(uow) == []
    form.consent_given.setChecked(True)
    page.submit()
    v = _visits(uow)[0]
    assert v.consent_given and v.consent_text_id is not None and v.consent_shown_at is not None


def test_known_mobile_shows_history_and_consultant_and_keeps_them(qtbot, page, uow, desk_setup):
    ctx, team = desk_setup
    from tests.factories import walk_in

    walk_in(uow, ctx.actor, now=utcnow(), name="李女士", mobile="13912345678")
    first = _visits(uow)[0]
    # finish it so the consultant is free; the next visit must still go to them
    from app.reception.visits import visitor_left

    visitor_left(uow(), actor=ctx.actor, visit_id=first.id, expected_version=first.version)
    page.form.mobile.setText("139 1234 5678")
    qtbot.waitUntil(lambda: not page.form.history.isHidden(), timeout=4000)
    text = page.form.history.text()
    consultant = next(c for c in team if c.user_id == first.consultant_id)
    assert "李女士" in text and consultant.full_name in text
    assert page.form.consent_box.isHidden()  # consent already on record
    qtbot.keyClicks(page.form.channel.lineEdit(), "website")
    page.submit()
    assert page.last_result.visit.consultant_id == first.consultant_id
    assert page.last_result.visit.visit_type == "return_visit"


def test_override_without_reason_is_refused_then_logged_with_one(qtbot, page, uow, desk_setup):
    _ctx, team = desk_setup
    form = page.form
    qtbot.keyClicks(form.channel.lineEdit(), "website")
    form.consultant.setCurrentIndex(form.consultant.findData(team[1].user_id))
    page.submit()
    assert not form.findChild(QLabel, "error_override_reason").isHidden()
    assert _visits(uow) == []
    form.override_reason.setText("customer asked for him")
    page.submit()
    v = page.last_result.visit
    assert v.consultant_id == team[1].user_id and v.assigned_by == "override"
    assert v.override_reason == "customer asked for him"


def test_booking_needs_consent_and_the_arrival_becomes_an_appointment_visit(qtbot, page, uow, desk_setup):
    _ctx, team = desk_setup
    dialog = page.book_appointment()
    dialog.name.setText("Mr Zhao")
    dialog.mobile.setText("13700001111")
    dialog.consultant.setCurrentIndex(dialog.consultant.findData(team[1].user_id))
    import datetime as dt

    from PySide6.QtCore import QDateTime

    from app.core.clock import to_store_time

    soon = to_store_time(utcnow()) + dt.timedelta(minutes=10)
    dialog.when.setDateTime(QDateTime(soon.year, soon.month, soon.day, soon.hour, soon.minute, 0))
    dialog.confirm()
    assert not dialog.findChild(QLabel, "error_consent_given").isHidden()
    dialog.consent_given.setChecked(True)
    dialog.confirm()
    assert dialog.result_dto is not None and dialog.result_dto.consultant_id == team[1].user_id
    page.refresh()
    if page.appointments.rowCount():  # booked for later today (not when run just before midnight)
        page.appointments_view.selectRow(0)
        page.appointment_arrived()
        qtbot.keyClicks(page.form.channel.lineEdit(), "website")
        page.submit()
        v = page.last_result.visit
        assert v.visit_type == "appointment" and v.consultant_id == team[1].user_id
