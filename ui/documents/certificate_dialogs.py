"""Import and export the store's signing certificate as PKCS#12 (.p12/.pfx) (issue #3).

Both are form dialogs on ServiceFormDialog (issue #16.1): reading or writing the file and the
key work run through the one operation path, off the UI thread, the form busy meanwhile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, ShowroomError
from db.private_files import write_private_bytes
from ui.shell.errors import error_text, field_error_text
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


def _file_row(edit: QLineEdit, browse: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(browse)
    return row


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _CertificateDialog(ServiceFormDialog):
    finished_ok: Signal

    def __init__(self, ctx, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        super().__init__(ctx, QWidget(), FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setMinimumWidth(560)

    def _build(self, intro: str, rows: list[tuple[str, str, QWidget]], ok_text: str) -> None:
        note = QLabel(intro)
        note.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for title, field, widget in rows:
            form.addRow(title, self.errors.wrap(field, widget))
        self.ok_button = self.save_button
        self.ok_button.setText(ok_text)
        layout = QVBoxLayout(self.form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addLayout(form)

    def done_saving(self, result) -> None:
        self.finished_ok.emit(result)
        self.accept()


class ImportCertificateDialog(_CertificateDialog):
    finished_ok = Signal(object)  # CertificateDTO, now active

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("import_certificate_dialog")
        self.setWindowTitle(self.tr("Import a signing certificate"))
        self.path = QLineEdit(objectName="path")
        browse = QPushButton(self.tr("Browse…"), objectName="browse")
        browse.clicked.connect(self.browse)
        self.password = _password()
        self.password.setObjectName("password")
        self._build(
            self.tr(
                "The imported certificate becomes active and signs new documents. It must "
                "contain the private key and be valid."
            ),
            [(self.tr("File"), "path", _file_row(self.path, browse)), (self.tr("Password"), "password", self.password)],
            self.tr("Import"),
        )

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a PKCS#12 file"),
            self.path.text(),
            self.tr("PKCS#12 files (*.p12 *.pfx);;All files (*)"),
        )
        if name:
            self.path.setText(name)

    def service_call(self) -> ServiceCall | None:
        path = self.path.text().strip()
        if not path:
            self.errors.set_error("path", self.tr("Choose a file."))
            return None
        ctx, password = self.ctx, self.password.text() or None

        def work():
            from app.documents.certificates import import_certificate

            try:
                data = Path(path).read_bytes()
            except OSError as e:
                raise _Unreadable() from e
            return import_certificate(ctx.uow(), actor=ctx.actor, pkcs12=data, password=password)

        return work

    def failed(self, exc: BaseException) -> bool:
        if isinstance(exc, _Unreadable):
            self.errors.set_error("path", self.tr("The file cannot be read."))
        elif isinstance(exc, ShowroomError) and exc.code == "certificate_invalid":
            # cryptography cannot tell a wrong password from a damaged file: one message, at
            # the password, which is by far the likelier cause.
            self.errors.set_error("password", error_text(exc))
            self.password.selectAll()
            self.password.setFocus()
        elif isinstance(exc, ShowroomError) and exc.code == "certificate_expired":
            self.errors.set_error("path", error_text(exc))
        else:
            return False
        return True


class _Unreadable(Exception):
    """The chosen file could not be opened."""


class ExportCertificateDialog(_CertificateDialog):
    finished_ok = Signal(object)  # the path written

    def __init__(self, ctx, parent=None, *, suggested: str = "") -> None:
        super().__init__(ctx, parent)
        self.setObjectName("export_certificate_dialog")
        self.setWindowTitle(self.tr("Export the signing certificate"))
        self.path = QLineEdit(suggested, objectName="path")
        browse = QPushButton(self.tr("Browse…"), objectName="browse")
        browse.clicked.connect(self.browse)
        self.password = _password()
        self.password.setObjectName("password")
        self.password2 = _password()
        self.password2.setObjectName("password2")
        self._build(
            self.tr(
                "The file contains the store's private signing key. Keep it and its "
                "password in a safe place, separately."
            ),
            [
                (self.tr("File"), "path", _file_row(self.path, browse)),
                (self.tr("Password"), "password", self.password),
                (self.tr("Repeat password"), "password2", self.password2),
            ],
            self.tr("Export"),
        )

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate as"), self.path.text(), self.tr("PKCS#12 files (*.p12 *.pfx)")
        )
        if name:
            self.path.setText(name if name.lower().endswith((".p12", ".pfx")) else name + ".p12")

    def service_call(self) -> ServiceCall | None:
        path, password = self.path.text().strip(), self.password.text()
        if not path:
            self.errors.set_error("path", self.tr("Choose a file."))
        if not password:
            self.errors.set_error("password", field_error_text(FieldError("password", "required")))
        elif password != self.password2.text():
            self.errors.set_error("password2", field_error_text(FieldError("password2", "password_mismatch")))
        if self.errors.has_errors():
            return None
        ctx = self.ctx

        def work():
            from app.documents.certificates import export_certificate

            data = export_certificate(ctx.uow(), actor=ctx.actor, password=password)
            try:
                write_private_bytes(Path(path), data)  # a private key: owner-only
            except OSError as e:
                raise ShowroomError("pdf_save_failed", path=path) from e
            return path

        return work

    def failed(self, exc: BaseException) -> bool:
        if isinstance(exc, ShowroomError) and exc.code == "pdf_save_failed":
            self.errors.set_error("path", error_text(exc))
            return True
        return False
