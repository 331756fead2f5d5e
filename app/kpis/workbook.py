"""The KPI workbook (KPI 统计表, issue #20.4): an .xlsx with a summary sheet (the eight 5.2.1
figures of a period against their targets, then per consultant) and one sheet per KPI that
lists the exact records behind its numerator and denominator, so an auditor can recount
every figure by hand.

The evidence pack (app/kpis/evidence*.py) puts this file in a ZIP whose file hashes must repeat:
for the same data and the same `as_of` the bytes are identical. openpyxl stamps the document's
modified time and every ZIP entry with the clock, so the document properties are set to
`as_of` and the archive is rewritten with one fixed entry time (`_fixed_zip`).

Every text cell goes through `escape_formula` (OWASP CSV injection, issue #15.12): names and
references are typed by users.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import to_store_time, utcnow
from app.core.dto import Actor
from app.core.errors import ShowroomError
from app.core.permissions import Action, require
from app.core.spreadsheet_cells import escape_formula
from app.kpis import report_pdf_text as words
from app.kpis.api import figures_in, formulas
from app.kpis.definitions import BY_CODE, KPIS, KpiCode
from app.kpis.dto import GroupBy, KpiFigure, KpiReportDTO, RecordRef, Side
from app.kpis.periods import Period
from db.models import StaffUser, Store
from db.private_files import touch_private
from db.uow import UnitOfWork

SUMMARY_SHEET = "汇总 Summary"
PERCENT_FORMAT = "0.0#%"
WHEN_FORMAT = "yyyy-mm-dd hh:mm"
RECORD_HEADER = (
    words.COL_SIDE,
    words.COL_KIND,
    words.COL_REFERENCE,
    words.COL_WHEN,
    words.COL_CONSULTANT,
    words.COL_BRAND,
)
FIGURE_HEADER = (
    words.COL_LETTER,
    words.COL_CLAUSE,
    words.Text("指标名称", "KPI (Chinese)"),
    words.Text("指标名称（英文）", "KPI (English)"),
    words.COL_NUMERATOR,
    words.COL_DENOMINATOR,
    words.COL_VALUE,
    words.COL_TARGET,
    words.COL_VERDICT,
    words.COL_PENDING,
)


@dataclass(frozen=True)
class WorkbookData:
    """Everything the workbook shows, read in one transaction."""

    store_name: str
    report: KpiReportDTO
    records: dict[tuple[KpiCode, Side], list[RecordRef]]
    staff: dict[int, str]


def gather(session: Session, period: Period, as_of: dt.datetime) -> WorkbookData:
    """The figures per consultant and the records behind each side of each figure, inside an
    open read (the evidence pack may call it within its own)."""
    report = figures_in(session, period, by=GroupBy.CONSULTANT, as_of=as_of)
    found = formulas()
    records: dict[tuple[KpiCode, Side], list[RecordRef]] = {}
    for d in KPIS:
        f = found.get(d.code)
        for side in Side:
            records[(d.code, side)] = (
                f.records(session, period, side=side, by=None, group=None, as_of=as_of) if f else []
            )
    ids = {r.consultant_id for rs in records.values() for r in rs if r.consultant_id is not None}
    staff = dict(session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(ids))).all())
    store = session.scalar(select(Store.legal_name)) or ""
    return WorkbookData(store, report, records, staff)


def write_workbook(
    uow: UnitOfWork, *, actor: Actor, period: Period, path: Path | str, as_of: dt.datetime | None = None
) -> None:
    """Write the KPI workbook of `period`, figures taken at `as_of` (now when None), to `path`
    (.xlsx), through a temporary file so a failed write leaves no half file behind."""
    require(actor, Action.VIEW_KPIS)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())
    as_of = as_of or utcnow()
    with uow:
        data = gather(uow.session, period, as_of)
    write_private_file(path, workbook_bytes(data, as_of))


def write_private_file(path: Path, content: bytes) -> None:
    """`content` to `path`, owner-only (issue #15.4), through a temporary file then renamed."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        touch_private(tmp)
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ShowroomError("export_unwritable", path=str(path), reason=e.strerror or type(e).__name__) from None


def workbook_bytes(data: WorkbookData, as_of: dt.datetime) -> bytes:
    """The .xlsx file's bytes: the same for the same data and `as_of`."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    _summary(wb.active, data)
    for d in KPIS:
        _kpi_sheet(wb.create_sheet(_sheet_title(d.code)), data, d.code)
    # save_workbook() would stamp `modified` with the clock: write through ExcelWriter instead.
    wb.properties.created = wb.properties.modified = as_of.replace(microsecond=0)
    wb.properties.creator = wb.properties.lastModifiedBy = "Showroom"
    wb.properties.title = f"{words.TITLE.zh} {words.TITLE.en} {data.report.period.label}"
    buf = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _fixed_zip(buf.getvalue(), as_of)


def _fixed_zip(content: bytes, as_of: dt.datetime) -> bytes:
    """The same archive with every entry stamped `as_of` in store time (zipfile stamps the
    wall clock, which would change the file's hash at every write)."""
    local = to_store_time(as_of)
    stamp = (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second - local.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _sheet_title(code: KpiCode) -> str:
    d = BY_CODE[code]
    return f"{d.letter} {code} {d.name_zh}"[:31]  # Excel allows 31 characters, no []:*?/\


def _both(text: words.Text) -> str:
    return text.zh if text.zh == text.en else f"{text.zh} {text.en}"


def _row(ws, values) -> None:
    ws.append([escape_formula(v) for v in values])


def _bold_row(ws, values) -> None:
    from openpyxl.styles import Font

    _row(ws, values)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)


def _figure_cells(f: KpiFigure) -> list:
    d = BY_CODE[f.code]
    value = words.NO_FIGURE if f.value_bp is None else f.value_bp / 10000
    return [
        f"{d.letter})",
        f.code.value,
        d.name_zh,
        d.name_en,
        f.numerator,
        f.denominator,
        value,
        f.target.target_bp / 10000,
        _both(words.VERDICTS.get(f.verdict, words.VERDICTS["none"])),
        f.pending,
    ]


def _summary(ws, data: WorkbookData) -> None:
    report = data.report
    ws.title = SUMMARY_SHEET
    _bold_row(ws, [_both(words.TITLE), data.store_name])
    first, last = report.period.first_day, report.period.last_day
    _row(ws, [_both(words.PERIOD), f"{report.period.label} ({first.isoformat()} – {last.isoformat()})"])
    _row(ws, [_both(words.AS_OF), words.store_time_text(report.computed_at or utcnow())])
    _row(ws, [])
    _bold_row(ws, [_both(h) for h in FIGURE_HEADER])
    for f in report.store.figures:
        _row(ws, _figure_cells(f))
        _formats(ws)
    _row(ws, [])
    _bold_row(ws, [_both(words.COL_CONSULTANT)] + [_both(h) for h in FIGURE_HEADER[:-1]])
    for group in report.groups:
        for f in group.figures:
            label = group.label if group.key is not None else _both(words.NO_CONSULTANT)
            _row(ws, [label, *_figure_cells(f)[:-1]])
            _formats(ws, offset=1)
    for col, width in zip("ABCDEFGHIJK", (16, 10, 16, 30, 14, 14, 10, 10, 14, 10, 10)):
        ws.column_dimensions[col].width = width


def _formats(ws, offset: int = 0) -> None:
    """The value and target columns of the last row as percentages."""
    for col in (7 + offset, 8 + offset):
        cell = ws.cell(row=ws.max_row, column=col)
        if not isinstance(cell.value, str):
            cell.number_format = PERCENT_FORMAT


def _kpi_sheet(ws, data: WorkbookData, code: KpiCode) -> None:
    d = BY_CODE[code]
    figure = next(f for f in data.report.store.figures if f.code == code)
    _bold_row(ws, [f"5.2.1 {d.letter}) {code}", d.name_zh, d.name_en])
    _row(ws, [_both(words.COL_NUMERATOR), d.numerator_zh, d.numerator_en, figure.numerator])
    _row(ws, [_both(words.COL_DENOMINATOR), d.denominator_zh, d.denominator_en, figure.denominator])
    _row(
        ws,
        [_both(words.COL_VALUE), words.percent(figure.value_bp), _both(words.COL_TARGET), words.target_text(d, figure)],
    )
    _row(ws, [words.DEFINITIONS[code].zh])
    _row(ws, [words.DEFINITIONS[code].en])
    _row(ws, [])
    _bold_row(ws, [_both(h) for h in RECORD_HEADER])
    header_row = row = ws.max_row
    for side in Side:
        for r in data.records[(code, side)]:
            consultant = data.staff.get(r.consultant_id, f"#{r.consultant_id}") if r.consultant_id else ""
            kind = words.RECORD_KINDS.get(r.kind)
            _row(
                ws,
                [
                    _both(words.SIDES[side]),
                    _both(kind) if kind else str(r.kind),
                    r.reference,
                    to_store_time(r.at),
                    consultant,
                    r.brand,
                ],
            )
            # Counted, not ws.max_row: openpyxl computes that over every cell, which made a
            # sheet of 13,000 records quadratic (100-200 s of the evidence pack's month of S).
            row += 1
            ws.cell(row=row, column=4).number_format = WHEN_FORMAT
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for col, width in zip("ABCDEF", (18, 22, 22, 18, 16, 14)):
        ws.column_dimensions[col].width = width
