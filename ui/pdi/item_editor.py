"""The editor of the selected PDI item (issue #7; T/CSCA 120031-2023 4.4.1.2–4.4.1.4): its
result (OK / not OK / not applicable), value with unit, note, photos and the repairs recorded
for it, with the item's buttons. The inspection dialog (inspection_dialog.py) owns the
saving; this widget only shows an item and reads what the technician entered.

Few inputs per item (issue #17.9): "OK, next item" (F2) records the item as passed and moves
on, and Enter in the value or note field saves; photos the checklist asks for are counted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import to_store_time
from app.pdi.dto import PdiItemDTO, PdiRectificationDTO
from ui.pdi.labels import ITEM_RESULT
from ui.pdi.models import item_text
from ui.pdi.photo_strip import PdiPhotoStrip
from ui.shell.labels import label
from ui.widgets.buttons import action_button
from ui.widgets.field_error import FieldErrors

RESULTS = ("ok", "not_ok", "n_a")


class PdiItemEditor(QGroupBox):
    """Buttons call `actions[name]` (save_item, pass_next, add_photo, record_repair,
    acknowledge_repair); Enter in the value or note field calls `actions["enter"]`."""

    def __init__(self, ctx, actions: dict[str, Callable[[], object]], parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Selected item"))
        self.item_title = QLabel(objectName="pdi_item_title")
        self.item_title.setWordWrap(True)
        self.value = QLineEdit(objectName="pdi_value")
        self.unit = QLabel()
        self.note = QLineEdit(objectName="pdi_note")
        self.repairs = QLabel(objectName="pdi_item_repairs")
        self.repairs.setWordWrap(True)
        self.photos = PdiPhotoStrip(ctx, self)
        self.photos_needed = QLabel(objectName="pdi_photos_needed")
        self.errors = FieldErrors()
        self.result_group = QButtonGroup(self)
        self.result_buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._form())
        layout.addLayout(self._buttons(actions))
        # Enter saves (no default button: Enter must not also press one, issue #17.9).
        self.value.returnPressed.connect(actions["enter"])
        self.note.returnPressed.connect(actions["enter"])

    def _results_row(self) -> QWidget:
        results = QHBoxLayout()
        results.setContentsMargins(0, 0, 0, 0)
        for key in RESULTS:
            b = QRadioButton(label(ITEM_RESULT, key), objectName=f"result_{key}")
            self.result_group.addButton(b)
            self.result_buttons[key] = b
            results.addWidget(b)
        results.addStretch(1)
        box = QWidget()
        box.setLayout(results)
        return box

    def _form(self) -> QFormLayout:
        value_row = QHBoxLayout()
        value_row.setContentsMargins(0, 0, 0, 0)
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.unit)
        value_box = QWidget()
        value_box.setLayout(value_row)
        form = QFormLayout()
        form.addRow(self.item_title)
        form.addRow(self.tr("Result:"), self.errors.wrap("result", self._results_row()))
        form.addRow(self.tr("Value:"), self.errors.wrap("value", value_box))
        form.addRow(self.tr("Note:"), self.errors.wrap("note", self.note))
        photo_row = QHBoxLayout()
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(self.photos_needed)
        photo_box = QWidget()
        photo_box.setLayout(photo_row)
        form.addRow(self.tr("Photos:"), self.errors.wrap("photo", photo_box))
        form.addRow(self.tr("Repairs:"), self.repairs)
        return form

    def _buttons(self, actions: dict[str, Callable[[], object]]) -> QHBoxLayout:
        self.pass_button = action_button(
            self.tr("OK, next item (F2)"), "pass_next_item", actions["pass_next"], auto_default=False
        )
        # A shortcut of its own, not the button's: a button's shortcut clicks it 100 ms later
        # (animateClick), and the technician presses on at once.
        self.pass_key = QShortcut(QKeySequence("F2"), self, actions["pass_next"])
        self.save_button = action_button(self.tr("Save item"), "save_item", actions["save_item"], auto_default=False)
        self.photo_button = action_button(self.tr("Add photo…"), "add_photo", actions["add_photo"], auto_default=False)
        self.rectify_button = action_button(
            self.tr("Record repair…"), "record_repair", actions["record_repair"], auto_default=False
        )
        self.ack_button = action_button(
            self.tr("Customer acknowledges…"), "acknowledge_repair", actions["acknowledge_repair"], auto_default=False
        )
        row = QHBoxLayout()
        for b in (self.pass_button, self.save_button, self.photo_button, self.rectify_button, self.ack_button):
            row.addWidget(b)
        row.addStretch(1)
        return row

    # -- showing and reading ---------------------------------------------------------------------
    def checked_result(self) -> str:
        return next((k for k, b in self.result_buttons.items() if b.isChecked()), "")

    def set_result(self, result: str) -> None:
        self.result_buttons[result].setChecked(True)

    def show_item(self, item: PdiItemDTO, repairs: list[PdiRectificationDTO]) -> None:
        self.item_title.setText(f"{item.item_id} · {item_text(item)}")
        self.result_group.setExclusive(False)
        for key, b in self.result_buttons.items():
            b.setChecked(item.result == key)
        self.result_group.setExclusive(True)
        self.value.setText(item.value)
        self.value.setEnabled(item.value_kind is not None)
        self.unit.setText(item.value_unit)
        self.note.setText(item.note)
        lines = []
        found = item.first_defect()
        if found is not None and item.result != "not_ok":
            lines.append(
                self.tr("Found not OK by {who} at {when}: {note}").format(
                    who=found.recorded_by_name or "",
                    when=f"{to_store_time(found.recorded_at):%Y-%m-%d %H:%M}",
                    note=found.note,
                )
            )
        lines.extend(self._repair_line(r) for r in repairs)
        self.repairs.setText("\n".join(lines) or self.tr("none"))
        self.photos.show_photos(item.photos)
        self.photos_needed.setText(
            self.tr("{have} of {need} photos the checklist asks for").format(
                have=len(item.photos), need=item.photos_required
            )
            if item.photos_required
            else ""
        )

    def _repair_line(self, r: PdiRectificationDTO) -> str:
        line = self.tr("{action} by {who}").format(action=r.action_taken, who=r.repaired_by)
        if r.parts_replaced:
            line += self.tr("; parts: {parts}").format(parts=r.parts_replaced)
        if r.assembly_repair:
            line += (
                self.tr("; assembly {name}, acknowledged by {customer}").format(
                    name=r.assembly_name, customer=r.acknowledged_by
                )
                if r.acknowledged_at
                else self.tr("; assembly {name}, NOT yet acknowledged by the customer").format(name=r.assembly_name)
            )
        return line
