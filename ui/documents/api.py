"""The public module of the document screens: other features import the dialogs they open from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from ui.documents.certificate_dialogs import ExportCertificateDialog, ImportCertificateDialog

__all__ = ["ExportCertificateDialog", "ImportCertificateDialog"]
