"""The quote dialog (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3; issue #18.2), opened from the deal
page with `open_quote_dialog(ctx, parent, deal_id)`: pick listed items, a discount with its
reason, gifts and promises, the services the customer chose; the total is priced live by the
service (a read); Save writes a new revision (ServiceFormDialog, request key); a sales manager
approves a discount above the store threshold; Sign… takes the customer's signature on the pad
and issues the PDF. Every write goes through the operation path."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.dto import SignatureCapture
from app.core.permissions import Action, can
from ui.sales.quote_form import QuoteForm, signed_yuan
from ui.shell.ops import Op
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.shell.workers import run_op
from ui.widgets.field_error import FieldErrors


class QuoteDialog(ServiceFormDialog):
    def __init__(self, ctx, form_dto, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Close)
        self.setObjectName("quote_dialog")
        self.setWindowTitle(self.tr("Sales proposal"))
        self.deal, self.quote, self.request_key = form_dto.deal, form_dto.quote, uuid.uuid4().hex
        self.cars = form_dto.cars
        self.signature_dialog = None
        self.save_button.setText(self.tr("Save revision"))
        self.heading = QLabel(self._heading_text())
        self.quote_form = QuoteForm(form_dto, self.errors)
        self.quote_form.changed.connect(self.reprice)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.status = QLabel()
        self.status.setObjectName("quote_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.heading, self.quote_form, self.total, self.status):
            layout.addWidget(w)
        layout.addLayout(self._actions())
        if form_dto.price_list_id is None:
            self.say(self.tr("No price list is in force today: publish one before quoting."))
            self.save_button.setEnabled(False)
        elif self.quote is not None:
            self.quote_form.load(self.quote)  # a revision starts from the current quote (4.3.1.3)
        self._show_quote()
        # Wide enough for a service's provider and timing side by side, unclipped.
        self.resize(max(self.sizeHint().width(), 680), self.sizeHint().height())
        if form_dto.price_list_id is not None:
            self.reprice()

    def _heading_text(self) -> str:
        car = f"{self.deal.brand} {self.deal.model} {self.deal.trim}".strip()
        to_order = self.tr("to order")
        return f"{self.deal.customer_name} · {car} · {self.deal.vin or to_order}"

    def _actions(self) -> QHBoxLayout:
        self.approval_reason = QLineEdit()
        self.approval_reason.setObjectName("approval_reason")
        self.approval_reason.setPlaceholderText(self.tr("Why the discount is approved"))
        self.approve_button = QPushButton(self.tr("Approve discount"))
        self.approve_button.setObjectName("approve_discount")
        self.approve_button.clicked.connect(self.approve)
        self.car = QComboBox()
        self.car.setObjectName("car")
        self.car.addItem(self.tr("To order"), None)
        for car_id, vin, colour in self.cars:
            self.car.addItem(f"{vin} {colour}".strip(), car_id)
        self.car.setCurrentIndex(max(self.car.findData(self.deal.vehicle_id), 0))
        self.assign_button = QPushButton(self.tr("Assign this car"))
        self.assign_button.setObjectName("assign_vehicle")
        self.assign_button.clicked.connect(self.assign)
        self.sign_button = QPushButton(self.tr("Customer signs…"))
        self.sign_button.setObjectName("sign_quote")
        self.sign_button.clicked.connect(self.ask_signature)
        row = QHBoxLayout()
        row.addWidget(self.car)
        row.addWidget(self.assign_button)
        for w in (self.errors.wrap("reason", self.approval_reason), self.approve_button):
            row.addWidget(w)
            w.setVisible(can(self.ctx.actor.roles, Action.APPROVE_DISCOUNTS))
        row.addStretch(1)
        row.addWidget(self.sign_button)
        return row

    # --- live total -------------------------------------------------------------------------
    def reprice(self) -> None:
        data = self.quote_form.try_data()
        if data is None or data.vehicle_item_id is None:
            return
        ctx, deal_id = self.ctx, self.deal.id

        def read():
            from app.sales.api import price_quote

            return price_quote(ctx.uow(), actor=ctx.actor, deal_id=deal_id, data=data)

        run_op(self, read, self._priced, self._price_failed)

    def _priced(self, preview) -> None:
        self.errors.clear()
        text = self.tr("Total: %1").replace("%1", signed_yuan(preview.total_fen))
        if preview.needs_approval:
            text += "  " + self.tr("(the discount needs a sales manager's approval)")
        self.total.setText(text)

    def _price_failed(self, exc: BaseException) -> None:
        self.total.setText(self.tr("Total: —"))
        from app.core.errors import ValidationFailed

        if isinstance(exc, ValidationFailed):
            self.show_field_errors(exc)

    # --- save -------------------------------------------------------------------------------
    def service_call(self) -> ServiceCall | None:
        data = self.quote_form.try_data()
        if data is None:
            return None
        ctx, deal_id, key = self.ctx, self.deal.id, self.request_key

        def work():
            from app.sales.api import save_quote

            return save_quote(ctx.uow(), actor=ctx.actor, deal_id=deal_id, data=data, request_key=key)

        return work

    def done_saving(self, result) -> None:
        """Saved: the dialog stays open on the new revision, to approve and sign it."""
        self.request_key = uuid.uuid4().hex  # the next Save is the next revision
        self._quote_changed(result)
        self.saved.emit(result)

    def _quote_changed(self, quote) -> None:
        self.quote = quote
        self._show_quote()

    def _show_quote(self) -> None:
        q = self.quote
        if q is None:
            self.status.setText(self.tr("Not saved yet."))
        else:
            text = (
                self.tr("Revision %1, total %2.").replace("%1", str(q.revision)).replace("%2", signed_yuan(q.total_fen))
            )
            if q.signed_at is not None:
                text += " " + self.tr("Signed by the customer: %1.").replace("%1", q.document_number or "")
            elif q.needs_approval:
                text += " " + self.tr("The discount waits for a sales manager's approval.")
            self.status.setText(text)
        open_quote = q is not None and q.signed_at is None and q.superseded_at is None
        self.sign_button.setEnabled(open_quote and not q.needs_approval)
        self.approve_button.setEnabled(open_quote and q.needs_approval)

    # --- approve and sign ---------------------------------------------------------------------
    def approve(self) -> None:
        ctx, quote_id, reason = self.ctx, self.quote.id, self.approval_reason.text()

        def work():
            from app.sales.api import approve_discount

            return approve_discount(ctx.uow(), actor=ctx.actor, quote_id=quote_id, reason=reason)

        Op(ctx, self, work).busy(self.form, self.buttons).on_fields(self.show_field_errors).on_success(
            self._quote_changed
        ).run()

    def assign(self) -> None:
        """Name the VIN the deal sells (a car in stock of its model and trim, 4.3.1.2)."""
        ctx, deal_id, version, car_id = self.ctx, self.deal.id, self.deal.version, self.car.currentData()
        if car_id is None or car_id == self.deal.vehicle_id:
            return

        def work():
            from app.sales.api import assign_vehicle

            return assign_vehicle(
                ctx.uow(), actor=ctx.actor, deal_id=deal_id, vehicle_id=car_id, expected_version=version
            )

        Op(ctx, self, work).busy(self.form, self.buttons).on_fields(self.show_field_errors).on_success(
            self._deal_changed
        ).run()

    def _deal_changed(self, deal) -> None:
        self.deal = deal
        self.heading.setText(self._heading_text())

    def ask_signature(self):
        from ui.widgets.signature_dialog import SignatureDialog

        dialog = SignatureDialog(self.deal.customer_name, "customer", self, document=self.tr("Sales proposal"))
        dialog.signed.connect(self.sign)
        dialog.finished.connect(dialog.deleteLater)
        self.signature_dialog = dialog
        dialog.open()
        return dialog

    def sign(self, capture) -> None:
        signature = SignatureCapture(
            capture.signer_name, str(capture.role), capture.signed_at, capture.strokes_json(), capture.png
        )
        ctx, quote_id = self.ctx, self.quote.id

        def work():
            from app.sales.api import sign_quote

            return sign_quote(ctx.uow(), actor=ctx.actor, quote_id=quote_id, signatures=[signature])

        Op(ctx, self, work).busy(self.form, self.buttons).on_fields(self.show_field_errors).on_success(
            self._quote_changed
        ).run()


def open_quote_dialog(ctx, parent, deal_id: int) -> None:
    """Read the deal, the list in force and the current quote, then open the dialog."""

    def read():
        from app.sales.api import get_quote_form

        return get_quote_form(ctx.uow(), actor=ctx.actor, deal_id=deal_id)

    def show(form_dto) -> None:
        dialog = QuoteDialog(ctx, form_dto, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    run_op(parent, read, show)
