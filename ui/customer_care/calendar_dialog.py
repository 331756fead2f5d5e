"""The store's working days (工作日历, issue #19.3): the days the store has corrected on top of
the official holiday calendar, a form to correct one more, and, for a year the holiday library
does not know yet, "Year entered" once its holidays and 调休 days are in (until then deadlines
into that year are refused, never guessed). Each save goes through the operation path (Op)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
)

from app.customer_care.api import (
    enter_calendar_year,
    library_years,
    list_entered_years,
    list_overrides,
    set_working_day,
)
from ui.shell.errors import error_text
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.store_dates import store_qdate


class WorkingDaysDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overrides: list = []
        self.setObjectName("working_days_dialog")
        self.setWindowTitle(self.tr("Working days"))
        known = library_years()
        self.about = QLabel(objectName="working_days_about")
        self.about.setWordWrap(True)
        self.about.setText(
            self.tr(
                "The official holidays and swapped working days are known for {first}-{last}. Correct single "
                "days here; for a later year, enter its holidays and swapped days, then mark the year entered."
            ).format(first=known.start, last=known.stop - 1)
        )
        self.days = QListWidget(objectName="working_day_overrides")
        self.day = QDateEdit(store_qdate(), objectName="override_day")
        self.day.setCalendarPopup(True)
        self.working = QComboBox(objectName="override_working")
        self.working.addItem(self.tr("Day off"), False)
        self.working.addItem(self.tr("Working day"), True)
        self.note = QLineEdit(objectName="override_note")
        self.note.setPlaceholderText(self.tr("Why, e.g. 2027 春节"))
        self.year = QSpinBox(objectName="entered_year", minimum=known.stop, maximum=known.stop + 20)
        self.message = QLabel(objectName="working_days_message")
        self.message.setWordWrap(True)
        self.save_day = action_button(self.tr("Save day"), "save_working_day", self.save)
        self.enter_year = action_button(self.tr("Year entered"), "enter_calendar_year", self.mark_year)
        row, year_row = QHBoxLayout(), QHBoxLayout()
        for w in (self.day, self.working, self.note, self.save_day):
            row.addWidget(w)
        for w in (QLabel(self.tr("Year")), self.year, self.enter_year):
            year_row.addWidget(w)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for item in (self.about, self.days, row, year_row, self.message, close):
            (layout.addLayout if isinstance(item, QHBoxLayout) else layout.addWidget)(item)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: (list_overrides(ctx.uow(), actor=ctx.actor), list_entered_years(ctx.uow(), actor=ctx.actor)),
               self._loaded)  # fmt: skip

    def _loaded(self, loaded) -> None:
        overrides, years = loaded
        self.overrides = list(overrides)
        self.days.clear()
        for d in overrides:
            kind = self.tr("working day") if d.working else self.tr("day off")
            self.days.addItem(f"{d.day.isoformat()}  {kind}  {d.note}")
        if years:
            self.message.setText(
                self.tr("Years entered by the store: {years}").format(years=", ".join(map(str, years)))
            )

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))

    def save(self) -> None:
        ctx, day, working, note = self.ctx, self.day.date().toPython(), self.working.currentData(), self.note.text()
        current = next((d for d in self.overrides if d.day == day), None)
        version = current.version if current else None
        Op(ctx, self, lambda: set_working_day(ctx.uow(), actor=ctx.actor, day=day, working=working, note=note,
                                              expected_version=version)).busy(self.save_day).on_success(
            lambda _d: self.refresh()).on_failure(self._failed).run()  # fmt: skip

    def mark_year(self) -> None:
        ctx, year = self.ctx, self.year.value()
        Op(ctx, self, lambda: enter_calendar_year(ctx.uow(), actor=ctx.actor, year=year)).busy(
            self.enter_year
        ).on_success(lambda _c: self.refresh()).on_failure(self._failed).run()
