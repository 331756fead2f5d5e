"""The report part of the PDI inspection dialog (issue #7; T/CSCA 120031-2023 4.4.1.4): the
technician and the customer sign the report of a passed inspection, and the customer's copy
opens. A mixin of PdiInspectionDialog (inspection_dialog.py), kept apart so that the dialog
stays about recording items."""

from __future__ import annotations

from ui.pdi.report_preview import open_report


class InspectionReportMixin:
    """Needs the dialog's ctx, inspection, child_dialog, preview and reload()."""

    def sign_report(self):
        from ui.pdi.report_dialog import PdiReportDialog

        dialog = PdiReportDialog(self.ctx, self.inspection, self)
        dialog.issued.connect(self._report_issued)
        dialog.finished.connect(dialog.deleteLater)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def _report_issued(self, document) -> None:
        self.reload()
        self.open_report(document.id)

    def open_report(self, document_id: int | None = None) -> None:
        document_id = document_id or self.inspection.report_document_id
        if document_id is not None:
            open_report(self, self.ctx, document_id, self._shown)

    def _shown(self, preview) -> None:
        self.preview = preview
