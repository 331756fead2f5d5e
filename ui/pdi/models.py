"""Table models of the PDI page (issue #7): the delivery queue and one inspection's checklist."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from app.core.clock import to_store_time
from app.pdi.dto import PdiItemDTO, PdiQueueRowDTO, PdiTemplateDTO

from ui.shell.labels import POWERTRAIN, VEHICLE_STATUS, label
from ui.pdi.labels import ITEM_RESULT, QUEUE_STATE
from ui.widgets.table_model import DtoTableModel

CTX = "PdiModels"

STATE_COLOURS = {
    "awaiting": "#fff3cd",
    "in_progress": "#cfe2ff",
    "failed": "#f8d7da",
    "passed": "#e2f0d9",
    "reported": "#d1e7dd",
}
RESULT_COLOURS = {"ok": "#d1e7dd", "not_ok": "#f8d7da", "n_a": "#e9ecef"}

T_OUTDATED = QT_TRANSLATE_NOOP("PdiModels", "{state} (checklist replaced)")
T_PROGRESS = QT_TRANSLATE_NOOP("PdiModels", "{done}/{total}")
T_DEFECTS = QT_TRANSLATE_NOOP("PdiModels", "{done}/{total} · {defects} not OK")
T_PHOTOS = QT_TRANSLATE_NOOP("PdiModels", "{count} photos")
T_REPAIRED = QT_TRANSLATE_NOOP("PdiModels", "defect found, re-checked")


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def chinese_ui() -> bool:
    """Checklist texts exist in both languages: show the one the user reads."""
    return QLocale().language() == QLocale.Language.Chinese


class QueueCol(IntEnum):
    CAR = 0
    VIN = 1
    POWERTRAIN = 2
    STATUS = 3
    PDI = 4
    PROGRESS = 5
    TECHNICIAN = 6


QUEUE_HEADERS = {
    QueueCol.CAR: QT_TRANSLATE_NOOP("PdiModels", "Car"),
    QueueCol.VIN: QT_TRANSLATE_NOOP("PdiModels", "VIN"),
    QueueCol.POWERTRAIN: QT_TRANSLATE_NOOP("PdiModels", "Powertrain"),
    QueueCol.STATUS: QT_TRANSLATE_NOOP("PdiModels", "Vehicle status"),
    QueueCol.PDI: QT_TRANSLATE_NOOP("PdiModels", "PDI"),
    QueueCol.PROGRESS: QT_TRANSLATE_NOOP("PdiModels", "Items"),
    QueueCol.TECHNICIAN: QT_TRANSLATE_NOOP("PdiModels", "Technician"),
}


def state_text(r: PdiQueueRowDTO) -> str:
    text = label(QUEUE_STATE, r.state)
    return _t(T_OUTDATED).format(state=text) if r.outdated else text


class PdiQueueModel(DtoTableModel[PdiQueueRowDTO]):
    COLUMN_COUNT = len(QueueCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return _t(QUEUE_HEADERS[QueueCol(section)])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        r = self.item(index)
        if r is None:
            return None
        col = QueueCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is QueueCol.CAR:
                return f"{r.brand} {r.model}"
            if col is QueueCol.VIN:
                return r.vin
            if col is QueueCol.POWERTRAIN:
                return label(POWERTRAIN, r.powertrain)
            if col is QueueCol.STATUS:
                return label(VEHICLE_STATUS, r.vehicle_status)
            if col is QueueCol.PDI:
                return state_text(r)
            if col is QueueCol.PROGRESS:
                if not r.total:
                    return ""
                template = T_DEFECTS if r.defects else T_PROGRESS
                return _t(template).format(done=r.done, total=r.total, defects=r.defects)
            if col is QueueCol.TECHNICIAN:
                return r.technician_name or ""
        if role == Qt.ItemDataRole.BackgroundRole and col is QueueCol.PDI:
            return QBrush(QColor(STATE_COLOURS.get(r.state, "#ffffff")))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class ItemCol(IntEnum):
    ID = 0
    ITEM = 1
    RESULT = 2
    VALUE = 3
    NOTE = 4
    RECORDED = 5


ITEM_HEADERS = {
    ItemCol.ID: QT_TRANSLATE_NOOP("PdiModels", "No."),
    ItemCol.ITEM: QT_TRANSLATE_NOOP("PdiModels", "Item"),
    ItemCol.RESULT: QT_TRANSLATE_NOOP("PdiModels", "Result"),
    ItemCol.VALUE: QT_TRANSLATE_NOOP("PdiModels", "Value"),
    ItemCol.NOTE: QT_TRANSLATE_NOOP("PdiModels", "Note"),
    ItemCol.RECORDED: QT_TRANSLATE_NOOP("PdiModels", "Recorded by"),
}


def item_text(i: PdiItemDTO) -> str:
    return i.zh if chinese_ui() else i.en


def section_text(i: PdiItemDTO) -> str:
    return i.section_zh if chinese_ui() else i.section_en


class PdiItemsModel(DtoTableModel[PdiItemDTO]):
    """The checklist of one inspection, in template order; the section is in the item's
    tooltip and in the page's section filter."""

    COLUMN_COUNT = len(ItemCol)

    def row_of_item(self, item_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.item_id == item_id), -1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return _t(ITEM_HEADERS[ItemCol(section)])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        r = self.item(index)
        if r is None:
            return None
        col = ItemCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is ItemCol.ID:
                return r.item_id
            if col is ItemCol.ITEM:
                return item_text(r)
            if col is ItemCol.RESULT:
                text = label(ITEM_RESULT, r.result or "")
                if r.defect_found and r.result != "not_ok":
                    text = f"{text} ({_t(T_REPAIRED)})"
                return text
            if col is ItemCol.VALUE:
                return f"{r.value} {r.value_unit}".strip() if r.value else ""
            if col is ItemCol.NOTE:
                extra = _t(T_PHOTOS).format(count=len(r.photos)) if r.photos else ""
                return " · ".join(x for x in (r.note, extra) if x)
            if col is ItemCol.RECORDED:
                if r.recorded_at is None:
                    return ""
                return f"{r.recorded_by_name or ''} {to_store_time(r.recorded_at):%m-%d %H:%M}"
        if role == Qt.ItemDataRole.ToolTipRole and col is ItemCol.ITEM:
            return f"{r.section_id} · {section_text(r)}\n{r.zh}\n{r.en}"
        if role == Qt.ItemDataRole.BackgroundRole and col is ItemCol.RESULT and r.result:
            return QBrush(QColor(RESULT_COLOURS.get(r.result, "#ffffff")))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class TemplateCol(IntEnum):
    BRAND = 0
    VERSION = 1
    TITLE = 2
    ITEMS = 3
    STATE = 4
    PUBLISHED = 5


TEMPLATE_HEADERS = {
    TemplateCol.BRAND: QT_TRANSLATE_NOOP("PdiModels", "Brand"),
    TemplateCol.VERSION: QT_TRANSLATE_NOOP("PdiModels", "Version"),
    TemplateCol.TITLE: QT_TRANSLATE_NOOP("PdiModels", "Checklist"),
    TemplateCol.ITEMS: QT_TRANSLATE_NOOP("PdiModels", "Active items"),
    TemplateCol.STATE: QT_TRANSLATE_NOOP("PdiModels", "State"),
    TemplateCol.PUBLISHED: QT_TRANSLATE_NOOP("PdiModels", "Published"),
}
T_ALL_BRANDS = QT_TRANSLATE_NOOP("PdiModels", "All brands (*)")
T_CURRENT = QT_TRANSLATE_NOOP("PdiModels", "Current")
T_REPLACED = QT_TRANSLATE_NOOP("PdiModels", "Replaced")
T_LOADED = QT_TRANSLATE_NOOP("PdiModels", "(loaded from the default file)")


class PdiTemplatesModel(DtoTableModel[PdiTemplateDTO]):
    """Every published checklist version, the current ones in normal text, old ones grey."""

    COLUMN_COUNT = len(TemplateCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return _t(TEMPLATE_HEADERS[TemplateCol(section)])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        t = self.item(index)
        if t is None:
            return None
        col = TemplateCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is TemplateCol.BRAND:
                return _t(T_ALL_BRANDS) if t.brand == "*" else t.brand
            if col is TemplateCol.VERSION:
                return f"v{t.template_version}"
            if col is TemplateCol.TITLE:
                return t.title_zh if chinese_ui() else t.title_en
            if col is TemplateCol.ITEMS:
                return str(t.item_count)
            if col is TemplateCol.STATE:
                return _t(T_CURRENT) if t.current else _t(T_REPLACED)
            if col is TemplateCol.PUBLISHED:
                when = f"{to_store_time(t.published_at):%Y-%m-%d %H:%M}"
                return f"{when} {t.published_by_name or _t(T_LOADED)}"
        if role == Qt.ItemDataRole.ForegroundRole and not t.current:
            return QBrush(QColor("#888888"))
        return None
