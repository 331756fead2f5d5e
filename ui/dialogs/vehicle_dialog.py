"""Add or edit one vehicle (库存车辆录入/修改).

OK sends the form to add_vehicle / update_vehicle through run_op(write=True); the dialog stays
open on bad input with each message beside its field. A check-digit mismatch reveals the
"Override reason" field for a sales manager only (domain_reference §5.2). A stale save shows
the conflict box (Reload / Cancel): never a silent overwrite.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import Conflict, FieldError, OverrideRequired, ValidationFailed
from app.permissions import Action, can
from app.services import vehicles
from app.services.dto import Changes, VehicleDTO
from ui.context import AppContext
from ui.errors import error_text, field_error_text, show_error
from ui.labels import field_label
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import ERROR_STYLE
from ui.widgets.vehicle_form import VehicleForm
from ui.workers import run_op


class VehicleDialog(QDialog):
    # Emitted with the saved VehicleDTO just before the dialog closes with Accepted.
    vehicle_saved = Signal(object)

    def __init__(self, ctx: AppContext, vehicle: VehicleDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vehicle_dialog")
        self.ctx = ctx
        self.vehicle = vehicle
        self.result_vehicle: VehicleDTO | None = None
        self.conflict_box = None
        self._saving = False
        if vehicle is None:
            self.setWindowTitle(self.tr("Add vehicle"))
        else:
            self.setWindowTitle(self.tr("Edit vehicle {vin}").format(vin=vehicle.vin))

        self.form = VehicleForm(new=vehicle is None, parent=self)
        # Errors that belong to no single field (or to one the form does not have).
        self.general_error = QLabel(self)
        self.general_error.setObjectName("error_general")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)  # Enter in any line edit saves
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        # Fits a 1280x800 screen with room for the window frame and the task bar.
        self.resize(880, 500)
        if vehicle is not None:
            self.form.load(vehicle)
        self.form.reveal("vin")

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        self.form.errors.clear()
        self.general_error.hide()
        data, parse_errors = self.form.read()
        if parse_errors:
            # Show every problem at once, not only the unparsable numbers: the service's own
            # checks are pure (no database), so run them here for the other fields.
            bad = {e.field for e in parse_errors}
            _, _, rule_errors = vehicles.validate_vehicle_input(data)
            merged = [e for e in rule_errors if e.field not in bad] + parse_errors
            order = list(self.form.inputs)  # form order, so the first bad field gets the cursor
            merged.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
            self._show_validation(ValidationFailed(merged))
            return
        reason = self.form.override_reason()
        actor, uow, v = self.ctx.actor, self.ctx.uow, self.vehicle
        if v is None:
            def op():
                return vehicles.add_vehicle(uow(), actor=actor, data=data, vin_override_reason=reason)
        else:
            vehicle_id, version = v.id, v.version

            def op():
                return vehicles.update_vehicle(uow(), actor=actor, vehicle_id=vehicle_id,
                                               expected_version=version, data=data,
                                               vin_override_reason=reason)
        self._set_saving(True)
        run_op(self, op, self._saved, self._failed, write=True)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)
        self.form.setEnabled(not saving)
        if saving:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _saved(self, dto: VehicleDTO) -> None:
        self._set_saving(False)
        self.result_vehicle = dto
        self.vehicle_saved.emit(dto)  # first, so the page knows what to select after reloading
        self.ctx.changed(Changes(vehicles=True, ids=frozenset({dto.id})), self)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, OverrideRequired):
            self._show_validation(exc)
            if can(self.ctx.actor.roles, Action.OVERRIDE_VIN_CHECK):
                had_field = self.form.override_visible()
                self.form.show_override(True)
                if had_field and not self.form.override_reason():
                    self.form.errors.set_error("vin_override_reason",
                                               field_error_text(FieldError("vin_override_reason", "required")))
        elif isinstance(exc, ValidationFailed):
            self._show_validation(exc)
        elif isinstance(exc, Conflict):
            self.conflict_box = open_conflict_box(self, exc, self.reload)
        else:
            show_error(self, exc)

    def _show_validation(self, exc: ValidationFailed) -> None:
        unplaced = self.form.errors.show(exc)
        if unplaced:
            lines = [f"{field_label(e.field)}: {field_error_text(e)}" for e in unplaced]
            self.general_error.setText("\n".join([error_text(exc)] + lines))
            self.general_error.show()
        first = next((e.field for e in exc.errors if self.form.errors.widget(e.field)), None)
        if first:
            self.form.reveal(first)

    # --- conflict: take the other terminal's version -------------------------------------
    def reload(self) -> None:
        if self.vehicle is None:
            return
        actor, uow, vehicle_id = self.ctx.actor, self.ctx.uow, self.vehicle.id
        self._set_saving(True)
        run_op(self, lambda: vehicles.get_vehicle(uow(), actor=actor, vehicle_id=vehicle_id),
               self._reloaded, self._reload_failed)

    def _reloaded(self, dto: VehicleDTO) -> None:
        self._set_saving(False)
        self.vehicle = dto
        self.form.load(dto)

    def _reload_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        show_error(self, exc)

    def reject(self) -> None:
        # Closing while a save runs would drop its result (and its error) on the floor.
        if not self._saving:
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, vehicle: VehicleDTO | None = None) -> VehicleDTO | None:
        """Modal: the saved vehicle, or None if cancelled. Pages use open() instead."""
        dialog = cls(ctx, vehicle, parent)
        try:
            return dialog.result_vehicle if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

