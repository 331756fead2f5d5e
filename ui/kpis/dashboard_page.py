"""The manager's KPI dashboard (管理指标, issue #20.2 and #20.3): the eight figures of
T/CSCA 120031 5.2.1 a)-h) for a store month, quarter, year or range, each judged against its
target; a 12-month trend of the KPI picked; a table per consultant or per brand; and a
drill-down from every tile to the records behind its numerator and denominator.

Everything is read off the UI thread (ui.shell.workers.run_op) and refreshed through the
change bus when a sale, a visit or lead, a test drive, a task or a complaint changes, never by
a timer. The report, evidence pack and targets buttons are other modules (issue #20): they
appear when those modules are in the build.
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from app.kpis.definitions import KpiCode
from app.kpis.dto import KpiReportDTO
from ui.kpis.dashboard_period import PeriodPicker
from ui.kpis.dashboard_table import GroupTableModel, group_proxy
from ui.kpis.dashboard_tiles import KpiTiles
from ui.kpis.drilldown_dialog import open_drilldown
from ui.kpis.trend_chart import TrendChart
from ui.shell.labels import local_time
from ui.shell.workers import run_op
from ui.widgets import style_tokens as tokens
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.table_fit import read_only_table
from ui.widgets.table_state import watch_table

# What the figures are made of (app/core/dto.py Changes); `kpis` when a target changes.
AFFECTING = ("sales", "reception", "test_drives", "tasks", "complaints", "kpis")
TREND_MONTHS = 12

# The other KPI helpers' buttons (issue #20): (module, class), shown when the module exists.
PERIOD_BUTTONS = (("ui.kpis.report_button", "ReportButton"), ("ui.kpis.evidence_dialog", "EvidenceButton"))
TARGETS_DIALOG = "ui.kpis.targets_dialog"


def module_there(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def affects_kpis(changes) -> bool:
    return any(getattr(changes, flag, False) for flag in AFFECTING)


class KpiDashboardPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_dashboard")
        self.ctx = ctx
        self.report: KpiReportDTO | None = None
        self.trend: list[KpiReportDTO] = []
        # One load at a time (2-core store PCs, a busy change bus): what is asked meanwhile is
        # loaded once when the load in flight is back, with the period chosen by then.
        self._in_flight = False
        self._again = False
        self.picker = PeriodPicker(self)
        self.status = QLabel(objectName="kpi_status")
        self.status.setWordWrap(True)  # a custom range's long label takes two lines, not the combos' room
        self.status.setMinimumWidth(120)
        self.tiles = KpiTiles(self)
        self.chart = TrendChart(self)
        self.groups = GroupTableModel(self)
        self.proxy = group_proxy(self.groups)
        self.table = read_only_table("kpi_groups", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by name until a figure's header is clicked
        self.filter = QLineEdit(objectName="kpi_group_filter")
        self.filter.setPlaceholderText(self.tr("Filter by name"))
        self.filter.setClearButtonEnabled(True)
        watch_table(self.table, self.tr("No figures for anyone in this period."))
        self._lay_out()
        self.picker.changed.connect(self.refresh)
        self.tiles.activated.connect(self.open_drilldown)
        self.tiles.picked.connect(self._show_trend)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.activated.connect(self._group_cell_activated)
        ctx.data_did_change.connect(self._on_change)
        self.refresh()

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addWidget(self.status, 1)
        self.extra_buttons = self._extra_buttons()
        for button in self.extra_buttons:
            bar.addWidget(button)
        return bar

    def _extra_buttons(self) -> list[QWidget]:
        out: list[QWidget] = []
        for module, name in PERIOD_BUTTONS:
            if module_there(module):
                out.append(getattr(importlib.import_module(module), name)(self.ctx, self.picker.period))
        if module_there(TARGETS_DIALOG):
            from ui.widgets.buttons import action_button

            out.append(action_button(self.tr("Targets…"), "kpi_targets", self.open_targets))
        return out

    def _lay_out(self) -> None:
        table_box = QWidget()
        column = QVBoxLayout(table_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter)
        column.addWidget(self.table, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.chart)
        self.split.addWidget(table_box)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([440, 660])
        layout = QVBoxLayout(self)
        layout.setSpacing(tokens.SPACE_M)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.tiles)
        layout.addWidget(self.split, 1)

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """The figures first (the tiles and the table), then the 12 months of the trend."""
        self.status.setText(self.tr("Loading…"))
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        ctx, period, by = self.ctx, self.picker.period(), self.picker.group_by()

        def work():
            from app.kpis.api import compute_kpis

            return compute_kpis(ctx.uow(), actor=ctx.actor, period=period, by=by)

        run_op(self, work, self._loaded, self._failed)

    def _asked_again(self) -> bool:
        """True when a newer load was asked meanwhile: it starts now, this answer is stale."""
        if not self._again:
            return False
        self._in_flight = self._again = False
        self.refresh()
        return True

    def _loaded(self, report: KpiReportDTO) -> None:
        if self._asked_again():
            return
        self.report = report
        self.tiles.show_figures(report.store.figures)
        self.groups.set_report(report.by or self.picker.group_by(), report.groups)
        self.table.resizeColumnsToContents()
        when = report.computed_at
        self.status.setText(
            self.tr("{period} · as of {when}").format(period=report.period.label, when=local_time(when) if when else "")
        )
        self._load_trend(report)

    def _load_trend(self, report: KpiReportDTO) -> None:
        ctx, period, as_of = self.ctx, report.period, report.computed_at

        def work():
            from app.kpis.api import kpi_trend

            return kpi_trend(ctx.uow(), actor=ctx.actor, last=period, months=TREND_MONTHS, as_of=as_of)

        run_op(self, work, self._trend_loaded, self._failed)

    def _trend_loaded(self, trend: list[KpiReportDTO]) -> None:
        if self._asked_again():
            return
        self._in_flight = False
        self.trend = trend
        self._show_trend(self.tiles.current)

    def _failed(self, exc: BaseException) -> None:
        if self._asked_again():
            return
        self._in_flight = False
        self.status.setText(self.tr("The figures could not be loaded."))
        from ui.shell.errors import show_error

        show_error(self, exc)

    def _show_trend(self, code: KpiCode) -> None:
        if self.trend:
            self.chart.show_trend(self.trend, code)

    def _on_change(self, changes, _initiator) -> None:
        if affects_kpis(changes):
            self.refresh_when_visible()

    # --- actions -------------------------------------------------------------------------

    def figure(self, code: KpiCode):
        figures = self.report.store.figures if self.report else ()
        return next((f for f in figures if f.code == code), None)

    def open_drilldown(self, code: KpiCode):
        self.drilldown = open_drilldown(self.ctx, self, code, self.picker.period(), figure=self.figure(code))
        return self.drilldown

    def _group_cell_activated(self, index) -> None:
        """Enter or a double click on a group's figure: that group's drill-down."""
        source = self.proxy.mapToSource(index)
        row = self.groups.item(source)
        if row is None or source.column() == 0:
            return
        figure = row.figures[source.column() - 1]
        self.drilldown = open_drilldown(
            self.ctx, self, figure.code, self.picker.period(), figure=figure, by=self.groups.by, group=row.key
        )

    def open_targets(self):
        """The targets dialog (k-targets); a new target reaches this page on the change bus."""
        self.targets_dialog = importlib.import_module(TARGETS_DIALOG).TargetsDialog(self.ctx, parent=self)
        self.targets_dialog.open()
        return self.targets_dialog
