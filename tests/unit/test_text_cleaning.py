"""Names and free text as pasted (issue #17.3): whitespace is normalised before a value is
checked or stored, and a value too long is refused with its limit, never cut."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from app.core.errors import FieldError
from app.core.validation import check_length, clean_line, clean_text
from app.reception.checkin_input import CheckInInput, validate
from app.reception.rules import MAX_NAME_LENGTH
from tests.property.strategies import nasty_text

NOW = dt.datetime(2026, 3, 2, 3, 0)  # 11:00 in the store


def test_a_pasted_name_loses_line_breaks_tabs_and_doubled_spaces():
    assert clean_line("  王\r\n先生\t ") == "王 先生"
    assert clean_line("Li\u3000\u3000Wei") == "Li Wei"  # ideographic spaces from a Chinese IME
    assert clean_line("ＷＡＮＧ　Ｌｉ") == "WANG Li"  # full width, NFKC
    assert clean_line("王\u200b先生\ufeff") == "王先生"  # zero-width space and BOM from a chat
    assert clean_line(None) == "" and clean_line(" \r\n\t") == ""


def test_notes_keep_their_lines_but_not_the_carriage_returns():
    assert clean_text("first  line\r\n\r\n\r\n\tsecond\rthird  ") == "first line\n\nsecond\nthird"


def test_too_long_is_an_error_with_the_limit_never_a_cut():
    errors: list[FieldError] = []
    assert check_length("x" * 61, "name", 60, errors) == "x" * 61
    assert errors == [FieldError("name", "too_long", {"max": 60, "length": 61})]


def test_check_in_stores_a_pasted_name_on_one_line():
    errors, clean = validate(CheckInInput(channel_id=1, name="王\r\n 先生\t"), NOW, None, False)
    assert errors == [] and clean["name"] == "王 先生"


def test_check_in_refuses_a_500_character_name_instead_of_cutting_it():
    pasted = ("王先生\r\n" * 100)[:500]
    errors, _clean = validate(CheckInInput(channel_id=1, name=pasted), NOW, None, False)
    assert [(e.field, e.code, e.params["max"]) for e in errors] == [("name", "too_long", MAX_NAME_LENGTH)]


@given(nasty_text)
def test_a_cleaned_line_is_one_line_without_doubled_spaces_and_stays_so(raw):
    line = clean_line(raw)
    assert line == line.strip() and "  " not in line
    assert not any(ch.isspace() and ch != " " for ch in line)
    assert clean_line(line) == line


@given(nasty_text)
def test_cleaned_text_has_no_carriage_returns_and_stays_so(raw):
    text = clean_text(raw)
    assert "\r" not in text and "\n\n\n" not in text and text == text.strip()
    assert clean_text(text) == text


def test_chinese_punctuation_stays_as_written():
    """A channel or name written with full-width brackets keeps them: folding （） to () would
    make the conflict box and the printed documents show text the user never typed."""
    from app.core.validation import clean_line

    assert clean_line("路过进店（新）：Ａ５") == "路过进店（新）：A5"


def test_chinese_punctuation_stays_as_typed_only_full_width_letters_and_digits_fold():
    # A legal name's （上海） and a note's ， are how Chinese is written; NFKC would make them ASCII.
    assert clean_line("上海浦江汽车销售服务（上海）有限公司") == "上海浦江汽车销售服务（上海）有限公司"
    assert clean_text("展车，左前门有细微划痕。\r\n复检：正常") == "展车，左前门有细微划痕。\n复检：正常"
    assert clean_line("Ｍｏｄｅｌ　Ｙ　２０２６") == "Model Y 2026"
