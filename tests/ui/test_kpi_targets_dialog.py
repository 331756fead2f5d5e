"""The KPI targets dialog by clicking (issue #20.1; T/CSCA 120031 5.2.1): a manager sees the
eight KPIs at their 5.2.1 defaults, is told to give a reason, sets a stricter 3.11 target from
today and a 3.15 one from next week, and sees who set them and why, and the history."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDateTimeEdit
from PySide6.QtCore import Qt

from app.kpis.definitions import KPIS, KpiCode
from ui.kpis.targets_dialog import TargetsDialog

pytestmark = pytest.mark.usefixtures("sync_ops")
LEFT = Qt.MouseButton.LeftButton


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _cell(table, row: int, col: int) -> str:
    return table.model().index(row, col).data()


def _rows(table) -> int:
    return table.model().rowCount()


def test_a_manager_sets_targets_and_sees_who_and_why(qtbot, ctx):
    dialog = TargetsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.current
    assert _rows(table) == 8
    assert [_cell(table, r, 1) for r in range(8)] == [
        ("≤ " if d.code is KpiCode.HOTLINE_COMPLAINT else "≥ ") + f"{d.default_target_bp / 100:.2f} %" for d in KPIS
    ]
    assert dialog.code.currentData() == "3.11" and dialog.target.value() == 98.0  # starts at the one in force

    _type(qtbot, dialog.target, "99.25")
    qtbot.mouseClick(dialog.save_button, LEFT)  # no reason given
    error = dialog.findChild(type(dialog.general_error), "error_reason")
    assert error.isVisible() and "why" in error.text()
    assert _rows(dialog.history) == 0

    qtbot.keyClicks(dialog.reason, "Brand dealer standard asks 99.25%")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter saves
    assert not error.isVisible()
    assert _cell(table, 0, 1) == "≥ 99.25 %" and _cell(table, 0, 2) == "≥ 98.00 %"
    assert (_cell(table, 0, 4), _cell(table, 0, 5)) == ("王经理", "Brand dealer standard asks 99.25%")
    assert dialog.reason.text() == ""  # ready for the next one

    dialog.code.setFocus()
    qtbot.keyClick(dialog.code, Qt.Key.Key_End)  # h) … f) is the 6th: go there by keys
    for _ in range(2):
        qtbot.keyClick(dialog.code, Qt.Key.Key_Up)
    assert dialog.code.currentData() == "3.15" and dialog.target.value() == 0.7
    _type(qtbot, dialog.target, "0.5")
    # Next year's day, by the year part of the field whatever the locale's order: pressing Up on
    # its first section did nothing in December with a month-first (en_US) format.
    later = dialog.effective.date().addYears(1)
    dialog.effective.setFocus()
    dialog.effective.setCurrentSection(QDateTimeEdit.Section.YearSection)  # as a click on the year
    qtbot.keyClick(dialog.effective, Qt.Key.Key_Up)
    assert dialog.effective.date() == later
    qtbot.keyClicks(dialog.reason, "Fewer 12345 complaints")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert _cell(table, 5, 1) == "≤ 0.70 %"  # not in force before its day
    assert _rows(dialog.history) == 2
    assert [_cell(dialog.history, 0, c) for c in (1, 3, 6)] == ["≤ 0.50 %", "scheduled", "Fewer 12345 complaints"]
    assert _cell(dialog.history, 1, 3) == "in force"
