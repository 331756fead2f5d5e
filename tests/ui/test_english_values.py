"""Values with an English name show in English in the English UI (issue #17.11), in Chinese
in the Chinese one: the source channel on the queue board, in the check-in form's list, in the
traffic report and in its XLSX."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from tests.factories import channel_id, make_consultants, make_staff, reception_defaults, walk_in
from ui.reception.models import VisitTableModel
from ui.reception.queue_page import QueuePage
from ui.reception.reception_page import ReceptionPage
from ui.reception.reports_page import ReceptionReportsPage
from ui.shell.context import AppContext
from ui.shell.i18n import install_translators

AUTOHOME = {"en": "Autohome", "zh_CN": "汽车之家"}


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    assert install_translators(request.param)
    yield request.param
    install_translators("en")


@pytest.fixture()
def floor(uow, sync_ops):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[team[0].user_id], now=utcnow())
    walk_in(uow, desk, now=utcnow(), channel_id=channel_id(uow, "autohome"))
    return desk


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def test_the_queue_shows_the_channel_in_the_uis_language(qtbot, database, floor, language):
    page = _shown(qtbot, QueuePage(AppContext(database, floor)))
    model = page.models["waiting"]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.index(0, VisitTableModel.Col.SOURCE).data() == AUTOHOME[language]


def test_the_check_in_list_names_the_channel_in_the_uis_language_first(qtbot, database, floor, language):
    page = _shown(qtbot, ReceptionPage(AppContext(database, floor)))
    combo = page.form.channel
    qtbot.waitUntil(lambda: combo.count() > 0, timeout=2000)
    items = [combo.itemText(i) for i in range(combo.count())]
    other = "汽车之家" if language == "en" else "Autohome"
    assert f"{AUTOHOME[language]} · {other}" in items


def test_the_traffic_report_and_its_xlsx_name_channels_in_the_uis_language(
    qtbot, uow, database, floor, tmp_path, language
):
    manager = make_staff(uow, Role.SALES_MANAGER)
    page = _shown(qtbot, ReceptionReportsPage(AppContext(database, manager)))
    qtbot.waitUntil(lambda: page.by_channel.rowCount() == 1, timeout=2000)
    assert page.by_channel.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == AUTOHOME[language]
    target = tmp_path / "traffic.xlsx"
    page.export(str(target))
    sheets = openpyxl.load_workbook(target).worksheets
    names = {row[0] for ws in sheets for row in ws.iter_rows(values_only=True) if row}
    assert AUTOHOME[language] in names
