"""Table models of the price page (价格公示, issue #18.1): the list versions (title, effective
date, draft / published / in force, notice number) and the lines of the selected version."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.sales.price_dto import PriceItemDTO, PriceListDTO
from ui.widgets.table_model import DtoTableModel

KIND_LABELS = {
    "vehicle": QT_TRANSLATE_NOOP("PriceLabels", "Vehicle"),
    "option": QT_TRANSLATE_NOOP("PriceLabels", "Option"),
    "accessory": QT_TRANSLATE_NOOP("PriceLabels", "Accessory"),
    "service_fee": QT_TRANSLATE_NOOP("PriceLabels", "Service fee"),
    "promotion": QT_TRANSLATE_NOOP("PriceLabels", "Promotion"),
}
SERVICE_LABELS = {
    "registration": QT_TRANSLATE_NOOP("PriceLabels", "Registration agency"),
    "insurance": QT_TRANSLATE_NOOP("PriceLabels", "Insurance agency"),
    "loan": QT_TRANSLATE_NOOP("PriceLabels", "Loan agency"),
    "delivery": QT_TRANSLATE_NOOP("PriceLabels", "Delivery"),
}


def price_label(key: str) -> str:
    text = KIND_LABELS.get(key) or SERVICE_LABELS.get(key)
    return QCoreApplication.translate("PriceLabels", text) if text else key


def yuan_text(fen: int) -> str:
    """¥189,800 or ¥1,200.50, as on the notice."""
    whole, rest = divmod(fen, 100)
    return f"¥{whole:,}" + (f".{rest:02d}" if rest else "")


def _status(p: PriceListDTO) -> str:
    if p.in_force:
        return QCoreApplication.translate("PriceLabels", "In force")
    if p.published:
        return QCoreApplication.translate("PriceLabels", "Published")
    return QCoreApplication.translate("PriceLabels", "Draft")


class ListColumn(IntEnum):
    TITLE = 0
    EFFECTIVE = 1
    STATUS = 2
    NOTICE = 3


LIST_HEADERS = {
    ListColumn.TITLE: QT_TRANSLATE_NOOP("PriceLabels", "Title"),
    ListColumn.EFFECTIVE: QT_TRANSLATE_NOOP("PriceLabels", "Effective from"),
    ListColumn.STATUS: QT_TRANSLATE_NOOP("PriceLabels", "Status"),
    ListColumn.NOTICE: QT_TRANSLATE_NOOP("PriceLabels", "Public notice"),
}


class PriceListTableModel(DtoTableModel[PriceListDTO]):
    COLUMN_COUNT = len(ListColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("PriceLabels", LIST_HEADERS[ListColumn(section)])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        p = self.item(index)
        if p is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        col = ListColumn(index.column())
        if col is ListColumn.TITLE:
            return p.title
        if col is ListColumn.EFFECTIVE:
            return p.effective_from.isoformat()
        if col is ListColumn.STATUS:
            return _status(p)
        return p.notice_number or ""


class ItemColumn(IntEnum):
    KIND = 0
    CODE = 1
    NAME = 2
    PRICE = 3
    DETAILS = 4


ITEM_HEADERS = {
    ItemColumn.KIND: QT_TRANSLATE_NOOP("PriceLabels", "Kind"),
    ItemColumn.CODE: QT_TRANSLATE_NOOP("PriceLabels", "Code"),
    ItemColumn.NAME: QT_TRANSLATE_NOOP("PriceLabels", "Name"),
    ItemColumn.PRICE: QT_TRANSLATE_NOOP("PriceLabels", "Price / fee"),
    ItemColumn.DETAILS: QT_TRANSLATE_NOOP("PriceLabels", "Timing, rules, validity"),
}


def _details(i: PriceItemDTO) -> str:
    if i.kind == "service_fee":
        return i.timing
    if i.kind == "promotion":
        valid = f"{i.valid_from.isoformat() if i.valid_from else ''} – {i.valid_to.isoformat() if i.valid_to else ''}"
        return f"{valid} · {' '.join(i.rules.split())}"
    return ""


class PriceItemTableModel(DtoTableModel[PriceItemDTO]):
    COLUMN_COUNT = len(ItemColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("PriceLabels", ITEM_HEADERS[ItemColumn(section)])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        i = self.item(index)
        if i is None:
            return None
        col = ItemColumn(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col is ItemColumn.PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col is ItemColumn.KIND:
            return price_label(i.kind)
        if col is ItemColumn.CODE:
            return price_label(i.code) if i.kind == "service_fee" else i.code
        if col is ItemColumn.NAME:
            return " / ".join(n for n in (i.name_zh, i.name_en) if n)
        if col is ItemColumn.PRICE:
            return yuan_text(i.amount_fen)
        return _details(i)
