"""The 12-month trend of one KPI (issue #20.2): its value month by month as a line, and its
target as a second, dashed line. A month with nothing counted ("—") leaves a gap in the line
rather than a fall to zero.

Drawn with QPainter, not QtCharts: QtCharts (its library, its Python wrappers and a graphics
scene per chart) added ~7 MB of resident memory when the KPI page opened, the largest part of
that page's share of issue #17's peak-memory goal (≤ 200 MB with every page visited; see
bench/RESULTS.md). Twelve points, two lines, dots, axes and a legend need none of it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.kpis.definitions import BY_CODE, KpiCode
from app.kpis.dto import KpiReportDTO
from ui.kpis import dashboard_labels as words
from ui.widgets import style_tokens as tokens


def month_points(reports: list[KpiReportDTO], code: KpiCode) -> list[tuple[str, float | None, float]]:
    """(month label, value in percent or None, target in percent) for each month, oldest first."""
    out = []
    for report in reports:
        figure = next((f for f in report.store.figures if f.code == code), None)
        value = None if figure is None or figure.value_bp is None else figure.value_bp / 100
        target = (figure.target.target_bp if figure else BY_CODE[code].default_target_bp) / 100
        out.append((report.period.label, value, target))
    return out


def month_tick(label: str) -> str:
    """ "2026-11" as "11": twelve months fit a narrow chart (the title says which months)."""
    _year, _, month = label.partition("-")
    return str(int(month)) if month.isdigit() else label


def _runs(points) -> list[list[QPointF]]:
    """The value line cut where a month has no figure."""
    runs: list[list[QPointF]] = [[]]
    for x, (_label, value, _target) in enumerate(points):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(QPointF(x, value))
    return [r for r in runs if r]


def _top(points) -> float:
    highest = max([v for _l, v, _t in points if v is not None] + [t for _l, _v, t in points] + [0.0])
    if highest <= 0:
        return 100.0
    return 100.0 if highest > 50 else highest * 1.4


Y_TICKS = 4  # gridlines above the zero line (QtCharts' default of 5 ticks in all)
MARGIN = 8
DOT_RADIUS = 3.5


class TrendChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_trend_chart")
        self.setMinimumHeight(200)
        self.points: list[tuple[str, float | None, float]] = []
        self.code: KpiCode | None = None
        self.title = ""

    def show_trend(self, reports: list[KpiReportDTO], code: KpiCode) -> None:
        self.code = code
        self.points = month_points(reports, code)
        self.title = QCoreApplication.translate("KpiDashboard", "{name}: {first} to {last}").format(
            name=words.kpi_name(code),
            first=self.points[0][0] if self.points else "",
            last=self.points[-1][0] if self.points else "",
        )
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor(tokens.COLOURS["panel"]))
            if self.points:
                self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        fm = painter.fontMetrics()
        line = fm.height()
        top = _top(self.points)
        fmt = "{:.1f}%" if top < 10 else "{:.0f}%"
        ticks = [top * i / Y_TICKS for i in range(Y_TICKS + 1)]
        label_w = max(fm.horizontalAdvance(fmt.format(v)) for v in ticks)
        plot = QRectF(
            MARGIN + label_w + MARGIN,
            MARGIN + line + MARGIN,
            max(1.0, self.width() - 3 * MARGIN - label_w - MARGIN),
            max(1.0, self.height() - 4 * MARGIN - 3 * line - MARGIN),
        )
        self._paint_title(painter, line)
        self._paint_axes(painter, plot, ticks, fmt, label_w)
        step = plot.width() / len(self.points)

        def at(x: int, value: float) -> QPointF:  # a month's category centre, the value's height
            return QPointF(plot.left() + (x + 0.5) * step, plot.bottom() - plot.height() * min(value, top) / top)

        target_pen = QPen(QColor(tokens.COLOURS["count_alert"]), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(target_pen)
        painter.drawPolyline([at(x, t) for x, (_l, _v, t) in enumerate(self.points)])
        accent = QColor(tokens.COLOURS["accent"])
        painter.setPen(QPen(accent, 2))
        for run in _runs(self.points):
            painter.drawPolyline([at(int(p.x()), p.y()) for p in run])
        painter.setBrush(accent)
        for x, (_l, value, _t) in enumerate(self.points):
            if value is not None:
                painter.drawEllipse(at(x, value), DOT_RADIUS, DOT_RADIUS)
        self._paint_legend(painter, target_pen, QPen(accent, 2), line)

    def _paint_title(self, painter: QPainter, line: int) -> None:
        painter.setPen(QColor(tokens.COLOURS["text"]))
        box = QRectF(MARGIN, MARGIN, self.width() - 2 * MARGIN, line)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.title)

    def _paint_axes(self, painter: QPainter, plot: QRectF, ticks: list[float], fmt: str, label_w: int) -> None:
        """Gridlines with their percentages on the left, each month's number below."""
        fm = painter.fontMetrics()
        line = fm.height()
        top = ticks[-1]
        for value in ticks:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QColor(tokens.COLOURS["border"]))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(tokens.COLOURS["text_muted"]))
            box = QRectF(MARGIN, y - line / 2, label_w, line)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), fmt.format(value))
        step = plot.width() / len(self.points)
        for x, (label, _v, _t) in enumerate(self.points):
            box = QRectF(plot.left() + x * step, plot.bottom() + MARGIN / 2, step, line)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), month_tick(label))

    def _paint_legend(self, painter: QPainter, target_pen: QPen, actual_pen: QPen, line: int) -> None:
        """The target and the actual line once each, centred under the months."""
        fm = painter.fontMetrics()
        sample = 3 * MARGIN
        entries = [
            (target_pen, QCoreApplication.translate("KpiDashboard", "Target")),
            (actual_pen, QCoreApplication.translate("KpiDashboard", "Actual")),
        ]
        width = sum(sample + MARGIN // 2 + fm.horizontalAdvance(text) + 2 * MARGIN for _p, text in entries)
        x = (self.width() - width) / 2
        y = self.height() - MARGIN - line
        for pen, text in entries:
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y + line / 2), QPointF(x + sample, y + line / 2))
            x += sample + MARGIN // 2
            painter.setPen(QColor(tokens.COLOURS["text"]))
            painter.drawText(
                QRectF(x, y, fm.horizontalAdvance(text) + 1, line), int(Qt.AlignmentFlag.AlignVCenter), text
            )
            x += fm.horizontalAdvance(text) + 2 * MARGIN
