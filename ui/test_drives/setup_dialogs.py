"""Managers' dialogs of the test-drive page (issue #6.1, #6.2): a route filed with the traffic
police (4.2.4.3) and a fleet car's papers and maintenance (4.2.4.8, 4.2.4.6). Errors beside
each field; a stale edit opens the conflict box, whose Reload shows the record as saved now.
Both are form dialogs on ServiceFormDialog (issue #16.1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.clock import store_today
from ui.shell.labels import label
from ui.test_drives.labels import TRANSMISSION
from ui.widgets.field_error import FieldErrors
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.shell.workers import run_op
from ui.widgets.store_dates import qdate


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _date_edit(name: str, value: dt.date | None) -> QDateEdit:
    edit = QDateEdit(qdate(value or store_today()))
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


NOT_ENTERED = QDate(2000, 1, 1)  # the blank value of a required date not on record yet


class RequiredDateEdit(QDateEdit):
    """A date that may not be on record yet (maintenance due, migration 0016): shown blank,
    and saved as None so the service says it is required, never today's date unasked. The
    first click, typed digit or arrow key starts from today."""

    def __init__(self, name: str, value: dt.date | None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(NOT_ENTERED)
        self.setSpecialValueText("—")
        self.setDate(qdate(value) if value else NOT_ENTERED)

    def value(self) -> dt.date | None:
        return None if self.date() == NOT_ENTERED else _pydate(self.date())

    def _start_from_today(self) -> None:
        if self.date() == NOT_ENTERED:
            today = store_today()
            self.setDate(qdate(today))
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._start_from_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._start_from_today()
        super().keyPressEvent(event)


class _SaveDialog(ServiceFormDialog):
    """The rows of a set-up form on ServiceFormDialog (issue #16.1): Save sends the form
    through the one operation path (form and buttons disabled until the answer is back, every
    bad field beside it); a stale edit opens the conflict box, whose Reload refills the form
    with the record as saved now."""

    def __init__(self, ctx, parent: QWidget | None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Cancel)
        self.rows = QFormLayout(body)
        self.rows.setContentsMargins(0, 0, 0, 0)


def _find(rows, record_id: int, what: str):
    """The record with this id among a list the service returned (NotFound once deleted)."""
    found = next((r for r in rows if r.id == record_id), None)
    if found is None:
        from app.core.errors import NotFound

        raise NotFound(what=what, id=record_id)
    return found


class RouteDialog(_SaveDialog):
    def __init__(self, ctx, route=None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("route_dialog")
        self.setWindowTitle(self.tr("Test-drive route"))
        self.route, self.map_bytes = route, None
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.description = QLineEdit()
        self.description.setObjectName("description")
        self.km = QDoubleSpinBox()
        self.km.setObjectName("distance_km")
        self.km.setRange(0.1, 200)
        self.km.setSuffix(" km")
        self.km.setValue(8)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("typical_minutes")
        self.minutes.setRange(5, 180)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(30)
        self.filing_ref = QLineEdit()
        self.filing_ref.setObjectName("filing_ref")
        self.filing_date = _date_edit("filing_date", None)
        self.active = QCheckBox(self.tr("Active (offered for bookings and on the public notice)"))
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self.map_button = QPushButton(self.tr("Choose map image…"))
        self.map_button.setObjectName("map_image")
        self.map_button.clicked.connect(self.choose_map)
        self.map_preview = QLabel()
        self.map_preview.setObjectName("map_preview")
        e, f = self.errors, self.rows
        f.addRow(self.tr("Name"), e.wrap("name", self.name))
        f.addRow(self.tr("Description"), e.wrap("description", self.description))
        f.addRow(self.tr("Distance"), e.wrap("distance_km", self.km))
        f.addRow(self.tr("Typical time"), e.wrap("typical_minutes", self.minutes))
        f.addRow(self.tr("Police filing reference"), e.wrap("filing_ref", self.filing_ref))
        f.addRow(self.tr("Filed on"), e.wrap("filing_date", self.filing_date))
        f.addRow(self.tr("Map"), e.wrap("map_image", self.map_button))
        f.addRow("", self.map_preview)
        f.addRow("", self.active)
        if route is not None:
            self.load(route)

    def load(self, route) -> None:
        """The route as saved (on opening, and after Reload in the conflict box)."""
        self.route, self.map_bytes = route, None
        self.name.setText(route.name)
        self.description.setText(route.description)
        self.km.setValue(route.distance_km)
        self.minutes.setValue(route.typical_minutes)
        self.filing_ref.setText(route.filing_ref)
        self.filing_date.setDate(qdate(route.filing_date or store_today()))
        self.active.setChecked(route.active)
        self.map_button.setText(self.tr("Choose map image…"))
        self.map_preview.clear()
        if route.has_map:
            ctx, route_id = self.ctx, route.id

            def work():
                from app.test_drives.fleet_setup import route_map

                return route_map(ctx.uow(), actor=ctx.actor, route_id=route_id)

            run_op(self, work, self._show_map)

    def reload_call(self) -> ServiceCall | None:
        if self.route is None:
            return None
        ctx, route_id = self.ctx, self.route.id

        def work():
            from app.test_drives.fleet_setup import list_routes

            return _find(list_routes(ctx.uow(), actor=ctx.actor), route_id, "test_drive_route")

        return work

    def _show_map(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.map_preview.setPixmap(
                pixmap.scaled(320, 200, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )

    def choose_map(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Map image"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.map_bytes = Path(path).read_bytes()
            self.map_button.setText(Path(path).name)
            self._show_map(self.map_bytes)

    def service_call(self) -> ServiceCall | None:
        from app.test_drives.fleet_setup import RouteInput

        ctx, route = self.ctx, self.route
        data = RouteInput(
            name=self.name.text(),
            distance_km=self.km.value(),
            typical_minutes=self.minutes.value(),
            filing_ref=self.filing_ref.text(),
            filing_date=_pydate(self.filing_date.date()),
            description=self.description.text(),
            active=self.active.isChecked(),
            map_image=self.map_bytes,
        )

        def work():
            from app.test_drives.fleet_setup import save_route

            return save_route(
                ctx.uow(),
                actor=ctx.actor,
                data=data,
                route_id=route.id if route else None,
                expected_version=route.version if route else None,
            )

        return work


class FleetCarDialog(_SaveDialog):
    """Register a test_drive_fleet car, or update its papers."""

    def __init__(self, ctx, car=None, candidates=(), parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("fleet_car_dialog")
        self.setWindowTitle(self.tr("Test-drive car"))
        self.car = car
        self.vehicle = QComboBox()
        self.vehicle.setObjectName("vehicle_id")
        if car is not None:
            self.vehicle.addItem(f"{car.description} ({car.vin})", car.vehicle_id)
            self.vehicle.setEnabled(False)
        for vehicle_id, vin, description in candidates:
            self.vehicle.addItem(f"{description} ({vin})", vehicle_id)
        self.plate = QLineEdit()
        self.plate.setObjectName("plate")
        self.plate.setPlaceholderText("沪A12345 / 沪AD12345")
        self.transmission = QComboBox()
        self.transmission.setObjectName("transmission")
        for key in TRANSMISSION:
            self.transmission.addItem(label(TRANSMISSION, key), key)
        self.registration = _date_edit("registration_date", None)
        self.compulsory = _date_edit("compulsory_insurance_until", None)
        self.commercial = _date_edit("commercial_insurance_until", None)
        self.occupant = QCheckBox(self.tr("Includes occupant liability (车上人员责任险)"))
        self.occupant.setObjectName("occupant_liability")
        self.inspection = _date_edit("inspection_until", None)
        self.maintenance = _date_edit("last_maintenance", None)
        # 4.2.4.8 "maintained": required; past it the car is neither booked nor sent out.
        self.maintenance_due = RequiredDateEdit("maintenance_due", None)
        self.signage = QCheckBox(self.tr("试乘试驾 signage on the car confirmed"))
        self.signage.setObjectName("signage_confirmed")
        self.active = QCheckBox(self.tr("In service"))
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self._add_rows()
        if car is not None:
            self.load(car)

    def _add_rows(self) -> None:
        e, f = self.errors, self.rows
        f.addRow(self.tr("Vehicle"), e.wrap("vehicle_id", self.vehicle))
        f.addRow(self.tr("Plate"), e.wrap("plate", self.plate))
        f.addRow(self.tr("Transmission"), e.wrap("transmission", self.transmission))
        f.addRow(self.tr("Registered on"), e.wrap("registration_date", self.registration))
        f.addRow(self.tr("Compulsory insurance until"), e.wrap("compulsory_insurance_until", self.compulsory))
        f.addRow(self.tr("Commercial insurance until"), e.wrap("commercial_insurance_until", self.commercial))
        f.addRow("", self.occupant)
        f.addRow(self.tr("Annual inspection until"), e.wrap("inspection_until", self.inspection))
        f.addRow(self.tr("Last maintenance"), e.wrap("last_maintenance", self.maintenance))
        f.addRow(self.tr("Next maintenance due"), e.wrap("maintenance_due", self.maintenance_due))
        f.addRow("", self.signage)
        f.addRow("", self.active)

    def load(self, car) -> None:
        """The car's papers as saved (on opening, and after Reload in the conflict box)."""
        self.car = car
        self.plate.setText(car.plate)
        self.transmission.setCurrentIndex(self.transmission.findData(car.transmission))
        for edit, value in (
            (self.registration, car.registration_date),
            (self.compulsory, car.compulsory_insurance_until),
            (self.commercial, car.commercial_insurance_until),
            (self.inspection, car.inspection_until),
            (self.maintenance, car.last_maintenance),
        ):
            edit.setDate(qdate(value or store_today()))
        self.maintenance_due.setDate(qdate(car.maintenance_due) if car.maintenance_due else NOT_ENTERED)
        self.occupant.setChecked(car.occupant_liability)
        self.signage.setChecked(car.signage_confirmed)
        self.active.setChecked(car.active)

    def reload_call(self) -> ServiceCall | None:
        if self.car is None:
            return None
        ctx, car_id = self.ctx, self.car.id

        def work():
            from app.test_drives.fleet_setup import list_fleet

            return _find(list_fleet(ctx.uow(), actor=ctx.actor), car_id, "test_drive_car")

        return work

    def service_call(self) -> ServiceCall | None:
        from app.test_drives.fleet_setup import FleetCarInput

        ctx, car = self.ctx, self.car
        data = FleetCarInput(
            vehicle_id=self.vehicle.currentData(),
            plate=self.plate.text(),
            transmission=self.transmission.currentData(),
            registration_date=_pydate(self.registration.date()),
            compulsory_insurance_until=_pydate(self.compulsory.date()),
            commercial_insurance_until=_pydate(self.commercial.date()),
            occupant_liability=self.occupant.isChecked(),
            inspection_until=_pydate(self.inspection.date()),
            last_maintenance=_pydate(self.maintenance.date()),
            maintenance_due=self.maintenance_due.value(),
            signage_confirmed=self.signage.isChecked(),
            active=self.active.isChecked(),
        )

        def work():
            from app.test_drives.fleet_setup import save_fleet_car

            return save_fleet_car(
                ctx.uow(),
                actor=ctx.actor,
                data=data,
                car_id=car.id if car else None,
                expected_version=car.version if car else None,
            )

        return work
