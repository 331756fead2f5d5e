"""Validators on real numbers: domain_reference §5."""

import datetime as dt

import pytest
from vininfo import Vin

from app.core.validation import parse_yuan_to_fen, validate_mobile, validate_resident_id, validate_vin, vin_check_digit
from app.core.errors import ValidationFailed
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


@pytest.mark.parametrize(
    "bad,code",
    [
        ("", "required"),
        ("1HGCM82633A00435", "vin_length"),
        ("1HGCM82633A0043521", "vin_length"),
        ("1HGCM82633A00O352", "vin_charset"),
        ("1HGCM8263IA004352", "vin_charset"),
        ("1HGCM82633A00435?", "vin_charset"),
    ],
)
def test_malformed_vins_are_hard_errors(bad, code):
    with pytest.raises(ValidationFailed) as e:
        validate_vin(bad)
    assert e.value.errors[0].code == code


def test_real_resident_id_accepted_and_lowercase_x_normalised():
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    "bad,code",
    [
        ("110105194912310021", "ric_checksum"),
        ("110105491231002", "ric_length"),
        ("110105194913310023", "ric_birth_date"),  # month 13, check digit correct for the body
    ],
)
def test_bad_resident_ids_rejected(bad, code):
    with pytest.raises(ValidationFailed) as e:
        validate_resident_id(bad)
    assert e.value.errors[0].code == code


def test_resident_id_with_birth_date_in_future_rejected():
    from stdnum.cn.ric import calc_check_digit

    body = "11010520991231002"
    with pytest.raises(ValidationFailed):
        validate_resident_id(body + calc_check_digit(body), today=dt.date(2026, 1, 1))


# --- issue #15.3: GB 11643-1999 checked by its own rules, not against the county list -------


def _ric(body: str) -> str:
    """A 17-digit body with its GB 11643-1999 check character (computed independently)."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    r = (12 - total % 11) % 11
    return body + ("X" if r == 10 else str(r))


# Current Shanghai districts (GB/T 2260), each for a holder born before the district existed:
# Pudong New Area 310115 (1992), Minhang 310112 (1981), Baoshan 310113 (1988), Jiading 310114
# (1992), Jinshan 310116 (1997), Songjiang 310117 (1998), Qingpu 310118 (1999), Fengxian 310120
# (2001), Chongming 310151 (2016). python-stdnum refused all of these.
@pytest.mark.parametrize(
    "area,born",
    [
        ("310115", "19850312"),
        ("310112", "19760101"),
        ("310113", "19800704"),
        ("310114", "19901111"),
        ("310116", "19930209"),
        ("310117", "19880530"),
        ("310118", "19951224"),
        ("310120", "19990101"),
        ("310151", "20000229"),
        ("310101", "19850312"),
        ("310104", "19620815"),
    ],
)
def test_gb11643_current_shanghai_district_ids_accepted_whatever_the_birth_year(area, born):
    number = _ric(area + born + "123")
    assert validate_resident_id(number, today=dt.date(2026, 12, 2)) == number


def test_gb11643_unknown_county_code_within_a_known_province_is_accepted():
    # 319999 is in no list: the county is where the number was issued, and lists go stale.
    number = _ric("31999919850312123")
    assert validate_resident_id(number, today=dt.date(2026, 12, 2)) == number


@pytest.mark.parametrize(
    "bad,code",
    [
        (
            _ric("31011519850312123")[:17] + "0"
            if _ric("31011519850312123")[17] != "0"
            else _ric("31011519850312123")[:17] + "1",
            "ric_checksum",
        ),  # wrong check character
        (_ric("31011519850230123"), "ric_birth_date"),  # 30 February
        (_ric("31011519830229123"), "ric_birth_date"),  # 29 February, not a leap year
        (_ric("31011518800312123"), "ric_birth_date"),  # over 130 years old
        (_ric("99011519850312123"), "ric_region"),  # no province 99
        (_ric("01011519850312123"), "ric_region"),
        (_ric("72011519850312123"), "ric_region"),  # 72 is not in GB/T 2260
    ],
)
def test_gb11643_wrong_check_character_impossible_date_unknown_province_refused(bad, code):
    with pytest.raises(ValidationFailed) as e:
        validate_resident_id(bad, today=dt.date(2026, 12, 2))
    assert e.value.errors[0].code == code


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


# Digits of other scripts: Python's int() and a Unicode \d read them, so '14໗᥎০᥊…' passed as a
# resident ID (found by the property test in CI). What a Chinese input method types in full
# width is the same number and is accepted as ASCII; any other script is refused.
_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
_LAO = str.maketrans("0123456789", "໐໑໒໓໔໕໖໗໘໙")


def test_full_width_resident_id_and_mobile_are_read_as_the_same_ascii_number():
    number = _ric("31011519850312123")
    assert validate_resident_id(number.translate(_FULL_WIDTH), today=dt.date(2026, 12, 2)) == number
    assert validate_mobile("１３８１２３４５６７８") == "13812345678"
    assert parse_yuan_to_fen("１８９，８００", "price_fen") == 18980000


@pytest.mark.parametrize(
    "field,call",
    [
        ("id_number", lambda s: validate_resident_id(s, today=dt.date(2026, 12, 2))),
        ("mobile", validate_mobile),
        ("price_fen", lambda s: parse_yuan_to_fen(s, "price_fen")),
    ],
)
def test_digits_of_other_scripts_are_refused(field, call):
    samples = {"id_number": _ric("31011519850312123"), "mobile": "13812345678", "price_fen": "189800"}
    with pytest.raises(ValidationFailed):
        # the last character stays ASCII: the CI case had an ASCII check character
        s = samples[field]
        call(s[:2] + s[2:-1].translate(_LAO) + s[-1])
