"""Table model over StaffDTO rows: name, username, roles, licence and PDI certificate."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP

from app.services.dto import StaffDTO
from ui.labels import role_label


class StaffColumn(IntEnum):
    NAME = 0
    USERNAME = 1
    ROLES = 2
    LICENCE = 3
    PDI_CERT = 4
    PDI_EXPIRY = 5
    ACTIVE = 6


HEADERS = {
    StaffColumn.NAME: QT_TRANSLATE_NOOP("StaffTableModel", "Name"),
    StaffColumn.USERNAME: QT_TRANSLATE_NOOP("StaffTableModel", "Username"),
    StaffColumn.ROLES: QT_TRANSLATE_NOOP("StaffTableModel", "Roles"),
    StaffColumn.LICENCE: QT_TRANSLATE_NOOP("StaffTableModel", "Licence first issued"),
    StaffColumn.PDI_CERT: QT_TRANSLATE_NOOP("StaffTableModel", "PDI certificate"),
    StaffColumn.PDI_EXPIRY: QT_TRANSLATE_NOOP("StaffTableModel", "Certificate expiry"),
    StaffColumn.ACTIVE: QT_TRANSLATE_NOOP("StaffTableModel", "Active"),
}


class StaffTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[StaffDTO] = []

    def set_rows(self, rows: list[StaffDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(StaffColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("StaffTableModel", HEADERS[StaffColumn(section)])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        s = self._rows[index.row()]
        col = StaffColumn(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return s
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col is StaffColumn.NAME:
            return s.full_name
        if col is StaffColumn.USERNAME:
            return s.username
        if col is StaffColumn.ROLES:
            return ", ".join(role_label(r) for r in sorted(s.roles))
        if col is StaffColumn.LICENCE:
            return s.licence_first_issued.isoformat() if s.licence_first_issued else ""
        if col is StaffColumn.PDI_CERT:
            return s.pdi_certificate_no or ""
        if col is StaffColumn.PDI_EXPIRY:
            return s.pdi_certificate_expiry.isoformat() if s.pdi_certificate_expiry else ""
        if col is StaffColumn.ACTIVE:
            return QCoreApplication.translate("StaffTableModel", "Yes" if s.active else "No")
        return None
