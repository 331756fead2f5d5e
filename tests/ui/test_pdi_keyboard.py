"""PDI in few inputs (issue #17.9; T/CSCA 120031-2023 4.4.1.2): a whole checklist from the
keyboard with about one key press per item.

It used to take about 113 clicks for 53 items (pick the result, click Save, pick the next
row). Now F2 ("OK, next item", shown on the button) passes an item and moves on, and a
reading is typed into the value field, which the dialog focuses, and confirmed with Enter.
The only other inputs are the 5 photos F01 asks for (the four corners and the odometer).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.demo.pdi_photos import demo_photo
from app.pdi import inspections as pdi
from db.models import Role
from db.pdi_models import PdiItemEvent, PdiPhoto
from tests.factories import isolated_data_dir, make_store  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import VALID_UNTIL, sold_car
from ui.pdi import inspection_dialog
from ui.pdi.inspection_dialog import PdiInspectionDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def dialog(qtbot, make_ctx, uow, sync_ops, tmp_path, monkeypatch):
    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    car = sold_car(uow, manager.actor, powertrain="ICE")
    tech = make_ctx(Role.PDI_TECHNICIAN, pdi_certificate_no="SH-PDI-2025-0318", pdi_certificate_expiry=VALID_UNTIL)
    ins = pdi.start_inspection(uow(), actor=tech.actor, vehicle_id=car.id)
    photo = tmp_path / "corner.png"
    photo.write_bytes(demo_photo(1))
    # The file chooser answers at once with a photo from the tablet's camera folder.
    monkeypatch.setattr(
        inspection_dialog.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), ""))
    )
    d = PdiInspectionDialog(tech, ins)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitExposed(d)
    return d


def _key(qtbot, key) -> None:
    """A key pressed where the technician's focus is (the shortcut works from anywhere)."""
    qtbot.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), key)


def test_53_items_take_one_key_press_each_and_the_results_are_recorded(qtbot, dialog, uow):
    items = dialog.inspection.items
    assert len(items) == 53 and dialog.pass_button.text().endswith("(F2)")
    presses = clicks = 0
    while (item := dialog.selected_item()) is not None and item.result is None:
        for _ in range(item.photos_missing):  # F01: 4 corners + odometer
            qtbot.mouseClick(dialog.photo_button, Qt.MouseButton.LeftButton)
            clicks += 1
        if item.value_kind:
            assert QApplication.focusWidget() is dialog.value  # the reading goes straight in
            qtbot.keyClicks(dialog.value, "80")
            _key(qtbot, Qt.Key.Key_Return)
        else:
            _key(qtbot, Qt.Key.Key_F2)
        presses += 1
        assert presses <= len(items), (
            f"the walk did not move on at {item.item_id}: {dialog.errors.shown()} done={dialog.inspection.done}"
        )
    assert presses == len(items) and clicks == 5  # one press per item; photos where asked
    assert dialog.inspection.done == len(items)
    assert {i.result for i in dialog.inspection.items} == {"ok"}
    readings = {i.item_id: i.value for i in dialog.inspection.items if i.value_kind}
    assert readings and set(readings.values()) == {"80"}
    with uow() as u:  # one result per press, nothing saved twice by Enter
        assert u.session.scalar(select(func.count(PdiItemEvent.id))) == len(items)
        assert u.session.scalar(select(func.count(PdiPhoto.id))) == 5
    qtbot.mouseClick(dialog.complete_button, Qt.MouseButton.LeftButton)
    assert dialog.inspection.status == "passed"


def test_f2_on_an_item_that_asks_for_photos_says_which_are_missing(qtbot, dialog):
    assert dialog.select_item("F01")
    _key(qtbot, Qt.Key.Key_F2)
    assert dialog.inspection.item("F01").result is None
    assert "photo" in dialog.errors.shown()
    assert dialog.editor.photos_needed.text() == "0 of 5 photos the checklist asks for"
