"""Signing the PDI report (issue #7; T/CSCA 120031-2023 4.4.1.4): the customer's name, then
the technician and the customer sign on the pad, then the report is issued (rendered,
signed digitally and archived off the UI thread). The page opens the customer's copy for
printing afterwards. A form dialog on ServiceFormDialog (issue #16.1): Issue goes through the
one operation path, so a second click never issues a second report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.dto import SignatureCapture
from app.core.errors import Conflict
from app.pdi.dto import PdiInspectionDTO
from ui.shell.errors import show_error
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class PdiReportDialog(ServiceFormDialog):
    issued = Signal(object)  # DocumentDTO

    def __init__(self, ctx, inspection: PdiInspectionDTO, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("pdi_report_dialog")
        self.inspection = inspection
        self.captures: dict[str, SignatureCapture] = {}
        self.signature_dialog = None
        self.setWindowTitle(self.tr("PDI report for {vin}").format(vin=inspection.vin))
        intro = QLabel(
            self.tr(
                "The technician and the customer sign the report of the whole inspection; the "
                "customer receives a printed copy (T/CSCA 120031 4.4.1.4)."
            )
        )
        intro.setWordWrap(True)
        self.customer_name = QLineEdit(objectName="customer_name")
        self.customer_name.setText(inspection.customer_name)
        self.customer_name.textChanged.connect(self._customer_changed)
        self.tech_button = QPushButton(self.tr("Technician signs…"), objectName="sign_technician")
        self.tech_button.clicked.connect(lambda _c=False: self.ask_signature("technician"))
        self.customer_button = QPushButton(self.tr("Customer signs…"), objectName="sign_customer")
        self.customer_button.clicked.connect(lambda _c=False: self.ask_signature("customer"))
        self.state = QLabel(objectName="signature_state")
        form = QFormLayout()
        form.addRow(self.tr("Customer:"), self.errors.wrap("customer_name", self.customer_name))
        signs = QHBoxLayout()
        signs.addWidget(self.tech_button)
        signs.addWidget(self.customer_button)
        form.addRow(self.tr("Signatures:"), signs)
        form.addRow("", self.errors.wrap("customer_signature", self.state))
        self.errors.alias("technician_signature", "customer_signature")
        self.issue_button = self.save_button
        self.issue_button.setText(self.tr("Issue report"))
        self.issue_button.setObjectName("issue_report")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        self._update()

    def _customer_changed(self) -> None:
        # A signature belongs to the name it was drawn under.
        self.captures.pop("customer", None)
        self._update()

    def _update(self) -> None:
        has_name = bool(self.customer_name.text().strip())
        self.customer_button.setEnabled(has_name)
        signed = [
            self.tr("technician") if "technician" in self.captures else None,
            self.tr("customer") if "customer" in self.captures else None,
        ]
        signed = [s for s in signed if s]
        self.state.setText(
            self.tr("Signed by: {who}").format(who=", ".join(signed)) if signed else self.tr("Not signed yet")
        )
        self.issue_button.setEnabled(has_name and len(self.captures) == 2)

    def ask_signature(self, role: str):
        from ui.widgets.signature_dialog import SignatureDialog

        name = self.inspection.technician_name if role == "technician" else self.customer_name.text().strip()
        dialog = SignatureDialog(name, role, self, document=self.tr("PDI report {vin}").format(vin=self.inspection.vin))
        dialog.signed.connect(lambda capture: self._signed(role, capture))
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def _signed(self, role: str, capture) -> None:
        self.captures[role] = SignatureCapture(
            capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
        )
        self._update()

    def issue(self) -> None:
        """Issue the report (the button does this too)."""
        self.save()

    def service_call(self) -> ServiceCall | None:
        ctx, inspection_id = self.ctx, self.inspection.id
        customer = self.customer_name.text()
        signatures = list(self.captures.values())

        def work():
            from app.pdi.report import issue_pdi_report

            return issue_pdi_report(
                ctx.uow(), actor=ctx.actor, inspection_id=inspection_id, customer_name=customer, signatures=signatures
            )

        return work

    def done_saving(self, document) -> None:
        self.issued.emit(document)
        super().done_saving(document)

    def failed(self, exc: BaseException) -> bool:
        if isinstance(exc, Conflict):
            # Issued or voided on another terminal meanwhile: the signatures were drawn for the
            # report as it was, so there is nothing to reload into this form; say so plainly.
            show_error(self, exc)
            return True
        return False
