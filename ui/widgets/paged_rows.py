"""A table model that holds a long list a page at a time (issue #17, peak memory on dataset S).

Mix `PagedRows` into a DtoTableModel whose service returns pages with `rows`, `next_after`
(the keyset cursor of the next page, None after the last) and `total` (counted with the first
page). The page gives the first page, loaded off the UI thread, together with the callable
that fetches the page after a cursor with the same filters; the view asks for more as the user
scrolls (canFetchMore / fetchMore), as the visit history does (ui/reception/visit_history_model.py).
A page read while scrolling runs off the UI thread (a page of S takes 20–90 ms to read): the
rows are appended when they arrive, unless the list started over or moved on meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from ui.shell.workers import run_op

log = logging.getLogger(__name__)

# A reload keeps the selected row; looking for it reads at most this many rows (a row that no
# longer matches the filter would otherwise read the whole list).
FIND_LIMIT = 2000


class PagedRows:
    """Mix into a DtoTableModel (before it): `set_page` starts over, scrolling fetches more."""

    _fetch_next: Callable[[Any], Any] | None = None
    _next_after: Any = None
    _fetching = False  # a page is being read in the background
    total: int | None = None

    def set_page(self, page, fetch_next: Callable[[Any], Any] | None) -> None:
        """Start over with a first page; `fetch_next(after)` returns the page after a cursor."""
        self._fetch_next = fetch_next
        self._fetching = False  # a page still on its way belongs to the list before: dropped
        self._next_after = page.next_after
        self.total = page.total if page.total is not None else len(page.rows)
        self.set_rows(list(page.rows))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._fetching and self._has_more()

    def _has_more(self) -> bool:
        return self._next_after is not None and self._fetch_next is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent) or self._fetch_next is None:
            return
        fetch, after = self._fetch_next, self._next_after
        self._fetching = True

        def arrived(page) -> None:
            self._fetching = False
            if fetch is self._fetch_next and after == self._next_after:  # not started over meanwhile
                self._append(page)

        def failed(exc: BaseException) -> None:
            self._fetching = False  # scrolling again asks again
            log.warning("next page not read: %r", exc)

        run_op(self, lambda: fetch(after), arrived, failed)

    def _append(self, page) -> None:
        self._next_after = page.next_after
        if page.rows:
            rows = self._rows
            first = len(rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            rows.extend(page.rows)
            self.endInsertRows()

    def find_row(self, record_id: int, limit: int = FIND_LIMIT) -> int:
        """The row of `record_id`, fetching further pages until it is found (or `limit` rows
        are loaded, or there are no more); -1 when it is not in the list."""
        row = self.row_of(record_id)
        while row < 0 and self._has_more() and self.rowCount() < limit:
            # Read here, in order: a background page still on its way is then dropped.
            self._append(self._fetch_next(self._next_after))
            row = self.row_of(record_id)
        return row
