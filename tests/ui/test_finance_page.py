"""The cash desk page (issue #18.5; T/CSCA 120031-2023 4.3.4-4.3.5), driven by its real buttons:
finance records a payment and sees it in the day's list, a bad amount is said beside the
field with nothing written, a refund goes request -> manager's approval -> paid, the invoice
and the settlement statement, the cash report; a consultant gets no money buttons at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from db.finance_models import Payment
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.finance_fixtures import open_desk
from tests.sales_factories import make_payment
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton


def _page(qtbot, database, actor):
    from ui.finance.finance_page import FinancePage

    page = FinancePage(AppContext(database, actor))
    qtbot.addWidget(page)
    page.show()
    return page


def _pick_contract(page, row: int = 0) -> None:
    page.balance_table.selectRow(row)


def _payments(uow) -> int:
    with uow() as u:
        return u.session.query(Payment).count()


def test_finance_records_a_payment_and_it_joins_the_days_list_4_3_4(qtbot, database, uow):
    desk = open_desk(uow)
    page = _page(qtbot, database, desk.cashier)
    assert page.balance_model.rowCount() == 1
    _pick_contract(page)
    qtbot.mouseClick(page.pay_button, LEFT)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    assert "HT-" in dialog.summary.text()
    qtbot.keyClicks(dialog.amount, "50,000.00")
    dialog.kind.setCurrentIndex(dialog.kind.findData("down_payment"))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert page.day_model.rowCount() == 1
    assert page.day_model.rows()[0].receipt_no.startswith("SK-")
    assert "50,000.00" in page.totals.text()


def test_more_than_the_open_balance_is_said_beside_the_amount_and_nothing_is_written(qtbot, database, uow):
    desk = open_desk(uow)
    page = _page(qtbot, database, desk.cashier)
    _pick_contract(page)
    qtbot.mouseClick(page.pay_button, LEFT)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.amount, "999999")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "open balance" in dialog.errors.shown()["amount"]
    dialog.amount.setText("-5")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "above zero" in dialog.errors.shown()["amount"]
    assert dialog.isVisible() and _payments(uow) == 0


def test_a_consultant_sees_no_money_buttons_4_3_4(qtbot, database, uow):
    desk = open_desk(uow)
    page = _page(qtbot, database, desk.consultant)
    for b in (page.pay_button, page.pay_refund_button, page.invoice_button, page.settlement_button,
              page.request_button, page.export_button, page.approve_button):  # fmt: skip
        assert b.isHidden()


def test_a_refund_is_requested_approved_by_the_manager_and_paid_4_3_5(qtbot, database, uow):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, 1_000_000)
    cash = _page(qtbot, database, desk.cashier)
    _pick_contract(cash)
    qtbot.mouseClick(cash.request_button, LEFT)
    qtbot.addWidget(cash.dialog)
    qtbot.keyClicks(cash.dialog.amount, "2000")
    qtbot.keyClicks(cash.dialog.reason, "option cancelled")
    qtbot.mouseClick(cash.dialog.save_button, LEFT)
    assert [r.status for r in cash.refund_model.rows()] == ["requested"]

    boss = _page(qtbot, database, desk.manager)
    boss.refund_table.selectRow(0)
    assert not boss.pay_refund_button.isVisible()
    qtbot.mouseClick(boss.approve_button, LEFT)
    qtbot.addWidget(boss.dialog)
    qtbot.mouseClick(boss.dialog.save_button, LEFT)

    cash.refresh()
    cash.refund_table.selectRow(0)
    assert cash.pay_refund_button.isEnabled()
    qtbot.mouseClick(cash.pay_refund_button, LEFT)
    qtbot.addWidget(cash.dialog)
    qtbot.mouseClick(cash.dialog.save_button, LEFT)
    assert [p.kind for p in cash.day_model.rows()] == ["refund"]
    assert cash.refund_model.rowCount() == 0


def test_a_duplicate_invoice_number_is_said_beside_the_field_art_16(qtbot, database, uow):
    from tests.sales_factories import make_contract

    desk = open_desk(uow)
    make_contract(uow, desk.consultant, desk.manager)
    page = _page(qtbot, database, desk.cashier)
    for row in (0, 1):
        _pick_contract(page, row)
        qtbot.mouseClick(page.invoice_button, LEFT)
        qtbot.addWidget(page.dialog)
        qtbot.keyClicks(page.dialog.invoice_no, "12345678901234567890")
        qtbot.mouseClick(page.dialog.save_button, LEFT)
    assert "already recorded" in page.dialog.errors.shown()["invoice_no"]


def test_the_settlement_is_signed_on_the_pad_by_customer_and_finance_4_3_5(qtbot, database, uow, monkeypatch):
    from tests.factories import signature_capture
    from ui.widgets import signature_dialog

    def ask(parent, name, role, document=""):
        cap = signature_capture(name, str(role), 5)
        return signature_dialog.SignatureCapture(
            name, signature_dialog.SignerRole(role), utcnow(), tuple(tuple(tuple(p) for p in s) for s in cap.strokes),
            cap.png,
        )  # fmt: skip

    monkeypatch.setattr(signature_dialog.SignatureDialog, "ask", staticmethod(ask))
    desk = open_desk(uow)
    page = _page(qtbot, database, desk.cashier)
    _pick_contract(page)
    qtbot.mouseClick(page.settlement_button, LEFT)
    assert "still open" in page.message.text()
    make_payment(uow, desk.cashier, desk.contract_id, 20_840_000)
    page.show_settled.setChecked(True)
    _pick_contract(page)
    qtbot.mouseClick(page.settlement_button, LEFT)
    assert "JS-" in page.message.text()


def test_the_cash_report_is_exported_from_the_page(qtbot, database, uow, monkeypatch, tmp_path):
    from ui.finance import finance_page

    desk = open_desk(uow)
    target = tmp_path / "cash.xlsx"
    monkeypatch.setattr(finance_page.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page = _page(qtbot, database, desk.cashier)
    qtbot.mouseClick(page.export_button, LEFT)
    assert target.exists() and str(target) in page.message.text()


def test_the_finance_lists_are_well_behaved_models(qtbot, database, uow, qtmodeltester):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, 1_000)
    from app.finance import api as finance

    finance.record_payment(
        uow(), actor=desk.cashier, contract_id=desk.contract_id, kind="final", amount_fen=500, method="wechat"
    )
    finance.request_refund(uow(), actor=desk.cashier, contract_id=desk.contract_id, amount_fen=100, reason="x")
    page = _page(qtbot, database, desk.cashier)
    for model in (page.day_model, page.balance_model, page.refund_model):
        assert model.rowCount() == 1
        qtmodeltester.check(model)


def test_the_deal_page_opens_the_payment_dialog_for_a_contract(qtbot, database, uow):
    from ui.finance.payment_dialog import open_payment_dialog

    desk = open_desk(uow)
    dialog = open_payment_dialog(AppContext(database, desk.cashier), None, desk.contract_id)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "open ¥208,400.00" in dialog.summary.text()


def test_choosing_a_contract_shows_its_prepayment_ledger_4_3_4(qtbot, database, uow):
    desk = open_desk(uow)
    make_payment(uow, desk.cashier, desk.contract_id, 1_000_000)
    page = _page(qtbot, database, desk.cashier)
    _pick_contract(page)
    assert page.ledger_model.rowCount() == 1
    assert "10,000.00" in page.ledger_summary.text() and "no invoice" in page.ledger_summary.text()
