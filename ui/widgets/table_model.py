"""Common ground of the table models over DTO lists: the rows, reset, lookup by id."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

T = TypeVar("T")


class DtoTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of frozen DTOs; subclasses give COLUMN_COUNT and data()."""

    COLUMN_COUNT = 0
    # A list filled only when the user asks (search results) has nothing to wait for.
    LOADS_ON_REQUEST = False

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        # False until the first rows arrive: an empty table then says "Loading…", not "none"
        # (ui/widgets/table_state.py, issue #17.7).
        self.loaded = self.LOADS_ON_REQUEST

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.loaded = True
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == record_id), -1)

    def item(self, index: QModelIndex | QPersistentModelIndex) -> T | None:
        """The DTO behind a valid index of this model, else None."""
        return self.row_at(index.row()) if index.isValid() else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMN_COUNT
