"""Issue #15.12 (OWASP CSV injection): the one escape every export applies, and its inverse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.core.spreadsheet_cells import FORMULA_TRIGGERS, escape_formula, unescape_formula


@given(st.text())
def test_owasp_escaped_text_never_starts_a_formula_and_unescapes_to_itself(text):
    escaped = escape_formula(text)
    assert not escaped.startswith(FORMULA_TRIGGERS)
    assert unescape_formula(escaped) == text


def test_owasp_formula_text_gets_one_apostrophe_and_numbers_stay_numbers():
    assert escape_formula('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [escape_formula(t) for t in ("+1", "-2+3", "@SUM(A1)", "\tx", "\rx")] == [
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    ]
    assert escape_formula("帕萨特 -2") == "帕萨特 -2" and escape_formula("") == ""
    for number in (-2, -2.5, Decimal("-3.10"), 0, dt.date(2025, 5, 1), None, True):
        assert escape_formula(number) is number
    # Text a user typed with an apostrophe already in front keeps it through a round trip.
    assert unescape_formula(escape_formula("'=1")) == "'=1"
    assert unescape_formula("'plain") == "'plain"
