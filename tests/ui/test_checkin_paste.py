"""A name pasted into the check-in form (issue #17.3): 500 characters with line breaks are
not cut to fit, the check-in is refused with the limit shown beside the field, and nothing
is written. A pasted name that fits is stored on one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from db.reception_models import Customer, Visit
from tests.factories import make_consultants, reception_defaults
from ui.reception.reception_page import ReceptionPage
from ui.shell.i18n import install_translators


@pytest.fixture()
def page(qtbot, uow, make_ctx, sync_ops):
    reception_defaults(uow)
    team = make_consultants(uow, 1)
    ctx = make_ctx(Role.RECEPTION)
    set_roster(uow(), actor=ctx.actor, consultant_ids=[c.user_id for c in team], now=utcnow())
    p = ReceptionPage(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.show()
    qtbot.waitExposed(p)
    return p


def _count(uow, model) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(model))


def _paste_name(qtbot, page, text: str) -> None:
    page.form.first_field().setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(page.form.name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


def test_a_500_character_pasted_name_is_refused_beside_the_field_not_cut(qtbot, language, page, uow):
    pasted = ("王先生\r\n" * 100)[:500]
    _paste_name(qtbot, page, pasted)
    qtbot.keyClick(page.form.name, Qt.Key.Key_Return)
    assert len(page.form.name.text()) > 60  # the field did not cut the paste either
    message = page.findChild(QLabel, "error_name")
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=2000)
    assert {"en": "at most 60 characters", "zh_CN": "最多 60 个字符"}[language] in message.text()
    assert _count(uow, Visit) == 0 and _count(uow, Customer) == 0


def test_a_pasted_name_with_a_line_break_is_stored_on_one_line(qtbot, page, uow):
    form = page.form
    _paste_name(qtbot, page, "王\r\n先生")
    qtbot.keyClick(form.consent_given, Qt.Key.Key_Space)
    qtbot.keyClicks(form.channel.lineEdit(), "Walk-by")
    qtbot.keyClick(QApplication.activePopupWidget() or form.channel.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _count(uow, Visit) == 1, timeout=2000)
    with uow() as u:
        assert u.session.scalars(select(Customer.name)).all() == ["王 先生"]
