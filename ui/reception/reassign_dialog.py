"""Reassign a visitor to another consultant on duty (manual override, reason required and
logged; T/CSCA 120031 4.2.1.1 rotation otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.reception.models import visitor_text
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.reception.fields import ReceptionWording


class ReassignDialog(ReceptionWording, ServiceFormDialog):
    reassigned = Signal(object)  # VisitDTO

    def __init__(self, ctx, visit, duty, parent=None) -> None:
        errors, body = FieldErrors(), QWidget()
        std = QDialogButtonBox.StandardButton
        super().__init__(ctx, body, errors, parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("reassign_dialog")
        self.visit = visit
        self.setWindowTitle(self.tr("Reassign visitor"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr("{visitor} is with {consultant}. Give the visitor to:").format(
                visitor=visitor_text(visit), consultant=visit.consultant_name or self.tr("nobody yet")
            )
        )
        intro.setWordWrap(True)
        self.consultant = QComboBox()
        self.consultant.setObjectName("consultant_id")
        for d in duty:
            if d.consultant_id != visit.consultant_id:
                self.consultant.addItem(d.consultant_name, d.consultant_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setPlaceholderText(self.tr("Why not the rotation (required, logged)"))
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Consultant"), errors.wrap("consultant_id", self.consultant))
        form.addRow(self.tr("Reason"), errors.wrap("override_reason", self.reason))
        self.save_button.setText(self.tr("Reassign"))

    def service_call(self) -> ServiceCall | None:
        ctx, v = self.ctx, self.visit
        cid, reason = self.consultant.currentData(), self.reason.text()
        if cid is None:
            return None

        def work():
            from app.reception.checkin import reassign_visit

            return reassign_visit(
                ctx.uow(), actor=ctx.actor, visit_id=v.id, expected_version=v.version, consultant_id=cid, reason=reason
            )

        return work

    def confirm(self) -> None:
        self.save()

    def reload(self) -> None:
        self.reject()  # the queue shows the visit as it is now

    def done_saving(self, visit) -> None:
        self.reassigned.emit(visit)
        super().done_saving(visit)
