"""The navigation list: one row per module with its native icon and, on the right, its live
count as a small pill (ui/shell/nav_counts.py). The title stays the item's text; the count
is item data, so reading the navigation gives the module names as before."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate

from ui.shell.nav import Module
from ui.widgets import style_tokens as tokens

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole
NAV_WIDTH = 196

# What each count means, for the tooltip and screen readers.
COUNT_WORDS = {
    "waiting": QT_TRANSLATE_NOOP("MainWindow", "Visitors waiting: {n}"),
    "overdue": QT_TRANSLATE_NOOP("MainWindow", "Overdue follow-ups: {n}"),
    "cards": QT_TRANSLATE_NOOP("MainWindow", "Cards to print: {n}"),
    "pdi": QT_TRANSLATE_NOOP("MainWindow", "PDIs waiting: {n}"),
    "ready": QT_TRANSLATE_NOOP("MainWindow", "Deals ready to deliver: {n}"),
    "care": QT_TRANSLATE_NOOP("MainWindow", "Customer care tasks due: {n}"),
}
ALERT_COUNTS = {"overdue"}  # late work is red; work waiting its turn is the accent colour


def count_words(key: str, n: int) -> str:
    return QCoreApplication.translate("MainWindow", COUNT_WORDS[key]).format(n=n)


class NavDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        count = index.data(COUNT_ROLE)
        super().paint(painter, option, index)
        if not count:
            return
        key, n = count
        text = str(n) if n < 100 else "99+"
        font = QFont(option.font)
        font.setPointSize(tokens.FONT_SMALL_PT)
        font.setBold(True)
        painter.save()
        painter.setFont(font)
        metrics = painter.fontMetrics()
        height = metrics.height() + 2 * tokens.SPACE_XS
        width = max(height, metrics.horizontalAdvance(text) + 2 * tokens.SPACE_M)
        rect = option.rect
        pill = QRectF(rect.right() - width - tokens.SPACE_M, rect.center().y() - height / 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        colour = tokens.COLOURS["count_alert" if key in ALERT_COUNTS else "count"]
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(tokens.COLOURS["count_text"]))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class NavList(QListWidget):
    """The module list at the left of the main window."""

    def __init__(self, modules: list[Module], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFixedWidth(NAV_WIDTH)
        self.setIconSize(QSize(18, 18))
        self.setItemDelegate(NavDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for m in modules:
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", m.title))
            item.setData(KEY_ROLE, m.key)
            item.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, m.icon)))
            self.addItem(item)

    def item_of(self, key: str) -> QListWidgetItem | None:
        return next((self.item(i) for i in range(self.count()) if self.item(i).data(KEY_ROLE) == key), None)

    def show_counts(self, modules: list[Module], counts: dict[str, int]) -> None:
        for m in modules:
            if m.count is None or m.count not in counts:
                continue
            item = self.item_of(m.key)
            n = counts[m.count]
            item.setData(COUNT_ROLE, (m.count, n) if n else None)
            item.setToolTip(count_words(m.count, n))
            # Screen readers hear the count the pill shows.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {count_words(m.count, n)}")

    def count_of(self, key: str) -> int:
        """The count shown beside module `key` (0 when none is shown)."""
        item = self.item_of(key)
        value = item.data(COUNT_ROLE) if item is not None else None
        return value[1] if value else 0
