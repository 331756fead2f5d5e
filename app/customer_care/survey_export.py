"""Survey answers for a third-party survey firm (issue #19.2), written as .xlsx.

Personal data minimised (PIPL art. 6): no name, no mobile, no ID; the customer appears only as
a reference the firm cannot trace back without the store (C + a number), the car by brand and
model, and no free-text answer (a comment may name anyone). One row per answer sheet recorded between two Shanghai days, one column per question of
the questionnaire. Every text cell goes through the formula-injection escape
(app/core/spreadsheet_cells.py), as the cash report's do."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import select

from app.core.clock import store_day_bounds, to_store_time
from app.core.dto import Actor
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.spreadsheet_cells import escape_formula
from db.care_models import SurveyResponse, SurveyTemplate
from db.private_files import touch_private
from db.sales_models import Deal
from db.uow import UnitOfWork

MAX_DAYS = 366
HEAD = ["答卷 Response", "日期 Date", "问卷 Survey", "版本 Version", "客户 Customer ref.", "车型 Car", "满意 Satisfied"]


def _rows(s, key: str, start: dt.datetime, end: dt.datetime) -> tuple[list[str], list[list]]:
    templates = {t.id: t for t in s.scalars(select(SurveyTemplate).where(SurveyTemplate.key == key))}
    question_ids: list[str] = []
    for t in sorted(templates.values(), key=lambda t: t.template_version):
        # Free text is left out: a comment may name people or numbers the firm must not get.
        question_ids += [
            q["id"] for q in t.definition.get("questions", ()) if q["id"] not in question_ids and q["kind"] != "text"
        ]
    responses = s.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.template_id.in_(templates), SurveyResponse.recorded_at >= start)
        .where(SurveyResponse.recorded_at < end)
        .order_by(SurveyResponse.recorded_at, SurveyResponse.id)
    )
    rows = []
    for r in responses:
        deal = s.get(Deal, r.deal_id) if r.deal_id else None
        car = f"{deal.brand} {deal.model}" if deal else ""
        answers = [r.answers.get(q, "") for q in question_ids]
        answers = ["是 yes" if a is True else "否 no" if a is False else a for a in answers]
        rows.append([r.id, to_store_time(r.recorded_at).date(), key, templates[r.template_id].template_version,
                     f"C{r.customer_id}", car, "是 yes" if r.satisfied else "否 no", *answers])  # fmt: skip
    return question_ids, rows


def _write(path: Path, key: str, questions: list[str], rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = key[:31]
    ws.append([escape_formula(v) for v in HEAD + questions])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([escape_formula(v) for v in row])
        ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    wb.save(path)


def export_surveys(uow: UnitOfWork, *, actor: Actor, template_key: str, day_from: dt.date, day_to: dt.date,
                   path: Path | str) -> int:  # fmt: skip
    """Write the answer sheets of one questionnaire between two Shanghai days (both included);
    returns how many were written."""
    require(actor, Action.EXPORT_SURVEYS)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())
    if day_to < day_from or (day_to - day_from).days >= MAX_DAYS:
        raise ValidationFailed([FieldError("day_to", "cash_report_range", {"max": MAX_DAYS})])
    start, _ = store_day_bounds(day_from)
    _, end = store_day_bounds(day_to)
    with uow:
        questions, rows = _rows(uow.session, template_key, start, end)
    tmp = path.with_name(f".{path.name}.tmp")  # written through a temporary file, then renamed
    try:
        touch_private(tmp)
        _write(tmp, template_key, questions, rows)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ShowroomError("export_unwritable", path=str(path), reason=e.strerror or type(e).__name__) from None
    return len(rows)
