"""Issue the store notice (门店公示信息, T/CSCA 120031 4.1.3.5): the manager signs on screen,
the service renders, digitally signs and archives it, and the page opens the result. A form
dialog on ServiceFormDialog (issue #16.1): "Sign and issue…" asks for the signature first, and
the signature's confirmation saves through the one operation path with the dialog's request
key (one notice, however often it is confirmed)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.core.dto import SignatureCapture
from ui.shell.labels import DOC_LANGUAGE, label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class StoreNoticeDialog(ServiceFormDialog):
    issued = Signal(object)  # DocumentDTO

    def __init__(self, ctx, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.request_key = uuid.uuid4().hex  # one notice, however often it is confirmed
        self.setObjectName("store_notice_dialog")
        self.signature_dialog = None
        self.signature: SignatureCapture | None = None
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
        self.save_button.setText(self.tr("Sign and issue…"))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)

    def ask_signature(self):
        from ui.widgets.signature_dialog import SignatureDialog

        dialog = SignatureDialog(self.ctx.actor.full_name, "manager", self, document=self.tr("Store notice"))
        dialog.signed.connect(self.issue)
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def issue(self, capture) -> None:
        """The manager signed: issue the notice (the Save of this form)."""
        self.signature = SignatureCapture(
            capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
        )
        self.save()

    def service_call(self) -> ServiceCall | None:
        if self.signature is None:  # "Sign and issue…": the signature first
            self.ask_signature()
            return None
        ctx, language, signature, key = self.ctx, self.language.currentData(), self.signature, self.request_key

        def work():
            from app.documents.documents import issue_store_notice

            return issue_store_notice(
                ctx.uow(), actor=ctx.actor, language=language, signatures=[signature], request_key=key
            )

        return work

    def done_saving(self, document) -> None:
        self.issued.emit(document)
        super().done_saving(document)

    def failed(self, exc: BaseException) -> bool:
        self.signature = None  # the next "Sign and issue…" asks for a fresh signature
        return False
