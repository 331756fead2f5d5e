"""The contract dialogs, driven through their real buttons (issue #18.4; T/CSCA 120031-2023
4.3.3; 办法 arts. 14-15; 民法典 586): the pads open only once the service has nothing to refuse,
each paper is signed by customer and consultant, and a manager ends a contract with a reason."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from db.finance_models import RefundRequest
from db.models import Role, Vehicle
from db.sales_models import Contract
from tests.contract_factories import ready_deal
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import BUYER_ID, make_contract, make_payment, make_price_list
from ui.sales.contract_dialog import open_contract_dialog
from ui.sales.end_contract_dialog import open_end_contract_dialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def _strokes():
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


@pytest.fixture()
def consultant_ctx(make_ctx, uow):
    make_store(uow)
    return make_ctx(Role.CONSULTANT, full_name="李顾问")


def _type(widget, text):
    """Typed key by key (Chinese too, as an input method delivers it)."""
    widget.clear()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _sign(qtbot, dialog, paper, role):
    qtbot.mouseClick(dialog.sign_buttons[(paper, role)], Qt.MouseButton.LeftButton)
    pad = dialog.signature_dialog
    pad.pad.set_strokes(_strokes())
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def _fill(dialog):
    f = dialog.fields
    _type(f.buyer_id, BUYER_ID)
    _type(f.engine_no, "EA888-123456")
    _type(f.certificate_no, "WDA123456789012")


def test_the_contract_and_the_agency_agreement_are_signed_then_the_car_is_sold(qtbot, consultant_ctx, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, vehicle_id = ready_deal(uow, consultant_ctx.actor, manager)
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    assert "¥207,900.00" in dialog.findChild(type(dialog.blockers), "contract_summary").text()
    _fill(dialog)
    assert not dialog.sign_button.isEnabled()
    for paper in ("contract", "entrustment"):
        for role in ("customer", "consultant"):
            _sign(qtbot, dialog, paper, role)
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.result_dto is not None and dialog.result_dto.number.startswith("HT-")
    with uow() as u:
        assert u.session.get(Vehicle, vehicle_id).status == "sold"


def test_a_visitor_from_abroad_is_offered_the_passport_as_id_type(qtbot, consultant_ctx, uow):
    """A customer reception checked in as from abroad (外籍) shows a passport, not a 居民身份证;
    anyone else starts on the 居民身份证. The type is still the consultant's to change."""
    from db.reception_models import Customer
    from db.sales_models import Deal

    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant_ctx.actor, manager)
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    assert dialog.fields.buyer_id_type.currentData() == "resident_id"
    dialog.close()
    with uow() as u:
        u.session.get(Customer, u.session.get(Deal, deal_id).customer_id).foreign_visitor = True
        u.commit()
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    assert dialog.fields.buyer_id_type.currentData() == "passport"


def test_a_mistyped_id_is_shown_beside_its_field_and_no_pad_opens(qtbot, consultant_ctx, uow):
    """domain_reference §5: the 身份证 check character is checked before anyone signs."""
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant_ctx.actor, manager)
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    _fill(dialog)
    _type(dialog.fields.buyer_id, "110105194912310021")
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is None
    assert "check character" in dialog.errors.label("buyer_id").text()


def test_earnest_money_over_20_percent_is_refused_beside_the_deposit(qtbot, consultant_ctx, uow):
    """民法典 586: a 定金 above 20 % of the price is refused before the pads open."""
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant_ctx.actor, manager)
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    _fill(dialog)
    f = dialog.fields
    f.deposit_kind.setCurrentIndex(f.deposit_kind.findData("earnest"))
    _type(f.deposit, "41581")  # 20 % of ¥207,900 is ¥41,580
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is None
    assert "20 %" in dialog.errors.label("deposit").text()


def test_a_manager_ends_the_contract_with_a_reason(qtbot, make_ctx, uow):
    """END_CONTRACTS: car back in stock, refund request for the net paid."""
    make_store(uow)
    manager_ctx = make_ctx(Role.SALES_MANAGER, full_name="王经理")
    consultant, finance = make_user(uow, Role.CONSULTANT), make_user(uow, Role.FINANCE)
    make_price_list(uow, manager_ctx.actor)
    deal_id, contract_id = make_contract(uow, consultant, manager_ctx.actor)
    make_payment(uow, finance, contract_id, 500_000)
    dialog = open_end_contract_dialog(manager_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    about = dialog.findChild(QLabel, "end_contract_about").text()
    assert "王**" in about and "王建国" not in about  # the buyer masked on screen (PIPL, docs/privacy.md)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors.label("reason").text()  # the reason is required
    _type(dialog.reason, "客户放弃购车")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_dto is not None and dialog.result_dto.refund_fen == 500_000
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        assert c.status == "cancelled" and u.session.get(Vehicle, c.vehicle_id).status == "in_stock"
        assert u.session.query(RefundRequest).one().amount_fen == 500_000


def test_special_terms_are_signed_separately_and_a_change_of_terms_drops_the_signatures(qtbot, consultant_ctx, uow):
    """Special terms (特别约定) get their own pads; signatures belong to the terms they were
    drawn under, so editing a term after signing asks for them again."""
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant_ctx.actor, manager, services=())
    dialog = open_contract_dialog(consultant_ctx, None, deal_id)
    qtbot.addWidget(dialog)
    _fill(dialog)
    assert not dialog.sign_buttons[("special_terms", "customer")].isVisibleTo(dialog)
    assert not dialog.sign_buttons[("entrustment", "customer")].isVisibleTo(dialog)  # no agency services
    _type(dialog.fields.special_terms, "交车前加装行车记录仪")
    assert dialog.sign_buttons[("special_terms", "customer")].isVisibleTo(dialog)
    for role in ("customer", "consultant"):
        _sign(qtbot, dialog, "contract", role)
    assert not dialog.sign_button.isEnabled()  # the special terms are not signed yet
    for role in ("customer", "consultant"):
        _sign(qtbot, dialog, "special_terms", role)
    assert dialog.sign_button.isEnabled()
    _type(dialog.fields.certificate_no, "WDA123456789013")
    assert not dialog.sign_button.isEnabled()  # the terms changed: sign again
    for paper in ("contract", "special_terms"):
        for role in ("customer", "consultant"):
            _sign(qtbot, dialog, paper, role)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    dto = dialog.result_dto
    assert dto is not None and dto.special_terms_document_id is not None and dto.certificate_no == "WDA123456789013"
