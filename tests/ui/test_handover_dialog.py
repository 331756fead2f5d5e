"""The handover dialog (issue #18.6; T/CSCA 120031 4.4.2, 《汽车销售管理办法》 art. 16) with the real
buttons on a real database: the blockers are shown before anything is ticked, Complete with
nothing ticked marks every step at once, the delivery appointment is booked in the future only,
and a fully ticked, signed checklist delivers the car."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from db.models import Role, Vehicle
from db.sales_models import Contract
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.handover_factories import CONFORMITY_NO, add_gifts, ready_contract
from tests.integration.test_pdi_permissions import technician
from tests.sales_factories import BUYER_ID
from ui.sales.handover_dialog import open_handover_dialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
LEFT = Qt.MouseButton.LeftButton


def _strokes():
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


@pytest.fixture()
def seller(make_ctx, uow, sync_ops):
    make_store(uow)
    return make_ctx(Role.CONSULTANT, full_name="李顾问")


def _ready(uow, seller, *, pdi=True):
    manager, finance = make_user(uow, Role.SALES_MANAGER), make_user(uow, Role.FINANCE)
    deal_id, cid, vid = ready_contract(uow, seller.actor, manager, finance, technician(uow) if pdi else None, pdi=pdi)
    return deal_id, cid, vid


def _open(qtbot, seller, deal_id):
    dialog = open_handover_dialog(seller, None, deal_id)
    qtbot.addWidget(dialog)
    return dialog


def _tick(qtbot, box):
    """Click on the box itself (a stretched check box toggles only on its box and text)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def _sign(qtbot, dialog, button):
    qtbot.mouseClick(button, LEFT)
    pad = dialog.signature_dialog
    pad.pad.set_strokes(_strokes())
    qtbot.mouseClick(pad.ok_button, LEFT)


def test_what_blocks_the_handover_is_shown_before_anything_is_ticked_4_4_1(qtbot, seller, uow):
    deal_id, _, _ = _ready(uow, seller, pdi=False)
    dialog = _open(qtbot, seller, deal_id)
    form = dialog.checklist_form
    assert form.blockers.isVisibleTo(dialog) and "PDI" in form.blockers.text()
    # 办法 art. 16: the documents with the numbers the records know; the 三包凭证 printed here.
    assert form.document_numbers["certificate"].text() == "WDA123456789012"
    assert not form.document_ticks["sanbao_certificate"].isEnabled()
    # The ID number shown is masked except while it is typed (PIPL; issue #15.1).
    assert form.id_number.echoMode() == QLineEdit.EchoMode.PasswordEchoOnEdit


def test_complete_with_nothing_ticked_marks_every_step_at_once(qtbot, seller, uow):
    deal_id, cid, _ = _ready(uow, seller)
    add_gifts(uow, cid)
    dialog = _open(qtbot, seller, deal_id)
    qtbot.mouseClick(dialog.complete_button, LEFT)
    for field in ("id_number", "vin", "documents.conformity", "gifts", "onboard_items", "explanations", "signatures"):
        assert dialog.errors.label(field).isVisibleTo(dialog), field
    assert "ID" in dialog.errors.label("id_number").text()
    with uow() as u:
        assert u.session.get(Contract, cid).status == "signed"


def test_the_delivery_appointment_is_booked_in_the_future_only(qtbot, seller, uow):
    deal_id, cid, _ = _ready(uow, seller, pdi=False)
    dialog = _open(qtbot, seller, deal_id)
    dialog.when.setDateTime(QDateTime(2020, 1, 1, 10, 0, 0))
    qtbot.mouseClick(dialog.schedule_button, LEFT)
    assert dialog.errors.label("at").isVisibleTo(dialog)
    dialog.when.setDateTime(QDateTime.currentDateTime().addDays(3))
    qtbot.mouseClick(dialog.schedule_button, LEFT)
    assert not dialog.errors.label("at").isVisibleTo(dialog)
    with uow() as u:
        assert u.session.get(Contract, cid).delivery_appointment_at is not None
    assert "Booked for" in dialog.appointment.text()


def test_a_ticked_and_signed_checklist_hands_the_car_over(qtbot, seller, uow):
    deal_id, cid, vid = _ready(uow, seller)
    gifts = add_gifts(uow, cid)
    dialog = _open(qtbot, seller, deal_id)
    form = dialog.checklist_form
    qtbot.keyClicks(form.id_number, BUYER_ID)
    qtbot.keyClicks(form.vin, dialog.checklist.vin)
    for code, tick in form.document_ticks.items():
        if tick.isEnabled():
            _tick(qtbot, tick)
    qtbot.keyClicks(form.document_numbers["conformity"], CONFORMITY_NO)
    for tick in [*form.gift_ticks.values(), *form.onboard_ticks.values(), *form.explained_ticks.values()]:
        _tick(qtbot, tick)
    assert set(form.gift_ticks) == set(gifts)
    form.odometer.setValue(8)
    _sign(qtbot, dialog, dialog.customer_button)
    _sign(qtbot, dialog, dialog.consultant_button)
    assert "customer" in dialog.signature_state.text() and "consultant" in dialog.signature_state.text()
    with qtbot.waitSignal(dialog.handed_over, timeout=20_000) as done:
        qtbot.mouseClick(dialog.complete_button, LEFT)
    assert done.args[0].warranty_document_number.startswith("SB-")
    with uow() as u:
        assert u.session.get(Contract, cid).status == "fulfilled"
        assert u.session.get(Vehicle, vid).status == "delivered"
    assert dt.date.today().year <= done.args[0].sanbao_until.year - 2
