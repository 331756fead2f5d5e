"""Cancelling a booked test drive with its reason (issue #6; the reason is kept with the
booking). A form dialog on ServiceFormDialog (issue #16.1): the reason's message beside it, the
form disabled while the cancellation is saved, and a booking changed on another terminal
meanwhile opens the conflict box, whose Reload takes the booking as saved now."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from app.test_drives.dto import TestDriveDTO
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class CancelBookingDialog(ServiceFormDialog):
    def __init__(self, ctx, drive: TestDriveDTO, parent: QWidget | None = None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("cancel_booking_dialog")
        self.setWindowTitle(self.tr("Cancel booking"))
        self.drive = drive
        self.reason = QLineEdit(objectName="reason")
        rows = QFormLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.setMinimumWidth(360)

    def service_call(self) -> ServiceCall | None:
        ctx, drive_id, version, reason = self.ctx, self.drive.id, self.drive.version, self.reason.text()

        def work():
            from app.test_drives.booking import cancel_test_drive

            return cancel_test_drive(
                ctx.uow(), actor=ctx.actor, drive_id=drive_id, expected_version=version, reason=reason
            )

        return work

    def reload_call(self) -> ServiceCall | None:
        ctx, drive_id = self.ctx, self.drive.id

        def work():
            from app.test_drives.booking import get_test_drive

            return get_test_drive(ctx.uow(), actor=ctx.actor, drive_id=drive_id)

        return work

    def load(self, drive: TestDriveDTO) -> None:
        # The reason stays: it is the user's, not the booking's; the next OK cancels the
        # booking as saved now.
        self.drive = drive
