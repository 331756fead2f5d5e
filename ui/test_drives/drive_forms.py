"""The forms of the guided test drive (ui/test_drives/drive_dialog.py): the booking, the
driver's documents (T/CSCA 120031-2023 4.2.4.2; domain_reference §5.1, §5.3), the customer's
confirmation and the pre-departure check (4.2.4.5, 4.2.4.6), and the return. Widgets only:
the dialog runs the services and shows errors through the shared `errors`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from app.core.clock import to_store_time, utcnow
from app.test_drives.agreement_pdf import CONSENT_TEXT
from ui.shell.labels import INTENT_LEVEL, label
from ui.test_drives.labels import CHECK_ITEM, ID_TYPE
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import qdate

# domain_reference §5.3: the usual classes first; the rest are listed so they can be refused.
LICENCE_CLASSES = ("C1", "C2", "A1", "A2", "A3", "B1", "B2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P")


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class QualificationForm(QWidget):
    """The separate consent, then ID document and driving licence (numbers typed once)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_consent()
        self._build_documents()
        self._build_buttons()
        self._lay_out(errors)

    def _build_consent(self) -> None:
        """The consent notice (PIPL art. 29) with its give and withdraw buttons."""
        self.notice = notice = QLabel(f"{CONSENT_TEXT.zh}\n{CONSENT_TEXT.en}")
        notice.setWordWrap(True)
        notice.setObjectName("consent_notice")
        self.consent_button = QPushButton(self.tr("Customer agrees to this (separate consent)"))
        self.consent_button.setObjectName("record_consent")
        self.consent_state = QLabel()
        # PIPL art. 15: withdrawing is as easy as giving; the numbers are then erased.
        self.withdraw_button = QPushButton(self.tr("Customer withdraws consent"))
        self.withdraw_button.setObjectName("withdraw_consent")
        self.withdraw_button.setVisible(False)

    def _build_documents(self) -> None:
        """ID document and driving licence (§5.1, §5.3), and a foreign licence's permit."""
        self.id_type = QComboBox()
        self.id_type.setObjectName("id_type")
        for key in ID_TYPE:
            self.id_type.addItem(label(ID_TYPE, key), key)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("id_number")
        self.birth_date = QDateEdit(qdate(dt.date(1990, 1, 1)))
        self.birth_date.setObjectName("birth_date")
        self.birth_date.setDisplayFormat("yyyy-MM-dd")
        self.id_type.currentIndexChanged.connect(
            lambda _i: self.birth_date.setEnabled(self.id_type.currentData() != "resident_id")
        )
        self.birth_date.setEnabled(False)
        self.licence_class = QComboBox()
        self.licence_class.setObjectName("licence_class")
        self.licence_class.addItems(LICENCE_CLASSES)
        self.first_issued = QDateEdit(qdate(dt.date(2015, 1, 1)))
        self.first_issued.setObjectName("licence_first_issued")
        self.first_issued.setDisplayFormat("yyyy-MM-dd")
        self.valid_until = QDateEdit(qdate(to_store_time(utcnow()).date() + dt.timedelta(days=365 * 6)))
        self.valid_until.setObjectName("licence_valid_until")
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.long_term = QCheckBox(self.tr("Long-term (长期)"))
        self.long_term.setObjectName("licence_long_term")
        self.long_term.toggled.connect(lambda on: self.valid_until.setEnabled(not on))
        self.licence_number = QLineEdit()
        self.licence_number.setObjectName("licence_number")
        self.licence_number.setPlaceholderText(self.tr("Same as the ID number for a Chinese licence"))
        self.foreign = QCheckBox(self.tr("Foreign licence (needs a temporary driving permit)"))
        self.foreign.setObjectName("foreign_licence")
        self.permit_number = QLineEdit()
        self.permit_number.setObjectName("permit_number")
        self.permit_until = QDateEdit(qdate(to_store_time(utcnow()).date() + dt.timedelta(days=30)))
        self.permit_until.setObjectName("permit_valid_until")
        self.permit_until.setDisplayFormat("yyyy-MM-dd")

    def _build_buttons(self) -> None:
        """Record, the masked numbers, and a manager's way to see one in clear."""
        self.save_button = QPushButton(self.tr("Check and record"))
        save = self.save_button
        save.setObjectName("save_qualification")
        self.masked = QLabel()
        self.masked.setObjectName("masked_numbers")
        # Only a sales manager sees a number in clear, with a purpose, logged (issue #9).
        self.unmask_id = QPushButton(self.tr("Show the ID number…"))
        self.unmask_id.setObjectName("unmask_id_number")
        self.unmask_licence = QPushButton(self.tr("Show the licence number…"))
        self.unmask_licence.setObjectName("unmask_licence_number")

    def _lay_out(self, e: FieldErrors) -> None:
        form = QFormLayout(self)
        unmask_row = QHBoxLayout()
        unmask_row.addWidget(self.unmask_id)
        unmask_row.addWidget(self.unmask_licence)
        unmask_row.addStretch(1)
        form.addRow(self.notice)
        form.addRow(e.wrap("id_consent", self.consent_button), self.consent_state)
        form.addRow("", self.withdraw_button)
        form.addRow(self.tr("ID document"), e.wrap("id_type", self.id_type))
        form.addRow(self.tr("Document number"), e.wrap("id_number", self.id_number))
        form.addRow(self.tr("Date of birth"), e.wrap("birth_date", self.birth_date))
        form.addRow(self.tr("Licence class"), e.wrap("licence_class", self.licence_class))
        form.addRow(self.tr("First issued"), e.wrap("licence_first_issued", self.first_issued))
        form.addRow(self.tr("Valid until"), e.wrap("licence_valid_until", self.valid_until))
        form.addRow("", self.long_term)
        form.addRow(self.tr("Licence number"), e.wrap("licence_number", self.licence_number))
        form.addRow("", self.foreign)
        form.addRow(self.tr("Permit number"), e.wrap("permit_number", self.permit_number))
        form.addRow(self.tr("Permit valid until"), e.wrap("permit_valid_until", self.permit_until))
        form.addRow(self.save_button, self.masked)
        form.addRow("", unmask_row)

    def data(self):
        from app.test_drives.drive_steps import QualificationInput

        foreign = self.foreign.isChecked()
        return QualificationInput(
            id_type=self.id_type.currentData(),
            id_number=self.id_number.text(),
            licence_class=self.licence_class.currentText(),
            licence_first_issued=pydate(self.first_issued.date()),
            licence_valid_until=None if self.long_term.isChecked() else pydate(self.valid_until.date()),
            licence_long_term=self.long_term.isChecked(),
            licence_number=self.licence_number.text(),
            birth_date=pydate(self.birth_date.date()) if self.birth_date.isEnabled() else None,
            foreign_licence=foreign,
            permit_number=self.permit_number.text() if foreign else "",
            permit_valid_until=pydate(self.permit_until.date()) if foreign else None,
        )

    def clear_numbers(self) -> None:
        """Once recorded, the numbers are shown only masked: never left in the form."""
        for edit in (self.id_number, self.licence_number, self.permit_number):
            edit.clear()


class ReturnForm(QWidget):
    """Odometer in, damage check, customer feedback and intent (4.2.4.5; lead update)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.odometer_in = QSpinBox()
        self.odometer_in.setObjectName("odometer_in")
        self.odometer_in.setRange(0, 2_000_000)
        self.odometer_in.setSuffix(" km")
        self.damage = QComboBox()
        self.damage.setObjectName("damage_found")
        self.damage.addItem(self.tr("— checked? —"), None)
        self.damage.addItem(self.tr("No damage"), False)
        self.damage.addItem(self.tr("Damage found"), True)
        self.damage_notes = QLineEdit()
        self.damage_notes.setObjectName("damage_notes")
        self.feedback = QTextEdit()
        self.feedback.setObjectName("feedback")
        self.feedback.setMaximumHeight(80)
        self.intent = QComboBox()
        self.intent.setObjectName("intent_level")
        self.intent.addItem("—", None)
        for key in INTENT_LEVEL:
            self.intent.addItem(label(INTENT_LEVEL, key), key)
        self.save_button = save = QPushButton(self.tr("Record return"))
        save.setObjectName("record_return")
        e = errors
        form.addRow(self.tr("Odometer"), e.wrap("odometer_in", self.odometer_in))
        form.addRow(self.tr("Damage check"), e.wrap("damage_found", self.damage))
        form.addRow(self.tr("Damage details"), e.wrap("damage_notes", self.damage_notes))
        form.addRow(self.tr("Customer feedback"), e.wrap("feedback", self.feedback))
        form.addRow(self.tr("Intent level"), e.wrap("intent_level", self.intent))
        form.addRow("", save)

    def load(self, d) -> None:
        """Show a returned drive as recorded (4.2.4.5: odometer, damage check, feedback,
        intent), read-only: a return is recorded once; opened later, e.g. from the KPI
        drill-down of 3.13 (issue #20.2), it shows what was recorded, never empty fields."""
        returned = d is not None and d.status == "returned"
        if returned:
            self.odometer_in.setValue(d.odometer_in or 0)
            self.damage.setCurrentIndex(max(0, self.damage.findData(d.damage_found)))
            self.damage_notes.setText(d.damage_notes)
            self.feedback.setPlainText(d.feedback)
            self.intent.setCurrentIndex(max(0, self.intent.findData(d.intent_level)))
        for edit in (self.odometer_in, self.damage_notes, self.feedback):
            edit.setReadOnly(returned)
        for box in (self.damage, self.intent):
            box.setEnabled(not returned)  # a combo box has no read-only state
        self.save_button.setVisible(not returned)

    def data(self):
        from app.test_drives.drive_steps import ReturnInput

        return ReturnInput(
            odometer_in=self.odometer_in.value(),
            damage_found=self.damage.currentData(),
            damage_notes=self.damage_notes.text(),
            feedback=self.feedback.toPlainText(),
            intent_level=self.intent.currentData(),
        )


class BookingForm(QWidget):
    """Customer, car, route, time window and planned km (4.2.4.5: told beforehand)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.customer_name = QLineEdit()
        self.customer_name.setObjectName("customer_name")
        self.car = QComboBox()
        self.car.setObjectName("car_id")
        self.route = QComboBox()
        self.route.setObjectName("route_id")
        self.route.currentIndexChanged.connect(lambda _i: self.route_changed())
        # Issue #17.4: "now" books now only when the car is free; otherwise its next free time
        # and the cars free now are shown first (walk_in_box.py), so the hint says just that.
        self.walk_in = QCheckBox(self.tr("Now (walk-in): if the car is busy, you choose a later time or another car"))
        self.walk_in.setObjectName("walk_in")
        self.walk_in.setChecked(True)
        self.start_at = QDateTimeEdit()
        self.start_at.setObjectName("planned_start")
        self.start_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start_at.setCalendarPopup(True)
        local = to_store_time(utcnow())
        self.start_at.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, 0)))
        self.walk_in.toggled.connect(lambda on: self.start_at.setEnabled(not on))
        self.start_at.setEnabled(False)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutes")
        self.minutes.setRange(15, 180)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min"))
        self.km = QDoubleSpinBox()
        self.km.setObjectName("planned_km")
        self.km.setRange(0.1, 200)
        self.km.setSuffix(" km")
        self.book_button = book = QPushButton(self.tr("Book"))
        book.setObjectName("book")
        e = errors
        form.addRow(self.tr("Customer name"), e.wrap("customer_name", self.customer_name))
        form.addRow(self.tr("Car"), e.wrap("car_id", self.car))
        form.addRow(self.tr("Route"), e.wrap("route_id", self.route))
        form.addRow("", self.walk_in)
        form.addRow(self.tr("Start"), e.wrap("planned_start", self.start_at))
        form.addRow(self.tr("Duration"), e.wrap("minutes", self.minutes))
        form.addRow(self.tr("Planned distance"), e.wrap("planned_km", self.km))
        form.addRow("", book)

    def route_changed(self) -> None:
        r = self.route.currentData()
        if r is not None:
            self.minutes.setValue(r.typical_minutes)
            self.km.setValue(r.distance_km)

    def load(self, d) -> None:
        """Show a booked drive as booked: "Book" then moves exactly what the user changes
        (4.2.4.5: the route, time and km the customer confirmed), never the form's defaults."""
        # Read-only once booked, so it shows the masked name (PIPL); the service keeps the full
        # one for the agreement the customer signs.
        self.customer_name.setText(d.customer_name_masked)
        i = self.car.findData(d.car_id)
        if i >= 0:
            self.car.setCurrentIndex(i)
        i = next(
            (k for k in range(self.route.count()) if getattr(self.route.itemData(k), "id", None) == d.route_id), -1
        )
        if i >= 0:
            self.route.setCurrentIndex(i)  # sets the route's typical time and km: set ours after
        self.walk_in.setChecked(False)
        local = to_store_time(d.planned_start)
        self.start_at.setDateTime(QDateTime(qdate(local.date()), QTime(local.hour, local.minute)))
        self.minutes.setValue(int((d.planned_end - d.planned_start).total_seconds() // 60))
        self.km.setValue(d.planned_km)


class DepartureForm(QWidget):
    """The customer's confirmation of route, km and time (4.2.4.5) and the pre-departure
    check of the car with the odometer (4.2.4.6)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.terms = QLabel()
        self.terms.setWordWrap(True)
        self.confirm_button = confirm = QPushButton(self.tr("Customer confirmed route, distance and time"))
        confirm.setObjectName("confirm_terms")
        self.check_boxes = {}
        form.addRow(self.terms)
        form.addRow("", errors.wrap("confirmation", confirm))
        for key in CHECK_ITEM:
            box = QCheckBox(label(CHECK_ITEM, key))
            box.setObjectName(f"check_{key}")
            self.check_boxes[key] = box
            form.addRow("", box)
        self.odometer_out = QSpinBox()
        self.odometer_out.setObjectName("odometer_out")
        self.odometer_out.setRange(0, 2_000_000)
        self.odometer_out.setSuffix(" km")
        self.save_button = save = QPushButton(self.tr("Record check"))
        save.setObjectName("record_check")
        form.addRow(self.tr("Odometer"), errors.wrap("odometer_out", self.odometer_out))
        form.addRow("", save)

    def load(self, d) -> None:
        """A drive past its booking shows the check as recorded (4.2.4.6: the items ticked and
        the odometer out); a booked one keeps what the consultant is ticking."""
        if d is None or d.status == "booked" or d.odometer_out is None:
            return
        for key, box in self.check_boxes.items():
            box.setChecked(bool(d.check_items.get(key)))
        self.odometer_out.setValue(d.odometer_out)
