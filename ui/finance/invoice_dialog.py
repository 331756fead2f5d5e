"""Record the invoice (机动车销售统一发票, 《汽车销售管理办法》 art. 16; issue #18.5): its number and
date on the contract. A number already on another contract is refused beside the field."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from app.core.clock import store_today
from app.finance.api import OpenBalanceDTO
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class InvoiceDialog(ServiceFormDialog):
    def __init__(self, ctx, contract: OpenBalanceDTO, parent: QWidget | None = None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("invoice_dialog")
        self.setWindowTitle(self.tr("Record invoice"))
        self.contract = contract
        self.invoice_no = QLineEdit(objectName="invoice_no")
        self.invoice_no.setPlaceholderText(self.tr("8 to 20 digits"))
        self.invoice_date = QDateEdit(objectName="invoice_date")
        self.invoice_date.setCalendarPopup(True)
        self.invoice_date.setDisplayFormat("yyyy-MM-dd")
        self.invoice_date.setDate(QDate(store_today()))
        rows = QFormLayout(body)
        rows.addRow(self.tr("Contract"), QLabel(f"{contract.contract_no} · {contract.buyer_name}"))
        rows.addRow(self.tr("Invoice no."), self.errors.wrap("invoice_no", self.invoice_no))
        rows.addRow(self.tr("Invoice date"), self.errors.wrap("invoice_date", self.invoice_date))
        self.setMinimumWidth(380)

    def service_call(self) -> ServiceCall | None:
        ctx, contract_id = self.ctx, self.contract.contract_id
        number, day = self.invoice_no.text(), self.invoice_date.date().toPython()

        def work():
            from app.finance.api import record_invoice

            return record_invoice(
                ctx.uow(), actor=ctx.actor, contract_id=contract_id, invoice_no=number, invoice_date=day
            )

        return work
