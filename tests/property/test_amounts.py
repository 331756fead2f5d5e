"""The contract's price in figures and in capital (大写) agree for every amount a contract can
carry, 0 to ¥99,999,999.99 (T/CSCA 120031-2023 4.3.3; 办法 art. 15: the price is stated in the
contract; domain_reference §4.1). The capital amount is cn2an's RMB mode; read back by the
test's own reading of the capital digits, it gives the same fen."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.sales.amounts import MAX_CONTRACT_FEN, fen_to_capital, yuan_figures, yuan_text

AMOUNTS = st.integers(min_value=0, max_value=MAX_CONTRACT_FEN)
CAPITAL_DIGITS = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10)))
UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _section(words: str) -> int:
    """壹仟零伍拾 -> 1050: the test's own reading, independent of the writer."""
    total, digit = 0, 0
    for ch in words:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total, digit = total + (digit or 1) * UNITS[ch], 0
    return total + digit


def _read_back(words: str) -> int:
    """The fen a capital amount says, read the way a cashier reads it."""
    yuan, fen = 0, 0
    rest = words.removesuffix("整")
    if "元" in rest:
        head, rest = rest.split("元", 1)
        high, _, low = head.rpartition("万")
        yuan = _section(high) * 10_000 + _section(low)
    for amount, unit in re.findall(r"([零壹贰叁肆伍陆柒捌玖])([角分])", rest):
        fen += DIGITS[amount] * (10 if unit == "角" else 1)
    return yuan * 100 + fen


@given(AMOUNTS)
def test_capital_amount_reads_back_as_the_same_fen(fen):
    """4.3.3 / 办法 art. 15: the 大写 on the contract says exactly the price in figures."""
    words = fen_to_capital(fen)
    assert set(words) <= CAPITAL_DIGITS, words
    assert _read_back(words) == fen


@given(AMOUNTS)
def test_whole_yuan_end_with_zheng_and_cents_never_do(fen):
    """Banking rule on the model contract: 整 closes a whole-yuan amount, never one with 角/分."""
    words = fen_to_capital(fen)
    assert words.endswith("整") == (fen % 100 == 0)


@given(AMOUNTS)
def test_figures_carry_two_decimals_and_the_same_value(fen):
    text = yuan_text(fen)
    assert int(text.replace(",", "").replace(".", "")) == fen
    assert yuan_figures(fen) == "¥" + text


def test_known_prices_of_the_model_contract():
    assert fen_to_capital(20_790_000) == "贰拾万柒仟玖佰元整"
    assert fen_to_capital(9_999_999_999) == "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
    assert fen_to_capital(0) == "零元整"
    assert yuan_text(20_790_000) == "207,900.00"


@pytest.mark.parametrize("fen", [-1, MAX_CONTRACT_FEN + 1])
def test_out_of_range_amounts_are_refused(fen):
    with pytest.raises(ValueError):
        fen_to_capital(fen)
