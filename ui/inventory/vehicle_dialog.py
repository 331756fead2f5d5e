"""Add or edit one vehicle (库存车辆录入/修改).

Save sends the form to add_vehicle / update_vehicle through the one operation path
(ServiceFormDialog); the dialog stays open on bad input with each message beside its field. A
check-digit mismatch reveals the "Override reason" field for a sales manager only
(domain_reference §5.2). A stale save shows the conflict box (Reload / Cancel): never a
silent overwrite.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.core.errors import FieldError, OverrideRequired, ValidationFailed
from app.core.permissions import Action, can
from app.inventory import vehicles
from app.core.dto import VehicleDTO
from ui.shell.context import AppContext
from ui.shell.errors import field_error_text
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.inventory.vehicle_form import VehicleForm


class VehicleDialog(ServiceFormDialog):
    # Emitted with the saved VehicleDTO just before the dialog closes with Accepted.
    vehicle_saved = Signal(object)

    def __init__(self, ctx: AppContext, vehicle: VehicleDTO | None = None, parent: QWidget | None = None) -> None:
        form = VehicleForm(new=vehicle is None)
        super().__init__(ctx, form, form.errors, parent)
        self.setObjectName("vehicle_dialog")
        self.vehicle = vehicle
        if vehicle is None:
            self.setWindowTitle(self.tr("Add vehicle"))
        else:
            self.setWindowTitle(self.tr("Edit vehicle {vin}").format(vin=vehicle.vin))
        # Fits a 1280x800 screen with room for the window frame and the task bar.
        self.resize(880, 500)
        if vehicle is not None:
            form.load(vehicle)
        form.reveal("vin")

    @property
    def result_vehicle(self) -> VehicleDTO | None:
        return self.result_dto

    def service_call(self) -> ServiceCall | None:
        data, parse_errors = self.form.read()
        if parse_errors:
            # Show every problem at once, not only the unparsable numbers: the service's own
            # checks are pure (no database), so run them here for the other fields.
            bad = {e.field for e in parse_errors}
            _, _, rule_errors = vehicles.validate_vehicle_input(data)
            merged = [e for e in rule_errors if e.field not in bad] + parse_errors
            order = list(self.form.inputs)  # form order, so the first bad field gets the cursor
            merged.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
            self.show_validation(ValidationFailed(merged))
            return None
        reason = self.form.override_reason()
        actor, uow, v = self.ctx.actor, self.ctx.uow, self.vehicle
        if v is None:
            return lambda: vehicles.add_vehicle(uow(), actor=actor, data=data, vin_override_reason=reason)
        vehicle_id, version = v.id, v.version
        return lambda: vehicles.update_vehicle(
            uow(), actor=actor, vehicle_id=vehicle_id, expected_version=version, data=data, vin_override_reason=reason
        )

    def done_saving(self, result: VehicleDTO) -> None:
        self.vehicle_saved.emit(result)  # first, so the page knows what to select after reloading
        super().done_saving(result)

    def failed(self, exc: BaseException) -> bool:
        if not isinstance(exc, OverrideRequired):
            return False
        self.show_field_errors(exc)
        if can(self.ctx.actor.roles, Action.OVERRIDE_VIN_CHECK):
            had_field = self.form.override_visible()
            self.form.show_override(True)
            if had_field and not self.form.override_reason():
                self.errors.set_error(
                    "vin_override_reason", field_error_text(FieldError("vin_override_reason", "required"))
                )
        return True

    # --- conflict: take the other terminal's version -------------------------------------
    def reload_call(self) -> ServiceCall | None:
        if self.vehicle is None:
            return None
        actor, uow, vehicle_id = self.ctx.actor, self.ctx.uow, self.vehicle.id
        return lambda: vehicles.get_vehicle(uow(), actor=actor, vehicle_id=vehicle_id)

    def load(self, dto: VehicleDTO) -> None:
        self.vehicle = dto
        self.form.load(dto)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, vehicle: VehicleDTO | None = None) -> VehicleDTO | None:
        """Modal: the saved vehicle, or None if cancelled. Pages use open() instead."""
        dialog = cls(ctx, vehicle, parent)
        try:
            return dialog.result_vehicle if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
