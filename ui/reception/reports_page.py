"""Traffic report page (客流报表, issue #4 point 7): visits and people by hour, source, visit
type and consultant for a day or a range of days, exported to XLSX."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_today
from ui.shell.i18n import current_language
from ui.shell.labels import VISIT_OUTCOME, VISIT_TYPE, channel_label, label
from ui.reception.models import CountTableModel
from ui.shell.workers import run_op
from ui.widgets.store_dates import qdate

# Words of the exported workbook (app.reception.reports.REPORT_LABEL_KEYS).
XLSX_WORDS = {
    "summary": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Summary"),
    "by_hour": QT_TRANSLATE_NOOP("ReceptionReportsPage", "By hour"),
    "by_channel": QT_TRANSLATE_NOOP("ReceptionReportsPage", "By source"),
    "by_visit_type": QT_TRANSLATE_NOOP("ReceptionReportsPage", "By visit type"),
    "by_consultant": QT_TRANSLATE_NOOP("ReceptionReportsPage", "By consultant"),
    "by_outcome": QT_TRANSLATE_NOOP("ReceptionReportsPage", "By outcome"),
    "period": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Period"),
    "total_visits": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Visits (groups)"),
    "total_people": QT_TRANSLATE_NOOP("ReceptionReportsPage", "People"),
    "hour": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Hour"),
    "channel": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Source"),
    "visit_type": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Visit type"),
    "consultant": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Consultant"),
    "outcome": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Outcome"),
    "visits": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Visits"),
    "people": QT_TRANSLATE_NOOP("ReceptionReportsPage", "People"),
    "unassigned": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Unassigned"),
    "appointments_booked": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Appointments booked"),
    "appointments_arrived": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Appointments arrived"),
    "appointments_cancelled": QT_TRANSLATE_NOOP("ReceptionReportsPage", "Appointments cancelled"),
    "no_shows": QT_TRANSLATE_NOOP("ReceptionReportsPage", "No-shows"),
}


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def xlsx_labels() -> dict[str, str]:
    words = {k: QCoreApplication.translate("ReceptionReportsPage", v) for k, v in XLSX_WORDS.items()}
    words.update({k: label(VISIT_TYPE, k) for k in VISIT_TYPE})
    words.update({k: label(VISIT_OUTCOME, k) for k in VISIT_OUTCOME})
    return words


class ReceptionReportsPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report = None
        today = store_today()
        self.start = QDateEdit(qdate(today))
        self.start.setObjectName("report_start")
        self.end = QDateEdit(qdate(today))
        self.end.setObjectName("report_end")
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.dateChanged.connect(lambda _d: self.refresh())
        self.month_button = QPushButton(self.tr("This month"))
        self.month_button.setObjectName("report_this_month")
        self.month_button.clicked.connect(self.this_month)
        self.export_button = QPushButton(self.tr("Export XLSX…"))
        self.export_button.setObjectName("export_xlsx")
        self.export_button.clicked.connect(lambda: self.export())
        self.total = QLabel("")
        self.total.setObjectName("report_total")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.end)
        top.addWidget(self.month_button)
        top.addSpacing(20)
        top.addWidget(self.total, 1)
        top.addWidget(self.export_button)

        grid = self._count_tables()
        # Issue #17.12: what became of the period's appointments; no-shows count.
        self.no_shows = QLabel("")
        self.no_shows.setObjectName("report_appointments")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.no_shows)
        layout.addLayout(grid, 1)
        ctx.data_did_change.connect(self._on_change)
        self.refresh()

    def _count_tables(self) -> QGridLayout:
        """The four breakdowns, two by two."""
        unassigned = self.tr("Unassigned")
        self.by_hour = CountTableModel(self.tr("Hour"), lambda r: f"{r.key}:00", self)
        self.by_channel = CountTableModel(self.tr("Source"), lambda r: channel_label(r.label, r.label_en), self)
        self.by_visit_type = CountTableModel(self.tr("Visit type"), lambda r: label(VISIT_TYPE, r.key), self)
        self.by_consultant = CountTableModel(self.tr("Consultant"), lambda r: r.label or unassigned, self)
        grid = QGridLayout()
        self.views = {}
        for i, (name, title, model) in enumerate(
            (
                ("by_hour", self.tr("By hour"), self.by_hour),
                ("by_channel", self.tr("By source"), self.by_channel),
                ("by_visit_type", self.tr("By visit type"), self.by_visit_type),
                ("by_consultant", self.tr("By consultant"), self.by_consultant),
            )
        ):
            view = QTableView()
            view.setObjectName(name)
            view.setModel(model)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(view)
            grid.addWidget(box, i // 2, i % 2)
            self.views[name] = view
        return grid

    def period(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def this_month(self) -> None:
        today = store_today()
        self.start.blockSignals(True)
        self.start.setDate(qdate(today.replace(day=1)))
        self.start.blockSignals(False)
        self.end.setDate(qdate(today))
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        start, end = self.period()

        def work():
            from app.reception.reports import traffic_report

            return traffic_report(ctx.uow(), actor=ctx.actor, start_day=start, end_day=end)

        run_op(self, work, self._loaded)

    def _loaded(self, report) -> None:
        self.report = report
        # Only hours with visitors: the store is open in the day, 24 empty rows hide the data.
        self.by_hour.set_rows([r for r in report.by_hour if r.visits])
        self.by_channel.set_rows(list(report.by_channel))
        self.by_visit_type.set_rows(list(report.by_visit_type))
        self.by_consultant.set_rows(list(report.by_consultant))
        self.total.setText(
            self.tr("{visits} visits, {people} people").format(visits=report.visits, people=report.people)
        )
        t = report.appointments
        rate = "—" if t.no_show_percent is None else f"{t.no_show_percent:.0f}%"
        self.no_shows.setText(
            self.tr(
                "Appointments: {booked} booked · {arrived} arrived · {no_show} no-show ({rate} of those due) · "
                "{cancelled} cancelled · {open} still booked"
            ).format(
                booked=t.booked, arrived=t.arrived, no_show=t.no_show, rate=rate, cancelled=t.cancelled, open=t.open
            )
        )

    def _on_change(self, changes, _initiator) -> None:
        if getattr(changes, "reception", False):
            self.refresh()

    def export(self, path: str | None = None) -> None:
        start, end = self.period()
        if path is None:
            suggested = f"traffic_{start:%Y%m%d}_{end:%Y%m%d}.xlsx"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export traffic report"), suggested, self.tr("Excel workbook (*.xlsx)")
            )
            if not path:
                return
        ctx, words, english = self.ctx, xlsx_labels(), current_language() != "zh_CN"
        from pathlib import Path

        def work():
            from app.reception.reports import export_traffic_xlsx

            return export_traffic_xlsx(
                ctx.uow(),
                actor=ctx.actor,
                path=Path(path),
                start_day=start,
                end_day=end,
                labels=words,
                english_names=english,
            )

        run_op(
            self,
            work,
            lambda _r: self.total.setText(self.total.text() + " · " + self.tr("exported to {path}").format(path=path)),
        )
