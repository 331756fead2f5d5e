"""Spreadsheet cells that leave Showroom, and come back: the formula-injection escape.

OWASP "CSV Injection": a text cell that starts with =, +, -, @, a tab or a carriage return is
run as a formula by Excel and LibreOffice when the file is opened (=HYPERLINK(...) becomes a
live link, =cmd|... a DDE call). Every export (CSV and XLSX) passes each cell through
`escape_formula`, which puts a leading apostrophe before such text; the importer removes
exactly that apostrophe again (`unescape_formula`), so an exported file re-imports unchanged.

Only text is escaped: real numbers (int, float, Decimal) and dates are written as numbers and
stay numeric, so a negative number never gains an apostrophe. Text that already starts with
apostrophes before a trigger gets one more, which keeps the round trip exact for it too.
"""

from __future__ import annotations

from typing import Any

# OWASP CSV Injection: the characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def needs_escape(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def escape_formula(value: Any) -> Any:
    """The cell as it must be written: text that a spreadsheet would run gets a leading '."""
    if isinstance(value, str) and needs_escape(value):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` on text read back from a cell; any other text is left alone."""
    if text.startswith("'") and needs_escape(text):
        return text[1:]
    return text
