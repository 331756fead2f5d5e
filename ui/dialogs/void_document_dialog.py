"""Void an archived document with a reason (it stays in the archive, marked voided)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout

from app.services.dto import Changes
from ui.labels import DOC_TYPE, label
from ui.widgets.field_error import FieldErrors
from ui.workers import run_op


class VoidDocumentDialog(QDialog):
    def __init__(self, ctx, document, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("void_document_dialog")
        self.ctx = ctx
        self.document = document
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("Void document"))
        self.setMinimumWidth(480)
        intro = QLabel(self.tr(
            "{type} {number} v{version} will be marked voided. It stays in the archive and can "
            "still be opened; a corrected document is issued as a new version.").format(
            type=label(DOC_TYPE, document.doc_type), number=document.number, version=document.version))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Void"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def confirm(self) -> None:
        ctx, doc_id, reason = self.ctx, self.document.id, self.reason.toPlainText()

        def work():
            from app.services.documents import void_document

            return void_document(ctx.uow(), actor=ctx.actor, document_id=doc_id, reason=reason)

        self.buttons.setEnabled(False)
        run_op(self, work, self._done, self._failed, write=True)

    def _done(self, _result) -> None:
        self.buttons.setEnabled(True)
        self.ctx.changed(Changes(documents=True, ids=frozenset({self.document.id})), self)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.report_failure(self, exc)
