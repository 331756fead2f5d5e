"""The queue board at 1366×768 (issue #17.3): a long name and many models elide in their
columns instead of pushing 销售顾问 (consultant) and 等候时长 (waiting) off screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from tests.factories import add_models, make_consultants, make_staff, reception_defaults, walk_in
from ui.reception.models import VisitTableModel
from ui.reception.queue_page import QueuePage
from ui.shell.context import AppContext
from ui.shell.i18n import install_translators

MODELS = [("比亚迪", f"汉 DM-i 冠军版 {n} 2025 款 长续航旗舰型") for n in range(6)]


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


def test_consultant_and_waiting_stay_on_a_1366_wide_screen(qtbot, uow, database, sync_ops, language):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, *MODELS)
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[team[0].user_id], now=utcnow())
    name = "欧阳" + "长" * 56 + "先生"  # 60 characters, the most a name may have
    walk_in(uow, desk, now=utcnow(), name=name, mobile="13912345678", interested_models=MODELS)
    page = QueuePage(AppContext(database, desk))
    qtbot.addWidget(page)
    page.resize(1366 - 170, 700)  # the main window's width less its navigation
    page.show()
    qtbot.waitExposed(page)
    view, model = page.views["waiting"], page.models["waiting"]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    cols = VisitTableModel.Col
    right_edge = view.viewport().width()
    for column in (cols.CONSULTANT, cols.WAITING):
        assert view.columnViewportPosition(column) + view.columnWidth(column) <= right_edge
    header = model.headerData(cols.CONSULTANT, Qt.Orientation.Horizontal)
    assert header == ("销售顾问" if language == "zh_CN" else "Consultant")
    # the whole (masked, PIPL) name is still one hover away
    tip = model.index(0, cols.VISITOR).data(Qt.ItemDataRole.ToolTipRole)
    assert "欧" + "*" * 59 in tip and name not in tip


def test_a_consultants_queue_opens_on_their_own_visitors(qtbot, uow, database, sync_ops):
    """Issue #17.7: a consultant lands on the queue with their own visitors; one click on
    "My visitors only" shows everyone's."""
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    me, other = make_consultants(uow, 2)
    set_roster(uow(), actor=desk, consultant_ids=[me.user_id, other.user_id], now=utcnow())
    visits = [walk_in(uow, desk, now=utcnow()).visit for _ in range(2)]  # rotation: one each
    assert {v.consultant_id for v in visits} == {me.user_id, other.user_id}
    page = QueuePage(AppContext(database, me))
    qtbot.addWidget(page)
    page.resize(1196, 700)
    page.show()
    view = page.views["waiting"]
    qtbot.waitUntil(lambda: page.models["waiting"].rowCount() == 2, timeout=2000)
    assert page.only_mine.isChecked() and view.model().rowCount() == 1
    assert page.boxes["waiting"].title().endswith("(1)")
    view.selectRow(0)
    assert page.selected_visit().consultant_id == me.user_id
    qtbot.mouseClick(page.only_mine, Qt.MouseButton.LeftButton)
    assert view.model().rowCount() == 2 and page.boxes["waiting"].title().endswith("(2)")
    assert page.selected_visit().consultant_id == me.user_id  # the selection stays on the visit
    # the desk sees every visitor and has no such filter
    desk_page = QueuePage(AppContext(database, desk))
    qtbot.addWidget(desk_page)
    assert not desk_page.only_mine.isChecked() and desk_page.views["waiting"].model().rowCount() == 2
