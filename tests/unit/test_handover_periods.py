"""三包凭证 periods (三包规定 arts. 18-20; issue #18.6): from the invoice date, or the later delivery
date; a period starting on 29 February ends on 1 March, the longer reading, in the buyer's favour."""

import datetime as dt

from app.sales.handover_checks import add_years, is_imported, warranty_start


def test_the_later_of_invoice_and_delivery_date_starts_the_periods():
    assert warranty_start(dt.date(2026, 3, 20), dt.date(2026, 3, 15)) == (dt.date(2026, 3, 20), "invoice")
    assert warranty_start(dt.date(2026, 3, 20), dt.date(2026, 3, 20)) == (dt.date(2026, 3, 20), "invoice")
    assert warranty_start(dt.date(2026, 3, 20), dt.date(2026, 4, 2)) == (dt.date(2026, 4, 2), "delivery")


def test_years_are_added_in_the_buyers_favour():
    assert add_years(dt.date(2026, 4, 2), 2) == dt.date(2028, 4, 2)
    assert add_years(dt.date(2028, 2, 29), 3) == dt.date(2031, 3, 1)


def test_a_vin_not_starting_with_l_is_an_imported_car_banfa_art_16():
    assert not is_imported("LSVAB2180N2000017") and is_imported("WDD2050421F123456")
