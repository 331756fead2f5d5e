"""Table models of the Administration page: source channels, consent texts, certificates."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from app.core.dto import CertificateDTO
from app.reception.api import ChannelDTO, ConsentTextDTO
from ui.shell.labels import local_time
from ui.widgets.table_model import DtoTableModel

CTX = "AdminModels"


# Texts translated through _tr() below, marked here for lupdate.
_MARKED = (
    QT_TRANSLATE_NOOP("AdminModels", "Yes"),
    QT_TRANSLATE_NOOP("AdminModels", "No"),
    QT_TRANSLATE_NOOP("AdminModels", "Current"),
    QT_TRANSLATE_NOOP("AdminModels", "Scheduled"),
    QT_TRANSLATE_NOOP("AdminModels", "Superseded"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def _yes_no(value: bool) -> str:
    return _tr("Yes") if value else _tr("No")


class _HeaderModel(DtoTableModel):
    HEADERS: tuple[str, ...] = ()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.item(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(row, "active", True):
            return QColor("#757575")  # inactive: still listed, visibly out of use
        return None

    def display(self, row, column: int) -> str | int | None:  # pragma: no cover - overridden
        return None

    def tooltip(self, row, column: int) -> str | None:
        return None


class ChannelColumn(IntEnum):
    CODE = 0
    NAME = 1
    NAME_EN = 2
    ACTIVE = 3
    ORDER = 4


class ChannelTableModel(_HeaderModel):
    COLUMN_COUNT = len(ChannelColumn)
    HEADERS = (
        QT_TRANSLATE_NOOP("AdminModels", "Code"),
        QT_TRANSLATE_NOOP("AdminModels", "Chinese name"),
        QT_TRANSLATE_NOOP("AdminModels", "English name"),
        QT_TRANSLATE_NOOP("AdminModels", "Active"),
        QT_TRANSLATE_NOOP("AdminModels", "Order"),
    )

    def display(self, c: ChannelDTO, column: int):
        col = ChannelColumn(column)
        if col is ChannelColumn.CODE:
            return c.code
        if col is ChannelColumn.NAME:
            return c.name
        if col is ChannelColumn.NAME_EN:
            return c.name_en
        if col is ChannelColumn.ACTIVE:
            return _yes_no(c.active)
        return c.sort_order


class ConsentColumn(IntEnum):
    VERSION = 0
    PURPOSE = 1
    EFFECTIVE_FROM = 2
    CURRENT = 3


PURPOSES = {"contact": QT_TRANSLATE_NOOP("AdminModels", "Contact about cars of interest")}


def purpose_label(key: str) -> str:
    return _tr(PURPOSES[key]) if key in PURPOSES else key


class ConsentTextTableModel(_HeaderModel):
    COLUMN_COUNT = len(ConsentColumn)
    HEADERS = (
        QT_TRANSLATE_NOOP("AdminModels", "Version"),
        QT_TRANSLATE_NOOP("AdminModels", "Purpose"),
        QT_TRANSLATE_NOOP("AdminModels", "Effective from"),
        QT_TRANSLATE_NOOP("AdminModels", "Status"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._current: set[int] = set()
        self._future: set[int] = set()

    def set_texts(self, rows: list[ConsentTextDTO], current_ids: set[int], future_ids: set[int]) -> None:
        self._current, self._future = set(current_ids), set(future_ids)
        self.set_rows(rows)

    def display(self, t: ConsentTextDTO, column: int):
        col = ConsentColumn(column)
        if col is ConsentColumn.VERSION:
            return t.version_label
        if col is ConsentColumn.PURPOSE:
            return purpose_label(t.purpose)
        if col is ConsentColumn.EFFECTIVE_FROM:
            return local_time(t.effective_from)
        if t.id in self._current:
            return _tr("Current")
        if t.id in self._future:
            return _tr("Scheduled")
        return _tr("Superseded")


class CertificateColumn(IntEnum):
    SUBJECT = 0
    FINGERPRINT = 1
    SOURCE = 2
    ACTIVE = 3
    VALID_UNTIL = 4
    CREATED = 5


SOURCES = {
    "generated": QT_TRANSLATE_NOOP("AdminModels", "Self-signed"),
    "imported": QT_TRANSLATE_NOOP("AdminModels", "Imported"),
}


class CertificateTableModel(_HeaderModel):
    COLUMN_COUNT = len(CertificateColumn)
    HEADERS = (
        QT_TRANSLATE_NOOP("AdminModels", "Subject"),
        QT_TRANSLATE_NOOP("AdminModels", "Fingerprint (SHA-256)"),
        QT_TRANSLATE_NOOP("AdminModels", "Source"),
        QT_TRANSLATE_NOOP("AdminModels", "Active"),
        QT_TRANSLATE_NOOP("AdminModels", "Valid until"),
        QT_TRANSLATE_NOOP("AdminModels", "Created"),
    )

    def display(self, c: CertificateDTO, column: int):
        col = CertificateColumn(column)
        if col is CertificateColumn.SUBJECT:
            return c.subject
        if col is CertificateColumn.FINGERPRINT:
            # The start is enough to tell them apart on screen; the tooltip has it whole.
            return c.fingerprint[:23] + "…" if len(c.fingerprint) > 24 else c.fingerprint
        if col is CertificateColumn.SOURCE:
            return _tr(SOURCES[c.source]) if c.source in SOURCES else c.source
        if col is CertificateColumn.ACTIVE:
            return _yes_no(c.active)
        if col is CertificateColumn.VALID_UNTIL:
            return local_time(c.not_valid_after)
        created = local_time(c.created_at)
        return f"{created} · {c.created_by_name}" if c.created_by_name else created

    def tooltip(self, c: CertificateDTO, column: int):
        return c.fingerprint if column == CertificateColumn.FINGERPRINT else None
