"""Table models of the test-drive page (issue #6): the day's drives, routes, the fleet register.
DtoTableModel over frozen DTOs; times in store time; overdue drives and fleet papers expiring
within 30 days (4.2.4.8) are coloured so they catch the eye. Customers are named masked (李**,
PIPL: personal data masked on screen, docs/privacy.md); the full name is only on the agreement."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from app.core.clock import store_today, to_store_time
from ui.shell.labels import label
from ui.test_drives.labels import DRIVE_STATUS, FLEET_DATE, TRANSMISSION
from ui.widgets.table_model import DtoTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
CTX = "TestDriveModels"
RED, AMBER, GREY = QColor("#c62828"), QColor("#a15c00"), QColor("#888888")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def hhmm(moment: dt.datetime | None) -> str:
    return to_store_time(moment).strftime("%H:%M") if moment else ""


class _Headers:
    HEADERS: tuple[str, ...] = ()

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _tr(self.HEADERS[section])
        return None


class DriveTableModel(_Headers, DtoTableModel):
    class Col(IntEnum):
        TIME = 0
        CAR = 1
        CUSTOMER = 2
        ROUTE = 3
        ESCORT = 4
        STATUS = 5

    COLUMN_COUNT = len(Col)
    HEADERS = (
        QT_TRANSLATE_NOOP("TestDriveModels", "Time"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Car"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Customer"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Route"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Escort"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Status"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        d = self.item(index)
        if d is None:
            return None
        c = self.Col(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if d.overdue:
                return QBrush(RED)
            if d.status == "cancelled":
                return QBrush(GREY)
            return None
        if role != DISPLAY:
            return None
        if c is self.Col.TIME:
            return f"{hhmm(d.planned_start)}–{hhmm(d.planned_end)}"
        if c is self.Col.CAR:
            return f"{d.plate} {d.car_description}"
        if c is self.Col.CUSTOMER:
            return d.customer_name_masked + (
                QCoreApplication.translate("TestDriveModels", " (walk-in)") if d.walk_in else ""
            )
        if c is self.Col.ROUTE:
            return d.route_name
        if c is self.Col.ESCORT:
            return d.escort_name or ""
        text = label(DRIVE_STATUS, d.status)
        if d.overdue:
            text += QCoreApplication.translate("TestDriveModels", " · overdue")
        return text


class RouteTableModel(_Headers, DtoTableModel):
    class Col(IntEnum):
        NAME = 0
        KM = 1
        MINUTES = 2
        FILING = 3
        ACTIVE = 4

    COLUMN_COUNT = len(Col)
    HEADERS = (
        QT_TRANSLATE_NOOP("TestDriveModels", "Route"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Distance"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Typical time"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Police filing"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Active"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        r = self.item(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not r.active:
            return QBrush(GREY)
        if role != DISPLAY:
            return None
        c = self.Col(index.column())
        if c is self.Col.NAME:
            return r.name
        if c is self.Col.KM:
            return f"{r.distance_km:g} km"
        if c is self.Col.MINUTES:
            return QCoreApplication.translate("TestDriveModels", "{m} min").format(m=r.typical_minutes)
        if c is self.Col.FILING:
            return f"{r.filing_ref} ({r.filing_date.isoformat()})"
        return (
            QCoreApplication.translate("TestDriveModels", "Yes")
            if r.active
            else QCoreApplication.translate("TestDriveModels", "No")
        )


class FleetTableModel(_Headers, DtoTableModel):
    class Col(IntEnum):
        PLATE = 0
        CAR = 1
        TRANSMISSION = 2
        COMPULSORY = 3
        COMMERCIAL = 4
        INSPECTION = 5
        MAINTENANCE = 6
        STATE = 7

    COLUMN_COUNT = len(Col)
    HEADERS = (
        QT_TRANSLATE_NOOP("TestDriveModels", "Plate"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Car"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Transmission"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Compulsory insurance"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Commercial insurance"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Inspection"),
        QT_TRANSLATE_NOOP("TestDriveModels", "Maintenance due"),
        QT_TRANSLATE_NOOP("TestDriveModels", "State"),
    )
    DATE_COLS = {
        Col.COMPULSORY: "compulsory_insurance_until",
        Col.COMMERCIAL: "commercial_insurance_until",
        Col.INSPECTION: "inspection_until",
        Col.MAINTENANCE: "maintenance_due",  # None until entered (migration 0016): unfit
    }

    def data(self, index: QModelIndex, role: int = DISPLAY):
        from ui.shell.errors import field_error_text
        from app.core.errors import FieldError

        car = self.item(index)
        if car is None:
            return None
        c = self.Col(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if c in self.DATE_COLS:
                day = getattr(car, self.DATE_COLS[c])
                if day is None or day < store_today():
                    return QBrush(RED)
                if any(f == self.DATE_COLS[c] for f, _ in car.expiring):
                    return QBrush(AMBER)
            if c is self.Col.STATE and car.problems:
                return QBrush(RED)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and c is self.Col.STATE:
            return "\n".join(field_error_text(FieldError("car", p)) for p in car.problems + car.plate_warnings) or None
        if role != DISPLAY:
            return None
        if c is self.Col.PLATE:
            return car.plate
        if c is self.Col.CAR:
            return car.description
        if c is self.Col.TRANSMISSION:
            return label(TRANSMISSION, car.transmission)
        if c in self.DATE_COLS:
            day = getattr(car, self.DATE_COLS[c])
            return day.isoformat() if day else "—"
        if car.problems:
            return QCoreApplication.translate("TestDriveModels", "Cannot be booked")
        if car.expiring:
            field, day = car.expiring[0]
            if field == "maintenance_due":
                text = QCoreApplication.translate("TestDriveModels", "Maintenance due {date}")
            else:
                text = QCoreApplication.translate("TestDriveModels", "{what} expires {date}")
            return text.format(what=label(FLEET_DATE, field), date=day.isoformat())
        return QCoreApplication.translate("TestDriveModels", "Ready")


# The calendar's day on the floor: 09:00 to 19:00 store time, one column per half hour.
CALENDAR_OPEN, CALENDAR_CLOSE = dt.time(9, 0), dt.time(19, 0)
STATUS_COLOURS = {"booked": QColor("#dbe9f6"), "out": QColor("#fde6c4"), "returned": QColor("#e3f1e0")}


class CalendarModel(QAbstractTableModel):
    """Booking calendar (issue #6.7): one row per fleet car, one column per half-hour slot of
    the day; a booked slot shows the customer and is coloured by the drive's state."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cars: list = []
        self.drives: list = []
        self.slots: list[dt.datetime] = []  # naive UTC starts

    def set_day(self, day: dt.date, cars: list, drives: list) -> None:
        from app.core.clock import from_store_time
        from app.test_drives.rules import SLOT_MINUTES

        self.beginResetModel()
        self.cars = [c for c in cars if c.active]
        self.drives = [d for d in drives if d.status != "cancelled"]
        start = from_store_time(dt.datetime.combine(day, CALENDAR_OPEN))
        end = from_store_time(dt.datetime.combine(day, CALENDAR_CLOSE))
        self.slots = []
        while start < end:
            self.slots.append(start)
            start += dt.timedelta(minutes=SLOT_MINUTES)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.cars)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.slots)

    def slot_start(self, column: int) -> dt.datetime:
        return self.slots[column]

    def car_at(self, row: int):
        return self.cars[row]

    def drive_at(self, row: int, column: int):
        from app.test_drives.rules import SLOT_MINUTES

        car, slot = self.cars[row], self.slots[column]
        slot_end = slot + dt.timedelta(minutes=SLOT_MINUTES)
        return next(
            (
                d
                for d in self.drives
                if d.car_id == car.id and d.planned_start < slot_end and (d.actual_end or d.planned_end) > slot
            ),
            None,
        )

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return hhmm(self.slots[section])
        car = self.cars[section]
        return f"{car.plate}  {car.model}"

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        d = self.drive_at(index.row(), index.column())
        car = self.cars[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if d is not None:
                return QBrush(RED.lighter(180) if d.overdue else STATUS_COLOURS.get(d.status))
            return QBrush(QColor("#eeeeee")) if car.problems else None
        if role == Qt.ItemDataRole.ToolTipRole and d is not None:
            return f"{d.customer_name_masked} · {d.route_name} · {hhmm(d.planned_start)}–{hhmm(d.planned_end)}"
        if role != DISPLAY or d is None:
            return None
        first = index.column() == 0 or self.drive_at(index.row(), index.column() - 1) is not d
        return d.customer_name_masked if first else ""
