"""Table models for the document archive: documents, and one document's print ledger."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.dto import DocumentDTO, DocumentPrintDTO
from ui.labels import DOC_LANGUAGE, DOC_STATUS, DOC_TYPE, PRINT_KIND, label, local_time


class DocColumn(IntEnum):
    NUMBER = 0
    VERSION = 1
    TYPE = 2
    SUBJECT = 3
    LANGUAGE = 4
    ISSUED_AT = 5
    ISSUED_BY = 6
    STATUS = 7


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentDTO] = []

    def set_rows(self, rows: list[DocumentDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def document_at(self, row: int) -> DocumentDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, document_id: int) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == document_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(DocColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            DocColumn.NUMBER: self.tr("Number"), DocColumn.VERSION: self.tr("Version"),
            DocColumn.TYPE: self.tr("Type"), DocColumn.SUBJECT: self.tr("Subject"),
            DocColumn.LANGUAGE: self.tr("Language"), DocColumn.ISSUED_AT: self.tr("Issued"),
            DocColumn.ISSUED_BY: self.tr("Issued by"), DocColumn.STATUS: self.tr("Status"),
        }[DocColumn(section)]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        d = self._rows[index.row()]
        col = DocColumn(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return d
        if role == Qt.ItemDataRole.ForegroundRole and d.is_voided:
            return QColor("#888888")
        if role == Qt.ItemDataRole.ToolTipRole and d.is_voided:
            return self.tr("Voided: {reason}").format(reason=d.void_reason or "")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match col:
            case DocColumn.NUMBER:
                return d.number
            case DocColumn.VERSION:
                return f"v{d.version}"
            case DocColumn.TYPE:
                return label(DOC_TYPE, d.doc_type)
            case DocColumn.SUBJECT:
                return d.subject_ref
            case DocColumn.LANGUAGE:
                return label(DOC_LANGUAGE, d.language)
            case DocColumn.ISSUED_AT:
                return local_time(d.issued_at)
            case DocColumn.ISSUED_BY:
                return d.issued_by_name
            case DocColumn.STATUS:
                return label(DOC_STATUS, d.status)
        return None


class PrintLedgerModel(QAbstractTableModel):
    """Who printed (or saved) a document when, where, how many copies."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentPrintDTO] = []

    def set_rows(self, rows: list[DocumentPrintDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Printer or file"),
                self.tr("Copies"))[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        p = self._rows[index.row()]
        return (local_time(p.printed_at), p.printed_by_name, label(PRINT_KIND, p.kind), p.printer,
                str(p.copies))[index.column()]
