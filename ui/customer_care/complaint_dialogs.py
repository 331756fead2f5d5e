"""The complaint forms (issue #19.3, #19.6), each saved through ServiceFormDialog (the one
operation path): receiving a complaint (4.5.2.1), a handling note, the first response (3.17) or
the reply (办法 art. 18), and the closure with the result and the customer's confirmation or
recorded refusal (3.16). The services enforce every rule; the forms only collect."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.customer_care.api import (
    ComplaintInput,
    add_note,
    close_complaint,
    receive_complaint,
    record_first_response,
    record_reply,
)
from ui.customer_care.complaint_labels import CATEGORY, CHANNEL, word
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _combo(name: str, table: dict[str, str]) -> QComboBox:
    box = QComboBox(objectName=name)
    for code in table:
        box.addItem(word(table, code), code)
    return box


class ReceiveComplaintDialog(ServiceFormDialog):
    """4.5.2.1: the complaint as the customer brings it; a 12345 work order keeps its own time."""

    def __init__(self, ctx, handlers: list[tuple[int, str]], parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("receive_complaint_dialog")
        self.setWindowTitle(self.tr("Receive a complaint"))
        self.request_key = uuid.uuid4().hex  # one click, one complaint (issue #16.2)
        self.channel = _combo("complaint_channel", CHANNEL)
        self.category = _combo("complaint_category", CATEGORY)
        self.earlier = QCheckBox(self.tr("Made earlier than now (e.g. the time on a 12345 work order)"))
        self.earlier.setObjectName("complaint_received_earlier")
        self.received = QDateTimeEdit(QDateTime.currentDateTime(), objectName="complaint_received_at")
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setEnabled(False)
        self.earlier.toggled.connect(self.received.setEnabled)
        self.contact_name = QLineEdit(objectName="complaint_contact_name")
        self.contact_mobile = QLineEdit(objectName="complaint_contact_mobile")
        self.summary = QPlainTextEdit(objectName="complaint_summary")
        self.handler = QComboBox(objectName="complaint_handler")
        self.staff = QComboBox(objectName="complaint_staff")
        self.staff.addItem(self.tr("(nobody named)"), None)
        for staff_id, name in handlers:
            self.handler.addItem(name, staff_id)
            self.staff.addItem(name, staff_id)
        self.vin = QLineEdit(objectName="complaint_vin")
        self.vin.setPlaceholderText(self.tr("Optional: the car's VIN"))
        self.contract_number = QLineEdit(objectName="complaint_contract_number")
        self.contract_number.setPlaceholderText(self.tr("Optional: the contract number"))
        form, e = QFormLayout(body), self.errors
        form.addRow(self.tr("Channel"), e.wrap("channel", self.channel))
        form.addRow(self.tr("Category"), e.wrap("category", self.category))
        form.addRow(self.earlier)
        form.addRow(self.tr("Made at"), e.wrap("received_at", self.received))
        form.addRow(self.tr("Complainant"), e.wrap("contact_name", self.contact_name))
        form.addRow(self.tr("Mobile"), e.wrap("contact_mobile", self.contact_mobile))
        form.addRow(self.tr("What about"), e.wrap("summary", self.summary))
        form.addRow(self.tr("Vehicle (VIN)"), e.wrap("vin", self.vin))
        form.addRow(self.tr("Contract"), e.wrap("contract_number", self.contract_number))
        form.addRow(self.tr("Staff concerned"), e.wrap("staff_id", self.staff))
        form.addRow(self.tr("Handled by"), e.wrap("handler_id", self.handler))
        self.save_button.setText(self.tr("Receive"))
        self.save_button.setObjectName("receive_complaint")

    def _received_at(self) -> dt.datetime | None:
        if not self.earlier.isChecked():
            return None  # now, on the server's clock
        local = self.received.dateTime().toPython().replace(tzinfo=SHANGHAI)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    def service_call(self) -> ServiceCall | None:
        ctx, key = self.ctx, self.request_key
        data = ComplaintInput(
            channel=self.channel.currentData(), category=self.category.currentData(),
            summary=self.summary.toPlainText(), contact_name=self.contact_name.text(),
            contact_mobile=self.contact_mobile.text(), handler_id=self.handler.currentData() or 0,
            received_at=self._received_at(), staff_id=self.staff.currentData(), vin=self.vin.text(),
            contract_number=self.contract_number.text(),
        )  # fmt: skip
        return lambda: receive_complaint(ctx.uow(), actor=ctx.actor, data=data, request_key=key)


class ComplaintNoteDialog(ServiceFormDialog):
    """A handling note, the first response (3.17) or the reply (办法 art. 18)."""

    def __init__(self, ctx, complaint, kind: str, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("complaint_note_dialog")
        self.complaint, self.kind = complaint, kind
        titles = {
            "note": self.tr("Handling note on {number}"),
            "first_response": self.tr("First response on {number}"),
            "reply": self.tr("Tell the customer how {number} is handled"),
        }
        self.setWindowTitle(titles[kind].format(number=complaint.number))
        self.text = QPlainTextEdit(objectName="complaint_note_text")
        self.visible = QCheckBox(self.tr("The customer may see this note in a progress query"))
        self.visible.setObjectName("complaint_note_visible")
        self.visible.setVisible(kind == "note")
        form = QFormLayout(body)
        if kind != "note":
            form.addRow(QLabel(self.tr("What the customer was told; shown in their progress query.")))
        form.addRow(self.tr("Text"), self.errors.wrap("text", self.text))
        form.addRow(self.visible)
        self.save_button.setObjectName("save_complaint_note")

    def service_call(self) -> ServiceCall | None:
        ctx, cid, text = self.ctx, self.complaint.id, self.text.toPlainText()
        if self.kind == "first_response":
            return lambda: record_first_response(ctx.uow(), actor=ctx.actor, complaint_id=cid, text=text)
        if self.kind == "reply":
            return lambda: record_reply(ctx.uow(), actor=ctx.actor, complaint_id=cid, text=text)
        visible = self.visible.isChecked()
        return lambda: add_note(ctx.uow(), actor=ctx.actor, complaint_id=cid, text=text, customer_visible=visible)


class CloseComplaintDialog(ServiceFormDialog):
    """3.16: the result, and the customer's confirmation or their refusal with what they said."""

    def __init__(self, ctx, complaint, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("close_complaint_dialog")
        self.complaint = complaint
        self.setWindowTitle(self.tr("Close complaint {number}").format(number=complaint.number))
        self.result_text = QPlainTextEdit(objectName="complaint_result")
        self.confirmation = QComboBox(objectName="complaint_confirmation")
        self.confirmation.addItem(self.tr("Choose…"), "")
        self.confirmation.addItem(self.tr("The customer confirms the result"), "confirmed")
        self.confirmation.addItem(self.tr("The customer refuses the result"), "refused")
        self.note = QPlainTextEdit(objectName="complaint_confirmation_note")
        self.note.setPlaceholderText(self.tr("Required when the customer refuses: what they said"))
        form, e = QFormLayout(body), self.errors
        form.addRow(self.tr("Result"), e.wrap("result", self.result_text))
        form.addRow(self.tr("Customer"), e.wrap("confirmation", self.confirmation))
        form.addRow(self.tr("What they said"), e.wrap("confirmation_note", self.note))
        self.save_button.setText(self.tr("Close complaint"))
        self.save_button.setObjectName("close_complaint")

    def service_call(self) -> ServiceCall | None:
        ctx, c = self.ctx, self.complaint
        result, confirmation, note = self.result_text.toPlainText(), self.confirmation.currentData(), self.note
        return lambda: close_complaint(
            ctx.uow(), actor=ctx.actor, complaint_id=c.id, expected_version=c.version, result=result,
            confirmation=confirmation, confirmation_note=note.toPlainText(),
        )  # fmt: skip
