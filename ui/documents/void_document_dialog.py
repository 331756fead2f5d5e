"""Void an archived document with a reason (it stays in the archive, marked voided)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from ui.shell.labels import DOC_TYPE, label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class VoidDocumentDialog(ServiceFormDialog):
    def __init__(self, ctx, document, parent=None) -> None:
        std, body = QDialogButtonBox.StandardButton, QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("void_document_dialog")
        self.document = document
        self.setWindowTitle(self.tr("Void document"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "{type} {number} v{version} will be marked voided. It stays in the archive and can "
                "still be opened; a corrected document is issued as a new version."
            ).format(type=label(DOC_TYPE, document.doc_type), number=document.number, version=document.version)
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(80)
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.save_button.setText(self.tr("Void"))

    def confirm(self) -> None:
        self.save()

    def service_call(self) -> ServiceCall:
        ctx, doc_id, reason = self.ctx, self.document.id, self.reason.toPlainText()

        def work():
            from app.documents.documents import void_document

            return void_document(ctx.uow(), actor=ctx.actor, document_id=doc_id, reason=reason)

        return work
