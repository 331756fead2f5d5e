"""Ask one person to sign on the pad: customer, sales consultant, escort, technician, manager.

The result is a SignatureCapture: who, in which role, when (naive UTC, app.core.clock), the raw
strokes (kept for the archive) and the PNG that goes into the document via `to_dto()`.
Pages use `open()` and the `signed` signal; `ask()` is the modal shortcut (and what tests mock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.clock import utcnow
from app.documents.layout import SignatureDTO, SignerRole
from ui.widgets.field_error import ERROR_STYLE
from ui.widgets.signature_pad import SignaturePad

CTX = "SignatureDialog"
ROLE_LABELS = {
    SignerRole.CUSTOMER: QT_TRANSLATE_NOOP("SignatureDialog", "Customer"),
    SignerRole.CONSULTANT: QT_TRANSLATE_NOOP("SignatureDialog", "Sales consultant"),
    SignerRole.ESCORT: QT_TRANSLATE_NOOP("SignatureDialog", "Escort"),
    SignerRole.TECHNICIAN: QT_TRANSLATE_NOOP("SignatureDialog", "Technician"),
    SignerRole.MANAGER: QT_TRANSLATE_NOOP("SignatureDialog", "Manager"),
    SignerRole.FINANCE: QT_TRANSLATE_NOOP("SignatureDialog", "Finance"),
}
PNG_WIDTH = 600  # px; printed ~60 mm wide at most, so ≥ 250 dpi on paper


def role_label(role: SignerRole | str) -> str:
    return QCoreApplication.translate(CTX, ROLE_LABELS[SignerRole(role)])


@dataclass(frozen=True)
class SignatureCapture:
    signer_name: str
    role: SignerRole
    signed_at: dt.datetime  # naive UTC
    strokes: tuple  # ((x, y, t_ms, pressure), ...) per stroke; see ui/widgets/signature_pad.py
    png: bytes

    def strokes_json(self) -> list:
        """The strokes as plain lists, for json.dumps and SignaturePad.set_strokes."""
        return [[list(p) for p in stroke] for stroke in self.strokes]

    def to_dto(self) -> SignatureDTO:
        return SignatureDTO(self.signer_name, self.role, self.signed_at, self.png)


class SignatureDialog(QDialog):
    signed = Signal(object)  # SignatureCapture

    def __init__(
        self, signer_name: str, role: SignerRole | str, parent: QWidget | None = None, *, document: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signature_dialog")
        self.signer_name = signer_name
        self.role = SignerRole(role)
        self.capture: SignatureCapture | None = None
        self.setWindowTitle(self.tr("Signature"))

        self._build_heading(role, signer_name, document)
        self._build_pad_and_buttons()

        edit_row = QHBoxLayout()
        edit_row.addWidget(self.clear_button)
        edit_row.addWidget(self.undo_button)
        edit_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.document)
        layout.addWidget(self.instructions)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.message)
        layout.addLayout(edit_row)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self._pad_changed()

    def _build_heading(self, role, signer_name: str, document: str) -> None:
        """Who signs (large), what they sign, and how."""
        self.who = QLabel()
        self.who.setObjectName("signer")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setText(self.tr("{role}: {name}").format(role=role_label(self.role), name=signer_name))
        font = self.who.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.who.setFont(font)
        self.document = QLabel()
        self.document.setObjectName("document")
        self.document.setTextFormat(Qt.TextFormat.PlainText)
        self.document.setWordWrap(True)
        self.document.setText(self.tr("Signing: {document}").format(document=document))
        self.document.setVisible(bool(document))
        self.instructions = QLabel(self.tr("Sign with your finger, a pen or the mouse, above the line."))
        self.instructions.setWordWrap(True)

    def _build_pad_and_buttons(self) -> None:
        """The pad, the message beside it, Clear/Undo, and Confirm/Cancel."""
        self.pad = SignaturePad(self)
        self.pad.setMinimumSize(480, 160)
        self.pad.changed.connect(self._pad_changed)
        self.message = QLabel()
        self.message.setObjectName("error_signature")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clear")
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setToolTip(self.tr("Remove the last stroke"))
        self.undo_button.clicked.connect(self.pad.undo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Confirm signature"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

    def _pad_changed(self) -> None:
        empty = self.pad.is_empty()
        self.clear_button.setEnabled(not empty)
        self.undo_button.setEnabled(not empty)
        if self.message.isVisible() and self.pad.is_acceptable():
            self.message.hide()

    def confirm(self) -> None:
        """OK: refuse an empty or token signature beside the pad; else emit and close."""
        problem = self.pad.problem()
        if problem is not None:
            self.message.setText(problem)
            self.message.show()
            self.pad.setFocus()
            return
        self.message.hide()
        strokes = tuple(tuple(tuple(p) for p in stroke) for stroke in self.pad.strokes())
        self.capture = SignatureCapture(self.signer_name, self.role, utcnow(), strokes, self.pad.to_png(PNG_WIDTH))
        self.signed.emit(self.capture)
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, signer_name: str, role: SignerRole | str, *, document: str = ""
    ) -> SignatureCapture | None:
        """Modal: the capture, or None if cancelled. Pages use open() and `signed` instead."""
        dialog = cls(signer_name, role, parent, document=document)
        try:
            return dialog.capture if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
