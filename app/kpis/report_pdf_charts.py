"""The charts of the monthly KPI report (reportlab.graphics, vector, embedded fonts only): the
eight figures of the month against their 5.2.1 targets as paired bars, and each KPI's last
12 months as a small line chart with its target as a dashed line.

A month with nothing counted ("—", denominator 0) has no bar and no point: it is a gap, never a
0 % that would read as a failure.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from app.documents.fonts import FontSet
from app.kpis import report_pdf_text as words
from app.kpis.definitions import BY_CODE, Direction, KpiCode
from app.kpis.dto import KpiFigure, KpiReportDTO

ACTUAL, TARGET = colors.HexColor("#2f6f9f"), colors.HexColor("#c8a040")
AXIS = colors.HexColor("#666666")


def _drawing(width: float, height: float, fonts: FontSet) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer starts every drawing in Helvetica, which pdffonts would list, unembedded.
    drawing.initialFontName = fonts.regular
    return drawing


def _pct(bp: int | None) -> float | None:
    return None if bp is None else bp / 100


def _axis_fonts(chart, fonts: FontSet, size: float) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize, labels.fillColor = fonts.regular, size, AXIS
    chart.categoryAxis.strokeColor = chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.visibleGrid = True


def _legend(fonts: FontSet, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = fonts.regular, 7.5
    legend.columnMaximum, legend.dx, legend.dy = 1, 8, 8
    legend.colorNamePairs = [
        (ACTUAL, f"{words.SERIES_ACTUAL.zh} {words.SERIES_ACTUAL.en}"),
        (TARGET, f"{words.SERIES_TARGET.zh} {words.SERIES_TARGET.en}"),
    ]
    legend.deltax = 70
    return legend


def bars_chart(figures: tuple[KpiFigure, ...], fonts: FontSet, width: float) -> Drawing:
    """Actual against target for each KPI, in 5.2.1 order, in percent."""
    height = 62 * mm
    drawing = _drawing(width, height, fonts)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, width - 16 * mm, height - 22 * mm
    actual = [_pct(f.value_bp) for f in figures]
    chart.data = [actual, [f.target.target_bp / 100 for f in figures]]
    chart.categoryAxis.categoryNames = [f"{BY_CODE[f.code].letter}) {f.code.value}" for f in figures]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([100.0, *(v for v in actual if v is not None)])
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor, chart.bars[1].fillColor = ACTUAL, TARGET
    chart.bars.strokeColor = None
    chart.barLabelFormat = lambda v: "" if v is None else (f"{v:.1f}".rstrip("0").rstrip(".") + "%")
    chart.barLabels.fontName, chart.barLabels.fontSize = fonts.regular, 6
    chart.barLabels.nudge = 5
    chart.groupSpacing, chart.barSpacing = 6, 1
    _axis_fonts(chart, fonts, 7.5)
    drawing.add(chart)
    drawing.add(_legend(fonts, 14 * mm, height - 3 * mm))
    return drawing


def _trend_top(code: KpiCode, points: list[float | None], target: float) -> float:
    """The value axis' top: 100 % for a rate to reach, a little over the worst month or twice
    the target for 3.15's small ceiling (0.7 % would be a flat line on a 0-100 axis)."""
    highest = max([p for p in points if p is not None] + [target])
    if BY_CODE[code].direction is Direction.AT_MOST:
        step = 0.5 if highest <= 2 else 5
        return max(step, (int(highest * 1.5 / step) + 1) * step)
    return max(100.0, float(int(highest / 20) + 1) * 20 if highest > 100 else 100.0)


def _runs(points: list[float | None]) -> list[list[float | None]]:
    """The months with a figure cut into runs of consecutive months, each a series of its own
    (None elsewhere), so a month with nothing counted is a gap, not a line drawn across it."""
    runs: list[list[float | None]] = []
    for i, value in enumerate(points):
        if value is None:
            continue
        if i == 0 or points[i - 1] is None:
            runs.append([None] * len(points))
        runs[-1][i] = value
    return runs


def trend_chart(code: KpiCode, months: list[KpiReportDTO], fonts: FontSet, width: float) -> Drawing:
    """One KPI's store figure month by month (a gap for "—") and its target, dashed."""
    height = 42 * mm
    d = BY_CODE[code]
    drawing = _drawing(width, height, fonts)
    drawing.add(
        String(2, height - 9, f"{d.letter}) {code.value} {d.name_zh} {d.name_en}", fontName=fonts.regular, fontSize=8)
    )
    figures = [next(f for f in m.store.figures if f.code == code) for m in months]
    points = [_pct(f.value_bp) for f in figures]
    targets = [f.target.target_bp / 100 for f in figures]
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 10 * mm, 7 * mm, width - 13 * mm, height - 19 * mm
    runs = _runs(points)
    chart.data = [targets, *runs]
    chart.categoryAxis.categoryNames = [f"{m.period.first_day:%m}" for m in months]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _trend_top(code, points, max(targets))
    chart.valueAxis.labelTextFormat = "%g%%"
    chart.joinedLines = 0  # each series says itself whether it is a joined line
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = TARGET, 0.9
    chart.lines[0].strokeDashArray = (3, 2)
    chart.lines[0].lineStyle = "joinedLine"
    for i, run in enumerate(runs, 1):
        line = chart.lines[i]
        line.strokeColor, line.strokeWidth = ACTUAL, 1.4
        # A lone month between two gaps is a point only (a one-point line cannot be drawn).
        line.lineStyle = "joinedLine" if sum(v is not None for v in run) > 1 else None
        line.symbol = makeMarker("FilledCircle", size=3.5, fillColor=ACTUAL, strokeColor=ACTUAL)
    _axis_fonts(chart, fonts, 6.5)
    drawing.add(chart)
    return drawing
