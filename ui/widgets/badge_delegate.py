"""Status shown as a coloured badge (issue #17.7): a calm pill behind the status text of a
table column, its colour from the status code (ui/widgets/style_tokens.STATUS_TONES).

A page marks a column with one line, naming how to read the code from the row's DTO:

    badge_column(self.table, Column.STATUS, lambda v: v.status)

The cell's text stays the model's (translated) text; only its drawing changes, so sorting,
copying and the tests that read the model see what they saw before.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.widgets import style_tokens as tokens

PAD_X = tokens.SPACE_M - 2  # text to the pill's edge
MARGIN_X = tokens.SPACE_S  # pill to the cell's edge


def source_item(index: QModelIndex) -> Any:
    """The DTO behind a view's index, through any sort/filter proxies (None if there is none)."""
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    item = getattr(model, "item", None)
    return item(index) if item is not None and index.isValid() else None


class BadgeDelegate(QStyledItemDelegate):
    def __init__(self, code_of: Callable[[Any], str | None], parent=None) -> None:
        super().__init__(parent)
        self._code_of = code_of

    def tone(self, index: QModelIndex) -> tuple[str, str] | None:
        row = source_item(index)
        return tokens.tone_of(self._code_of(row)) if row is not None else None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        tone = self.tone(index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if tone is None or not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.backgroundBrush = QColor(0, 0, 0, 0)  # the badge replaces the model's cell colour
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        self._pill(painter, option, str(text), tone)

    def _pill(self, painter: QPainter, option: QStyleOptionViewItem, text: str, tone: tuple[str, str]) -> None:
        background, colour = tone
        metrics = option.fontMetrics
        pad_x, pad_y = PAD_X, tokens.SPACE_XS
        cell = option.rect.adjusted(MARGIN_X, pad_y, -MARGIN_X, -pad_y)
        width = min(metrics.horizontalAdvance(text) + 2 * pad_x, cell.width())
        height = min(metrics.height() + 2 * pad_y, cell.height())
        pill = QRectF(cell.left(), cell.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setFont(option.font)  # the font `metrics` measured
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, tokens.BADGE_RADIUS, tokens.BADGE_RADIUS)
        painter.setPen(QColor(colour))
        natural = metrics.horizontalAdvance(text) + 2 * pad_x
        # Elide only when the cell is narrower than the word (rounding must not cut "No card").
        shown = (
            text if natural <= width else metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 2 * pad_x)
        )
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        if self.tone(index) is not None:  # room for the whole word inside its pill
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            size.setWidth(max(size.width(), option.fontMetrics.horizontalAdvance(text) + 2 * (PAD_X + MARGIN_X) + 2))
        return size


def badge_column(view: QAbstractItemView, column: int, code_of: Callable[[Any], str | None]) -> BadgeDelegate:
    """Draw `column` of `view` as status badges; `code_of(row_dto)` gives the status code."""
    delegate = BadgeDelegate(code_of, view)
    view.setItemDelegateForColumn(int(column), delegate)
    return delegate
