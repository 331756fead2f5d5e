"""Live reception updates for one main window (issue #4, point 4).

`ReceptionFeed` runs app.reception.notifications.ChangeFeed.listen on a Python thread, as its
docstring asks: the feed (and its database connections) is created, used and closed on that
thread; the callback only emits a Qt signal, which Qt queues to the GUI thread. `stop()` sets
the stop event and joins the thread (the feed notices within `step` seconds).

`LiveNotice` is the non-modal banner at the top of the main window: "新客户：… 已分配给您".
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)
NOTICE_STYLE = (
    "QWidget#live_notice { background: #1b5e20; border-radius: 4px; } "
    "QLabel { color: white; font-weight: bold; padding: 4px; }"
)


class ReceptionFeed(QObject):
    events_arrived = Signal(object)  # list[EventDTO], on the GUI thread

    def __init__(self, url: str, parent: QObject | None = None, *, step: float = 0.5) -> None:
        super().__init__(parent)
        self.url = url
        self.step = step
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="reception-feed", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from app.reception.notifications import ChangeFeed

        feed = None
        try:
            feed = ChangeFeed(self.url)
            feed.start()
            feed.listen(self.events_arrived.emit, self._stop, step=self.step)
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
        close.clicked.connect(self.hide)
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
