"""Move a vehicle to another status (在途 → 在库 → 展车 …), with a reason for the history.

The combo offers only the moves app.inventory.vehicles.TRANSITIONS allows from the current
status, never Sold or Delivered (a contract sells, a handover delivers: issue #18.4); the service
checks again and its errors (e.g. status_held_by_contract) are shown in the dialog through
ui.shell.errors.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.inventory import vehicles
from app.core.dto import VehicleDTO
from db.models import VehicleStatus
from ui.shell.context import AppContext
from ui.shell.labels import status_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


# Sold only through a contract, delivered only through a handover (issue #18.4; T/CSCA 120031
# 4.3.3, 4.4.2): the service refuses them here, so the combo never offers them.
SALE_ONLY = frozenset({VehicleStatus.SOLD, VehicleStatus.DELIVERED})


def allowed_targets(current: str, roles) -> list[VehicleStatus]:
    """The statuses the combo offers: TRANSITIONS order-stable, never sold or delivered."""
    targets = vehicles.TRANSITIONS.get(VehicleStatus(current), frozenset())
    return [s for s in VehicleStatus if s in targets and s not in SALE_ONLY]


class StatusDialog(ServiceFormDialog):
    status_changed = Signal(object)  # the updated VehicleDTO

    def __init__(self, ctx: AppContext, vehicle: VehicleDTO, parent: QWidget | None = None) -> None:
        errors = FieldErrors()
        body = QWidget()
        super().__init__(
            ctx,
            body,
            errors,
            parent,
            buttons=QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
        )
        self.setObjectName("status_dialog")
        self.vehicle = vehicle
        self.setWindowTitle(self.tr("Change status"))
        self.vehicle_label = QLabel()
        self.current_label = QLabel()
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Optional, kept in the vehicle's history"))
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Vehicle"), self.vehicle_label)
        form.addRow(self.tr("Current status"), self.current_label)
        form.addRow(self.tr("New status"), errors.wrap("status", self.status))
        form.addRow(self.tr("Reason"), errors.wrap("reason", self.reason))
        self.message = self.general_error  # whole-operation errors, e.g. "needs a passed PDI"
        self.ok_button = self.save_button
        self.ok_button.setText(self.tr("Change status"))
        self.setMinimumWidth(460)
        self.load(vehicle)

    @property
    def result_vehicle(self) -> VehicleDTO | None:
        return self.result_dto

    def load(self, v: VehicleDTO) -> None:
        self.vehicle = v
        self.vehicle_label.setText(f"{v.vin}  {v.brand} {v.model} {v.trim}".strip())
        self.current_label.setText(status_label(v.status))
        self.status.clear()
        for s in allowed_targets(v.status, self.ctx.actor.roles):
            self.status.addItem(status_label(s.value), s.value)
        can_move = self.status.count() > 0
        self.ok_button.setEnabled(can_move)
        self.status.setEnabled(can_move)
        if not can_move:
            self.say(self.tr("No further status change is possible from this status."))

    def service_call(self) -> ServiceCall | None:
        if self.status.currentData() is None:
            return None
        actor, uow, v = self.ctx.actor, self.ctx.uow, self.vehicle
        target, reason = self.status.currentData(), self.reason.text().strip()
        return lambda: vehicles.change_status(
            uow(), actor=actor, vehicle_id=v.id, expected_version=v.version, new_status=target, reason=reason
        )

    def done_saving(self, dto: VehicleDTO) -> None:
        self.status_changed.emit(dto)  # first, so the page knows what to select after reloading
        super().done_saving(dto)

    def reload_call(self) -> ServiceCall | None:
        actor, uow, vehicle_id = self.ctx.actor, self.ctx.uow, self.vehicle.id
        return lambda: vehicles.get_vehicle(uow(), actor=actor, vehicle_id=vehicle_id)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, vehicle: VehicleDTO) -> VehicleDTO | None:
        """Modal: the updated vehicle, or None if cancelled. Pages use open() instead."""
        dialog = cls(ctx, vehicle, parent)
        try:
            return dialog.result_vehicle if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
