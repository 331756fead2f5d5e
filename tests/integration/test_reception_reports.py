"""Daily traffic report (by hour, source, visit type, consultant) and its XLSX export."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.core.errors import PermissionDenied, ShowroomError, ValidationFailed
from app.reception import reports as reception_reports, visits as reception_visits
from db.models import Role
from tests.factories import channel_id, make_consultants, make_staff, on_duty, reception_defaults, walk_in

DAY = dt.date(2026, 3, 10)


def _at(hh_mm: str, day: dt.date = DAY) -> dt.datetime:
    """Store-local time on DAY -> naive UTC."""
    return dt.datetime.combine(day, dt.time.fromisoformat(hh_mm)) - dt.timedelta(hours=8)


@pytest.fixture()
def scene(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    team = make_consultants(uow, 2)
    on_duty(uow, desk, team, now=_at("08:30"))
    web, phone = channel_id(uow, "website"), channel_id(uow, "phone")
    a = walk_in(uow, desk, _at("09:05"), party_size=2).visit
    walk_in(uow, desk, _at("09:40"), channel_id=web, party_size=3)
    walk_in(uow, desk, _at("09:50"), channel_id=web, visit_type="invited")  # both busy: waits
    reception_visits.end_visit(
        uow(),
        actor=team[0],
        visit_id=a.id,
        expected_version=a.version,
        outcome="test_drive",
        intent_level="A",
        now=_at("10:30"),
    )
    walk_in(uow, desk, _at("14:10"), channel_id=phone, visit_type="appointment", party_size=1)
    walk_in(uow, desk, _at("07:59", DAY + dt.timedelta(days=1)))  # the next day: not counted
    return desk, manager, team


def test_daily_traffic_by_hour_source_type_and_consultant(uow, scene):
    desk, manager, team = scene
    r = reception_reports.traffic_report(uow(), actor=manager, start_day=DAY)
    assert (r.visits, r.people) == (4, 7)
    hours = {row.key: row.visits for row in r.by_hour}
    assert len(r.by_hour) == 24 and (hours["09"], hours["14"], hours["10"]) == (3, 1, 0)
    assert [(row.key, row.label, row.visits, row.people) for row in r.by_channel] == [
        ("walk_by", "路过/自然到店", 1, 2),
        ("website", "官网", 2, 4),
        ("phone", "电话咨询", 1, 1),
    ]
    assert {row.key: row.visits for row in r.by_visit_type} == {
        "walk_in": 2,
        "invited": 1,
        "appointment": 1,
        "return_visit": 0,
    }
    # The invited visitor waited, then went to team[0] when the test drive ended at 10:30; the
    # 14:10 visitor is still waiting (both consultants busy): key "" is "unassigned".
    assert [(row.key, row.label, row.visits) for row in r.by_consultant] == [
        (str(team[0].user_id), team[0].full_name, 2),
        (str(team[1].user_id), team[1].full_name, 1),
        ("", "", 1),
    ]
    outcomes = {row.key: row.visits for row in r.by_outcome}
    assert (outcomes["test_drive"], outcomes["open"]) == (1, 3)
    two_days = reception_reports.traffic_report(uow(), actor=manager, start_day=DAY, end_day=DAY + dt.timedelta(days=1))
    assert two_days.visits == 5
    with pytest.raises(ValidationFailed):
        reception_reports.traffic_report(uow(), actor=manager, start_day=DAY, end_day=DAY - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        reception_reports.traffic_report(uow(), actor=desk, start_day=DAY)


def test_traffic_exports_to_xlsx_one_sheet_per_breakdown(uow, scene, tmp_path):
    _, manager, team = scene
    labels = {
        "summary": "汇总",
        "by_hour": "按小时",
        "by_channel": "按来源",
        "hour": "小时",
        "visits": "批次",
        "people": "人数",
        "walk_in": "自然到店",
    }
    path = tmp_path / "traffic.xlsx"
    reception_reports.export_traffic_xlsx(uow(), actor=manager, path=path, start_day=DAY, labels=labels)
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "按小时", "按来源", "by_visit_type", "by_consultant", "by_outcome"]
    assert [c.value for c in wb["按小时"][1]] == ["小时", "批次", "人数"]
    rows = {r[0]: r[1] for r in wb["按小时"].iter_rows(min_row=2, values_only=True)}
    assert rows["09"] == 3 and rows["total_visits"] == 4
    assert ("自然到店", 2, 5) in set(wb["by_visit_type"].iter_rows(min_row=2, values_only=True))
    assert wb["汇总"]["B1"].value == "2026-03-10" and wb["汇总"]["B2"].value == 4
    with pytest.raises(ShowroomError) as e:
        reception_reports.export_traffic_xlsx(uow(), actor=manager, path=tmp_path / "t.csv", start_day=DAY)
    assert e.value.code == "export_format"
    with pytest.raises(ShowroomError) as e:
        reception_reports.export_traffic_xlsx(uow(), actor=manager, path=tmp_path / "no" / "t.xlsx", start_day=DAY)
    assert e.value.code == "export_unwritable"


def test_owasp_csv_injection_names_reach_the_traffic_xlsx_as_text_not_formulas(uow, tmp_path):
    # Issue #15.12 (OWASP CSV injection): a consultant's name and a source channel's name are
    # typed by staff; in the manager's Excel they must stay text, never a live formula.
    from sqlalchemy import update

    from db.reception_models import SourceChannel

    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    evil = make_staff(uow, Role.CONSULTANT, full_name='=HYPERLINK("http://x","y")')
    on_duty(uow, desk, [evil], now=_at("08:30"))
    web = channel_id(uow, "website")
    with uow() as u:
        u.session.execute(update(SourceChannel).where(SourceChannel.id == web).values(name="@SUM(A1)"))
        u.commit()
    walk_in(uow, desk, _at("09:05"), channel_id=web, party_size=2)
    path = tmp_path / "traffic.xlsx"
    reception_reports.export_traffic_xlsx(uow(), actor=manager, path=path, start_day=DAY)
    wb = load_workbook(path)
    cells = {
        c.value: c
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("'")
    }
    assert set(cells) == {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)"}
    assert all(c.data_type == "s" for c in cells.values())
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)
    counts = {r[0]: r[1:] for r in wb["by_consultant"].iter_rows(min_row=2, values_only=True)}
    assert counts['\'=HYPERLINK("http://x","y")'] == (1, 2)  # the numbers stay numbers
