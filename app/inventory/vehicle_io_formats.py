"""File formats for the inventory import/export: which columns exist, how a cell becomes a
typed value, and writing CSV and XLSX tables (reading is app.inventory.vehicle_io_read).

No database here. Writing fails with ShowroomError("export_unwritable", ...); every cell
problem is a FieldError named after the column, so the import report points at what the user
sees in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.validation import parse_yuan_to_fen
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.spreadsheet_cells import escape_formula, unescape_formula
from db.private_files import touch_private


@dataclass(frozen=True)
class Column:
    name: str  # header in the file
    attr: str  # VehicleInput field it fills
    kind: str  # text | upper | lower | int | float | yuan | date | list


# Export order. The first seven are required on import; the rest may be left out, in which
# case an existing vehicle keeps what it has (a missing column never wipes data).
COLUMNS: tuple[Column, ...] = (
    Column("vin", "vin", "text"),
    Column("brand", "brand", "text"),
    Column("model", "model", "text"),
    Column("trim", "trim", "text"),
    Column("model_year", "model_year", "int"),
    Column("exterior_color", "exterior_color", "text"),
    Column("interior_color", "interior_color", "text"),
    Column("powertrain", "powertrain", "upper"),
    Column("guide_price_yuan", "guide_price_fen", "yuan"),
    Column("price_yuan", "price_fen", "yuan"),
    Column("production_date", "production_date", "date"),
    Column("status", "status", "lower"),
    Column("configuration", "configuration", "list"),
    Column("power_kw", "power_kw", "int"),
    Column("accel_0_100_s", "accel_0_100_s", "float"),
    Column("fuel_l_per_100km", "fuel_l_per_100km", "float"),
    Column("range_km", "range_km", "int"),
    Column("battery_kwh", "battery_kwh", "float"),
    Column("fast_charge_minutes", "fast_charge_minutes", "int"),
    Column("slow_charge_hours", "slow_charge_hours", "float"),
    Column("defect_notes", "defect_notes", "text"),
    Column("repair_notes", "repair_notes", "text"),
    Column("notes", "notes", "text"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS = ("vin", "brand", "model", "model_year", "powertrain", "guide_price_yuan", "price_yuan")
BY_NAME = {c.name: c for c in COLUMNS}
# validate_vehicle_input speaks in VehicleInput fields; the report speaks in file columns.
ATTR_TO_COLUMN = {c.attr: c.name for c in COLUMNS}

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_LIST_SPLIT = re.compile(r"[;；\n]")
_INT_RE = re.compile(r"[+-]?\d+(\.0*)?", re.ASCII)
_FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
# YYYY-MM-DD; Chinese Excel writes 2025/5/1 (and sometimes a 0:00 time) when saving CSV.
_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII)


def normalize_header(raw: Any) -> str | None:
    text = cell_text(raw).lstrip("\ufeff").strip().lower()
    return re.sub(r"[\s\-]+", "_", text) or None


def cell_text(raw: Any) -> str:
    """A cell as the text a user would see: xlsx numbers and dates come back typed."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        # Issue #15.12: our exports put an apostrophe before formula-like text; take it off.
        return unescape_formula(raw.strip())
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def parse_cell(column: Column, raw: Any) -> Any:
    """Typed value for one cell (None when blank); raises ValidationFailed on junk."""
    kind, name = column.kind, column.name
    if kind == "yuan":
        if isinstance(raw, float) and not (math.isfinite(raw) and abs(raw) < 1e12):
            # An xlsx cell can hold 1e308 or inf: refuse it before any arithmetic on it.
            raise _bad(name, "number_too_large" if raw > 0 else "number_format")
        if isinstance(raw, float) and abs(raw * 100 - round(raw * 100)) < 1e-6:
            # An xlsx number is a binary double (18999.99 may be 18999.990000000002): keep cents.
            raw = f"{round(raw * 100) / 100:.2f}"
        if _negative(raw):
            # Issue #17.5: "-5" is a number, just not a price: say so, not "not a number".
            raise _bad(name, "price_negative")
        # parse_yuan_to_fen reports a blank as "required": both price columns are required.
        return parse_yuan_to_fen(raw if isinstance(raw, int) and not isinstance(raw, bool) else cell_text(raw), name)
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = cell_text(raw)
        if not text:
            return None
        m = _DATE_RE.fullmatch(text)
        try:
            if m:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
        raise _bad(name, "date_format")
    if kind in ("int", "float") and isinstance(raw, bool):
        raise _bad(name, "number_format")
    text = cell_text(raw)
    if kind == "int":
        if not text:
            return None
        text = text.replace(",", "")
        if not _INT_RE.fullmatch(text):
            raise _bad(name, "number_format")
        return int(float(text)) if "." in text else int(text)
    if kind == "float":
        if not text:
            return None
        text = text.replace(",", "")
        if not _FLOAT_RE.fullmatch(text):
            raise _bad(name, "number_format")
        return float(text)
    if kind == "list":
        return [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]
    if kind == "upper":
        return text.upper()
    if kind == "lower":
        return text.lower()
    return text


def _negative(raw: Any) -> bool:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return raw < 0
    text = unicodedata.normalize("NFKC", cell_text(raw)).strip().lstrip("¥￥").strip()
    return text.startswith("-") and _FLOAT_RE.fullmatch(text[1:].replace(",", "")) is not None


def _bad(field: str, code: str, **params) -> ValidationFailed:
    return ValidationFailed([FieldError(field, code, params)])


# Reading (streamed, with a row limit) is in app.inventory.vehicle_io_read.


# --- writing -------------------------------------------------------------------------------


def write_table(path: Path, rows: list[list[Any]]) -> None:
    """Write COLUMN_NAMES plus rows by extension, through a temporary file so that a failure
    never leaves half a file where the old one was."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ShowroomError("export_format", path=str(path), suffix=suffix)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        touch_private(tmp)  # owner-only before anything is written (issue #15.4)
        if suffix == ".csv":
            _write_csv(tmp, rows)
        else:
            _write_xlsx(tmp, rows)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        # Typically: the old file is open in Excel (Windows locks it) or the folder is read-only.
        raise ShowroomError("export_unwritable", path=str(path), reason=e.strerror or type(e).__name__) from None


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    # UTF-8 with BOM: without the BOM, Excel opens UTF-8 CSV as GBK and shows mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMN_NAMES)
        for row in rows:
            # Issue #15.12 (OWASP CSV injection): text escaped first, so numbers stay numbers.
            writer.writerow([_csv_text(escape_formula(v)) for v in row])


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "vehicles"
    ws.append(list(COLUMN_NAMES))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    date_col = COLUMN_NAMES.index("production_date") + 1
    price_cols = {COLUMN_NAMES.index(n) + 1 for n in ("guide_price_yuan", "price_yuan")}
    for r, row in enumerate(rows, start=2):
        # Issue #15.12: escaped text never starts with "=", so openpyxl stores it as a string
        # (data type "s"), never as a formula.
        ws.append([escape_formula(v) for v in row])
        if row[date_col - 1] is not None:
            ws.cell(r, date_col).number_format = "yyyy-mm-dd"
        for c in price_cols:
            ws.cell(r, c).number_format = "#,##0.00"
    widths = {"vin": 22, "configuration": 40, "notes": 30, "defect_notes": 30, "repair_notes": 30, "trim": 24}
    for i, name in enumerate(COLUMN_NAMES, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    wb.save(path)


def fen_to_yuan(fen: int) -> int | float:
    """Whole yuan stay integers (no "189800.0" in a spreadsheet); otherwise two decimals."""
    return fen // 100 if fen % 100 == 0 else round(fen / 100, 2)
