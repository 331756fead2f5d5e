"""Reschedule, cancel or mark an appointment as a no-show, with a reason (issue #17.12).

One ServiceFormDialog for the three changes: each names the appointment, asks for the reason
(required and kept in the appointment's history by the service), and rescheduling also asks
for the new time, consultant and purpose. A no-show counts in the traffic report.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.core.clock import from_store_time, to_store_time
from ui.reception.fields import ReceptionWording
from ui.shell.labels import APPOINTMENT_PURPOSE, label, local_time
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors

RESCHEDULE, CANCEL, NO_SHOW = "reschedule", "cancel", "no_show"


class AppointmentChangeDialog(ReceptionWording, ServiceFormDialog):
    changed = Signal(object)  # AppointmentDTO

    def __init__(self, ctx, appointment, mode: str, parent=None, *, consultants=()) -> None:
        std, body = QDialogButtonBox.StandardButton, QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName(f"appointment_{mode}_dialog")
        self.appointment, self.mode = appointment, mode
        self.setMinimumWidth(480)
        titles = {
            RESCHEDULE: (self.tr("Reschedule appointment"), self.tr("Reschedule")),
            CANCEL: (self.tr("Cancel appointment"), self.tr("Cancel the appointment")),
            NO_SHOW: (self.tr("Customer did not come"), self.tr("Record no-show")),
        }
        self.setWindowTitle(titles[mode][0])
        self.save_button.setText(titles[mode][1])
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr("{customer}, {when}, with {consultant}").format(
                customer=appointment.customer_name_masked
                or self.tr("customer #{id}").format(id=appointment.customer_id),
                when=local_time(appointment.scheduled_at),
                consultant=appointment.consultant_name,
            )
        )
        intro.setObjectName("appointment_summary")
        intro.setWordWrap(True)
        form.addRow(intro)
        if mode == RESCHEDULE:
            self._reschedule_fields(form, consultants)
        if mode == NO_SHOW:
            form.addRow(QLabel(self.tr("It counts as a no-show in the traffic report.")))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Required; kept in the appointment's history"))
        form.addRow(self.tr("Reason"), self.errors.wrap("reason", self.reason))
        self.errors.alias("appointment_id", "reason")

    def _reschedule_fields(self, form: QFormLayout, consultants) -> None:
        a = self.appointment
        self.when = QDateTimeEdit()
        self.when.setObjectName("scheduled_at")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        local = to_store_time(a.scheduled_at)
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0))
        self.consultant = QComboBox()
        self.consultant.setObjectName("consultant_id")
        for cid, name in consultants:
            self.consultant.addItem(name, cid)
        if self.consultant.findData(a.consultant_id) < 0:
            self.consultant.addItem(a.consultant_name, a.consultant_id)
        self.consultant.setCurrentIndex(self.consultant.findData(a.consultant_id))
        self.purpose = QComboBox()
        self.purpose.setObjectName("purpose")
        for key in APPOINTMENT_PURPOSE:
            self.purpose.addItem(label(APPOINTMENT_PURPOSE, key), key)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(a.purpose)))
        form.addRow(self.tr("New date and time"), self.errors.wrap("scheduled_at", self.when))
        form.addRow(self.tr("Consultant"), self.errors.wrap("consultant_id", self.consultant))
        form.addRow(self.tr("Purpose"), self.errors.wrap("purpose", self.purpose))

    def confirm(self) -> None:
        self.save()

    def _scheduled_at(self) -> dt.datetime:
        q = self.when.dateTime()
        d, t = q.date(), q.time()
        return from_store_time(dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))

    def service_call(self) -> ServiceCall:
        ctx, a, reason = self.ctx, self.appointment, self.reason.text()
        if self.mode == RESCHEDULE:
            when, cid, purpose = self._scheduled_at(), self.consultant.currentData(), self.purpose.currentData()

            def reschedule():
                from app.reception.appointment_changes import reschedule_appointment

                return reschedule_appointment(
                    ctx.uow(),
                    actor=ctx.actor,
                    appointment_id=a.id,
                    expected_version=a.version,
                    scheduled_at=when,
                    consultant_id=cid,
                    purpose=purpose,
                    note=a.note,
                    reason=reason,
                )

            return reschedule

        mode = self.mode

        def close():
            from app.reception.appointment_changes import cancel_appointment, mark_no_show

            call = cancel_appointment if mode == CANCEL else mark_no_show
            return call(ctx.uow(), actor=ctx.actor, appointment_id=a.id, expected_version=a.version, reason=reason)

        return close

    def reload(self) -> None:
        self.reject()  # the list shows the appointment as it is now

    def done_saving(self, appointment) -> None:
        self.changed.emit(appointment)
        super().done_saving(appointment)
