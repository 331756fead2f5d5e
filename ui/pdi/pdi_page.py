"""PDI page (新车售前检查, issue #7): the delivery queue and a technician's inspection.

The queue lists the cars sold or reserved for a customer with where their PDI stands:
awaiting, in progress, failed, passed (report still to sign), passed and signed; a car whose
last pass was on a replaced checklist is awaiting again (T/CSCA 120031 4.4.1.2). A certified
technician starts or continues the inspection of the selected car (4.4.1.3); everyone who
may see the queue can open an inspection and its signed report. Administrators manage the
checklists on the second tab (ui/pdi/templates_tab.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from app.core.dto import Changes

from ui.shell.errors import show_error
from ui.shell.labels import label
from ui.pdi.labels import QUEUE_STATE
from ui.pdi.models import PdiQueueModel, QueueCol
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.buttons import action_button
from ui.widgets.badge_delegate import badge_column


class _StateFilter(QSortFilterProxyModel):
    """Shows the rows of one queue state ("" = all)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.state = ""

    def set_state(self, state: str) -> None:
        self.state = state
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 - Qt override
        if not self.state:
            return True
        row = self.sourceModel().row_at(source_row)
        return row is not None and row.state == self.state


class PdiPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.inspection_dialog = None

        self.summary = QLabel(objectName="pdi_summary")
        self.state_filter = QComboBox(objectName="pdi_state_filter")
        self.state_filter.addItem(self.tr("All cars"), "")
        for key in QUEUE_STATE:
            self.state_filter.addItem(label(QUEUE_STATE, key), key)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_state(self.state_filter.currentData()))
        self.delivered = QCheckBox(self.tr("Show delivered"), objectName="pdi_show_delivered")
        self.delivered.toggled.connect(lambda _c: self.refresh())
        self.start_button = action_button(self.tr("Start inspection"), "start_inspection", self.start_selected)
        self.start_button.setVisible(can(roles, Action.RECORD_PDI))
        self.open_button = action_button(self.tr("Open inspection"), "open_inspection", self.open_selected)
        self.refresh_button = action_button(self.tr("Refresh"), "refresh_pdi", self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for w in (self.state_filter, self.delivered, self.start_button, self.open_button, self.refresh_button):
            top.addWidget(w)

        self.model = PdiQueueModel(self)
        self.proxy = _StateFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="pdi_queue")
        self.table.setModel(self.proxy)
        badge_column(self.table, QueueCol.PDI, lambda r: r.state)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.open_or_start())

        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.addLayout(top)
        queue_layout.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.templates_tab = None
        if can(roles, Action.MANAGE_PDI_TEMPLATES):
            from ui.pdi.templates_tab import PdiTemplatesTab

            self.tabs = QTabWidget(objectName="pdi_tabs")
            self.tabs.addTab(queue, self.tr("Delivery queue"))
            self.templates_tab = PdiTemplatesTab(ctx, self)
            self.tabs.addTab(self.templates_tab, self.tr("Checklists"))
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(queue)
        ctx.data_did_change.connect(self._on_data_changed)
        self._update_buttons()
        self.refresh()

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, delivered = self.ctx, self.delivered.isChecked()

        def work():
            from app.pdi.queries import queue

            return queue(ctx.uow(), actor=ctx.actor, include_delivered=delivered)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        selected = self.selected_row()
        self.model.set_rows(rows)
        counts = {key: sum(1 for r in rows if r.state == key) for key in QUEUE_STATE}
        self.summary.setText(
            self.tr(
                "Awaiting: {awaiting} · in progress: {in_progress} · failed: {failed} · "
                "passed: {passed} · signed: {reported}"
            ).format(**counts)
        )
        if selected is not None:
            self.select_vehicle(selected.id)
        self._update_buttons()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if not (changes.pdi or changes.vehicles):
            return
        self.refresh_when_visible()

    # -- selection -------------------------------------------------------------------------------
    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select_vehicle(self, vehicle_id: int) -> bool:
        row = self.model.row_of(vehicle_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        r = self.selected_row()
        # A car awaiting PDI, or one whose open inspection runs on a replaced checklist.
        startable = (
            r is not None
            and r.vehicle_status != "delivered"
            and (r.state == "awaiting" or (r.outdated and r.state in ("in_progress", "failed")))
        )
        self.start_button.setEnabled(startable)
        self.open_button.setEnabled(r is not None and r.inspection_id is not None)

    # -- actions ---------------------------------------------------------------------------------
    def open_or_start(self) -> None:
        r = self.selected_row()
        if r is None:
            return
        if r.state == "awaiting" and can(self.ctx.actor.roles, Action.RECORD_PDI):
            self.start_selected()
        elif r.inspection_id is not None:
            self.open_selected()

    def start_selected(self) -> None:
        r = self.selected_row()
        if r is None:
            return
        ctx, vehicle_id = self.ctx, r.id

        def work():
            from app.pdi.inspections import start_inspection

            return start_inspection(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

        Op(ctx, self, work).busy(self.start_button).on_success(self.show_inspection).run()

    def open_selected(self) -> None:
        r = self.selected_row()
        if r is None or r.inspection_id is None:
            return
        ctx, inspection_id = self.ctx, r.inspection_id

        def work():
            from app.pdi.queries import get_inspection

            return get_inspection(ctx.uow(), actor=ctx.actor, inspection_id=inspection_id)

        run_op(self, work, self.show_inspection, lambda exc: show_error(self, exc))

    def show_inspection(self, inspection):
        from ui.pdi.inspection_dialog import PdiInspectionDialog

        dialog = PdiInspectionDialog(self.ctx, inspection, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: self.refresh())
        self.inspection_dialog = dialog
        dialog.open()
        return dialog
