"""民法典 586: a 定金 (earnest money) may not exceed 20 % of the contract's value; the contract
refuses one a fen above the limit and takes one at the limit, for any price a contract can
carry. A 订金 (advance payment) is not earnest money and only has to stay within the price."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.sales.amounts import MAX_CONTRACT_FEN
from app.sales.contract_terms import deposit_errors, earnest_limit_fen

PRICES = st.integers(min_value=1, max_value=MAX_CONTRACT_FEN)


@given(PRICES)
def test_earnest_at_exactly_20_percent_is_accepted_one_fen_more_is_refused(price):
    limit = earnest_limit_fen(price)
    assert 5 * limit <= price < 5 * (limit + 1)  # the largest amount that is at most 20 %
    if limit > 0:
        assert deposit_errors("earnest", limit, price) == []
    (refusal,) = deposit_errors("earnest", limit + 1, price)
    assert (refusal.field, refusal.code, refusal.params["max_fen"]) == ("deposit", "earnest_over_20_percent", limit)


@given(PRICES, st.data())
def test_earnest_is_accepted_exactly_when_five_times_it_fits_in_the_price(price, data):
    deposit = data.draw(st.integers(min_value=1, max_value=price))
    accepted = deposit_errors("earnest", deposit, price) == []
    assert accepted == (deposit * 5 <= price)


@given(PRICES, st.data())
def test_prepayment_is_not_capped_at_20_percent(price, data):
    deposit = data.draw(st.integers(min_value=1, max_value=price))
    assert deposit_errors("prepayment", deposit, price) == []
    assert deposit_errors("prepayment", price + 1, price)[0].code == "deposit_over_price"
