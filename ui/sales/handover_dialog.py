"""The delivery handover dialog (issue #18.6; T/CSCA 120031 4.4.2): opened from the deal page with
`open_handover_dialog(ctx, parent, deal_id)`. It shows the checklist (handover_form.py) with what
still blocks the handover, books the delivery appointment, takes the customer's and the
consultant's signatures on the pad, and completes the handover through the one operation path
(ServiceFormDialog): the service checks every step and prints the handover record and the
三包凭证 (reprinted later from the documents page)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import from_store_time, to_store_time
from app.core.dto import SignatureCapture
from app.core.errors import ShowroomError
from app.sales.api import HandoverChecklistDTO, complete_handover, handover_checklist, schedule_delivery
from ui.shell import ops
from ui.shell.errors import show_error
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.sales.handover_form import HandoverForm
from ui.widgets.store_dates import qdate, store_qdate


class HandoverDialog(ServiceFormDialog):
    handed_over = Signal(object)  # HandoverDTO

    def __init__(self, ctx, checklist: HandoverChecklistDTO, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        errors = FieldErrors()
        super().__init__(ctx, body, errors, parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("handover_dialog")
        self.setWindowTitle(
            self.tr("Hand over {car} ({number})").format(car=checklist.car, number=checklist.contract_number)
        )
        self.checklist = checklist
        self.captures: dict[str, SignatureCapture] = {}
        self.signature_dialog = None
        self.request_key = str(uuid.uuid4())  # one handover however often Complete is pressed
        self.checklist_form = HandoverForm(checklist, errors)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._appointment_row())
        layout.addWidget(self.checklist_form, 1)
        layout.addLayout(self._signature_row())
        self.complete_button = self.save_button
        self.complete_button.setText(self.tr("Complete handover"))
        self.complete_button.setObjectName("complete_handover")
        self.resize(720, 760)
        self._update()

    def _appointment_row(self) -> QFormLayout:
        self.when = QDateTimeEdit(objectName="delivery_at")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        at = self.checklist.delivery_appointment_at
        if at is not None:
            local = to_store_time(at)
            self.when.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, local.minute)))
        else:  # proposed within opening hours (the next store day, 10:00), not "now" tomorrow night
            self.when.setDateTime(QDateTime(store_qdate().addDays(1), QTime(10, 0)))
        self.schedule_button = QPushButton(self.tr("Schedule delivery"), objectName="schedule_delivery")
        self.schedule_button.clicked.connect(self.schedule)
        self.appointment = QLabel(objectName="appointment")
        row = QHBoxLayout()
        row.addWidget(self.errors.wrap("at", self.when), 1)
        row.addWidget(self.schedule_button)
        form = QFormLayout()
        form.addRow(self.tr("Delivery appointment"), row)
        form.addRow("", self.appointment)
        return form

    def _signature_row(self) -> QFormLayout:
        self.customer_button = QPushButton(self.tr("Customer signs…"), objectName="sign_customer")
        self.customer_button.clicked.connect(lambda _c=False: self.ask_signature("customer"))
        self.consultant_button = QPushButton(self.tr("Consultant signs…"), objectName="sign_consultant")
        self.consultant_button.clicked.connect(lambda _c=False: self.ask_signature("consultant"))
        self.signature_state = QLabel(objectName="signature_state")
        row = QHBoxLayout()
        row.addWidget(self.customer_button)
        row.addWidget(self.consultant_button)
        row.addWidget(self.errors.wrap("signatures", self.signature_state), 1)
        form = QFormLayout()
        form.addRow(self.tr("Signatures"), row)
        return form

    def _update(self) -> None:
        at = self.checklist.delivery_appointment_at
        self.appointment.setText(
            self.tr("Booked for {at}").format(at=to_store_time(at).strftime("%Y-%m-%d %H:%M"))
            if at
            else self.tr("No appointment yet")
        )
        who = [
            self.tr("customer") if "customer" in self.captures else "",
            self.tr("consultant") if "consultant" in self.captures else "",
        ]
        who = [w for w in who if w]
        self.signature_state.setText(
            self.tr("Signed by: {who}").format(who=", ".join(who)) if who else self.tr("Not signed yet")
        )
        done = self.checklist.delivered
        for w in (self.complete_button, self.schedule_button, self.customer_button, self.consultant_button):
            w.setEnabled(not done)

    # --- the delivery appointment -------------------------------------------------------------
    def _when(self) -> dt.datetime:
        q = self.when.dateTime()
        d, t = q.date(), q.time()
        return from_store_time(dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))

    def schedule(self) -> None:
        ctx, c, at = self.ctx, self.checklist, self._when()
        self.errors.clear()
        self.general_error.hide()
        ops.Op(
            ctx,
            self.schedule_button,
            lambda: schedule_delivery(
                ctx.uow(), actor=ctx.actor, contract_id=c.contract_id, at=at, expected_version=c.contract_version
            ),
        ).busy(self.schedule_button).on_fields(self.show_field_errors).on_success(lambda _r: self.refresh()).run()

    def refresh(self) -> None:
        """Read the checklist again (after booking, or to see the blockers now)."""
        self.checklist = handover_checklist(
            self.ctx.uow(), actor=self.ctx.actor, contract_id=self.checklist.contract_id
        )
        self.checklist_form.show_blockers(self.checklist)
        self._update()

    # --- signatures and completing --------------------------------------------------------------
    def ask_signature(self, role: str):
        from ui.widgets.signature_dialog import SignatureDialog

        name = self.checklist.buyer_name if role == "customer" else self.ctx.actor.full_name
        document = self.tr("Handover of {vin}").format(vin=self.checklist.vin)
        dialog = SignatureDialog(name, role, self, document=document)
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

    def service_call(self) -> ServiceCall | None:
        ctx, contract_id, key = self.ctx, self.checklist.contract_id, self.request_key
        data, signatures = self.checklist_form.data(), list(self.captures.values())
        return lambda: complete_handover(
            ctx.uow(), actor=ctx.actor, contract_id=contract_id, data=data, signatures=signatures, request_key=key
        )

    def done_saving(self, result) -> None:
        self.handed_over.emit(result)
        super().done_saving(result)


def open_handover_dialog(ctx, parent, deal_id: int) -> HandoverDialog | None:
    """The deal page's entry point: the handover of the deal's contract (None, with the reason
    said, when there is none to hand over or the user may not)."""
    try:
        checklist = handover_checklist(ctx.uow(), actor=ctx.actor, deal_id=deal_id)
    except ShowroomError as exc:
        show_error(parent, exc)
        return None
    dialog = HandoverDialog(ctx, checklist, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
