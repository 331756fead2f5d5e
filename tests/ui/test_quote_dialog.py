"""The quote dialog (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3; issue #18.2) through its real
buttons: listed items only, the live total, Save writes a revision, a discount above the
threshold waits for a sales manager's approval (4.3.2.1), the customer signs on the pad."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from app.sales import api
from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401
from tests.sales_factories import make_lead, make_price_list
from ui.sales.quote_dialog import QuoteDialog, open_quote_dialog
from ui.shell.context import AppContext

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def strokes():
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


@pytest.fixture()
def setup(qtbot, make_ctx, uow):
    make_store(uow)
    consultant = make_ctx(Role.CONSULTANT, full_name="李顾问")
    manager = make_ctx(Role.SALES_MANAGER, full_name="周经理")
    make_price_list(uow, manager.actor)
    _c, lead = make_lead(uow, consultant.actor)
    deal = api.open_deal(uow(), actor=consultant.actor, lead_id=lead)
    return consultant, manager, deal.id


_parents: list[QWidget] = []  # the deal page's stand-in, alive while its dialog is used


@pytest.fixture(autouse=True)
def _forget_parents():
    yield
    _parents.clear()


def _open(qtbot, ctx: AppContext, deal_id: int) -> QuoteDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)
    open_quote_dialog(ctx, parent, deal_id)
    dialog = parent.findChild(QuoteDialog)
    assert dialog is not None
    return dialog


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_4_3_1_3_save_a_revision_with_listed_items_and_the_customer_signs_it(qtbot, setup, uow):
    consultant, _manager, deal_id = setup
    dialog = _open(qtbot, consultant, deal_id)
    dialog.quote_form.quantities[next(iter(dialog.quote_form.quantities))].setValue(1)
    assert "¥" in dialog.total.text()
    check, provider, _timing = dialog.quote_form.services["registration"]
    check.setChecked(True)
    _click(qtbot, dialog.save_button)  # a service without the customer's provider is refused
    assert dialog.quote is None
    assert dialog.findChild(QLabel, "error_services").isVisibleTo(dialog)  # 办法 art. 14: the customer's choice
    provider.setText("本店")
    _click(qtbot, dialog.save_button)
    assert dialog.quote.revision == 1 and dialog.isVisible()
    _click(qtbot, dialog.sign_button)
    pad = dialog.signature_dialog
    pad.pad.set_strokes(strokes())
    _click(qtbot, pad.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.quote.document_number.startswith("QT-")
    assert not dialog.sign_button.isEnabled()


def test_4_3_2_1_a_discount_above_the_threshold_is_approved_by_a_sales_manager(qtbot, setup):
    consultant, manager, deal_id = setup
    dialog = _open(qtbot, consultant, deal_id)
    assert not dialog.approve_button.isVisibleTo(dialog)  # a consultant never approves (4.3.2.1)
    dialog.quote_form.discount.setText("8000")
    dialog.quote_form.discount_reason.setText("老客户")
    _click(qtbot, dialog.save_button)
    assert dialog.quote.needs_approval and not dialog.sign_button.isEnabled()
    dialog.reject()
    mgr = _open(qtbot, manager, deal_id)
    assert mgr.approve_button.isVisibleTo(mgr) and mgr.approve_button.isEnabled()
    _click(qtbot, mgr.approve_button)  # an approval without a reason is refused beside the field
    assert mgr.quote.needs_approval and mgr.findChild(QLabel, "error_reason").isVisibleTo(mgr)
    mgr.approval_reason.setText("月底冲量")
    _click(qtbot, mgr.approve_button)
    assert not mgr.quote.needs_approval and mgr.sign_button.isEnabled()


def test_4_3_1_3_a_revision_starts_from_the_current_quote(qtbot, setup):
    consultant, _manager, deal_id = setup
    dialog = _open(qtbot, consultant, deal_id)
    form = dialog.quote_form
    form.quantities[next(iter(form.quantities))].setValue(2)
    form.discount.setText("1000")
    form.discount_reason.setText("试驾当日成交")
    form.gifts.setPlainText("行车记录仪")
    check, provider, timing = form.services["registration"]
    check.setChecked(True)
    provider.setText("本店")
    timing.setText("交车后5个工作日内")
    _click(qtbot, dialog.save_button)
    dialog.reject()
    again = _open(qtbot, consultant, deal_id).quote_form
    assert again.quantities[next(iter(again.quantities))].value() == 2
    assert (again.discount.text(), again.discount_reason.text()) == ("1000.00", "试驾当日成交")
    assert again.gifts.toPlainText() == "行车记录仪"
    check, provider, timing = again.services["registration"]
    assert check.isChecked() and provider.text() == "本店" and timing.text() == "交车后5个工作日内"
    assert "¥" in _open(qtbot, consultant, deal_id).total.text()  # priced as soon as it opens


def test_4_3_1_2_a_deal_to_order_is_given_a_car_in_stock_of_its_model(qtbot, setup, uow):
    from tests.sales_factories import make_vehicle

    consultant, manager, deal_id = setup
    car = make_vehicle(uow, manager.actor)
    make_vehicle(uow, manager.actor, model="途观L")  # another model is never offered
    dialog = _open(qtbot, consultant, deal_id)
    assert dialog.car.count() == 2  # "to order" and the one Passat
    dialog.car.setCurrentIndex(dialog.car.findData(car))
    _click(qtbot, dialog.assign_button)
    assert dialog.deal.vehicle_id == car and dialog.deal.vin in dialog.heading.text()
