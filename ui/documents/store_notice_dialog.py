"""Issue the store notice (门店公示信息, T/CSCA 120031 4.1.3.5): the manager signs on screen,
the service renders, digitally signs and archives it, and the page opens the result."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from app.core.dto import SignatureCapture
from ui.shell.labels import DOC_LANGUAGE, label
from ui.shell.ops import Op


class StoreNoticeDialog(QDialog):
    issued = Signal(object)  # DocumentDTO

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.request_key = uuid.uuid4().hex  # one notice, however often it is confirmed
        self.setObjectName("store_notice_dialog")
        self.ctx = ctx
        self.signature_dialog = None
        self.setWindowTitle(self.tr("New store notice"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr(
                "The notice shows the store's name, address, sales hotline, complaint phone and "
                "complaint channels. You sign it on screen; it is then signed digitally with the "
                "store's certificate and kept in the archive."
            )
        )
        intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for key in ("bilingual", "zh", "en"):
            self.language.addItem(label(DOC_LANGUAGE, key), key)
        self.signer = QLabel(ctx.actor.full_name)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Signed by"), self.signer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign and issue…"))
        self.buttons.accepted.connect(self.ask_signature)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def ask_signature(self):
        from ui.widgets.signature_dialog import SignatureDialog

        dialog = SignatureDialog(self.ctx.actor.full_name, "manager", self, document=self.tr("Store notice"))
        dialog.signed.connect(self.issue)
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def issue(self, capture) -> None:
        ctx, language = self.ctx, self.language.currentData()
        signature = SignatureCapture(
            capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
        )

        key = self.request_key

        def work():
            from app.documents.documents import issue_store_notice

            return issue_store_notice(
                ctx.uow(), actor=ctx.actor, language=language, signatures=[signature], request_key=key
            )

        Op(ctx, self, work).busy(self.buttons).on_success(self._done).run()

    def _done(self, document) -> None:
        self.issued.emit(document)
        self.accept()
