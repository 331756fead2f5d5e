"""Live reception updates for one main window (issue #4, point 4).

`ReceptionFeed` runs app.reception.notifications.ChangeFeed.listen on a Python thread, as its
docstring asks: the feed (and its database connections) is created, used and closed on that
thread; the callback only emits a Qt signal, which Qt queues to the GUI thread. `stop()` sets
the stop event and joins the thread (the feed notices within `step` seconds).

`LiveNotice` is the non-modal banner at the top of the main window: "新客户：… 已分配给您".

`VisitNotices` fills it for a consultant (issue #17.10): at login with the visitors assigned
while they were away and not yet acknowledged (app.reception.notices), then with each visitor
assigned to them live. A notice names the visitor as the desk took it (王先生), else by visit
number and type (客户 #78（自然到店）), with the time waited. Dismiss acknowledges the notices
shown, so a later login does not repeat them; one that only timed out comes back at the next
login while the visitor still waits. A feed whose parent is the main window (it has `ctx` and
`live_notice`) makes its own VisitNotices and hands it the "assigned to you" events.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.clock import utcnow
from app.core.permissions import Action, can

log = logging.getLogger(__name__)
NOTICE_STYLE = (
    "QWidget#live_notice { background: #1b5e20; border-radius: 4px; } "
    "QLabel { color: white; font-weight: bold; padding: 4px; }"
)


class ReceptionFeed(QObject):
    events_arrived = Signal(object)  # list[EventDTO], on the GUI thread
    _batch = Signal(object)  # from the feed's thread, queued to the GUI thread

    def __init__(
        self, url: str, parent: QObject | None = None, *, step: float = 0.5, notices: VisitNotices | None = None
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.step = step
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.notices = notices
        self._batch.connect(self._deliver)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="reception-feed", daemon=True)
        self._thread.start()
        if self.notices is not None:
            self.notices.show_pending()  # assigned while this consultant was logged out

    def _deliver(self, events) -> None:
        """Visits assigned to this consultant go to the notices; every event still goes out
        to refresh the pages (the check-in or reassignment changed the board)."""
        if self.notices is not None:
            mine = self.notices.take_assigned(events)
            events = [e for e in events if e not in mine]
        self.events_arrived.emit(events)

    def _run(self) -> None:
        from app.reception.notifications import ChangeFeed

        feed = None
        try:
            feed = ChangeFeed(self.url)
            feed.start()
            feed.listen(self._batch.emit, self._stop, step=self.step)
        except Exception:  # noqa: BLE001 - a dead feed must not take the window down
            log.exception("reception change feed stopped")
        finally:
            if feed is not None:
                feed.close()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None


class LiveNotice(QWidget):
    """A green banner with the newest notice; stays until dismissed or for `hide_after` ms."""

    dismissed = Signal()  # the user clicked Dismiss (a timeout is not an acknowledgement)

    def __init__(self, parent: QWidget | None = None, hide_after: int = 60_000) -> None:
        super().__init__(parent)
        self.setObjectName("live_notice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(NOTICE_STYLE)
        self.text = QLabel("")
        self.text.setObjectName("live_notice_text")
        self.text.setWordWrap(True)
        close = QPushButton(self.tr("Dismiss"))
        close.setObjectName("live_notice_dismiss")
        close.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True, interval=hide_after, timeout=self.hide)
        self.setVisible(False)

    def show_notice(self, message: str) -> None:
        self.text.setText(message)
        self.setVisible(True)
        self._timer.start()
        window = self.window()
        if window is not None:
            QApplication.alert(window, 0)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


def notice_visitor(n) -> str:
    """王** (the name as the desk took it, masked: PIPL), else 客户 #78（自然到店）: the visit number and its type."""
    from ui.shell.labels import VISIT_TYPE, label

    who = n.customer_name_masked or QCoreApplication.translate("LiveNotice", "Customer #{id} ({type})").format(
        id=n.visit_id, type=label(VISIT_TYPE, n.visit_type).lower()
    )
    if n.party_size > 1:
        who += QCoreApplication.translate("LiveNotice", ", party of {n}").format(n=n.party_size)
    return who


def notice_text(n, now, *, away: bool) -> str:
    """One visitor's line: who, waited how long, the models they asked about."""
    from ui.reception.models import minutes_text

    text = (
        QCoreApplication.translate(
            "LiveNotice", "While you were away, {visitor} was assigned to you · waiting {waited}"
        )
        if away
        else QCoreApplication.translate("LiveNotice", "New visitor: {visitor} is assigned to you · waiting {waited}")
    ).format(visitor=notice_visitor(n), waited=minutes_text(n.waited_seconds(now)))
    models = ", ".join(m.label for m in n.interested_models)
    return text + (f" · {models}" if models else "")


class VisitNotices(QObject):
    """The "a visitor for you" notices of one consultant's window (issue #17.10)."""

    def __init__(self, ctx, notice: LiveNotice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.notice = ctx, notice
        self._lines: dict[int, str] = {}  # visit id -> its line, in the banner now
        notice.dismissed.connect(self.acknowledge)
        notice._timer.timeout.connect(self._lines.clear)

    @classmethod
    def for_consultant(cls, ctx, notice: LiveNotice, parent: QObject | None = None) -> VisitNotices | None:
        """Notices only for those given visitors: a desk or a manager gets none."""
        return cls(ctx, notice, parent) if ctx is not None and can(ctx.actor.roles, Action.SERVE_VISITORS) else None

    def take_assigned(self, events) -> list:
        """The events that assign a visitor to this consultant; their notices are shown."""
        me = self.ctx.actor.user_id
        mine = [e for e in events if e.kind == "assigned" and e.consultant_id == me and e.visit_id]
        if mine:
            self._load(list(dict.fromkeys(e.visit_id for e in mine)), away=False)
        return mine

    def show_pending(self) -> None:
        self._load(None, away=True)

    def _load(self, visit_ids, *, away: bool) -> None:
        from ui.shell.workers import run_op

        ctx = self.ctx

        def work():
            from app.reception.notices import pending_notices

            return pending_notices(ctx.uow(), actor=ctx.actor, visit_ids=visit_ids)

        run_op(self.notice, work, lambda notices: self._show(notices, away), lambda _exc: None)

    def _show(self, notices, away: bool) -> None:
        if not notices:
            return
        now = utcnow()
        for n in notices:
            self._lines[n.visit_id] = notice_text(n, now, away=away)
        self.notice.show_notice("\n".join(self._lines.values()))

    def acknowledge(self) -> None:
        """Dismissed: these visitors' notices are not shown again at a later login."""
        from ui.shell.ops import Op

        visit_ids, ctx = list(self._lines), self.ctx
        self._lines.clear()
        if not visit_ids:
            return

        def work():
            from app.reception.notices import acknowledge_notices

            return acknowledge_notices(ctx.uow(), actor=ctx.actor, visit_ids=visit_ids)

        Op(ctx, self.notice, work).run()
