"""The vehicle form: every input of a vehicle in three tabs, with an error label under each.

Only builds, fills and reads widgets; saving (services, threads, conflicts) is VehicleDialog's
job. Widgets are named after the service's field names (objectName too), so a ValidationFailed
from app.inventory.vehicles lands beside the right input and tests can find inputs by name.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import parse_yuan_to_fen
from app.core.errors import FieldError, ValidationFailed
from app.core.dto import VehicleDTO
from app.inventory.vehicles import MIN_MODEL_YEAR, VehicleInput
from db.models import Powertrain, VehicleStatus
from ui.shell.labels import field_label, powertrain_label, status_label
from ui.widgets.field_error import FieldErrors, make_error_label
from ui.widgets.store_dates import store_qdate

S = VehicleStatus
# A new car enters stock before it is sold; reserving and selling go through change_status.
NEW_STATUSES = (S.IN_TRANSIT, S.IN_STOCK, S.ON_DISPLAY, S.TEST_DRIVE_FLEET)
INT_FIELDS = ("power_kw", "range_km", "fast_charge_minutes")
FLOAT_FIELDS = ("accel_0_100_s", "fuel_l_per_100km", "battery_kwh", "slow_charge_hours")
NEV_FIELDS = ("range_km", "battery_kwh", "fast_charge_minutes", "slow_charge_hours")
TEXT_FIELDS = ("brand", "model", "trim", "exterior_color", "interior_color")
NOTE_FIELDS = ("defect_notes", "repair_notes", "notes")


class VehicleForm(QWidget):
    def __init__(self, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.errors = FieldErrors()
        self.errors.alias("guide_price_yuan", "guide_price_fen")
        self.errors.alias("price_yuan", "price_fen")
        self.inputs: dict[str, QWidget] = {}
        self._override_shown = False
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._basics_tab(), self.tr("Basics"))
        self.tabs.addTab(self._performance_tab(), self.tr("Configuration and performance"))
        self.tabs.addTab(self._notes_tab(), self.tr("Notes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.powertrain.currentIndexChanged.connect(self._update_nev_fields)
        self._update_nev_fields()

    # --- building ------------------------------------------------------------------------
    def _input(self, name: str, widget: QWidget) -> QWidget:
        widget.setObjectName(name)
        self.inputs[name] = widget
        setattr(self, name, widget)
        return self.errors.wrap(name, widget)

    def _line(self, name: str, placeholder: str = "", max_length: int = 0) -> QWidget:
        edit = QLineEdit()
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if max_length:
            edit.setMaxLength(max_length)
        return self._input(name, edit)

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _basics_tab(self) -> QWidget:
        left, right = self._form(), self._form()
        self._basics_form = left
        left.addRow(field_label("vin"), self._line("vin", self.tr("17 characters, e.g. LSVAB2180N2000001")))
        self.vin.textEdited.connect(self._uppercase_vin)
        # Shown only after the service asked for a manager's override (domain_reference §5.2).
        left.addRow(
            self.tr("Override reason"),
            self._line("vin_override_reason", self.tr("Why the VIN is right although the check digit does not match")),
        )
        self.override_row = left.rowCount() - 1
        left.setRowVisible(self.override_row, False)
        self.override_note = QLabel()
        self.override_note.setObjectName("override_note")
        self.override_note.setWordWrap(True)
        left.addRow("", self.override_note)
        self.override_note_row = left.rowCount() - 1
        left.setRowVisible(self.override_note_row, False)
        left.addRow(field_label("brand"), self._line("brand"))
        left.addRow(field_label("model"), self._line("model"))
        left.addRow(field_label("trim"), self._line("trim"))
        year = QSpinBox()
        year.setRange(MIN_MODEL_YEAR, dt.date.today().year + 2)
        year.setValue(dt.date.today().year)
        left.addRow(field_label("model_year"), self._input("model_year", year))
        combo = QComboBox()
        for p in Powertrain:
            combo.addItem(powertrain_label(p.value), p.value)
        left.addRow(field_label("powertrain"), self._input("powertrain", combo))

        right.addRow(field_label("exterior_color"), self._line("exterior_color"))
        right.addRow(field_label("interior_color"), self._line("interior_color"))
        right.addRow(self.tr("Guide price (yuan)"), self._line("guide_price_fen", self.tr("e.g. 219900")))
        right.addRow(self.tr("Selling price (yuan)"), self._line("price_fen", self.tr("e.g. 199900")))
        right.addRow(field_label("production_date"), self._date_input())
        if self.new:
            status = QComboBox()
            for s in NEW_STATUSES:
                status.addItem(status_label(s.value), s.value)
            status.setCurrentIndex(NEW_STATUSES.index(S.IN_STOCK))
            right.addRow(field_label("status"), self._input("status", status))
        return self._columns(left, right)

    def _date_input(self) -> QWidget:
        date = QDateEdit()
        date.setObjectName("production_date")
        date.setCalendarPopup(True)
        date.setDisplayFormat("yyyy-MM-dd")
        date.setDateRange(QDate(MIN_MODEL_YEAR - 1, 1, 1), store_qdate())
        date.setDate(store_qdate())
        self.inputs["production_date"] = self.production_date = date
        self.date_unknown = QCheckBox(self.tr("Not known"))
        self.date_unknown.setObjectName("production_date_unknown")
        self.date_unknown.toggled.connect(lambda on: date.setEnabled(not on))
        # Unknown by default for a new car: better no date than a made-up one.
        self.date_unknown.setChecked(self.new)
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        h = QHBoxLayout()
        h.addWidget(date, 1)
        h.addWidget(self.date_unknown)
        v.addLayout(h)
        label = make_error_label("production_date", box)
        v.addWidget(label)
        self.errors.register("production_date", date, label)
        return box

    def _performance_tab(self) -> QWidget:
        left, right = self._form(), self._form()
        config = QPlainTextEdit()
        config.setPlaceholderText(self.tr("One item per line, e.g.\nPanoramic sunroof\nAdaptive cruise control"))
        config.setTabChangesFocus(True)
        left.addRow(field_label("configuration"), self._input("configuration", config))
        for name in ("power_kw", "accel_0_100_s", "fuel_l_per_100km") + NEV_FIELDS:
            right.addRow(field_label(name), self._line(name))
        self.nev_hint = QLabel(
            self.tr("Range, battery and charging apply to plug-in hybrids and battery electric cars only.")
        )
        self.nev_hint.setWordWrap(True)
        self.nev_hint.setEnabled(False)  # greyed: a hint, not a field
        right.addRow("", self.nev_hint)
        return self._columns(left, right)

    def _notes_tab(self) -> QWidget:
        form = self._form()
        for name in NOTE_FIELDS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            form.addRow(field_label(name), self._input(name, edit))
        page = QWidget()
        page.setLayout(form)
        return page

    @staticmethod
    def _columns(left: QFormLayout, right: QFormLayout) -> QWidget:
        page = QWidget()
        h = QHBoxLayout(page)
        h.addLayout(left, 1)
        h.addSpacing(16)
        h.addLayout(right, 1)
        return page

    # --- behaviour -----------------------------------------------------------------------
    def _uppercase_vin(self, text: str) -> None:
        if text != text.upper():
            pos = self.vin.cursorPosition()
            self.vin.setText(text.upper())
            self.vin.setCursorPosition(pos)

    def _update_nev_fields(self) -> None:
        powertrain = Powertrain(self.powertrain.currentData())
        for name in NEV_FIELDS:
            self.inputs[name].setEnabled(powertrain.is_nev)
        self.fuel_l_per_100km.setEnabled(powertrain is not Powertrain.BEV)

    def show_override(self, visible: bool = True) -> None:
        self._basics_form.setRowVisible(self.override_row, visible)
        self._override_shown = visible
        if visible:
            self.reveal("vin_override_reason")

    def override_visible(self) -> bool:
        return self._override_shown

    def reveal(self, field: str) -> None:
        """Switch to the tab holding `field` and put the cursor in it."""
        widget = self.errors.widget(field) or self.inputs.get(field)
        if widget is None:
            return
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
        widget.setFocus()

    # --- data in and out -----------------------------------------------------------------
    def load(self, v: VehicleDTO) -> None:
        self.errors.clear()
        self.vin.setText(v.vin)
        for name in TEXT_FIELDS:
            self.inputs[name].setText(getattr(v, name) or "")
        self.model_year.setValue(v.model_year)
        self.powertrain.setCurrentIndex(max(0, self.powertrain.findData(v.powertrain)))
        self.guide_price_fen.setText(_yuan_text(v.guide_price_fen))
        self.price_fen.setText(_yuan_text(v.price_fen))
        self.date_unknown.setChecked(v.production_date is None)
        if v.production_date:
            self.production_date.setDate(QDate(v.production_date.year, v.production_date.month, v.production_date.day))
        self.configuration.setPlainText("\n".join(v.configuration))
        for name in INT_FIELDS + FLOAT_FIELDS:
            value = getattr(v, name)
            self.inputs[name].setText("" if value is None else f"{value:g}")
        for name in NOTE_FIELDS:
            self.inputs[name].setPlainText(getattr(v, name) or "")
        self.vin_override_reason.clear()
        self._basics_form.setRowVisible(self.override_note_row, bool(v.vin_override_reason))
        if v.vin_override_reason:
            self.override_note.setText(
                self.tr("Check-digit override on record: {reason}").format(reason=v.vin_override_reason)
            )

    def override_reason(self) -> str | None:
        text = self.vin_override_reason.text().strip()
        return text if self.override_visible() and text else None

    def read(self) -> tuple[VehicleInput, list[FieldError]]:
        """The form's values as a VehicleInput, and the errors of text that is not a number
        (such fields are passed as 0 / None). Range and required-field rules stay in the
        service: the form only converts types."""
        errors: list[FieldError] = []
        values: dict = {name: self.inputs[name].text() for name in TEXT_FIELDS}
        for name in ("guide_price_fen", "price_fen"):
            try:
                values[name] = parse_yuan_to_fen(self.inputs[name].text(), name)
            except ValidationFailed as exc:
                errors.extend(exc.errors)
                values[name] = 0
        for name in INT_FIELDS + FLOAT_FIELDS:
            text = self.inputs[name].text().strip()
            values[name] = None
            if not text or not self.inputs[name].isEnabled():
                continue  # disabled = does not apply to this powertrain: store nothing
            pattern = r"\d+" if name in INT_FIELDS else r"\d+([.,]\d+)?"
            if not re.fullmatch(pattern, text):
                errors.append(FieldError(name, "number_format"))
            else:
                values[name] = int(text) if name in INT_FIELDS else float(text.replace(",", "."))
        lines = self.configuration.toPlainText().splitlines()
        return VehicleInput(
            vin=self.vin.text(),
            model_year=self.model_year.value(),
            powertrain=self.powertrain.currentData(),
            configuration=[line.strip() for line in lines if line.strip()],
            production_date=None if self.date_unknown.isChecked() else self.production_date.date().toPython(),
            status=self.status.currentData() if self.new else S.IN_STOCK.value,
            **values,
            **{name: self.inputs[name].toPlainText() for name in NOTE_FIELDS},
        ), errors


def _yuan_text(fen: int) -> str:
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}" if cents else str(yuan)
