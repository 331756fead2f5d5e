"""Every validator of app/core/validation.py under hostile input (issue #8.6): it returns a
normalised value that satisfies its own rule, or raises ValidationFailed naming the field. It
never raises anything else (a traceback would reach the user)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.core import validation as v
from app.core.errors import ValidationFailed
from tests.property.strategies import nasty_text, weird_float, huge_int, wrong_type


def _checked(fn, raw, field):
    try:
        return fn(raw, field)
    except ValidationFailed as e:
        assert e.errors and all(err.field == field for err in e.errors)
        return None


@given(st.one_of(nasty_text, st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789 -", max_size=25)))
def test_vin(raw):
    out = _checked(v.validate_vin, raw, "vin")
    if out is not None:
        vin, checksum_ok = out
        assert v.VIN_CHARSET.match(vin)
        assert checksum_ok == (v.vin_check_digit(vin) == vin[8])


@given(st.one_of(nasty_text, st.from_regex(r"(\+86|0086)?1[0-9]{10}", fullmatch=True)))
def test_mobile(raw):
    out = _checked(v.validate_mobile, raw, "mobile")
    if out is not None:
        assert re.fullmatch(r"1[3-9][0-9]{9}", out)


@given(st.one_of(nasty_text, st.from_regex(r"[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])[0-2]\d\d{3}[\dX]", fullmatch=True)))
def test_resident_id(raw):
    out = _checked(v.validate_resident_id, raw, "id_number")
    if out is not None:
        assert len(out) == 18 and out.isascii() and v.RIC_RE.match(out)


@given(
    st.one_of(
        nasty_text,
        huge_int,
        weird_float,
        st.none(),
        st.booleans(),
        st.from_regex(r"[¥￥]?\d{1,12}(,\d{3})*(\.\d{1,3})?", fullmatch=True),
    )
)
def test_price(raw):
    out = _checked(v.parse_yuan_to_fen, raw, "price_fen")
    if out is not None:
        assert isinstance(out, int) and 0 <= out <= 100_000_000 * 100


@given(wrong_type.filter(lambda x: x is not None))
def test_validators_refuse_wrong_types_cleanly(raw):
    for fn, field in ((v.validate_vin, "vin"), (v.validate_mobile, "mobile"), (v.validate_resident_id, "id_number")):
        _checked(fn, raw, field)
