"""The drill-down of one KPI figure (issue #20.2): the exact records counted in its numerator
and in its denominator (app.kpis.api.kpi_records, the same query as the figure, so the rows
always add up to it), one tab each. Double click or Enter on a row opens that record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app.kpis.definitions import BY_CODE, KpiCode
from app.kpis.dto import GroupBy, GroupKey, KpiFigure, RecordKind, RecordRef, Side
from app.kpis.periods import Period
from ui.kpis import dashboard_labels as words
from ui.kpis.drilldown_open import open_record
from ui.shell.labels import local_time
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.table_fit import read_only_table
from ui.widgets.table_model import DtoTableModel
from ui.widgets.table_state import watch_table

KIND_WORDS = {
    RecordKind.CONTRACT: QT_TRANSLATE_NOOP("KpiDashboard", "Contract"),
    RecordKind.LEAD: QT_TRANSLATE_NOOP("KpiDashboard", "Lead"),
    RecordKind.TEST_DRIVE: QT_TRANSLATE_NOOP("KpiDashboard", "Test drive"),
    RecordKind.CARE_TASK: QT_TRANSLATE_NOOP("KpiDashboard", "Delivery call"),
    RecordKind.SURVEY: QT_TRANSLATE_NOOP("KpiDashboard", "Follow-up answer sheet"),
    RecordKind.COMPLAINT: QT_TRANSLATE_NOOP("KpiDashboard", "Complaint"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("KpiDashboard", "Record"),
    QT_TRANSLATE_NOOP("KpiDashboard", "Reference"),
    QT_TRANSLATE_NOOP("KpiDashboard", "When"),
    QT_TRANSLATE_NOOP("KpiDashboard", "Consultant"),
    QT_TRANSLATE_NOOP("KpiDashboard", "Brand"),
)


class RecordModel(DtoTableModel[RecordRef]):
    COLUMN_COUNT = len(HEADERS)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: dict[int, str] = {}

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return words.tr(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.item(index)
        if r is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        kind = KIND_WORDS.get(RecordKind(r.kind))
        consultant = self.names.get(r.consultant_id, "") if r.consultant_id is not None else ""
        return (words.tr(kind) if kind else str(r.kind), r.reference, local_time(r.at), consultant, r.brand)[
            index.column()
        ]


class DrilldownDialog(QDialog):
    def __init__(
        self,
        ctx,
        code: KpiCode,
        period: Period,
        *,
        figure: KpiFigure | None = None,
        by: GroupBy | None = None,
        group: GroupKey = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_drilldown")
        self.ctx, self.code, self.period, self.by, self.group = ctx, code, period, by, group
        d = BY_CODE[code]
        self.setWindowTitle(
            QCoreApplication.translate("KpiDashboard", "{name} · {period}").format(
                name=words.kpi_name(code), period=period.label
            )
        )
        self.resize(760, 480)
        self.summary = QLabel(self._summary(figure), objectName="kpi_drilldown_summary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(objectName="kpi_drilldown_tabs")
        self.models: dict[Side, RecordModel] = {}
        self.views = {}
        for side, title in ((Side.NUMERATOR, words.numerator_name(d)), (Side.DENOMINATOR, words.denominator_name(d))):
            self._add_tab(side, title)
        self.open_button = action_button(
            QCoreApplication.translate("KpiDashboard", "Open record"), "kpi_open_record", self.open_current
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.tabs.currentChanged.connect(lambda _i: self._enable_open())
        self._enable_open()
        self.opened = None
        self.load()

    def _summary(self, figure: KpiFigure | None) -> str:
        if figure is None:
            return words.kpi_name(self.code)
        return QCoreApplication.translate(
            "KpiDashboard", "{code} {name}: {numerator} / {denominator} = {value} ({target})"
        ).format(
            code=self.code,
            name=words.kpi_name(self.code),
            numerator=figure.numerator,
            denominator=figure.denominator,
            value=words.percent(figure.value_bp),
            target=words.target_text(BY_CODE[self.code], figure.target.target_bp),
        )

    def _add_tab(self, side: Side, title: str) -> None:
        model = RecordModel(self)
        view = read_only_table(f"kpi_records_{side.value}", model)
        view.activated.connect(lambda _i: self.open_current())  # double click or Enter
        view.selectionModel().selectionChanged.connect(lambda *_: self._enable_open())
        watch_table(view, QCoreApplication.translate("KpiDashboard", "No records counted here in this period."))
        self.models[side], self.views[side] = model, view
        self.tabs.addTab(view, title)

    def load(self) -> None:
        ctx, code, period, by, group = self.ctx, self.code, self.period, self.by, self.group

        def work():
            from app.kpis.api import kpi_records
            from app.kpis.record_links import get_consultant_names

            records = {
                side: kpi_records(ctx.uow(), actor=ctx.actor, code=code, period=period, side=side, by=by, group=group)
                for side in (Side.NUMERATOR, Side.DENOMINATOR)
            }
            ids = {r.consultant_id for rows in records.values() for r in rows if r.consultant_id is not None}
            return records, get_consultant_names(ctx.uow(), actor=ctx.actor, staff_ids=ids)

        run_op(self, work, lambda result: self._loaded(*result))

    def _loaded(self, records: dict[Side, list[RecordRef]], names: dict[int, str]) -> None:
        for side, model in self.models.items():
            model.names = names
            model.set_rows(records.get(side, []))
            self.views[side].resizeColumnsToContents()
        for i, side in enumerate(self.models):
            self.tabs.setTabText(i, f"{self.tabs.tabText(i).split(' (')[0]} ({len(records.get(side, []))})")

    def current_record(self) -> RecordRef | None:
        side = list(self.models)[self.tabs.currentIndex()]
        index = self.views[side].currentIndex()
        return self.models[side].item(index) if index.isValid() else None

    def _enable_open(self) -> None:
        self.open_button.setEnabled(self.current_record() is not None)

    def open_current(self) -> None:
        record = self.current_record()
        if record is None:
            return
        # Owned by the dashboard, not by this dialog: the record stays open when this closes.
        self.opened = open_record(self.ctx, self.parentWidget() or self, record)
        if isinstance(self.opened, QWidget) and not isinstance(self.opened, QDialog):
            self.accept()  # the main window switched to the record's page: out of its way
        elif self.opened is None and record.kind != RecordKind.CONTRACT:  # a contract's deal opens when read
            QMessageBox.information(
                self,
                self.windowTitle(),
                QCoreApplication.translate("KpiDashboard", "{record} {reference} has no page open to you here.").format(
                    record=words.tr(KIND_WORDS.get(RecordKind(record.kind), "")), reference=record.reference
                ),
            )


def open_drilldown(ctx, parent, code: KpiCode, period: Period, **kw) -> DrilldownDialog:
    """Open the drill-down beside the dashboard (not modal: the page stays usable)."""
    dialog = DrilldownDialog(ctx, code, period, parent=parent, **kw)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
