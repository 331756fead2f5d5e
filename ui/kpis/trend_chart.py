"""The 12-month trend of one KPI (issue #20.2): its value month by month as a line, and its
target as a second, dashed line, drawn with QtCharts. A month with nothing counted ("—") leaves
a gap in the line rather than a fall to zero."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

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


class TrendChart(QChartView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_trend_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.points: list[tuple[str, float | None, float]] = []
        self.code: KpiCode | None = None
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)

    def show_trend(self, reports: list[KpiReportDTO], code: KpiCode) -> None:
        self.code = code
        self.points = month_points(reports, code)
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(
            QCoreApplication.translate("KpiDashboard", "{name}: {first} to {last}").format(
                name=words.kpi_name(code),
                first=self.points[0][0] if self.points else "",
                last=self.points[-1][0] if self.points else "",
            )
        )
        x_axis = QBarCategoryAxis()
        x_axis.append([month_tick(label) for label, _v, _t in self.points])
        y_axis = QValueAxis()
        y_axis.setRange(0, _top(self.points))
        y_axis.setLabelFormat("%.1f%%" if _top(self.points) < 10 else "%d%%")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series = self._series()
        for one in series:
            chart.addSeries(one)
            one.attachAxis(x_axis)
            one.attachAxis(y_axis)
        self._one_legend_entry_each(series)

    def _series(self) -> list:
        accent = QColor(tokens.COLOURS["accent"])
        target = QLineSeries()
        target.setName(QCoreApplication.translate("KpiDashboard", "Target"))
        target.setPen(QPen(QColor(tokens.COLOURS["count_alert"]), 1.5, Qt.PenStyle.DashLine))
        for x, (_label, _value, t) in enumerate(self.points):
            target.append(QPointF(x, t))
        out: list = [target]
        for run in _runs(self.points):
            line = QLineSeries()
            line.setPen(QPen(accent, 2))
            line.setName(QCoreApplication.translate("KpiDashboard", "Actual"))
            line.append(run)
            out.append(line)
        dots = QScatterSeries()
        dots.setColor(accent)
        dots.setMarkerSize(7)
        dots.append([QPointF(x, v) for x, (_l, v, _t) in enumerate(self.points) if v is not None])
        out.append(dots)
        return out

    def _one_legend_entry_each(self, series: list) -> None:
        """The target and the actual line once each (a line cut by gaps is several series)."""
        named = [series[0]] + [s for s in series[1:] if type(s) is QLineSeries][:1]
        for marker in self.chart().legend().markers():
            marker.setVisible(any(marker.series() is s for s in named))
