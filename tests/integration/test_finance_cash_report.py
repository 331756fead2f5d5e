"""The cash report (issue #18.5): a row per receipt and refund, totals by method, as .xlsx, and
a typed note or number never runs as a formula (OWASP CSV injection)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.core.errors import PermissionDenied, ValidationFailed
from app.finance import api as finance
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.finance_fixtures import open_desk

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
MORNING = dt.datetime(2026, 3, 11, 1, 30)  # 09:30 in Shanghai


def test_the_cash_report_lists_each_receipt_and_refund_with_totals_by_method(uow, tmp_path):
    desk = open_desk(uow)
    pay = dict(actor=desk.cashier, contract_id=desk.contract_id, now=MORNING)
    finance.record_payment(uow(), kind="down_payment", amount_fen=5_000_000, method="transfer", **pay)
    finance.record_payment(uow(), kind="final", amount_fen=12_345, method="cash", note="=HYPERLINK(1)", **pay)
    r = finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=345, reason="找零")
    finance.decide_refund(uow(), actor=desk.manager, refund_id=r.id, approve=True)
    finance.pay_refund(uow(), actor=desk.cashier, refund_id=r.id, method="cash", now=MORNING)
    path = tmp_path / "cash.xlsx"
    rows = finance.export_cash_report(
        uow(), actor=desk.cashier, day_from=dt.date(2026, 3, 11), day_to=dt.date(2026, 3, 11), path=path
    )
    assert len(rows) == 3
    ws = load_workbook(path).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    body = values[2:5]
    assert [row[5] for row in body] == [50_000, 123.45, -3.45]
    assert body[0][0] == dt.datetime(2026, 3, 11, 9, 30)
    assert ["现金 Cash", None, None, None, None, 120] in [list(v[:6]) for v in values]
    assert body[1][6] == "'=HYPERLINK(1)"
    assert all(not (isinstance(c, str) and c.startswith("=")) for row in values for c in row)


def test_the_cash_report_is_finances_and_a_range_that_ends_before_it_starts_is_refused(uow, tmp_path):
    desk = open_desk(uow)
    with pytest.raises(PermissionDenied):
        finance.export_cash_report(
            uow(), actor=desk.consultant, day_from=dt.date(2026, 3, 1), day_to=dt.date(2026, 3, 2),
            path=tmp_path / "x.xlsx",
        )  # fmt: skip
    with pytest.raises(ValidationFailed):
        finance.export_cash_report(
            uow(), actor=desk.cashier, day_from=dt.date(2026, 3, 2), day_to=dt.date(2026, 3, 1),
            path=tmp_path / "x.xlsx",
        )  # fmt: skip
