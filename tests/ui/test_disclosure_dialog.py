"""The disclosure dialog (T/CSCA 120031 4.2.3.4; 三包规定 art. 32; issue #18.3) through its real
buttons: it lists what is disclosed, the customer then the consultant sign on the pad, and the
disclosure is saved with its follow-up person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from sqlalchemy import select

from app.sales import api
from db.care_models import FollowUpTask
from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401
from tests.sales_factories import make_lead, make_price_list, make_vehicle
from tests.ui.test_quote_dialog import strokes
from ui.sales.disclosure_dialog import DisclosureDialog, open_disclosure_dialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_4_2_3_4_the_customer_and_the_consultant_sign_what_is_disclosed(qtbot, make_ctx, uow):
    make_store(uow)
    consultant = make_ctx(Role.CONSULTANT, full_name="李顾问")
    manager = make_ctx(Role.SALES_MANAGER, full_name="周经理")
    make_price_list(uow, manager.actor)
    car = make_vehicle(uow, manager.actor, production_date=None, defect_notes="右后门漆面划痕")
    _c, lead = make_lead(uow, consultant.actor)
    deal = api.open_deal(uow(), actor=consultant.actor, lead_id=lead, vehicle_id=car)
    parent = QWidget()
    qtbot.addWidget(parent)
    open_disclosure_dialog(consultant, parent, deal.id)
    dialog = parent.findChild(DisclosureDialog)
    assert "右后门漆面划痕" in dialog.items.text()
    ok = QDialogButtonBox.StandardButton.Ok
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    for expected_role in ("customer", "consultant"):
        pad = dialog.signature_dialog
        assert pad.role == expected_role
        pad.pad.set_strokes(strokes())
        qtbot.mouseClick(pad.buttons.button(ok), Qt.MouseButton.LeftButton)
    assert dialog.result_dto.document_number.startswith("DS-")
    with uow() as u:
        task = u.session.scalar(select(FollowUpTask))
        assert task.assignee_id == consultant.actor.user_id and task.kind == "disclosure"
