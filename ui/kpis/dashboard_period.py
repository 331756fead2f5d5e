"""The dashboard's period picker (issue #20.2): a store month (the current one by default), a
quarter, a year or a custom range of store days, and whether the table groups by consultant or
by brand. Store days are Shanghai's (ui/widgets/store_dates.py), not the PC's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.core.clock import store_today
from app.kpis.dto import GroupBy
from app.kpis.periods import Period, PeriodKind
from ui.widgets.store_dates import qdate

MONTHS_OFFERED = 24
QUARTERS_OFFERED = 8
YEARS_OFFERED = 5


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def recent_months(today: dt.date, count: int = MONTHS_OFFERED) -> list[Period]:
    return list(reversed(Period.month(today).months_back(count)))


def recent_quarters(today: dt.date, count: int = QUARTERS_OFFERED) -> list[Period]:
    year, quarter, out = today.year, (today.month - 1) // 3 + 1, []
    for _ in range(count):
        out.append(Period.quarter(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out


def recent_years(today: dt.date, count: int = YEARS_OFFERED) -> list[Period]:
    return [Period.year(today.year - i) for i in range(count)]


class PeriodPicker(QWidget):
    """Emits `changed` whenever the period or the grouping changes."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(objectName="kpi_period_kind")
        for key, text in (
            (PeriodKind.MONTH, self.tr("Month")),
            (PeriodKind.QUARTER, self.tr("Quarter")),
            (PeriodKind.YEAR, self.tr("Year")),
            (PeriodKind.CUSTOM, self.tr("Custom range")),
        ):
            self.kind.addItem(text, key)
        self.which = QComboBox(objectName="kpi_period_which")
        self.which.setMinimumContentsLength(10)
        self.first = self._date_edit("kpi_period_first")
        self.last = self._date_edit("kpi_period_last")
        self.to_label = QLabel(self.tr("to"))
        self.group = QComboBox(objectName="kpi_group_by")
        self.group.addItem(self.tr("By consultant"), GroupBy.CONSULTANT)
        self.group.addItem(self.tr("By brand"), GroupBy.BRAND)
        self._lay_out()
        self._fill_which()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.which.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.group.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(qdate(store_today()), objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._custom_changed)
        return edit

    def _lay_out(self) -> None:
        # Never narrower than their words ("Custom range", "By consultant") when the bar is full.
        for w in (self.kind, self.which, self.group, self.first, self.last):
            w.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Period")))
        for w in (self.kind, self.which, self.first, self.to_label, self.last):
            row.addWidget(w)
        row.addSpacing(12)
        row.addWidget(self.group)
        self._show_custom(False)

    def _show_custom(self, on: bool) -> None:
        self.which.setVisible(not on)
        for w in (self.first, self.last, self.to_label):
            w.setVisible(on)

    def _fill_which(self) -> None:
        today, kind = store_today(), self.kind.currentData()
        offered = {
            PeriodKind.MONTH: recent_months,
            PeriodKind.QUARTER: recent_quarters,
            PeriodKind.YEAR: recent_years,
        }.get(kind, recent_months)(today)
        self.which.blockSignals(True)
        self.which.clear()
        for p in offered:
            self.which.addItem(p.label, p)
        self.which.setCurrentIndex(0)  # the current month, quarter or year
        self.which.blockSignals(False)

    def _kind_changed(self, _index: int) -> None:
        custom = self.kind.currentData() == PeriodKind.CUSTOM
        if custom:
            self._set_custom_from(self.period_offered())
        else:
            self._fill_which()
        self._show_custom(custom)
        self.changed.emit()

    def _set_custom_from(self, period: Period) -> None:
        for edit, day in ((self.first, period.first_day), (self.last, period.last_day)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def _custom_changed(self, _date) -> None:
        if self.kind.currentData() == PeriodKind.CUSTOM:
            self.changed.emit()

    def period_offered(self) -> Period:
        chosen = self.which.currentData()
        return chosen if isinstance(chosen, Period) else Period.month(store_today())

    def period(self) -> Period:
        """The period chosen now; a custom range given backwards is read forwards."""
        if self.kind.currentData() != PeriodKind.CUSTOM:
            return self.period_offered()
        a, b = sorted((_pydate(self.first.date()), _pydate(self.last.date())))
        return Period.custom(a, b)

    def group_by(self) -> GroupBy:
        return GroupBy(self.group.currentData())
