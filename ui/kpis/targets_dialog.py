"""The store's KPI targets (issue #20.1; T/CSCA 120031 5.2.1 a)-h)), for sales managers.

The eight KPIs with the target in force today, 5.2.1's default, and who set the store's own and
why; under them, the form that sets a new one from a day on (today at the earliest: a past
period keeps its verdict) and the ledger's history. Saving goes through ServiceFormDialog (the
operation path); the dialog stays open afterwards and shows the new state, since a manager
often sets several targets at once.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.kpis.definitions import BY_CODE, KPIS, Direction, KpiCode
from app.kpis.targets_service import KpiTargetsDTO, TargetVersion, list_targets, set_target
from ui.shell.i18n import current_language
from ui.shell.labels import local_time
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.shell.workers import run_op
from ui.widgets.field_error import FieldErrors
from ui.widgets.store_dates import store_qdate
from ui.widgets.table_model import DtoTableModel


def kpi_name(code: KpiCode) -> str:
    d = BY_CODE[code]
    return f"{d.letter}) {d.name_zh if current_language() == 'zh_CN' else d.name_en} ({d.code.value})"


def percent(code: KpiCode, bp: int) -> str:
    """9800 -> '≥ 98.00 %'; 3.15 (lower is better) '≤ 0.70 %'."""
    sign = "≤" if BY_CODE[code].direction is Direction.AT_MOST else "≥"
    return f"{sign} {bp / 100:.2f} %"


class _TextRows(DtoTableModel[list[str]]):
    """Rows of ready-made cell texts under fixed headers (the house rule: lists are models)."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.COLUMN_COUNT = len(headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.item(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def _table(name: str, headers: list[str]) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(_TextRows(headers, table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableView, rows: list[list[str]]) -> None:
    model = table.model()
    assert isinstance(model, _TextRows)
    model.set_rows(rows)


class TargetsDialog(ServiceFormDialog):
    """Targets in force, their defaults and history, and the form for a new target."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        body = QWidget()
        std = QDialogButtonBox.StandardButton
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Save | std.Close)
        self.setObjectName("kpi_targets_dialog")
        self.setWindowTitle(self.tr("KPI targets"))
        self.listing: KpiTargetsDTO | None = None
        self.request_key = uuid.uuid4().hex
        layout = QVBoxLayout(body)
        hint = QLabel(
            self.tr(
                "5.2.1 sets the minimum for each KPI (for the 12345 complaint rate, the maximum). A new target "
                "applies from its day on: a past period keeps the target it was judged against."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.current = _table(
            "kpi_targets_table",
            [self.tr("KPI"), self.tr("Target"), self.tr("5.2.1 default"), self.tr("From"), self.tr("Set by"),
             self.tr("Reason")],
        )  # fmt: skip
        layout.addWidget(self.current, 2)
        layout.addWidget(self._build_form())
        layout.addWidget(QLabel(self.tr("History")))
        self.history = _table(
            "kpi_targets_history",
            [self.tr("KPI"), self.tr("Target"), self.tr("From"), self.tr("State"), self.tr("Set by"),
             self.tr("Set at"), self.tr("Reason")],
        )  # fmt: skip
        layout.addWidget(self.history, 1)
        self.save_button.setText(self.tr("Set target"))
        self.save_button.setObjectName("set_kpi_target")
        self.resize(900, 640)
        ctx.data_did_change.connect(self._on_change)
        self.refresh()

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("New target"))
        form, e = QFormLayout(box), self.errors
        self.code = QComboBox(objectName="kpi_target_code")
        for d in KPIS:
            self.code.addItem(kpi_name(d.code), d.code.value)
        self.target = QDoubleSpinBox(objectName="kpi_target_percent")
        self.target.setDecimals(2)
        self.target.setRange(0.0, 100.0)
        self.target.setSingleStep(0.5)
        self.target.setSuffix(" %")
        self.effective = QDateEdit(store_qdate(), objectName="kpi_target_effective_from")
        self.effective.setCalendarPopup(True)
        self.effective.setMinimumDate(store_qdate())  # the service refuses the past as well
        self.reason = QLineEdit(objectName="kpi_target_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("e.g. the brand's dealer standard asks for 99 %"))
        form.addRow(self.tr("KPI"), e.wrap("code", self.code))
        form.addRow(self.tr("Target"), e.wrap("target_bp", self.target))
        form.addRow(self.tr("In effect from"), e.wrap("effective_from", self.effective))
        form.addRow(self.tr("Reason"), e.wrap("reason", self.reason))
        self.code.currentIndexChanged.connect(lambda _i: self._start_from_current())
        return box

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: list_targets(ctx.uow(), actor=ctx.actor), self._loaded)

    def _on_change(self, changes, initiator) -> None:
        # Another window set a target (this one reloads after its own save).
        if changes.kpis and initiator is not self:
            self.refresh()

    def _loaded(self, listing: KpiTargetsDTO) -> None:
        self.listing = listing
        _fill(self.current, [self._current_row(line.code, line.default_bp, line.in_force) for line in listing.lines])
        _fill(self.history, [self._history_row(v) for v in listing.history])
        if "target_bp" not in self.errors.touched():  # never overwrite what the user typed
            self._start_from_current()

    def _current_row(self, code: KpiCode, default_bp: int, v: TargetVersion | None) -> list[str]:
        if v is None:
            return [kpi_name(code), percent(code, default_bp), percent(code, default_bp), self.tr("5.2.1"), "", ""]
        return [kpi_name(code), percent(code, v.target_bp), percent(code, default_bp), v.effective_from.isoformat(),
                v.set_by, v.reason]  # fmt: skip

    def _history_row(self, v: TargetVersion) -> list[str]:
        states = {
            "scheduled": self.tr("scheduled"),
            "in_force": self.tr("in force"),
            "superseded": self.tr("superseded"),
        }
        return [kpi_name(v.code), percent(v.code, v.target_bp), v.effective_from.isoformat(), states[v.state],
                v.set_by, local_time(v.set_at), v.reason]  # fmt: skip

    def _start_from_current(self) -> None:
        """The target field starts at the chosen KPI's target in force."""
        if self.listing is None:
            return
        line = next(x for x in self.listing.lines if x.code.value == self.code.currentData())
        self.target.setValue(line.target_bp / 100)

    # --- saving ----------------------------------------------------------------------------
    def service_call(self) -> ServiceCall | None:
        ctx, key = self.ctx, self.request_key
        code, bp = self.code.currentData(), round(self.target.value() * 100)
        day, reason = self.effective.date().toPython(), self.reason.text()
        return lambda: set_target(ctx.uow(), actor=ctx.actor, code=code, target_bp=bp, effective_from=day,
                                  reason=reason, request_key=key)  # fmt: skip

    def done_saving(self, result) -> None:
        """Stay open on the new state, ready for the next target (with a new request key)."""
        self.saved.emit(result)
        self.request_key = uuid.uuid4().hex
        self.reason.clear()
        self.refresh()
