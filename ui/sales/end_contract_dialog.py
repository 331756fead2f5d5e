"""End a live sales contract (issue #18.4): a sales manager cancels it by agreement or
terminates it under the breach terms (e.g. delivery more than 30 days late: the buyer may
terminate), with the reason. The car goes back in stock, the deal is cancelled, and finance
gets a refund request for the net amount paid, to approve and pay."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.core.masking import mask_name
from app.sales.api import ContractDTO, end_contract, get_contract_form
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class EndContractDialog(ServiceFormDialog):
    def __init__(self, ctx, contract: ContractDTO, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("end_contract_dialog")
        self.contract = contract
        self.setWindowTitle(self.tr("End contract {number}").format(number=contract.number))
        about = QLabel(
            self.tr(
                "{buyer}, VIN {vin}. The car goes back in stock and the deal is cancelled; finance "
                "receives a refund request for the net amount paid."
            ).format(buyer=mask_name(contract.buyer_name), vin=contract.vin),  # PIPL: masked on screen
            objectName="end_contract_about",
        )
        about.setWordWrap(True)
        self.kind = QComboBox(objectName="end_kind")
        self.kind.addItem(self.tr("Cancel by agreement"), "cancel")
        self.kind.addItem(self.tr("Terminate under the breach terms"), "terminate")
        self.reason = QPlainTextEdit(objectName="end_reason")
        self.reason.setPlaceholderText(self.tr("Required; printed nowhere, kept with the contract"))
        form = QFormLayout(body)
        form.addRow(about)
        form.addRow(self.tr("How"), self.errors.wrap("kind", self.kind))
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.save_button.setText(self.tr("End contract"))
        self.save_button.setObjectName("end_contract")

    def service_call(self) -> ServiceCall | None:
        ctx, c = self.ctx, self.contract
        kind, reason = self.kind.currentData(), self.reason.toPlainText()
        return lambda: end_contract(
            ctx.uow(), actor=ctx.actor, contract_id=c.id, expected_version=c.version, kind=kind, reason=reason
        )


def open_end_contract_dialog(ctx, parent, deal_id: int) -> EndContractDialog | None:
    """Open the end dialog for the deal's live contract (None when it has none)."""
    contract = get_contract_form(ctx.uow(), actor=ctx.actor, deal_id=deal_id).live_contract
    if contract is None:
        return None
    dialog = EndContractDialog(ctx, contract, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
