"""The contract form's fields (购车合同, T/CSCA 120031-2023 4.3.3; 办法 art. 15): buyer and agent
with the ID type, the car's engine and 合格证 numbers, payment, 定金 or 订金 (民法典 586-587),
delivery, and the special terms. Each field sits above its error label (FieldErrors); the
dialog (contract_dialog.py) reads them with `data()`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_today
from app.core.errors import FieldError, ValidationFailed
from app.core.validation import parse_yuan_to_fen
from app.sales.api import ContractInput
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import qdate

DELIVERY_LEAD_DAYS = 14


class ContractFields(QWidget):
    changed = Signal()  # any term edited: signatures drawn for the old terms no longer hold

    def __init__(self, errors: FieldErrors, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._buyer_box(customer_name))
        layout.addWidget(self._car_and_money_box())
        layout.addWidget(self._delivery_box())
        for w in self.findChildren(QLineEdit):
            w.textChanged.connect(self.changed)
        for c in self.findChildren(QComboBox):
            c.currentIndexChanged.connect(self.changed)
        self.special_terms.textChanged.connect(self.changed)
        self.delivery_date.dateChanged.connect(self.changed)
        self.max_odometer.valueChanged.connect(self.changed)
        self.payment_method.currentIndexChanged.connect(self._payment_changed)
        self.deposit_kind.currentIndexChanged.connect(self._deposit_changed)
        self.agent_name.textChanged.connect(self._agent_changed)
        self.agent_id.textChanged.connect(self._agent_changed)
        self._payment_changed()
        self._deposit_changed()
        self._agent_changed()

    def _id_types(self, name: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        for code, text in (
            ("resident_id", self.tr("Resident ID card (居民身份证)")),
            ("business_licence", self.tr("Business licence (营业执照)")),
            ("passport", self.tr("Passport")),
            ("residence_permit", self.tr("HK/Macao/Taiwan residence permit (居住证)")),
            ("permanent_residence", self.tr("Foreign permanent residence ID (永久居留证)")),
        ):
            combo.addItem(text, code)
        return combo

    def _row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> QWidget:
        form.addRow(label, self.errors.wrap(field, widget))
        return widget

    def _buyer_box(self, customer_name: str) -> QGroupBox:
        box = QGroupBox(self.tr("Buyer"))
        form = QFormLayout(box)
        # In full, unlike lists (PIPL masking): the contract is a legal form the buyer signs
        # under their own name.
        self.buyer_name = self._row(
            form, self.tr("Name"), "buyer_name", QLineEdit(customer_name, objectName="buyer_name")
        )
        self.buyer_id_type = self._row(form, self.tr("ID type"), "buyer_id_type", self._id_types("buyer_id_type"))
        self.buyer_id = self._row(form, self.tr("ID number"), "buyer_id", QLineEdit(objectName="buyer_id"))
        self.buyer_address = self._row(form, self.tr("Address"), "buyer_address", QLineEdit(objectName="buyer_address"))
        self.buyer_phone = self._row(form, self.tr("Phone"), "buyer_phone", QLineEdit(objectName="buyer_phone"))
        self.agent_name = self._row(form, self.tr("Agent (if any)"), "agent_name", QLineEdit(objectName="agent_name"))
        self.agent_id_type = self._row(
            form, self.tr("Agent's ID type"), "agent_id_type", self._id_types("agent_id_type")
        )
        self.agent_id = self._row(form, self.tr("Agent's ID number"), "agent_id", QLineEdit(objectName="agent_id"))
        # Personal data is masked on screen: an ID number shows only while it is typed (as at
        # the handover, ui/sales/handover_form.py).
        for edit in (self.buyer_id, self.agent_id):
            edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        return box

    def _car_and_money_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Car and payment"))
        form = QFormLayout(box)
        self.engine_no = self._row(form, self.tr("Engine no."), "engine_no", QLineEdit(objectName="engine_no"))
        self.certificate_no = self._row(
            form,
            self.tr("Certificate of conformity no. (合格证)"),
            "certificate_no",
            QLineEdit(objectName="certificate_no"),
        )
        self.payment_method = QComboBox(objectName="payment_method")
        for code, text in (
            ("lump_sum", self.tr("Lump sum")),
            ("loan", self.tr("Loan")),
            ("instalments", self.tr("Instalments")),
        ):
            self.payment_method.addItem(text, code)
        self._row(form, self.tr("Payment"), "payment_method", self.payment_method)
        self.loan_lender = self._row(form, self.tr("Lender"), "loan_lender", QLineEdit(objectName="loan_lender"))
        self.loan_amount = self._row(form, self.tr("Loan (yuan)"), "loan_amount", QLineEdit(objectName="loan_amount"))
        self.deposit_kind = QComboBox(objectName="deposit_kind")
        self.deposit_kind.addItem(self.tr("No deposit"), "none")
        self.deposit_kind.addItem(self.tr("定金 earnest money: forfeited or returned double, at most 20 %"), "earnest")
        self.deposit_kind.addItem(self.tr("订金 advance payment: refundable"), "prepayment")
        self._row(form, self.tr("Deposit"), "deposit_kind", self.deposit_kind)
        self.deposit = self._row(form, self.tr("Deposit (yuan)"), "deposit", QLineEdit(objectName="deposit"))
        return box

    def _delivery_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Delivery and special terms"))
        form = QFormLayout(box)
        self.delivery_place = self._row(
            form,
            self.tr("Place"),
            "delivery_place",
            QLineEdit(self.tr("Store delivery area"), objectName="delivery_place"),
        )
        day = store_today()
        self.delivery_date = QDateEdit(qdate(day).addDays(DELIVERY_LEAD_DAYS))
        self.delivery_date.setObjectName("delivery_date")
        self.delivery_date.setCalendarPopup(True)
        self.delivery_date.setDisplayFormat("yyyy-MM-dd")
        self._row(form, self.tr("Date"), "delivery_date", self.delivery_date)
        self.max_odometer = QSpinBox(objectName="max_odometer")
        self.max_odometer.setRange(0, 1000)
        self.max_odometer.setValue(50)
        self.max_odometer.setSuffix(" km")
        self._row(form, self.tr("Maximum odometer at delivery"), "max_delivery_odometer", self.max_odometer)
        self.special_terms = QPlainTextEdit(objectName="special_terms")
        self.special_terms.setPlaceholderText(self.tr("Signed separately; leave empty if none"))
        self.special_terms.setMaximumHeight(70)
        self._row(form, self.tr("Special terms"), "special_terms", self.special_terms)
        return box

    def _payment_changed(self) -> None:
        loan = self.payment_method.currentData() == "loan"
        self.loan_lender.setEnabled(loan)
        self.loan_amount.setEnabled(loan)

    def _agent_changed(self) -> None:
        """The agent's ID type is empty and disabled until an agent is named or their ID typed
        (most buyers sign themselves); then it offers the resident ID card. The service checks
        an agent's ID only when there is an agent (app/sales/contract_terms._agent)."""
        agent = bool(self.agent_name.text().strip() or self.agent_id.text().strip())
        self.agent_id_type.setEnabled(agent)
        if not agent:
            self.agent_id_type.setCurrentIndex(-1)
        elif self.agent_id_type.currentIndex() < 0:
            self.agent_id_type.setCurrentIndex(self.agent_id_type.findData("resident_id"))

    def _deposit_changed(self) -> None:
        self.deposit.setEnabled(self.deposit_kind.currentData() != "none")

    def _fen(self, widget: QLineEdit, field: str, errors: list[FieldError]) -> int:
        if not widget.isEnabled():
            return 0
        try:
            return parse_yuan_to_fen(widget.text(), field)
        except ValidationFailed as e:
            errors += e.errors
            return 0

    def data(self) -> ContractInput:
        """The terms as typed; ValidationFailed for an amount that is not one."""
        errors: list[FieldError] = []
        loan, deposit = self._fen(self.loan_amount, "loan_amount", errors), self._fen(self.deposit, "deposit", errors)
        if errors:
            raise ValidationFailed(errors)
        day = self.delivery_date.date()
        agent = bool(self.agent_name.text().strip() or self.agent_id.text().strip())
        return ContractInput(
            buyer_name=self.buyer_name.text(),
            buyer_id_type=self.buyer_id_type.currentData(),
            buyer_id_number=self.buyer_id.text(),
            buyer_address=self.buyer_address.text(),
            buyer_phone=self.buyer_phone.text(),
            agent_name=self.agent_name.text(),
            agent_id_type=self.agent_id_type.currentData() if agent else "",
            agent_id_number=self.agent_id.text(),
            engine_no=self.engine_no.text(),
            certificate_no=self.certificate_no.text(),
            payment_method=self.payment_method.currentData(),
            loan_lender=self.loan_lender.text() if self.loan_lender.isEnabled() else "",
            loan_amount_fen=loan,
            deposit_kind=self.deposit_kind.currentData(),
            deposit_fen=deposit,
            delivery_place=self.delivery_place.text(),
            delivery_date=dt.date(day.year(), day.month(), day.day()),
            max_delivery_odometer_km=self.max_odometer.value(),
            special_terms=self.special_terms.toPlainText(),
        )
