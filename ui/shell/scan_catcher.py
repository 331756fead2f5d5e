"""USB barcode / QR scanners type like a keyboard: a fast burst of characters ending in Enter.
The catcher watches key presses application-wide and, when a burst parses as a showroom card
reference or a VIN, swallows the Enter, takes the burst back out of the text field that had
the focus (a scan is not typing), and emits `scanned(text)` (issue #5.6).

It sees every key press, so it stays cheap: one clock read and a string append per key, and
the parse only on Enter after a long enough burst. Keys are taken where they reach a window
(QWindow), before any widget, so each press is seen once.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

MIN_LENGTH = 10  # shorter bursts are typing, not a scan
MAX_GAP_S = 0.05  # a scanner sends a character every few milliseconds


class ScanCatcher(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock=time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._buffer: list[str] = []
        self._last = 0.0

    def feed(self, text: str, *, enter: bool = False) -> bool:
        """One key press; True when it ended a scan (the caller swallows the Enter)."""
        now = self._clock()
        fast = now - self._last <= MAX_GAP_S
        self._last = now
        if enter:
            burst, self._buffer = "".join(self._buffer), []
            if fast and len(burst) >= MIN_LENGTH:
                from app.showroom.cards import looks_scannable

                if looks_scannable(burst):
                    self.scanned.emit(burst)
                    return True
            return False
        if text and text.isprintable():
            if not fast:
                self._buffer = []
            self._buffer.append(text)
        else:
            self._buffer = []
        return False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(obj, QWindow):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            burst = "".join(self._buffer) if enter else ""
            focused = QApplication.focusWidget() if enter else None  # before the scan moves it
            caught = self.feed(event.text(), enter=enter)
            if caught:
                untype(focused, burst)
            return caught
        return False


def untype(widget, burst: str) -> None:
    """Remove a scanned burst from the end of the focused text field, where the scanner's
    keystrokes landed before the burst could be recognised as a scan."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        text = widget.text()
        if burst and text.endswith(burst):
            widget.setText(text[: -len(burst)])
    elif isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        text = widget.toPlainText()
        if burst and text.endswith(burst):
            widget.setPlainText(text[: -len(burst)])
