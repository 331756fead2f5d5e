"""Live counts in the navigation (issue #17.7): visitors waiting, cards to print, PDIs
waiting, overdue follow-ups, deals ready to deliver (issue #18.7).

Each count is a read query run off the UI thread (ui.shell.workers), only for the modules the
user sees and may act on. Counts are refreshed by the change bus (AppContext.data_did_change):
a write on this terminal, or the reception feed of another, never a polling timer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.dto import Actor, Changes
from app.core.permissions import Action, can

log = logging.getLogger(__name__)

# A count is shown to users allowed this action (the one its query requires).
COUNT_ACTIONS = {
    "waiting": Action.VIEW_QUEUE,
    "overdue": Action.VIEW_LEADS,
    "cards": Action.ISSUE_CARDS,
    "pdi": Action.VIEW_PDI,
    "ready": Action.VIEW_DEALS,
    "care": Action.VIEW_CARE_TASKS,
}
# Which parts of a change set can move each count.
COUNT_CHANGES = {
    "waiting": ("reception",),
    "overdue": ("reception",),
    "cards": ("vehicles", "documents", "store"),
    "pdi": ("vehicles", "pdi", "documents"),
    "ready": ("sales", "payments"),
    "care": ("tasks", "sales"),
}
PDI_TO_DO = ("awaiting", "in_progress", "failed")
DEBOUNCE_MS = 150  # a burst of changes (a batch of cards) is counted once


def count_waiting(uow, actor: Actor) -> int:
    """Visitors waiting today; a consultant counts those waiting for them."""
    from app.reception.counts import visitors_waiting

    return visitors_waiting(uow, actor=actor)


def count_overdue(uow, actor: Actor) -> int:
    """Open leads whose follow-up day has passed (a consultant's own; a manager's store)."""
    from app.reception.counts import overdue_follow_ups

    return overdue_follow_ups(uow, actor=actor)


def count_cards(uow, actor: Actor) -> int:
    """Displayed cars with no card, or a stale one, to (re)issue and print."""
    from app.showroom.cards import cars_needing_cards

    return len(cars_needing_cards(uow, actor=actor))


def count_pdi(uow, actor: Actor) -> int:
    """Sold or reserved cars whose PDI is awaited, under way or failed."""
    from app.pdi.queries import queue

    return sum(1 for row in queue(uow, actor=actor) if row.state in PDI_TO_DO)


def count_ready(uow, actor: Actor) -> int:
    """Deals paid up and waiting for their handover (issue #18.7)."""
    from app.sales.board import count_ready_to_deliver

    return count_ready_to_deliver(uow, actor=actor)


def count_care(uow, actor: Actor) -> int:
    """Customer-care tasks due today or overdue (issue #19.6)."""
    from app.customer_care.api import count_care_tasks

    return count_care_tasks(uow, actor=actor)


COUNTERS = {
    "waiting": count_waiting,
    "overdue": count_overdue,
    "cards": count_cards,
    "pdi": count_pdi,
    "ready": count_ready,
    "care": count_care,
}


def read_counts(database, actor: Actor, keys) -> dict[str, int]:
    """The counts named by `keys` (each on its own unit of work). Runs on a worker thread."""
    out: dict[str, int] = {}
    for key in keys:
        try:
            count = COUNTERS[key]
            out[key] = count(database.uow(), actor)
        except Exception as exc:  # noqa: BLE001 - a count is a hint: log it, keep the others
            log.warning("navigation count %s not read: %r", key, exc)
    return out


def shown_counts(actor: Actor, wanted) -> set[str]:
    """Of the counts the visible modules carry, those this user may read."""
    return {k for k in wanted if k in COUNT_ACTIONS and can(actor.roles, COUNT_ACTIONS[k])}


class NavCounts(QObject):
    """Keeps `counts` current and says so by counts_changed({key: n})."""

    counts_changed = Signal(dict)

    def __init__(self, ctx, wanted, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.keys = shown_counts(ctx.actor, wanted)
        self.counts: dict[str, int] = {}
        self._stale: set[str] = set()
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._refresh_stale)
        ctx.data_did_change.connect(self._changed)

    def refresh(self) -> None:
        """Count everything now."""
        self._stale |= self.keys
        self._refresh_stale()

    def refresh_soon(self) -> None:
        """Count everything once the event loop runs again (on login: after the home page has
        asked for its rows, which the user waits for more than for the counts)."""
        self._stale |= self.keys
        self._timer.start()

    def _changed(self, changes: Changes, _initiator) -> None:
        touched = {k for k in self.keys if any(getattr(changes, part, False) for part in COUNT_CHANGES[k])}
        if touched:
            self._stale |= touched
            self._timer.start()

    def _refresh_stale(self) -> None:
        if self._running or not self._stale:
            return  # the running count picks the rest up when it is back
        from ui.shell.workers import run_op

        keys, self._stale = sorted(self._stale), set()
        self._running = True
        database, actor = self.ctx.database, self.ctx.actor
        run_op(self, lambda: read_counts(database, actor, keys), self._arrived, self._failed)

    def _arrived(self, counts: dict[str, int]) -> None:
        self._running = False
        self.counts.update(counts)
        self.counts_changed.emit(dict(self.counts))
        if self._stale:
            self._timer.start()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("navigation counts not read: %r", exc)
