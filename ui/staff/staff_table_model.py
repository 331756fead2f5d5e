"""Table model over StaffDTO rows: name, username, roles, licence and PDI certificate, whether
the account is active and whether its password must be changed."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt, QT_TRANSLATE_NOOP

from app.core.dto import StaffDTO
from ui.shell.labels import role_label
from ui.widgets.table_model import DtoTableModel


class StaffColumn(IntEnum):
    NAME = 0
    USERNAME = 1
    ROLES = 2
    LICENCE = 3
    PDI_CERT = 4
    PDI_EXPIRY = 5
    ACTIVE = 6
    MUST_CHANGE = 7  # issue #15.10: a reset password not yet replaced by the person's own


HEADERS = {
    StaffColumn.NAME: QT_TRANSLATE_NOOP("StaffTableModel", "Name"),
    StaffColumn.USERNAME: QT_TRANSLATE_NOOP("StaffTableModel", "Username"),
    StaffColumn.ROLES: QT_TRANSLATE_NOOP("StaffTableModel", "Roles"),
    StaffColumn.LICENCE: QT_TRANSLATE_NOOP("StaffTableModel", "Licence first issued"),
    StaffColumn.PDI_CERT: QT_TRANSLATE_NOOP("StaffTableModel", "PDI certificate"),
    StaffColumn.PDI_EXPIRY: QT_TRANSLATE_NOOP("StaffTableModel", "Certificate expiry"),
    StaffColumn.ACTIVE: QT_TRANSLATE_NOOP("StaffTableModel", "Active"),
    StaffColumn.MUST_CHANGE: QT_TRANSLATE_NOOP("StaffTableModel", "Must change password"),
}


class StaffTableModel(DtoTableModel[StaffDTO]):
    COLUMN_COUNT = len(StaffColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("StaffTableModel", HEADERS[StaffColumn(section)])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        s = self.item(index)
        if s is None:
            return None
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
            if s.active:
                return QCoreApplication.translate("StaffTableModel", "Yes")
            return QCoreApplication.translate("StaffTableModel", "No")
        if col is StaffColumn.MUST_CHANGE:
            return QCoreApplication.translate("StaffTableModel", "Yes") if s.must_change_password else ""
        return None
