"""Month-end lead snapshots without a button (issue #17.14; T/CSCA 120031 3.12).

Every terminal, as soon as its back end is loaded, takes the snapshot of every closed month that
has none (rebuilt from the status history when no terminal ran at that month's end), off the UI
thread; then a timer fires just after each store-local month end while the terminal runs and
takes the new month's. Two terminals doing it at once leave one snapshot (app.reception.snapshots).
Failures are logged, never shown: the next start or month end tries again, and 3.12 falls back to
the status history meanwhile.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer

from ui.shell.ops import scheduled_write

log = logging.getLogger(__name__)

# A minute after midnight on the first: the last changes of the month are in.
GRACE_MS = 60_000
# QTimer intervals are int milliseconds (at most ~24 days): a month is waited for in steps.
MAX_WAIT_MS = 24 * 3600 * 1000


class MonthEndSnapshots(QObject):
    """Takes due snapshots at start() and after each month end; `clock` returns naive UTC."""

    def __init__(self, database, parent: QObject | None = None, clock: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.clock = clock
        self.timer = QTimer(self)
        self.timer.setObjectName("month_end_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self.last_taken: list = []

    def _now(self) -> dt.datetime:
        if self.clock is not None:
            return self.clock()
        from app.core.clock import utcnow

        return utcnow()

    def start(self) -> None:
        self.take_due()

    def stop(self) -> None:
        self.timer.stop()

    def take_due(self) -> None:
        database, now = self.database, self._now()

        def work():
            from app.reception.snapshots import take_due_snapshots

            return take_due_snapshots(database.uow(), now=now)

        scheduled_write(self, work, self._taken, self._failed)

    def _taken(self, snapshots) -> None:
        self.last_taken = list(snapshots)
        self._schedule()

    def _failed(self, exc: BaseException) -> None:
        log.warning("month-end lead snapshots not taken: %s", exc)
        self._schedule()

    def _schedule(self) -> None:
        from app.reception.snapshots import next_month_end

        now = self._now()
        wait = (next_month_end(now) - now) // dt.timedelta(milliseconds=1) + GRACE_MS
        self.timer.start(max(0, min(wait, MAX_WAIT_MS)))

    def _tick(self) -> None:
        # Also when woken early (a long month is waited for in steps, or the computer slept
        # through the month end): with nothing due, it is one query, then the next wait.
        self.take_due()
