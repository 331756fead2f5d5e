"""Hostile input for the property tests: random and malformed strings (control characters,
CJK, emoji, full-width digits, SQL and formula injection), huge and non-finite numbers, and
values of the wrong type."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "\x00",
    "\t\n",
    "'; DROP TABLE vehicle; --",
    "=cmd|' /C calc'!A0",
    "１３８",
    "ＬＳＶ",
    "😀" * 3,
    "null",
    "NaN",
    "-0",
    "1e309",
    "９９９",
    "上海" * 200,
    "\u202e",
    "\ufeff",
]

nasty_text = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=60), st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
)
huge_int = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([0, -1, 2**31, 2**63, -(2**63), 10**30])
)
weird_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([float("nan"), float("inf"), -0.0, 1e308])
)
wrong_type = st.one_of(
    st.none(),
    st.booleans(),
    huge_int,
    weird_float,
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dates(),
)
anything = st.one_of(nasty_text, wrong_type)


def maybe(strategy, good):
    """Mostly hostile, sometimes a good value, so that one bad field among good ones is tried."""
    return st.one_of(strategy, st.just(good))


dates = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.none(), wrong_type)
