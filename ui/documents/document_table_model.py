"""Table models for the document archive: documents, and one document's print ledger."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.core.dto import DocumentDTO, DocumentPrintDTO
from ui.shell.labels import DOC_LANGUAGE, DOC_STATUS, DOC_TYPE, PRINT_KIND, label, local_time
from ui.widgets.paged_rows import PagedRows
from ui.widgets.table_model import DtoTableModel


class DocColumn(IntEnum):
    NUMBER = 0
    VERSION = 1
    TYPE = 2
    SUBJECT = 3
    LANGUAGE = 4
    ISSUED_AT = 5
    ISSUED_BY = 6
    STATUS = 7


class DocumentTableModel(DtoTableModel[DocumentDTO]):
    COLUMN_COUNT = len(DocColumn)

    def document_at(self, row: int) -> DocumentDTO | None:
        return self.row_at(row)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            DocColumn.NUMBER: self.tr("Number"),
            DocColumn.VERSION: self.tr("Version"),
            DocColumn.TYPE: self.tr("Type"),
            DocColumn.SUBJECT: self.tr("Subject"),
            DocColumn.LANGUAGE: self.tr("Language"),
            DocColumn.ISSUED_AT: self.tr("Issued"),
            DocColumn.ISSUED_BY: self.tr("Issued by"),
            DocColumn.STATUS: self.tr("Status"),
        }[DocColumn(section)]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        d = self.item(index)
        if d is None:
            return None
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


class DocumentPageModel(PagedRows, DocumentTableModel):
    """The archive, newest first, fetched a page at a time (documents.list_document_page)."""


class PrintLedgerModel(DtoTableModel[DocumentPrintDTO]):
    """Who printed (or saved) a document when, where, how many copies."""

    COLUMN_COUNT = 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Printer or file"), self.tr("Copies"))[
            section
        ]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        p = self.item(index)
        if role != Qt.ItemDataRole.DisplayRole or p is None:
            return None
        return (local_time(p.printed_at), p.printed_by_name, label(PRINT_KIND, p.kind), p.printer, str(p.copies))[
            index.column()
        ]
