"""Validators on real numbers: domain_reference §5."""

import datetime as dt

import pytest
from vininfo import Vin

from app.domain.validation import (
    parse_yuan_to_fen, validate_mobile, validate_resident_id, validate_vin, vin_check_digit,
)
from app.errors import ValidationFailed
from tests.factories import make_vin

REAL_VINS = ["LSVAM4187C2184847", "5YJSA1E14HF178326", "1HGCM82633A004352", "JH4KA7561PC008269"]


@pytest.mark.parametrize("vin", REAL_VINS)
def test_real_vins_are_accepted_with_matching_check_digit(vin):
    assert validate_vin(vin.lower()) == (vin, True)


def test_check_digit_matches_vininfo():
    for i in range(200):
        assert Vin(make_vin(i)).verify_checksum()
        assert vin_check_digit(make_vin(i)) == make_vin(i)[8]


def test_corrupted_vin_is_reported_as_checksum_mismatch():
    vin = "1HGCM82633A004352"
    bad = vin[:16] + ("3" if vin[16] != "3" else "4")
    assert validate_vin(bad) == (bad, False)


@pytest.mark.parametrize("bad,code", [
    ("", "required"), ("1HGCM82633A00435", "vin_length"), ("1HGCM82633A0043521", "vin_length"),
    ("1HGCM82633A00O352", "vin_charset"), ("1HGCM8263IA004352", "vin_charset"),
    ("1HGCM82633A00435?", "vin_charset"),
])
def test_malformed_vins_are_hard_errors(bad, code):
    with pytest.raises(ValidationFailed) as e:
        validate_vin(bad)
    assert e.value.errors[0].code == code


def test_real_resident_id_accepted_and_lowercase_x_normalised():
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("bad,code", [
    ("110105194912310021", "ric_checksum"),
    ("110105491231002", "ric_length"),
    ("110105194913310023", "ric_format"),  # month 13, check digit correct for the body
])
def test_bad_resident_ids_rejected(bad, code):
    with pytest.raises(ValidationFailed) as e:
        validate_resident_id(bad)
    assert e.value.errors[0].code == code


def test_resident_id_with_birth_date_in_future_rejected():
    from stdnum.cn.ric import calc_check_digit
    body = "11010520991231002"
    with pytest.raises(ValidationFailed):
        validate_resident_id(body + calc_check_digit(body), today=dt.date(2026, 1, 1))


@pytest.mark.parametrize("raw", ["13812345678", "+86 138 1234 5678", "0086-13812345678", "19912345678"])
def test_mobile_numbers_accepted(raw):
    assert len(validate_mobile(raw)) == 11


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "abc", "021-64000000"])
def test_bad_mobile_numbers_rejected(raw):
    with pytest.raises(ValidationFailed):
        validate_mobile(raw)


@pytest.mark.parametrize("raw,fen", [("189800", 18980000), ("189,800.5", 18980050), ("¥1.05", 105), (12, 1200)])
def test_yuan_parsing(raw, fen):
    assert parse_yuan_to_fen(raw, "price") == fen


@pytest.mark.parametrize("raw", ["-1", "1.234", "abc", "", "1e5", True])
def test_bad_yuan_rejected(raw):
    with pytest.raises(ValidationFailed):
        parse_yuan_to_fen(raw, "price")
