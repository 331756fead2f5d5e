"""Amending a signed contract from the deal page (issue #18.4; T/CSCA 120031-2023 4.3.3: a
change of terms is signed again): a sales manager opens "Amend contract…", gives the reason,
retypes the buyer's ID, changes the delivery date, the customer and the consultant sign, and
the contract becomes revision 2 with a new document version, shown on the deal page."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from db.models import Document, Role
from db.sales_models import Contract
from tests.contract_factories import contract_input, ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import BUYER_ID
from ui.sales.deal_page import DealPage

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def _strokes():
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


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


@pytest.fixture()
def signed(make_ctx, uow):
    """(manager's context, deal page, contract id): a deal whose contract is signed and live."""
    make_store(uow)
    manager_ctx = make_ctx(Role.SALES_MANAGER, full_name="王经理")
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    deal_id, _ = ready_deal(uow, consultant, manager_ctx.actor)
    contract = sign(uow, consultant, deal_id)
    page = DealPage(manager_ctx, deal_id)
    return manager_ctx, page, contract.id


def _open_amendment(qtbot, page):
    qtbot.addWidget(page)
    page.show()
    button = page.steps.buttons["step_amend_contract"]
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.steps.opened
    assert dialog is not None and dialog.objectName() == "amend_contract_dialog"
    return dialog


def _history(page) -> list[str]:
    m = page.history
    return [str(m.index(r, c).data()) for r in range(m.rowCount()) for c in range(m.columnCount())]


def test_an_amendment_is_signed_again_as_the_contract_s_next_version(qtbot, signed, uow):
    _, page, contract_id = signed
    dialog = _open_amendment(qtbot, page)
    assert dialog.fields.engine_no.text() == "EA888-123456"  # prefilled from the live contract
    assert dialog.fields.buyer_id.text() == ""  # sealed: retyped
    _type(dialog.reason, "客户要求推迟交车")
    _type(dialog.fields.buyer_id, BUYER_ID)
    new_date = dt.date.today() + dt.timedelta(days=40)
    dialog.fields.delivery_date.setDate(QDate(new_date.year, new_date.month, new_date.day))
    assert not dialog.sign_buttons[("entrustment", "customer")].isVisibleTo(dialog)  # not re-signed
    for role in ("customer", "consultant"):
        _sign(qtbot, dialog, "contract", role)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    dto = dialog.result_dto
    assert dto is not None and dto.revision == 2 and dto.delivery_date == new_date
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        versions = u.session.scalars(select(Document.version).where(Document.number == c.number)).all()
        assert c.revision == 2 and sorted(versions) == [1, 2]
        assert u.session.get(Document, c.document_id).version == 2
    assert new_date.isoformat() in page.summary.text()
    history = _history(page)
    assert "Contract amended (revision 2)" in history and "客户要求推迟交车" in history


def test_without_a_reason_nothing_is_signed_and_the_reason_is_asked_for(qtbot, signed, uow):
    _, page, contract_id = signed
    dialog = _open_amendment(qtbot, page)
    _type(dialog.fields.buyer_id, BUYER_ID)
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is None  # no pad opens for an amendment without a reason
    assert dialog.errors.label("reason").text() == "This field is required."
    assert not dialog.sign_button.isEnabled()
    with uow() as u:
        assert u.session.get(Contract, contract_id).revision == 1


def _ready_to_sign(dialog, reason="客户要求推迟交车"):
    _type(dialog.reason, reason)
    _type(dialog.fields.buyer_id, BUYER_ID)
    dialog.fields.delivery_date.setDate(QDate.currentDate().addDays(30))


def _no_pad_opens(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is None


def test_another_buyer_s_id_is_refused_beside_the_id_before_any_pad_opens(qtbot, signed, uow):
    """The amendment keeps the buyer (the handover re-checks this ID): the service's pre-check
    (amendment_blockers) refuses it before anyone signs."""
    _, page, contract_id = signed
    dialog = _open_amendment(qtbot, page)
    _ready_to_sign(dialog, "换人")
    f = dialog.fields
    f.buyer_id_type.setCurrentIndex(f.buyer_id_type.findData("passport"))
    _type(f.buyer_id, "E12345678")
    _no_pad_opens(qtbot, dialog)
    assert "keeps the buyer" in dialog.errors.label("buyer_id").text()
    with uow() as u:
        assert u.session.get(Contract, contract_id).revision == 1


def test_an_earnest_money_over_20_percent_is_refused_beside_it_before_any_pad_opens(qtbot, signed, uow):
    """民法典 586: the amendment's terms are checked as a new contract's, before the pads."""
    _, page, contract_id = signed
    dialog = _open_amendment(qtbot, page)
    _ready_to_sign(dialog)
    f = dialog.fields
    f.deposit_kind.setCurrentIndex(f.deposit_kind.findData("earnest"))
    _type(f.deposit, "9999999")
    _no_pad_opens(qtbot, dialog)
    assert "20" in dialog.errors.label("deposit").text()
    _type(f.deposit, "1000")  # corrected: the pads open
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is not None and dialog.errors.label("deposit").text() == ""
    with uow() as u:
        assert u.session.get(Contract, contract_id).revision == 1


def test_a_contract_ended_on_another_terminal_meanwhile_opens_no_pad(qtbot, signed, uow):
    """The pre-check reads the contract as it is now: ended elsewhere since the form opened,
    the manager is told (the conflict box) instead of a pad opening for a dead contract."""
    from app.sales.api import end_contract

    manager_ctx, page, contract_id = signed
    dialog = _open_amendment(qtbot, page)
    _ready_to_sign(dialog)
    end_contract(
        uow(), actor=manager_ctx.actor, contract_id=contract_id, expected_version=dialog.contract.version,
        kind="cancel", reason="客户取消",
    )  # fmt: skip
    _no_pad_opens(qtbot, dialog)
    assert dialog.conflict_box is not None
    with uow() as u:
        assert u.session.get(Contract, contract_id).revision == 1


@pytest.fixture()
def with_agent(make_ctx, uow):
    """A contract signed by an agent (代理人) holding a passport."""
    make_store(uow)
    manager_ctx = make_ctx(Role.SALES_MANAGER, full_name="王经理")
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    deal_id, _ = ready_deal(uow, consultant, manager_ctx.actor)
    data = contract_input(agent_name="张代理", agent_id_type="passport", agent_id_number="E12345678")
    contract = sign(uow, consultant, deal_id, data)
    return DealPage(manager_ctx, deal_id), contract.id


def test_the_agent_s_id_type_is_prefilled_and_the_agent_kept(qtbot, with_agent, uow):
    """The agent's ID number is sealed (never shown): the amendment shows its type from the
    contract and, left empty, keeps the number; the new revision names the same agent."""
    page, contract_id = with_agent
    dialog = _open_amendment(qtbot, page)
    f = dialog.fields
    assert f.agent_name.text() == "张代理"
    assert f.agent_id_type.currentData() == "passport"
    assert f.agent_id.text() == "" and "*******78" in f.agent_id.placeholderText()  # masked
    _ready_to_sign(dialog)
    for role in ("customer", "consultant"):
        _sign(qtbot, dialog, "contract", role)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.result_dto is not None and dialog.result_dto.revision == 2
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        assert (c.agent_name, c.agent_id_type, c.revision) == ("张代理", "passport", 2)


def test_a_consultant_is_not_offered_the_amendment(qtbot, make_ctx, uow):
    """Voiding the signed version is a sales manager's right (VOID_DOCUMENTS)."""
    make_store(uow)
    consultant_ctx = make_ctx(Role.CONSULTANT, full_name="李顾问")
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant_ctx.actor, manager)
    sign(uow, consultant_ctx.actor, deal_id)
    page = DealPage(consultant_ctx, deal_id)
    qtbot.addWidget(page)
    page.show()
    assert not page.steps.buttons["step_amend_contract"].isVisible()


@pytest.fixture()
def chinese(qapp):
    from ui.shell.i18n import install_translators

    assert install_translators("zh_CN")
    yield
    install_translators("en")


def test_the_amendment_form_reads_in_chinese(qtbot, signed, chinese):
    """The contract form's own words (its signature box) stay translated in the amendment."""
    _, page, _ = signed
    dialog = _open_amendment(qtbot, page)
    assert dialog.sign_button.text() == "签署变更"
    assert dialog.sign_buttons[("contract", "customer")].text() != "Customer signs…"
