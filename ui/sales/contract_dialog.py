"""Sign the sales contract (购车合同, T/CSCA 120031-2023 4.3.3; 办法 art. 15; issue #18.4).

The consultant types the terms with the customer (ui/sales/contract_fields.py); the price in
figures and in capital (大写) is shown from the signed quote. Before any pad opens the service
is asked what it would refuse (contract_blockers), so nobody signs for nothing. The customer
and the consultant sign the contract, and separately the special terms and the agency service
agreement (委托服务协议, 办法 art. 14) when there are any. "Sign contract" then goes through the
one operation path; a repeated click signs once (request key)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.dto import SignatureCapture
from app.core.errors import ValidationFailed
from app.sales.amounts import yuan_figures
from app.sales.api import ContractFormDTO, contract_blockers, get_contract_form, sign_contract
from ui.sales.contract_fields import ContractFields
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors

PAPERS = ("contract", "special_terms", "entrustment")
ROLES = ("customer", "consultant")
# The deal's own blockers are shown in one line at the top of the form.
BLOCKER_FIELDS = ("quote", "vehicle", "disclosure")


class ContractDialog(ServiceFormDialog):
    def __init__(self, ctx, form_dto: ContractFormDTO, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("contract_dialog")
        self.info = form_dto
        self.request_key = uuid.uuid4().hex  # one contract, however often the button is pressed
        self.captures: dict[tuple[str, str], SignatureCapture] = {}
        self.signature_dialog = None
        self.setWindowTitle(self.tr("Sales contract: {vehicle}").format(vehicle=form_dto.vehicle))
        self.fields = ContractFields(self.errors, form_dto.customer_name)
        if form_dto.customer_foreign:  # checked in as from abroad: a passport, not a 居民身份证
            self.fields.buyer_id_type.setCurrentIndex(self.fields.buyer_id_type.findData("passport"))
        self.fields.changed.connect(self._terms_changed)
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.column = column  # the amendment dialog adds its reason under the summary
        column.addWidget(self._summary())
        column.addWidget(self.fields)
        column.addWidget(self._signature_box())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.sign_button = self.save_button
        self.sign_button.setText(self.tr("Sign contract"))
        self.sign_button.setObjectName("sign_contract")
        self.resize(760, 700)  # within a 1366×768 screen; the form scrolls
        self._update()

    def _summary(self) -> QWidget:
        price = (
            self.tr("{figures} (RMB {words})").format(
                figures=yuan_figures(self.info.price_fen), words=self.info.price_words
            )
            if self.info.price_fen is not None
            else self.tr("no signed quote yet")
        )
        text = self.tr("{vehicle}, VIN {vin}\nPrice: {price}").format(
            vehicle=self.info.vehicle, vin=self.info.vin or "—", price=price
        )
        if self.info.services:
            text += "\n" + self.tr("Agency services (separate agreement): {services}").format(
                services=", ".join(self.info.services)
            )
        summary = QLabel(text, objectName="contract_summary")
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blockers = QLabel(objectName="contract_blockers")
        self.blockers.setWordWrap(True)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(summary)
        layout.addWidget(self.errors.wrap("deal", self.blockers))
        for field in BLOCKER_FIELDS:
            self.errors.alias(field, "deal")
        return box

    def _signature_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Signatures"))
        grid = QGridLayout(box)
        titles = {
            "contract": self.tr("Contract"),
            "special_terms": self.tr("Special terms"),
            "entrustment": self.tr("Agency service agreement"),
        }
        self.sign_buttons: dict[tuple[str, str], QPushButton] = {}
        for row, paper in enumerate(PAPERS):
            grid.addWidget(QLabel(titles[paper]), row, 0)
            for col, role in enumerate(ROLES, 1):
                text = self.tr("Customer signs…") if role == "customer" else self.tr("Consultant signs…")
                button = QPushButton(text, objectName=f"sign_{paper}_{role}")
                button.clicked.connect(lambda _c=False, p=paper, r=role: self.ask_signature(p, r))
                grid.addWidget(button, row, col)
                self.sign_buttons[(paper, role)] = button
            state = QLabel(objectName=f"state_{paper}")
            grid.addWidget(self.errors.wrap(f"{paper}_signatures", state), row, 3)
        return box

    def _needed(self) -> list[str]:
        needed = ["contract"]
        if self.fields.special_terms.toPlainText().strip():
            needed.append("special_terms")
        if self.info.services:
            needed.append("entrustment")
        return needed

    def _terms_changed(self) -> None:
        # Signatures belong to the terms they were drawn under.
        self.captures.clear()
        self._update()

    def _update(self) -> None:
        needed = self._needed()
        for (paper, _role), button in self.sign_buttons.items():
            button.setVisible(paper in needed)
        for paper in PAPERS:
            state = self.findChild(QLabel, f"state_{paper}")
            signed = [r for r in ROLES if (paper, r) in self.captures]
            state.setVisible(paper in needed)
            state.setText(self.tr("Signed") if len(signed) == 2 else self.tr("Not signed yet"))
        self.sign_button.setEnabled(all((p, r) in self.captures for p in needed for r in ROLES))

    def _check_before_signing(self) -> bool:
        """The service's answer before a pad opens (issue #16): refusals beside their fields."""
        try:
            data = self.fields.data()
        except ValidationFailed as e:
            self.show_field_errors(e)
            return False
        blockers = contract_blockers(self.ctx.uow(), actor=self.ctx.actor, deal_id=self.info.deal_id, data=data)
        if blockers:
            self.show_field_errors(ValidationFailed(blockers))
            return False
        self.errors.clear()
        self.general_error.hide()
        return True

    def ask_signature(self, paper: str, role: str):
        from ui.widgets.signature_dialog import SignatureDialog

        if not self._check_before_signing():
            return None
        name = self.ctx.actor.full_name if role == "consultant" else self._signer_name()
        titles = {"contract": self.tr("Sales contract"), "special_terms": self.tr("Special terms")}
        document = titles.get(paper, self.tr("Agency service agreement"))
        dialog = SignatureDialog(name, role, self, document=document)
        dialog.signed.connect(lambda capture: self._signed(paper, role, capture))
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def _signer_name(self) -> str:
        # An agent (代理人) signs for the buyer where there is one.
        return self.fields.agent_name.text().strip() or self.fields.buyer_name.text().strip()

    def _signed(self, paper: str, role: str, capture) -> None:
        self.captures[(paper, role)] = SignatureCapture(
            capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
        )
        self._update()

    def service_call(self) -> ServiceCall | None:
        try:
            data = self.fields.data()
        except ValidationFailed as e:
            self.show_field_errors(e)
            return None
        ctx, deal_id, key = self.ctx, self.info.deal_id, self.request_key
        papers = {p: [self.captures[(p, r)] for r in ROLES if (p, r) in self.captures] for p in PAPERS}
        return lambda: sign_contract(
            ctx.uow(), actor=ctx.actor, deal_id=deal_id, data=data, signatures=papers["contract"],
            special_terms_signatures=papers["special_terms"], entrustment_signatures=papers["entrustment"],
            request_key=key,
        )  # fmt: skip


def open_contract_dialog(ctx, parent, deal_id: int) -> ContractDialog:
    """Open the contract form for a deal (the deal page calls this)."""
    dialog = ContractDialog(ctx, get_contract_form(ctx.uow(), actor=ctx.actor, deal_id=deal_id), parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
