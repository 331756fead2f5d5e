"""Table model of the visit history (来访记录): years of visits, fetched a page at a time.

The view asks for more rows as the user scrolls (canFetchMore/fetchMore); each page comes from
app/reception/search.list_visits through `fetch_page`, a callable the page supplies
(it runs the service; tests and benchmarks pass the service directly).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QT_TRANSLATE_NOOP

from app.reception.search import VisitPageDTO, VisitRowDTO
from ui.shell.labels import INTENT_LEVEL, VISIT_OUTCOME, VISIT_TYPE, label, local_time
from ui.widgets.table_model import DtoTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
HEADERS = (
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Arrival"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Visitor"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Type"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Consultant"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Outcome"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Test drive"),
    QT_TRANSLATE_NOOP("VisitHistoryModel", "Intent"),
)


class VisitHistoryModel(DtoTableModel[VisitRowDTO]):
    class Col(IntEnum):
        ARRIVAL, VISITOR, TYPE, CONSULTANT, OUTCOME, TEST_DRIVE, INTENT = range(7)

    COLUMN_COUNT = len(Col)

    def __init__(self, fetch_page: Callable[[object], VisitPageDTO] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._next_after = None

    def set_page(self, page: VisitPageDTO) -> None:
        """Start over with a first page."""
        self._next_after = page.next_after
        self.set_rows(list(page.rows))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._next_after is not None and self._fetch_page is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        page = self._fetch_page(self._next_after)
        self._next_after = page.next_after
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("VisitHistoryModel", HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        v = self.item(index)
        if v is None or role != DISPLAY:
            return None
        c = self.Col(index.column())
        if c is self.Col.ARRIVAL:
            return local_time(v.arrival_at)
        if c is self.Col.VISITOR:
            return v.customer_name_masked or QCoreApplication.translate("VisitHistoryModel", "(anonymous)")
        if c is self.Col.TYPE:
            return label(VISIT_TYPE, v.visit_type)
        if c is self.Col.CONSULTANT:
            return v.consultant_name or ""
        if c is self.Col.OUTCOME:
            return label(VISIT_OUTCOME, v.outcome) if v.outcome else ""
        if c is self.Col.TEST_DRIVE:
            return QCoreApplication.translate("VisitHistoryModel", "yes") if v.had_test_drive else ""
        if c is self.Col.INTENT:
            return label(INTENT_LEVEL, v.intent_level) if v.intent_level else ""
        return None
