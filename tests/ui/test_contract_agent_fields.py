"""The contract form's agent (代理人, T/CSCA 120031-2023 4.3.3; 办法 art. 15): most buyers sign
themselves, so the agent's ID type stays empty and disabled until an agent is entered; the
service checks an agent's ID only when there is an agent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db.models import Role
from tests.contract_factories import ready_deal
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.ui.test_contract_dialog import _fill, _type
from ui.sales.contract_dialog import open_contract_dialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def dialog(qtbot, make_ctx, uow):
    make_store(uow)
    ctx = make_ctx(Role.CONSULTANT, full_name="李顾问")
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, ctx.actor, manager)
    d = open_contract_dialog(ctx, None, deal_id)
    qtbot.addWidget(d)
    return d


def test_the_agents_id_type_is_empty_until_an_agent_is_entered(qtbot, dialog):
    f = dialog.fields
    assert f.agent_id_type.currentText() == "" and not f.agent_id_type.isEnabled()
    assert f.buyer_id_type.currentData() == "resident_id"  # the buyer's own box is unchanged
    qtbot.keyClicks(f.agent_name, "Lee")
    assert f.agent_id_type.isEnabled() and f.agent_id_type.currentData() == "resident_id"
    f.agent_id_type.setCurrentIndex(f.agent_id_type.findData("passport"))
    qtbot.keyClick(f.agent_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(f.agent_name, Qt.Key.Key_Backspace)
    assert f.agent_id_type.currentText() == "" and not f.agent_id_type.isEnabled()
    assert f.data().agent_id_type == ""


def test_the_service_asks_for_the_agents_id_only_when_there_is_an_agent(qtbot, dialog):
    f = dialog.fields
    _fill(dialog)
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is not None  # no agent: nothing about one is asked
    dialog.signature_dialog.reject()
    dialog.signature_dialog = None
    _type(f.agent_name, "王代理")
    qtbot.mouseClick(dialog.sign_buttons[("contract", "customer")], Qt.MouseButton.LeftButton)
    assert dialog.signature_dialog is None
    assert dialog.errors.label("agent_id").text()  # the agent's ID number is required
