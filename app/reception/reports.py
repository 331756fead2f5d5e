"""Reception reports: daily traffic (by hour, source, visit type, consultant, outcome) with
XLSX export, month-end lead snapshots and the 5.2.1 c)/e) KPIs as 3.12 / 3.13 define them.

3.12 月平均成交率 = 月成交订单数 / (上月留存意向 + 本月新增意向) × 100%   (target ≥ 25%)
3.13 试乘试驾率   = 试乘试驾数 / 意向留存数 × 100%                        (target ≥ 30%)
The month line reads them from the KPI feature (app.kpis, docs/kpis_design.md), so the leads page
and the KPI dashboard show one figure: intentions are leads with a person's contact
(app.reception.intentions), orders signed contracts, test drives returned drives.
Months and hours are store-local (UTC+8).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import func, select

from app.core.clock import month_start, next_month, store_day_bounds, store_month_bounds, to_store_time, utcnow
from app.reception.intentions import count_by, intention_counts, retained_intentions
from app.reception.rules import kpi_closure_rate, kpi_test_drive_rate
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.dto import Actor
from app.reception.dto import CountRow, MonthKpiDTO, SnapshotDTO, TrafficReportDTO
from app.reception.appointment_log import APPOINTMENT_LABEL_KEYS, appointment_rows, appointment_tally
from app.reception.support import staff_name
from app.core.spreadsheet_cells import escape_formula
from db.private_files import touch_private
from db.reception_models import KpiMonth, SourceChannel, Visit, VisitOutcome, VisitType
from db.uow import UnitOfWork
from app.reception.snapshots import record_snapshot, snapshot_dto

MAX_REPORT_DAYS = 366


# --- traffic ---------------------------------------------------------------------------------


def traffic_report(
    uow: UnitOfWork, *, actor: Actor, start_day: dt.date, end_day: dt.date | None = None
) -> TrafficReportDTO:
    """Visits and people per store-local hour, source channel, visit type, consultant and
    outcome, for one day or a range of days; appointments by outcome, no-shows too (#17.12)."""
    require(actor, Action.RECEPTION_REPORTS)
    end_day = end_day or start_day
    if end_day < start_day or (end_day - start_day).days >= MAX_REPORT_DAYS:
        raise ValidationFailed([FieldError("end_day", "out_of_range", {"max_days": MAX_REPORT_DAYS})])
    start, _ = store_day_bounds(start_day)
    _, end = store_day_bounds(end_day)
    with uow:
        s = uow.session
        rows = s.execute(
            select(
                Visit.arrival_at,
                Visit.party_size,
                Visit.channel_id,
                Visit.visit_type,
                Visit.consultant_id,
                Visit.outcome,
            ).where(Visit.arrival_at >= start, Visit.arrival_at < end)
        ).all()
        channels = {c.id: c for c in s.scalars(select(SourceChannel))}
        visits: Counter[tuple[str, str]] = Counter()
        people: Counter[tuple[str, str]] = Counter()

        def add(group: str, key: str, size: int) -> None:
            visits[(group, key)] += 1
            people[(group, key)] += size

        for arrival, size, channel_id, visit_type, consultant_id, outcome in rows:
            add("hour", f"{to_store_time(arrival).hour:02d}", size)
            add("channel", channels[channel_id].code if channel_id in channels else "", size)
            add("visit_type", visit_type, size)
            add("consultant", "" if consultant_id is None else str(consultant_id), size)
            add("outcome", outcome or "open", size)

        def group(name: str, keys, label=lambda k: k, label_en=lambda k: "") -> tuple[CountRow, ...]:
            return tuple(CountRow(k, label(k), visits[(name, k)], people[(name, k)], label_en(k)) for k in keys)

        seen = lambda name: [k for g, k in visits if g == name]  # noqa: E731
        by_code = {c.code: c for c in channels.values()}
        channel_keys = sorted(
            seen("channel"), key=lambda k: (by_code[k].sort_order, k) if k in by_code else (1 << 30, k)
        )
        consultant_keys = sorted(seen("consultant"), key=lambda k: (k == "", int(k) if k else 0))
        names = {k: staff_name(s, int(k)) or k for k in consultant_keys if k}
        return TrafficReportDTO(
            start_day=start_day,
            end_day=end_day,
            visits=len(rows),
            people=sum(r[1] for r in rows),
            by_hour=group("hour", [f"{h:02d}" for h in range(24)]),
            by_channel=group("channel", channel_keys, *_channel_names(by_code)),  # zh and en (issue #17.11)
            by_visit_type=group("visit_type", [t.value for t in VisitType]),
            by_consultant=group("consultant", consultant_keys, lambda k: names.get(k, "")),
            by_outcome=group("outcome", [o.value for o in VisitOutcome] + ["open"]),
            appointments=appointment_tally(s, start, end),
        )


def _channel_names(by_code):
    """A channel code's Chinese and English names (the English UI shows the latter)."""
    return (lambda k: by_code[k].name if k in by_code else k), (lambda k: by_code[k].name_en if k in by_code else "")


REPORT_LABEL_KEYS = (
    "summary",
    "by_hour",
    "by_channel",
    "by_visit_type",
    "by_consultant",
    "by_outcome",
    "period",
    "total_visits",
    "total_people",
    "hour",
    "channel",
    "visit_type",
    "consultant",
    "outcome",
    "visits",
    "people",
    "unassigned",
    "open",
    *APPOINTMENT_LABEL_KEYS,
    *[t.value for t in VisitType],
    *[o.value for o in VisitOutcome],
)


def export_traffic_xlsx(
    uow: UnitOfWork,
    *,
    actor: Actor,
    path: Path,
    start_day: dt.date,
    end_day: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
    english_names: bool = False,
) -> TrafficReportDTO:
    """Write the traffic report as .xlsx, one sheet per breakdown. `labels` translates the
    words in REPORT_LABEL_KEYS (sheet names, headers, visit types, outcomes); missing keys
    are written as the key itself; `english_names`: channels by English name (issue #17.11)."""
    report = traffic_report(uow, actor=actor, start_day=start_day, end_day=end_day)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())

    def tr(key: str) -> str:
        return (labels or {}).get(key, key)

    tmp = path.with_name(f".{path.name}.tmp")  # written through a temporary file, then renamed
    try:
        touch_private(tmp)  # owner-only before anything is written (issue #15.4)
        _write_xlsx(tmp, report, tr, english_names)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ShowroomError("export_unwritable", path=str(path), reason=e.strerror or type(e).__name__) from None
    return report


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31] or "sheet"


def _safe(row) -> list:
    """Issue #15.12 (OWASP CSV injection): channel and staff names are typed by users; a
    name like =HYPERLINK(...) must reach the manager's Excel as text, never as a formula."""
    return [escape_formula(v) for v in row]


def _write_xlsx(path: Path, report: TrafficReportDTO, tr, english_names: bool = False) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(tr("summary"))
    period = report.start_day.isoformat() + (
        "" if report.end_day == report.start_day else f" – {report.end_day.isoformat()}"
    )
    for row in ((tr("period"), period), (tr("total_visits"), report.visits), (tr("total_people"), report.people)):
        ws.append(_safe(row))
    for row in appointment_rows(report.appointments, tr):
        ws.append(_safe(row))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 26
    sheets = (
        ("by_hour", "hour", report.by_hour, False),
        ("by_channel", "channel", report.by_channel, False),
        ("by_visit_type", "visit_type", report.by_visit_type, True),
        ("by_consultant", "consultant", report.by_consultant, False),
        ("by_outcome", "outcome", report.by_outcome, True),
    )
    for sheet, column, rows, translate in sheets:
        ws = wb.create_sheet(_sheet_title(tr(sheet)))
        ws.append(_safe([tr(column), tr("visits"), tr("people")]))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            name = (r.label_en if english_names else "") or r.label
            label = tr(r.key) if translate else (name or tr("unassigned"))
            ws.append(_safe([label, r.visits, r.people]))
        ws.append(_safe([tr("total_visits"), sum(r.visits for r in rows), sum(r.people for r in rows)]))
        ws.column_dimensions["A"].width = 24
        ws.freeze_panes = "A2"
    wb.save(path)


# --- month snapshots and KPIs ----------------------------------------------------------------


def snapshot_month(uow: UnitOfWork, *, actor: Actor, month: dt.date, now: dt.datetime | None = None) -> SnapshotDTO:
    """Record, once and for good, which leads were retained at the end of a finished month
    (上月留存意向 for next month's 3.12). Taking it again returns the snapshot on record.
    Terminals take every due snapshot themselves (app.reception.snapshots, issue #17.14)."""
    require(actor, Action.RECEPTION_REPORTS)
    now = now or utcnow()
    first = month_start(month)
    _, end = store_month_bounds(first)
    if now < end:
        raise ValidationFailed([FieldError("month", "month_not_over", {"month": first.isoformat()})])
    return record_snapshot(uow, first, now=now, taken_by_id=actor.user_id)


def list_snapshots(uow: UnitOfWork, *, actor: Actor) -> list[SnapshotDTO]:
    require(actor, Action.RECEPTION_REPORTS)
    with uow:
        return [snapshot_dto(uow.session, k) for k in uow.session.scalars(select(KpiMonth).order_by(KpiMonth.month))]


def month_kpi(uow: UnitOfWork, *, actor: Actor, month: dt.date, now: dt.datetime | None = None) -> MonthKpiDTO:
    """3.12 closure rate and 3.13 test-drive rate of a store-local month, with their inputs, as
    the KPI feature computes them (app.kpis: one definition in the product, issue #20.1)."""
    from app.kpis.api import KpiCode, Period, formulas  # app.kpis reads reception's intentions

    require(actor, Action.RECEPTION_REPORTS)
    now = now or utcnow()
    period = Period.month(month_start(month))
    start, end = period.bounds()
    found = formulas()
    with uow:
        s = uow.session
        closure = found[KpiCode.CLOSURE].counts(s, period, by=None, as_of=now)[None]
        drives = found[KpiCode.TEST_DRIVE].counts(s, period, by=None, as_of=now)[None]
        # The denominator's two parts: counted once in this read, shared with both figures.
        parts = intention_counts(s, period.first_day, period.last_day, None)
        visits = s.scalar(select(func.count(Visit.id)).where(Visit.arrival_at >= start, Visit.arrival_at < end))
        retained_end = None
        if now >= end:
            after, _ = retained_intentions(s, next_month(period.first_day))
            retained_end = count_by(s, after, None)[None]
        retained, new = parts.retained.get(None, 0), parts.new.get(None, 0)
        return MonthKpiDTO(
            month=period.first_day,
            visits=visits or 0,
            new_leads=new,
            retained_last_month=retained,
            retained_last_month_from_snapshot=parts.from_snapshot,
            retained_at_month_end=retained_end,
            orders=closure.numerator,
            test_drives=drives.numerator,
            closure_rate=kpi_closure_rate(closure.numerator, retained, new),
            test_drive_rate=kpi_test_drive_rate(drives.numerator, drives.denominator),
        )
