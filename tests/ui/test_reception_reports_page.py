"""Traffic report page: counts match the day's check-ins; the XLSX says the same (issue #4.7)."""

from __future__ import annotations


import openpyxl

from app.core.clock import utcnow
from app.reception.duty import set_roster
from db.models import Role
from tests.factories import channel_id, make_consultants, make_staff, reception_defaults, walk_in
from ui.shell.context import AppContext
from ui.reception.reports_page import ReceptionReportsPage


def test_report_counts_match_the_check_ins_and_the_xlsx(qtbot, uow, database, tmp_path, sync_ops):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    desk = make_staff(uow, Role.RECEPTION)
    team = make_consultants(uow, 2)
    set_roster(uow(), actor=desk, consultant_ids=[c.user_id for c in team], now=utcnow())
    now = utcnow()
    walk_in(uow, desk, now=now, party_size=2)
    walk_in(uow, desk, now=now, channel_id=channel_id(uow, "website"))
    walk_in(uow, desk, now=now, channel_id=channel_id(uow, "website"), visit_type="invited")
    page = ReceptionReportsPage(AppContext(database, manager))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    assert (page.report.visits, page.report.people) == (3, 4)
    channels = {r.label: (r.visits, r.people) for r in page.by_channel.rows()}
    assert channels == {"路过/自然到店": (1, 2), "官网": (2, 2)}
    types = {r.key: r.visits for r in page.by_visit_type.rows()}
    assert types["walk_in"] == 2 and types["invited"] == 1
    assert sum(r.visits for r in page.by_hour.rows()) == 3
    assert sum(r.visits for r in page.by_consultant.rows()) == 3
    assert page.by_channel.index(1, 1).data() == 2
    target = tmp_path / "traffic.xlsx"
    page.export(str(target))
    book = openpyxl.load_workbook(target)
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            if row and row[0] in ("Walk-by", "Website"):
                found[row[0]] = tuple(row[1:3])
    assert found == {"Walk-by": (1, 2), "Website": (2, 2)}  # the English UI's workbook (issue #17.11)
