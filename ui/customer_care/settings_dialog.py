"""The store's customer-care choices (issue #19.1), for sales managers: who makes the 72-hour
call (the consultant who sold the car, or a named customer-care person, 4.5.1.2), the follow-up
interval of retained leads by intent level (4.2.3.2), and a brand's first-service (首保) days."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from app.customer_care.api import CareSettingsDTO, get_care_settings, save_care_settings
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors

LEVELS = ("H", "A", "B", "C")


def _days(name: str) -> QSpinBox:
    box = QSpinBox(objectName=name)
    box.setRange(1, 365)
    return box


class CareSettingsDialog(ServiceFormDialog):
    def __init__(self, ctx, settings: CareSettingsDTO, staff: list[tuple[int, str]], parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("care_settings_dialog")
        self.setWindowTitle(self.tr("Customer care settings"))
        self.caller = QComboBox(objectName="care_caller")
        self.caller.addItem(self.tr("The consultant who sold the car"), "consultant")
        self.caller.addItem(self.tr("Customer care"), "customer_care")
        self.staff = QComboBox(objectName="care_staff")
        self.staff.addItem("", None)
        for staff_id, name in staff:
            self.staff.addItem(name, staff_id)
        self.intervals = {level: _days(f"care_interval_{level}") for level in LEVELS}
        self.brand = QLineEdit(objectName="care_first_service_brand")
        self.brand.setPlaceholderText(self.tr("Brand, or * for every other brand; empty: unchanged"))
        self.first_days = _days("care_first_service_days")
        form = QFormLayout(body)
        form.addRow(self.tr("72-hour call by"), self.errors.wrap("delivery_caller", self.caller))
        form.addRow(self.tr("Customer care person"), self.errors.wrap("care_staff_id", self.staff))
        for level, box in self.intervals.items():
            form.addRow(self.tr("Lead follow-up, level {level} (days)").format(level=level),
                        self.errors.wrap(f"interval_{level}", box))  # fmt: skip
        form.addRow(self.tr("First service: brand"), self.errors.wrap("brand", self.brand))
        form.addRow(self.tr("First service after (days)"), self.errors.wrap("days", self.first_days))
        self.load(settings)

    def load(self, dto: CareSettingsDTO) -> None:
        self.settings = dto
        self.caller.setCurrentIndex(max(self.caller.findData(dto.delivery_caller), 0))
        self.staff.setCurrentIndex(max(self.staff.findData(dto.care_staff_id), 0))
        for level, box in self.intervals.items():
            box.setValue(dto.lead_interval_days.get(level, 7))
        self.first_days.setValue(dto.first_service_days.get("*", 90))

    def reload_call(self) -> ServiceCall | None:
        ctx = self.ctx
        return lambda: get_care_settings(ctx.uow(), actor=ctx.actor)

    def service_call(self) -> ServiceCall | None:
        ctx, version = self.ctx, self.settings.version
        caller, staff_id = self.caller.currentData(), self.staff.currentData()
        intervals = {level: box.value() for level, box in self.intervals.items()}
        brand = self.brand.text().strip()
        first = (brand, self.first_days.value()) if brand else None
        return lambda: save_care_settings(
            ctx.uow(), actor=ctx.actor, delivery_caller=caller, care_staff_id=staff_id,
            lead_interval_days=intervals, expected_version=version, first_service=first,
        )  # fmt: skip
