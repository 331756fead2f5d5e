"""The cash report (收款日报, issue #18.5): every receipt and refund paid between two Shanghai
days, one row each (time, receipt no., contract no., kind, method, amount, note; refunds negative),
then the totals by method, written as .xlsx for the accountant.

No customer names (contract numbers only: the file leaves the system). Every text cell goes
through the formula-injection escape (app/core/spreadsheet_cells.py, OWASP CSV injection): a
note or number someone typed never runs as a formula in Excel."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from app.core.clock import store_day_bounds, to_store_time
from app.core.dto import Actor
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.spreadsheet_cells import escape_formula
from app.finance.dto import PaymentDTO
from app.finance.ledger import payments_between, totals_by_method
from app.finance.money_text import KIND_LABELS, METHOD_LABELS, label
from db.private_files import touch_private
from db.uow import UnitOfWork

HEADER = (
    "时间 Time",
    "收据编号 Receipt no.",
    "合同编号 Contract no.",
    "类别 Kind",
    "方式 Method",
    "金额 Amount (¥)",
    "备注 Note",
)
MAX_DAYS = 366


def _yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def cash_rows(payments: list[PaymentDTO]) -> list[list]:
    return [
        [
            to_store_time(p.received_at).replace(microsecond=0),
            p.receipt_no,
            p.contract_no,
            label(KIND_LABELS, p.kind, "bilingual"),
            label(METHOD_LABELS, p.method, "bilingual"),
            _yuan(p.signed_fen),
            p.note,
        ]
        for p in payments
    ]


def _write(path: Path, day_from: dt.date, day_to: dt.date, payments: list[PaymentDTO]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "收款 Cash"
    ws.append([escape_formula(f"{day_from.isoformat()} – {day_to.isoformat()}")])
    ws.append(list(HEADER))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in cash_rows(payments):
        ws.append([escape_formula(v) for v in row])
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd hh:mm"
        ws.cell(ws.max_row, 6).number_format = "#,##0.00"
    ws.append([])
    ws.append(["按方式合计 Totals by method"])
    for method, fen in sorted(totals_by_method(payments).items()):
        ws.append([escape_formula(label(METHOD_LABELS, method, "bilingual")), None, None, None, None, _yuan(fen)])
        ws.cell(ws.max_row, 6).number_format = "#,##0.00"
    ws.append(["合计 Total", None, None, None, None, _yuan(sum(p.signed_fen for p in payments))])
    for col, width in zip("ABCDEFG", (18, 18, 18, 26, 20, 16, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    wb.save(path)


def export_cash_report(
    uow: UnitOfWork, *, actor: Actor, day_from: dt.date, day_to: dt.date, path: Path | str
) -> list[PaymentDTO]:
    """Write the cash report of [day_from, day_to] (Shanghai days, both included); returns
    the payments written."""
    require(actor, Action.RECORD_PAYMENTS)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())
    if day_to < day_from or (day_to - day_from).days >= MAX_DAYS:
        raise ValidationFailed([FieldError("day_to", "cash_report_range", {"max": MAX_DAYS})])
    start, _ = store_day_bounds(day_from)
    _, end = store_day_bounds(day_to)
    with uow:
        payments = payments_between(uow.session, start, end)
    tmp = path.with_name(f".{path.name}.tmp")  # written through a temporary file, then renamed
    try:
        touch_private(tmp)
        _write(tmp, day_from, day_to, payments)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ShowroomError("export_unwritable", path=str(path), reason=e.strerror or type(e).__name__) from None
    return payments
