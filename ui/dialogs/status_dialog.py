"""Move a vehicle to another status (在途 → 在库 → 展车 …), with a reason for the history.

The combo offers only the moves app.services.vehicles.TRANSITIONS allows from the current
status (and Delivered only to roles that may deliver); the service checks again and its errors
(e.g. pdi_required, T/CSCA 120031 4.4.1) are shown in the dialog through ui.errors.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app.errors import Conflict, ShowroomError, ValidationFailed
from app.permissions import Action, can
from app.services import vehicles
from app.services.dto import Changes, VehicleDTO
from db.models import VehicleStatus
from ui.context import AppContext
from ui.errors import error_text, show_error
from ui.labels import status_label
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import ERROR_STYLE, FieldErrors
from ui.workers import run_op


def allowed_targets(current: str, roles) -> list[VehicleStatus]:
    """The statuses the combo offers: TRANSITIONS order-stable, Delivered only if allowed."""
    targets = vehicles.TRANSITIONS.get(VehicleStatus(current), frozenset())
    return [s for s in VehicleStatus if s in targets
            and (s is not VehicleStatus.DELIVERED or can(roles, Action.DELIVER_VEHICLE))]


class StatusDialog(QDialog):
    status_changed = Signal(object)  # the updated VehicleDTO

    def __init__(self, ctx: AppContext, vehicle: VehicleDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_dialog")
        self.ctx = ctx
        self.vehicle = vehicle
        self.result_vehicle: VehicleDTO | None = None
        self.conflict_box = None
        self._saving = False
        self.setWindowTitle(self.tr("Change status"))

        self.vehicle_label = QLabel()
        self.current_label = QLabel()
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Optional, kept in the vehicle's history"))
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(self.tr("Vehicle"), self.vehicle_label)
        form.addRow(self.tr("Current status"), self.current_label)
        form.addRow(self.tr("New status"), self.errors.wrap("status", self.status))
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.message = QLabel()  # whole-operation errors, e.g. "needs a passed PDI"
        self.message.setObjectName("error_general")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change status"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._load(vehicle)

    def _load(self, v: VehicleDTO) -> None:
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
            self.message.setText(self.tr("No further status change is possible from this status."))
            self.message.show()

    def save(self) -> None:
        if self._saving or self.status.currentData() is None:
            return
        self.errors.clear()
        self.message.hide()
        actor, uow, v = self.ctx.actor, self.ctx.uow, self.vehicle
        target, reason = self.status.currentData(), self.reason.text().strip()
        self._set_saving(True)
        run_op(self, lambda: vehicles.change_status(uow(), actor=actor, vehicle_id=v.id,
                                                    expected_version=v.version, new_status=target,
                                                    reason=reason),
               self._saved, self._failed, write=True)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _saved(self, dto: VehicleDTO) -> None:
        self._set_saving(False)
        self.result_vehicle = dto
        self.status_changed.emit(dto)  # first, so the page knows what to select after reloading
        self.ctx.changed(Changes(vehicles=True, ids=frozenset({dto.id})), self)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationFailed):
            unplaced = self.errors.show(exc)
            if unplaced:
                self._say(error_text(exc))
        elif isinstance(exc, Conflict):
            self.conflict_box = open_conflict_box(self, exc, self.reload)
        elif isinstance(exc, ShowroomError):
            self._say(error_text(exc))
        else:
            show_error(self, exc)  # unexpected: logged, with copyable details

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def reload(self) -> None:
        actor, uow, vehicle_id = self.ctx.actor, self.ctx.uow, self.vehicle.id
        self._set_saving(True)

        def done(dto: VehicleDTO) -> None:
            self._set_saving(False)
            self._load(dto)

        def failed(exc: BaseException) -> None:
            self._set_saving(False)
            show_error(self, exc)

        run_op(self, lambda: vehicles.get_vehicle(uow(), actor=actor, vehicle_id=vehicle_id), done, failed)

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, vehicle: VehicleDTO) -> VehicleDTO | None:
        """Modal: the updated vehicle, or None if cancelled. Pages use open() instead."""
        dialog = cls(ctx, vehicle, parent)
        try:
            return dialog.result_vehicle if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
