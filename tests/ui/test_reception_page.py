"""Reception page (issue #4): keyboard-only check-in, consent, known mobiles, overrides."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from db.reception_models import Customer, Visit
from tests.factories import add_models, channel_id, make_consultants, make_staff, reception_defaults
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
    p.form.first_field().setFocus()
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


class _Inputs:
    """Counts what the receptionist does: one typed word, one key or one click is one input."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def key(self, widget, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        # An open list of suggestions takes the keyboard, as it does on screen.
        self.qtbot.keyClick(QApplication.activePopupWidget() or widget, k, modifier)

    def type(self, widget, text: str) -> None:
        self.count += 1
        if text.isascii():
            self.qtbot.keyClicks(widget, text)
        else:  # Chinese arrives from the input method as one committed string
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)

    def click(self, widget, pos: QPoint | None = None) -> None:
        self.count += 1
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def _focus(page):
    return page.focusWidget()


def test_keyboard_only_walk_in_in_at_most_8_inputs_4_2_1_1(qtbot, page, uow, desk_setup):
    """Issue #17.8 (4.2.1.1 reception log): a walk-in who gives name and mobile, agrees to the
    notice and came from Autohome, checked in from the keyboard alone in 8 inputs or fewer."""
    _ctx, team = desk_setup
    form, inputs = page.form, _Inputs(qtbot)
    assert _focus(page) is form.name  # the walk-in's first field is who they are
    inputs.type(form.name, "王先生")  # 1
    inputs.key(form.name, Qt.Key.Key_Tab)  # 2
    assert _focus(page) is form.mobile
    inputs.type(form.mobile, "13900001234")  # 3
    inputs.key(form.mobile, Qt.Key.Key_Tab)  # 4
    assert _focus(page) is form.consent_given
    inputs.key(form.consent_given, Qt.Key.Key_Space)  # 5: the customer agreed (PIPL art. 14)
    inputs.key(form.consent_given, Qt.Key.Key_Tab)  # 6
    assert _focus(page) in (form.channel, form.channel.lineEdit())
    inputs.type(form.channel.lineEdit(), "auto")  # 7: the channel picked by typing
    inputs.key(form.channel.lineEdit(), Qt.Key.Key_Return)  # 8: Enter checks the visitor in
    assert inputs.count <= 8
    visits = _visits(uow)
    assert len(visits) == 1
    assert visits[0].consent_given and visits[0].consultant_id == team[0].user_id
    with uow() as u:
        customer = u.session.scalars(select(Customer)).one()
        assert (customer.name, customer.mobile) == ("王先生", "13900001234")
        assert u.session.get(Visit, visits[0].id).channel_id == channel_id(uow, "autohome")
    assert _focus(page) is form.name  # ready for the next visitor


def test_mouse_walk_in_in_at_most_8_inputs_4_2_1_1(qtbot, page, uow, desk_setup):
    """Issue #17.8: the same walk-in with the mouse: click a field, type, click the button."""
    form, inputs = page.form, _Inputs(qtbot)
    inputs.click(form.name)  # 1
    inputs.type(form.name, "王先生")  # 2
    inputs.click(form.mobile)  # 3
    inputs.type(form.mobile, "13900001234")  # 4
    inputs.click(form.consent_given, QPoint(8, form.consent_given.height() // 2))  # 5: the box
    assert form.consent_given.isChecked()
    inputs.click(form.channel.lineEdit())  # 6
    inputs.type(form.channel.lineEdit(), "汽车")  # 7
    inputs.click(form.submit_button)  # 8
    assert inputs.count <= 8
    visits = _visits(uow)
    assert len(visits) == 1 and visits[0].consent_given


def test_anonymous_walk_in_is_the_channel_and_enter(qtbot, page, uow):
    """Issue #17.8: no name given: Tab past name, mobile, to the channel; type it; Enter."""
    form, inputs = page.form, _Inputs(qtbot)
    inputs.key(form.name, Qt.Key.Key_Tab)
    inputs.key(form.mobile, Qt.Key.Key_Tab)
    assert _focus(page) in (form.channel, form.channel.lineEdit())
    inputs.type(form.channel.lineEdit(), "website")
    inputs.key(form.channel.lineEdit(), Qt.Key.Key_Return)
    assert inputs.count <= 4 and len(_visits(uow)) == 1


@pytest.mark.parametrize(
    ("key", "field"),
    [
        (Qt.Key.Key_N, "name"),
        (Qt.Key.Key_O, "mobile"),
        (Qt.Key.Key_C, "channel"),
        (Qt.Key.Key_P, "party_size"),
        (Qt.Key.Key_M, "models"),
        (Qt.Key.Key_R, "arrival"),
        (Qt.Key.Key_L, "consultant"),
    ],
)
def test_the_mnemonics_shown_move_the_cursor_into_the_field(qtbot, page, key, field):
    """Issue #17.8: Alt+N, Alt+O, ... put the cursor in the input, not on its error wrapper."""
    form = page.form
    qtbot.keyClick(form.name, key, Qt.KeyboardModifier.AltModifier)
    target = getattr(form, field)
    assert _focus(page) in (target, getattr(target, "lineEdit", lambda: None)())


def test_one_tab_leaves_the_arrival_time(qtbot, page):
    """Issue #17.8: the arrival time no longer eats a second Tab (hour, then minute)."""
    form = page.form
    form.arrival.setFocus()
    qtbot.keyClick(form.arrival, Qt.Key.Key_Tab)
    assert _focus(page) is form.consultant


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
    assert "李**" in text and "李女士" not in text and consultant.full_name in text  # masked (PIPL)
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
