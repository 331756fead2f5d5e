"""Amend a live sales contract (合同变更, T/CSCA 120031-2023 4.3.3; issue #18.4): the terms are
signed again as a new version of the same contract number, the old version voided, so a sales
manager does it (SELL and VOID_DOCUMENTS, checked by app.sales.api.amend_contract).

The form is the contract form (ui/sales/contract_dialog.py) prefilled from the live contract,
with a required reason printed on the amendment. The buyer stays the same: their ID number is
stored sealed, so it is retyped and the service compares it; the agent's ID type is prefilled
and their sealed number kept when left empty. Before a pad opens the service checks the
amendment as it will when signing (amendment_blockers), so a refusal shows beside its field
before anyone signs. Special terms are signed
separately again when there are any; the agency agreement is not part of an amendment."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit

from app.core.errors import Conflict, ShowroomError, ValidationFailed
from app.sales.api import ContractDTO, ContractFormDTO, amend_contract, amendment_blockers, get_contract_form
from ui.sales.contract_dialog import PAPERS, ROLES, ContractDialog
from ui.shell.service_form_dialog import ServiceCall
from ui.widgets.store_dates import qdate


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}" if fen else ""


class AmendContractDialog(ContractDialog):
    def __init__(self, ctx, form_dto: ContractFormDTO, contract: ContractDTO, parent=None) -> None:
        # The amendment keeps the contract's own price; it carries no agency agreement.
        form = dataclasses.replace(
            form_dto, price_fen=contract.price_fen, price_words=contract.price_words, services=(), blockers=()
        )
        self.contract = contract
        super().__init__(ctx, form, parent)
        self.setObjectName("amend_contract_dialog")
        self.setWindowTitle(self.tr("Amend contract {number}").format(number=contract.number))
        self.column.insertWidget(1, self._reason_box())
        self._prefill(contract)
        self.sign_button.setText(self.tr("Sign amendment"))
        self.sign_button.setObjectName("sign_amendment")

    def _reason_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Amendment (revision {n})").format(n=self.contract.revision + 1))
        form = QFormLayout(box)
        self.reason = QLineEdit(objectName="amend_reason")
        self.reason.setPlaceholderText(self.tr("Required; printed on the amended contract"))
        # The reason is printed on the paper: signatures drawn before it changed no longer hold.
        self.reason.textChanged.connect(self._terms_changed)
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        return box

    def _prefill(self, c: ContractDTO) -> None:
        f = self.fields
        f.buyer_name.setText(c.buyer_name)
        f.buyer_id_type.setCurrentIndex(max(0, f.buyer_id_type.findData(c.buyer_id_type)))
        f.buyer_id.setPlaceholderText(
            self.tr("Retype the buyer's ID number ({masked})").format(masked=c.buyer_id_masked)
        )
        # Address and the agent's ID are sealed, never shown: left empty, the service keeps them.
        f.buyer_address.setPlaceholderText(self.tr("Leave empty to keep it as on the contract"))
        f.buyer_phone.setPlaceholderText(self.tr("Leave empty to keep it as on the contract"))
        f.agent_name.setText(c.agent_name)
        if c.agent_id_type:  # its number stays sealed: kept when left empty, with this type
            f.agent_id_type.setCurrentIndex(max(0, f.agent_id_type.findData(c.agent_id_type)))
            f.agent_id.setPlaceholderText(
                self.tr("Leave empty to keep it ({masked})").format(masked=c.agent_id_masked or "")
            )
        f.engine_no.setText(c.engine_no)
        f.certificate_no.setText(c.certificate_no)
        f.payment_method.setCurrentIndex(max(0, f.payment_method.findData(c.payment_method)))
        f.loan_lender.setText(c.loan_lender)
        f.loan_amount.setText(_yuan(c.loan_amount_fen))
        f.deposit_kind.setCurrentIndex(max(0, f.deposit_kind.findData(c.deposit_kind)))
        f.deposit.setText(_yuan(c.deposit_fen))
        f.delivery_place.setText(c.delivery_place)
        f.delivery_date.setDate(qdate(c.delivery_date))
        f.max_odometer.setValue(c.max_delivery_odometer_km)
        f.special_terms.setPlainText(c.special_terms)

    def _check_before_signing(self) -> bool:
        """Before a pad opens: the service's own checks of the amendment (amendment_blockers:
        the reason, the terms, the same buyer), each refusal beside its field; nothing written."""
        try:
            data = self.fields.data()
        except ValidationFailed as e:
            self.show_field_errors(e)
            return False
        c = self.contract
        try:
            errors = amendment_blockers(
                self.ctx.uow(), actor=self.ctx.actor, contract_id=c.id, expected_version=c.version, data=data,
                reason=self.reason.text(),
            )  # fmt: skip
        except Conflict as e:  # changed on another terminal since the form opened
            self._conflict(e)
            return False
        except ShowroomError as e:  # no longer live, or not allowed: said above the buttons
            self._failed(e)
            return False
        if errors:
            self.show_field_errors(ValidationFailed(errors))
            return False
        self.errors.clear()
        self.general_error.hide()
        return True

    def service_call(self) -> ServiceCall | None:
        try:
            data = self.fields.data()
        except ValidationFailed as e:
            self.show_field_errors(e)
            return None
        ctx, c, reason = self.ctx, self.contract, self.reason.text()
        papers = {p: [self.captures[(p, r)] for r in ROLES if (p, r) in self.captures] for p in PAPERS}
        return lambda: amend_contract(
            ctx.uow(), actor=ctx.actor, contract_id=c.id, expected_version=c.version, data=data, reason=reason,
            signatures=papers["contract"], special_terms_signatures=papers["special_terms"],
        )  # fmt: skip


def open_amend_contract_dialog(ctx, parent, deal_id: int) -> AmendContractDialog | None:
    """Open the amendment form for the deal's live contract (None when it has none)."""
    form = get_contract_form(ctx.uow(), actor=ctx.actor, deal_id=deal_id)
    if form.live_contract is None:
        return None
    dialog = AmendContractDialog(ctx, form, form.live_contract, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
