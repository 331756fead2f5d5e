"""Reassign a visitor to another consultant on duty (manual override, reason required and
logged; T/CSCA 120031 4.2.1.1 rotation otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.errors import Conflict, ValidationFailed
from ui.errors import show_error
from ui.models.reception_models import visitor_text
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import FieldErrors
from ui.widgets.reception_fields import show_field_errors
from ui.workers import run_op


class ReassignDialog(QDialog):
    reassigned = Signal(object)  # VisitDTO

    def __init__(self, ctx, visit, duty, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reassign_dialog")
        self.ctx = ctx
        self.visit = visit
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("Reassign visitor"))
        self.setMinimumWidth(440)
        intro = QLabel(self.tr("{visitor} is with {consultant}. Give the visitor to:").format(
            visitor=visitor_text(visit), consultant=visit.consultant_name or self.tr("nobody yet")))
        intro.setWordWrap(True)
        self.consultant = QComboBox()
        self.consultant.setObjectName("consultant_id")
        for d in duty:
            if d.consultant_id != visit.consultant_id:
                self.consultant.addItem(d.consultant_name, d.consultant_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setPlaceholderText(self.tr("Why not the rotation (required, logged)"))
        form = QFormLayout()
        form.addRow(self.tr("Consultant"), self.errors.wrap("consultant_id", self.consultant))
        form.addRow(self.tr("Reason"), self.errors.wrap("override_reason", self.reason))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reassign"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def confirm(self) -> None:
        ctx, v = self.ctx, self.visit
        cid, reason = self.consultant.currentData(), self.reason.text()
        if cid is None:
            return

        def work():
            from app.services.reception import reassign_visit

            return reassign_visit(ctx.uow(), actor=ctx.actor, visit_id=v.id, expected_version=v.version,
                                  consultant_id=cid, reason=reason)

        self.buttons.setEnabled(False)
        run_op(self, work, self._done, self._failed, write=True)

    def _done(self, visit) -> None:
        self.buttons.setEnabled(True)
        self.reassigned.emit(visit)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            if show_field_errors(self.errors, exc):
                show_error(self, exc)
            return
        if isinstance(exc, Conflict):
            open_conflict_box(self, exc, self.reject)
            return
        show_error(self, exc)
