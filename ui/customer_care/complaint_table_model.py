"""The complaints board's table (issue #19.6): one row per complaint; the clock cells of its two
deadlines turn amber when the deadline is near and red when it has passed (server time)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor

from ui.customer_care.complaint_labels import CATEGORY, CHANNEL, CLOCK, STATUS, word
from ui.shell.labels import local_time
from ui.widgets.style_tokens import TONES
from ui.widgets.table_model import DtoTableModel

CTX = "ComplaintTableModel"
DISPLAY = Qt.ItemDataRole.DisplayRole
FIRST_RESPONSE_COLUMN, REPLY_COLUMN = 5, 6
# The clock colours: amber = the warning tone, red = the danger tone (background, text).
CLOCK_TONES = {"amber": TONES["warning"], "red": TONES["danger"], "late": TONES["danger"]}


class ComplaintTableModel(DtoTableModel):
    COLUMN_COUNT = 8
    HEADERS = (
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Number"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Channel"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Category"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Complainant"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Received"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "First response (72 h)"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Reply (7 working days)"),
        QT_TRANSLATE_NOOP("ComplaintTableModel", "Handler / status"),
    )

    def clock_of(self, row, column: int) -> str | None:
        if column == FIRST_RESPONSE_COLUMN:
            return row.first_response_clock
        if column == REPLY_COLUMN:
            return row.reply_clock
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        x = self.item(index)
        if x is None:
            return None
        tone = CLOCK_TONES.get(self.clock_of(x, index.column()) or "")
        if role == Qt.ItemDataRole.BackgroundRole and tone:
            return QColor(tone[0])
        if role == Qt.ItemDataRole.ForegroundRole and tone:
            return QColor(tone[1])
        if role != DISPLAY:
            return None
        return (
            x.number,
            word(CHANNEL, x.channel),
            word(CATEGORY, x.category),
            x.contact_name,
            local_time(x.received_at),
            f"{local_time(x.first_response_due)} · {word(CLOCK, x.first_response_clock)}",
            f"{local_time(x.reply_due)} · {word(CLOCK, x.reply_clock)}",
            f"{x.handler_name} · {word(STATUS, x.status)}",
        )[index.column()]

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None
