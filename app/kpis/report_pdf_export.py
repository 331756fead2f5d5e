"""Export the monthly KPI report as both files at once (issue #20.4, the dashboard's "Export
report…"): the bilingual PDF and the workbook, read in ONE transaction at one `as_of`, so the
two files show the same figures even while the showroom keeps recording.

Writes only the files the user chose, never the database: the result carries no change set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.errors import ShowroomError
from app.core.permissions import Action, require
from app.kpis.periods import Period
from db.uow import UnitOfWork


@dataclass(frozen=True)
class MonthReportFiles:
    """Where the report went; `as_of` is the instant its figures were taken."""

    pdf: Path
    xlsx: Path
    as_of: dt.datetime


def report_file_names(period: Period) -> tuple[str, str]:
    """The files' default names, e.g. kpi-report-2026-11.pdf and .xlsx."""
    stem = "kpi-report-" + period.label.replace("..", "_")
    return f"{stem}.pdf", f"{stem}.xlsx"


def export_month_report(
    uow: UnitOfWork,
    *,
    actor: Actor,
    period: Period,
    pdf_path: Path | str,
    xlsx_path: Path | str,
    as_of: dt.datetime | None = None,
) -> MonthReportFiles:
    """Write the PDF to `pdf_path` and the workbook to `xlsx_path`, both owner-only."""
    require(actor, Action.VIEW_KPIS)
    pdf_path, xlsx_path = Path(pdf_path), Path(xlsx_path)
    for path, suffix in ((pdf_path, ".pdf"), (xlsx_path, ".xlsx")):
        if path.suffix.lower() != suffix:
            raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())
    # reportlab and openpyxl load when a report is asked for, not with the dashboard that offers
    # it (issue #17: peak memory with every page visited).
    from app.kpis import report_pdf, workbook

    as_of = as_of or utcnow()
    with uow:
        month = report_pdf.gather(uow.session, period, as_of)
        sheets = workbook.gather(uow.session, period, as_of)
    workbook.write_private_file(pdf_path, report_pdf.render_pdf(month, as_of))
    workbook.write_private_file(xlsx_path, workbook.workbook_bytes(sheets, as_of))
    return MonthReportFiles(pdf_path, xlsx_path, as_of)
