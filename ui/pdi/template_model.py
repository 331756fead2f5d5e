"""The editable checklist of the PDI template editor (issue #7): one row per item, in order,
with its section; texts, powertrains and the value unit are edited in place, retiring is a
check box. Builds the JSON definition the service validates and publishes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from app.pdi.coverage import omissions_to_json
from app.pdi.rules import ALL_POWERTRAINS, TemplateDefinition

CTX = "PdiModels"


class EditCol(IntEnum):
    SECTION = 0
    ID = 1
    ZH = 2
    EN = 3
    POWERTRAINS = 4
    VALUE = 5
    RETIRED = 6
    PHOTOS = 7  # how many photos a pass needs (issue #17.9)


HEADERS = {
    EditCol.SECTION: QT_TRANSLATE_NOOP("PdiModels", "Section"),
    EditCol.ID: QT_TRANSLATE_NOOP("PdiModels", "No."),
    EditCol.ZH: QT_TRANSLATE_NOOP("PdiModels", "Chinese"),
    EditCol.EN: QT_TRANSLATE_NOOP("PdiModels", "English"),
    EditCol.POWERTRAINS: QT_TRANSLATE_NOOP("PdiModels", "Powertrains"),
    EditCol.VALUE: QT_TRANSLATE_NOOP("PdiModels", "Value (unit)"),
    EditCol.RETIRED: QT_TRANSLATE_NOOP("PdiModels", "Retired"),
    EditCol.PHOTOS: QT_TRANSLATE_NOOP("PdiModels", "Photos"),
}
EDITABLE = (EditCol.ZH, EditCol.EN, EditCol.POWERTRAINS, EditCol.VALUE, EditCol.PHOTOS)


@dataclass
class EditItem:
    section: str
    id: str
    zh: str
    en: str
    applies_to: list[str] = field(default_factory=lambda: list(ALL_POWERTRAINS))
    value_kind: str | None = None
    value_unit: str = ""
    retired: bool = False
    new: bool = False
    photos: int | str = 0  # how many photos a pass needs (kept as typed: the service checks it)
    covers: list[str] = field(default_factory=list)


class TemplateEditModel(QAbstractTableModel):
    def __init__(self, definition: TemplateDefinition, parent=None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.sections = [(s.id, s.zh, s.en) for s in definition.sections]
        self.items: list[EditItem] = [
            EditItem(
                i.section,
                i.id,
                i.zh,
                i.en,
                list(i.applies_to),
                i.value_kind,
                i.value_unit,
                i.retired,
                photos=i.photos,
                covers=list(i.covers),
            )
            for i in definition.items()
        ]
        # What the checklist leaves out of the standard one, with reasons (4.4.1.2 b): named
        # and approved in the omissions step (omissions_dialog.py) when publishing.
        self.omissions: list[dict] = omissions_to_json(definition.omissions)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(EditCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(EditCol)
        ):
            return QCoreApplication.translate(CTX, HEADERS[EditCol(section)])
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = EditCol(index.column())
        if col in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        if col is EditCol.RETIRED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        it, col = self.items[index.row()], EditCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col is EditCol.SECTION:
                return it.section
            if col is EditCol.ID:
                return it.id
            if col is EditCol.ZH:
                return it.zh
            if col is EditCol.EN:
                return it.en
            if col is EditCol.POWERTRAINS:
                return ", ".join(it.applies_to)
            if col is EditCol.VALUE:
                if not it.value_kind:
                    return ""
                return f"{it.value_kind} ({it.value_unit})" if it.value_unit else it.value_kind
            if col is EditCol.PHOTOS:
                return str(it.photos) if it.photos else ""
        if role == Qt.ItemDataRole.CheckStateRole and col is EditCol.RETIRED:
            return Qt.CheckState.Checked if it.retired else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and it.retired:
            return QBrush(QColor("#999999"))
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        it, col = self.items[index.row()], EditCol(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and col is EditCol.RETIRED:
            it.retired = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and col in EDITABLE:
            text = str(value or "").strip()
            if col is EditCol.ZH:
                it.zh = text
            elif col is EditCol.EN:
                it.en = text
            elif col is EditCol.POWERTRAINS:
                # Kept as typed: the service names unknown ones (pdi_template_powertrains).
                it.applies_to = [p.strip().upper() for p in text.replace("，", ",").split(",") if p.strip()]
            elif col is EditCol.PHOTOS:
                it.photos = int(text) if text.isdigit() else text
            elif col is EditCol.VALUE:
                kind, _, unit = text.partition("(")
                it.value_kind = kind.strip() or None
                it.value_unit = unit.rstrip(")").strip()
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(EditCol) - 1))
        return True

    # -- structure -------------------------------------------------------------------------------
    def next_id(self, section: str) -> str:
        numbers = [
            int(i.id[len(section) :]) for i in self.items if i.section == section and i.id[len(section) :].isdigit()
        ]
        return f"{section}{(max(numbers, default=0) + 1):02d}"

    def add_item(self, after_row: int) -> int:
        """A new item in the section of `after_row`, right after it; returns its row."""
        section = self.items[after_row].section if 0 <= after_row < len(self.items) else self.sections[-1][0]
        row = after_row + 1 if 0 <= after_row < len(self.items) else len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.insert(row, EditItem(section, self.next_id(section), "", "", new=True))
        self.endInsertRows()
        return row

    def move(self, row: int, step: int) -> int:
        """Move an item up or down within its section; returns its new row."""
        target = row + step
        if not (0 <= row < len(self.items) and 0 <= target < len(self.items)):
            return row
        if self.items[row].section != self.items[target].section:
            return row
        self.beginResetModel()
        self.items[row], self.items[target] = self.items[target], self.items[row]
        self.endResetModel()
        return target

    def to_json(self) -> dict:
        d = self.definition
        sections = []
        for sid, zh, en in self.sections:
            items = []
            for it in (i for i in self.items if i.section == sid):
                item: dict = {"id": it.id, "zh": it.zh, "en": it.en, "applies_to": list(it.applies_to)}
                if it.value_kind:
                    item["value"] = {"kind": it.value_kind, "unit": it.value_unit}
                if it.photos:
                    item["photos"] = it.photos
                if it.covers:
                    item["covers"] = list(it.covers)
                if it.retired:
                    item["retired"] = True
                items.append(item)
            sections.append({"id": sid, "zh": zh, "en": en, "items": items})
        active = {i.id for i in self.items if not i.retired}
        # An item brought back is no longer left out: its omission goes with it.
        omissions = [o for o in self.omissions if o.get("item") not in active]
        title = {"zh": d.title_zh, "en": d.title_en}
        return {"key": d.key, "brand": d.brand, "title": title, "sections": sections, "omissions": omissions}
