"""Table model over a list of VehicleDTO for the inventory list (style guide §5).

Display text goes through ui.shell.labels; SORT_ROLE returns raw values (fen ints, ISO dates, the
status's place in the workflow) so a QSortFilterProxyModel with setSortRole(SORT_ROLE) sorts
prices as numbers, not as "¥1,000" < "¥900".
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.core.dto import VehicleDTO
from db.models import VehicleStatus
from ui.shell.labels import format_yuan, powertrain_label, status_label
from ui.widgets.paged_rows import PagedRows
from ui.widgets.table_model import DtoTableModel

DTO_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_ORDER = {s.value: i for i, s in enumerate(VehicleStatus)}


class Column(IntEnum):
    VIN = 0
    BRAND = 1
    MODEL = 2
    TRIM = 3
    YEAR = 4
    EXTERIOR = 5
    POWERTRAIN = 6
    GUIDE_PRICE = 7
    PRICE = 8
    STATUS = 9
    PRODUCTION_DATE = 10


_RIGHT = {Column.YEAR, Column.GUIDE_PRICE, Column.PRICE}


class VehicleTableModel(DtoTableModel[VehicleDTO]):
    COLUMN_COUNT = len(Column)

    def _headers(self) -> dict[Column, str]:
        # Built on each call so a language switch (retranslate) shows at once.
        return {
            Column.VIN: self.tr("VIN"),
            Column.BRAND: self.tr("Brand"),
            Column.MODEL: self.tr("Model"),
            Column.TRIM: self.tr("Trim"),
            Column.YEAR: self.tr("Year"),
            Column.EXTERIOR: self.tr("Exterior colour"),
            Column.POWERTRAIN: self.tr("Powertrain"),
            Column.GUIDE_PRICE: self.tr("Guide price"),
            Column.PRICE: self.tr("Price"),
            Column.STATUS: self.tr("Status"),
            Column.PRODUCTION_DATE: self.tr("Production date"),
        }

    def vehicle_at(self, row: int) -> VehicleDTO | None:
        return self.row_at(row)

    # --- QAbstractTableModel ------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        v = self.item(index)
        if v is None:
            return None
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(v, col)
        if role == SORT_ROLE:
            return self._sort_value(v, col)
        if role == DTO_ROLE:
            return v
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col in _RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == Column.VIN and v.vin_override_reason:
            return self.tr("VIN check digit overridden: {reason}").format(reason=v.vin_override_reason)
        return None

    @staticmethod
    def _display(v: VehicleDTO, col: Column) -> str:
        match col:
            case Column.VIN:
                return v.vin
            case Column.BRAND:
                return v.brand
            case Column.MODEL:
                return v.model
            case Column.TRIM:
                return v.trim
            case Column.YEAR:
                return str(v.model_year)
            case Column.EXTERIOR:
                return v.exterior_color
            case Column.POWERTRAIN:
                return powertrain_label(v.powertrain)
            case Column.GUIDE_PRICE:
                return format_yuan(v.guide_price_fen)
            case Column.PRICE:
                return format_yuan(v.price_fen)
            case Column.STATUS:
                return status_label(v.status)
            case Column.PRODUCTION_DATE:
                return v.production_date.isoformat() if v.production_date else ""
        return ""

    @staticmethod
    def _sort_value(v: VehicleDTO, col: Column):
        match col:
            case Column.YEAR:
                return v.model_year
            case Column.GUIDE_PRICE:
                return v.guide_price_fen
            case Column.PRICE:
                return v.price_fen
            case Column.STATUS:
                # Workflow order (in transit ... delivered) reads better than alphabetical.
                return _STATUS_ORDER.get(v.status, len(_STATUS_ORDER))
            case Column.PRODUCTION_DATE:
                # ISO text sorts chronologically; unknown dates ("") sort first.
                return v.production_date.isoformat() if v.production_date else ""
        return VehicleTableModel._display(v, col)


class VehiclePageModel(PagedRows, VehicleTableModel):
    """The cars, fetched a page at a time (app/inventory/vehicle_page.list_vehicle_page)."""
