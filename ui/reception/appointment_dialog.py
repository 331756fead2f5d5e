"""Book an appointment (预约, issue #4 point 6): customer name and mobile (with consent, PIPL),
date and time, consultant and purpose. The customer is registered first if new."""

from __future__ import annotations

import datetime as dt

import uuid

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.core.clock import from_store_time, to_store_time, utcnow
from ui.shell.labels import APPOINTMENT_PURPOSE, label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors
from ui.reception.fields import ReceptionWording


class AppointmentDialog(ReceptionWording, ServiceFormDialog):
    booked = Signal(object)  # AppointmentDTO

    def __init__(self, ctx, parent=None, *, consent_text=None, consultants=()) -> None:
        std, body = QDialogButtonBox.StandardButton, QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("appointment_dialog")
        self.consent_text = consent_text
        self.shown_at = utcnow()  # the notice is on screen from now (PIPL art. 14)
        self.request_key = uuid.uuid4().hex  # one appointment, however often OK is pressed
        self.setWindowTitle(self.tr("Book appointment"))
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.mobile = QLineEdit()
        self.mobile.setObjectName("mobile")
        self.when = QDateTimeEdit()
        self.when.setObjectName("scheduled_at")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        local = to_store_time(utcnow()) + dt.timedelta(days=1)
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, 10, 0, 0))
        self.consultant = QComboBox()
        self.consultant.setObjectName("consultant_id")
        for cid, name in consultants:
            self.consultant.addItem(name, cid)
        self.purpose = QComboBox()
        self.purpose.setObjectName("purpose")
        for key in APPOINTMENT_PURPOSE:
            self.purpose.addItem(label(APPOINTMENT_PURPOSE, key), key)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setFixedHeight(50)
        notice = QPlainTextEdit(consent_text.text_zh if consent_text else "")
        notice.setReadOnly(True)
        notice.setFixedHeight(90)
        self.consent_given = QCheckBox(
            self.tr("Customer agreed to the notice (version {version})").format(
                version=consent_text.version_label if consent_text else "—"
            )
        )
        self.consent_given.setObjectName("consent_given")
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Name"), self.errors.wrap("name", self.name))
        form.addRow(self.tr("Mobile"), self.errors.wrap("mobile", self.mobile))
        form.addRow(self.tr("Date and time"), self.errors.wrap("scheduled_at", self.when))
        form.addRow(self.tr("Consultant"), self.errors.wrap("consultant_id", self.consultant))
        form.addRow(self.tr("Purpose"), self.errors.wrap("purpose", self.purpose))
        form.addRow(self.tr("Note"), self.errors.wrap("note", self.note))
        form.addRow(notice)
        form.addRow(self.errors.wrap("consent_given", self.consent_given))
        for alias in ("consent_text_id", "consent_shown_at", "customer_id"):
            self.errors.alias(alias, "consent_given")
        self.save_button.setText(self.tr("Book"))

    def confirm(self) -> None:
        self.save()

    def service_call(self) -> ServiceCall:
        ctx, key = self.ctx, self.request_key
        name, mobile = self.name.text(), self.mobile.text()
        q = self.when.dateTime()
        local = dt.datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
        when = from_store_time(local)
        cid, purpose, note = self.consultant.currentData(), self.purpose.currentData(), self.note.toPlainText()
        text_id = self.consent_text.id if self.consent_text else None
        given, shown = self.consent_given.isChecked(), self.shown_at

        def work():
            from app.reception.appointments import book_appointment_for

            return book_appointment_for(
                ctx.uow(),
                actor=ctx.actor,
                name=name,
                mobile=mobile,
                consent_text_id=text_id,
                consent_shown_at=shown,
                consent_given=given,
                consultant_id=cid,
                scheduled_at=when,
                purpose=purpose,
                note=note,
                request_key=key,
            )

        return work

    def done_saving(self, appointment) -> None:
        self.booked.emit(appointment)
        super().done_saving(appointment)
