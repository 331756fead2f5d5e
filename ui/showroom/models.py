"""The showroom board as a table: one row per display position (empty ones too) and per
displayed car without a position, zone by zone, with the card state in colour (issue #5)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from app.showroom.vehicle_card import fmt_money
from app.showroom.cards import BoardRowDTO

from ui.shell.labels import CARD_CHANGE, POWERTRAIN, label
from ui.widgets.table_model import DtoTableModel

CTX = "ShowroomBoard"


class Col(IntEnum):
    ZONE = 0
    POSITION = 1
    CAR = 2
    VIN = 3
    PRICE = 4
    CARD = 5


HEADERS = {
    Col.ZONE: QT_TRANSLATE_NOOP("ShowroomBoard", "Zone"),
    Col.POSITION: QT_TRANSLATE_NOOP("ShowroomBoard", "Position"),
    Col.CAR: QT_TRANSLATE_NOOP("ShowroomBoard", "Car"),
    Col.VIN: QT_TRANSLATE_NOOP("ShowroomBoard", "VIN"),
    Col.PRICE: QT_TRANSLATE_NOOP("ShowroomBoard", "Price"),
    Col.CARD: QT_TRANSLATE_NOOP("ShowroomBoard", "Card"),
}

# Marked here so that lupdate files them under "ShowroomBoard", where tr() looks them up.
T_NO_CARD = QT_TRANSLATE_NOOP("ShowroomBoard", "No card")
T_STALE = QT_TRANSLATE_NOOP("ShowroomBoard", "Stale: {what}")
T_CURRENT = QT_TRANSLATE_NOOP("ShowroomBoard", "Current v{version}")
T_NO_POSITION = QT_TRANSLATE_NOOP("ShowroomBoard", "(no position)")
T_EMPTY = QT_TRANSLATE_NOOP("ShowroomBoard", "(empty)")
T_NEV_OUTSIDE = QT_TRANSLATE_NOOP("ShowroomBoard", "NEV outside the NEV zone")
T_NO_PRODUCTION_DATE = QT_TRANSLATE_NOOP("ShowroomBoard", "production date missing: the card says the age is unknown")

COLOURS = {"no_card": "#f8d7da", "stale": "#fff3cd", "current": "#d1e7dd"}


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def card_text(r: BoardRowDTO) -> str:
    if r.card_state == "no_card":
        return _t(T_NO_CARD)
    if r.card_state == "stale":
        what = "、".join(label(CARD_CHANGE, c) for c in r.changed)
        return _t(T_STALE).format(what=what)
    if r.card_state == "current":
        return _t(T_CURRENT).format(version=r.card_version)
    return ""


class BoardTableModel(DtoTableModel[BoardRowDTO]):
    COLUMN_COUNT = len(Col)

    def row_of_vehicle(self, vehicle_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.vehicle_id == vehicle_id), -1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return _t(HEADERS[Col(section)])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        r = self.item(index)
        if r is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is Col.ZONE:
                return r.zone_name if r.zone_name else _t(T_NO_POSITION)
            if col is Col.POSITION:
                return r.position_code or ""
            if col is Col.CAR:
                if r.vehicle_id is None:
                    return _t(T_EMPTY)
                car = f"{r.description} · {label(POWERTRAIN, r.powertrain)}"
                warnings = [_t(T_NEV_OUTSIDE)] * r.nev_outside_zone + [
                    _t(T_NO_PRODUCTION_DATE)
                ] * r.production_date_missing
                return car + "".join("  ⚠ " + w for w in warnings)
            if col is Col.VIN:
                return r.vin or ""
            if col is Col.PRICE:
                return fmt_money(r.price_fen) if r.price_fen is not None else ""
            if col is Col.CARD:
                return card_text(r)
        if role == Qt.ItemDataRole.BackgroundRole and col is Col.CARD and r.card_state:
            return QBrush(QColor(COLOURS[r.card_state]))
        if role == Qt.ItemDataRole.ForegroundRole and r.vehicle_id is None:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole and col is Col.CARD and r.card_number:
            return f"{r.card_number} v{r.card_version}"
        return None
