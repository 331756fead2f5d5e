"""Administration, Signing certificate tab (issue #3): the store's seal, created at set-up or
imported from PKCS#12 by an administrator, and exported as a backup of its key."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.store.admin_page import make_table
from ui.widgets.buttons import action_button


class CertificateTab(QWidget):
    """The store's seal (issue #3): created at set-up or imported from PKCS#12 by an admin."""

    def __init__(self, ctx) -> None:
        super().__init__()
        from ui.store.admin_models import CertificateTableModel

        self.setObjectName("certificate_tab")
        self.ctx = ctx
        self.model = CertificateTableModel(self)
        self.table, self.proxy = make_table("certificates_table", self.model)
        self.create_button = action_button(self.tr("Create new self-signed…"), "create_certificate", self.create_new)
        self.import_button = action_button(self.tr("Import PKCS#12…"), "import_certificate", self.import_file)
        self.export_button = action_button(self.tr("Export PKCS#12…"), "export_certificate", self.export_file)
        intro = QLabel(
            self.tr(
                "New documents are signed with the active certificate. Documents signed "
                "with an older certificate still verify as the store's: every "
                "certificate the store has had is kept."
            )
        )
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        for b in (self.create_button, self.import_button, self.export_button):
            top.addWidget(b)
        self.status = QLabel("")
        self.status.setObjectName("certificate_status")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.documents.api import list_certificates

            return list_certificates(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.export_button.setEnabled(any(c.active for c in rows))

    def active(self):
        return next((c for c in self.model.rows() if c.active), None)

    def create_new(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Create a new self-signed certificate"),
            self.tr(
                "A new self-signed certificate with the store's legal name will sign all "
                "new documents. Documents already signed keep verifying with the old "
                "certificate. Continue?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_create_certificate")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(self._create)
        box.open()
        return box

    def _create(self) -> None:
        ctx = self.ctx

        def work():
            from app.documents.api import create_certificate

            return create_certificate(ctx.uow(), actor=ctx.actor)

        Op(ctx, self, work).busy(self.create_button).on_success(self._activated).run()

    def _activated(self, cert) -> None:
        self.status.setText(self.tr("Certificate {subject} is now active.").format(subject=cert.subject))
        self.refresh()

    def import_file(self):
        from ui.documents.api import ImportCertificateDialog

        dialog = ImportCertificateDialog(self.ctx, self)
        dialog.finished_ok.connect(self._activated)
        dialog.open()
        return dialog

    def export_file(self):
        from pathlib import Path

        from ui.documents.api import ExportCertificateDialog

        dialog = ExportCertificateDialog(self.ctx, self, suggested=str(Path.home() / "showroom-certificate.p12"))
        dialog.finished_ok.connect(
            lambda path: self.status.setText(self.tr("Certificate exported to {path}.").format(path=path))
        )
        dialog.open()
        return dialog
