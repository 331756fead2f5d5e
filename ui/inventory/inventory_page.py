"""Inventory page (库存车辆): search, filter and sort the vehicle list; add, edit, change status,
import and export.

Every service call runs through ui.shell.workers.run_op, so the UI thread never waits on SQL or on a
spreadsheet. Buttons the user's roles may not use are hidden (the services refuse anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from app.core.dto import Changes, VehicleDTO
from app.inventory.vehicle_page import VEHICLE_PAGE, list_vehicle_page
from app.inventory.vehicles import VehicleQuery
from db.models import VehicleStatus
from ui.shell import settings as opts
from ui.shell.context import AppContext
from ui.inventory.status_dialog import StatusDialog
from ui.inventory.vehicle_dialog import VehicleDialog
from ui.shell.errors import error_text, show_error
from ui.shell.labels import status_label
from ui.inventory.vehicle_table_model import DTO_ROLE, SORT_ROLE, Column, VehiclePageModel
from ui.inventory.import_export import ImportExportBar
from ui.shell.workers import run_op
from ui.widgets.table_fit import FIT_ROWS
from ui.widgets.buttons import action_button
from ui.widgets.badge_delegate import badge_column

SEARCH_DELAY_MS = 250  # long enough to skip a query per keystroke, short enough to feel live


class InventoryPage(QWidget):
    page_size = VEHICLE_PAGE  # cars read at a time (issue #17); tests make it small

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inventory_page")
        self.ctx = ctx
        self._generation = 0  # newest list request; older answers are dropped
        self._dirty = True  # load on first show, and on show after changes while hidden
        self._select_after_load: int | None = None
        toolbar = self._toolbar(ctx.actor.roles)
        self.table = self._vehicle_table()
        # activated = double-click or Enter on a row (platform conventions).
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.io = ImportExportBar(ctx, self.query, self)
        self.io.busy_changed.connect(self._update_buttons)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.io)

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        ctx.data_did_change.connect(self._on_data_changed)
        self._update_buttons()

    def _toolbar(self, roles) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search VIN (last digits), brand, model or colour"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.setMaximumWidth(480)  # a wide empty box looks broken when few buttons show
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for s in VehicleStatus:
            self.status_filter.addItem(status_label(s.value), s.value)

        self.add_button = self._button(
            "add_button", self.tr("Add…"), can(roles, Action.EDIT_VEHICLES), self.add_vehicle
        )
        self.edit_button = self._button(
            "edit_button", self.tr("Edit…"), can(roles, Action.EDIT_VEHICLES), self.edit_selected
        )
        self.status_button = self._button(
            "status_button",
            self.tr("Change status…"),
            can(roles, Action.CHANGE_VEHICLE_STATUS),
            self.change_status_of_selected,
        )
        self.import_button = self._button(
            "import_button", self.tr("Import…"), can(roles, Action.IMPORT_VEHICLES), self.import_file
        )
        self.export_button = self._button(
            "export_button", self.tr("Export…"), can(roles, Action.EXPORT_VEHICLES), self.export_file
        )

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 2)
        toolbar.addWidget(self.status_filter)
        toolbar.addStretch(1)
        for b in (self.add_button, self.edit_button, self.status_button, self.import_button, self.export_button):
            toolbar.addWidget(b)
        return toolbar

    def _vehicle_table(self) -> QTableView:
        self.model = VehiclePageModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        # Fit columns to the first screenful, not to 1000 rows (issue #10: years of data).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setObjectName("vehicle_table")
        self.table.setModel(self.proxy)
        badge_column(self.table, Column.STATUS, lambda v: v.status)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order first
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(lambda *_: self._read_all_if_sorted())
        self._header_restored = self._restore_header()
        return self.table

    def _button(self, name: str, text: str, allowed: bool, slot) -> QPushButton:
        return action_button(text, name, slot, visible=allowed)

    # --- loading -------------------------------------------------------------------------
    def query(self) -> VehicleQuery:
        return VehicleQuery(text=self.search.text().strip(), status=self.status_filter.currentData())

    def refresh(self) -> None:
        self._search_timer.stop()
        self._dirty = False
        self._generation += 1
        generation, query, size = self._generation, self.query(), self.page_size
        actor, uow = self.ctx.actor, self.ctx.uow

        def fetch(after):
            return list_vehicle_page(uow(), actor=actor, query=query, after=after, size=size)

        run_op(self, lambda: fetch(None), lambda page: self._loaded(generation, page, fetch), self._load_failed)

    def _loaded(self, generation: int, page, fetch) -> None:
        if generation != self._generation:
            return  # an older search finished after a newer one: ignore it
        selected = self.selected_vehicle()
        self.model.set_page(page, fetch)
        self._read_all_if_sorted()
        if not self._header_restored and page.rows:
            self.table.resizeColumnsToContents()
            self._header_restored = True
        keep = self._select_after_load or (selected.id if selected else None)
        self._select_after_load = None
        if keep is not None:
            self.select_vehicle(keep)
        self._update_count()
        self._update_buttons()

    def _read_all_if_sorted(self) -> None:
        # The service reads in brand/model/VIN order a page at a time; sorted by another
        # column, the order must cover every match, so the rest is read first (at most the
        # store's stock, 3,000 cars on dataset S).
        if self.table.horizontalHeader().sortIndicatorSection() >= 0:
            while self.model.canFetchMore():
                self.model.fetchMore()

    def _load_failed(self, exc: BaseException) -> None:
        self.count_label.setText(error_text(exc))
        show_error(self, exc)

    def _update_count(self) -> None:
        n = self.model.total or 0  # every match, not only the rows read so far
        if n == 0 and (self.query().text or self.query().status):
            self.count_label.setText(self.tr("No vehicle matches the search."))
        else:
            # Not "%n vehicle(s)": English plurals would need an _en.qm the app does not ship.
            self.count_label.setText(self.tr("Vehicles: {count}").format(count=n))

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if not changes.vehicles:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def hideEvent(self, event) -> None:
        opts.set(opts.INVENTORY_HEADER, self.table.horizontalHeader().saveState().data())
        super().hideEvent(event)

    def _restore_header(self) -> bool:
        state = opts.get(opts.INVENTORY_HEADER)
        header = self.table.horizontalHeader()
        if not state or not header.restoreState(QByteArray(state)) or header.count() != len(Column):
            return False
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return True

    # --- selection -----------------------------------------------------------------------
    def selected_vehicle(self) -> VehicleDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(DTO_ROLE) if rows else None

    def select_vehicle(self, vehicle_id: int) -> None:
        row = self.model.find_row(vehicle_id)  # a car further down is read up to it
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def _update_buttons(self, *_args) -> None:
        has = self.selected_vehicle() is not None
        self.edit_button.setEnabled(has)
        self.status_button.setEnabled(has)
        self.import_button.setEnabled(not self.io.busy_flag)
        self.export_button.setEnabled(not self.io.busy_flag)

    # --- dialogs -------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # window-modal but not exec(): the event loop (and tests) keep running

    def add_vehicle(self) -> VehicleDialog | None:
        if not can(self.ctx.actor.roles, Action.EDIT_VEHICLES):
            return None
        dialog = VehicleDialog(self.ctx, None, self)
        dialog.vehicle_saved.connect(lambda v: self._after_save(v))
        self._open(dialog)
        return dialog

    def edit_selected(self) -> VehicleDialog | None:
        vehicle = self.selected_vehicle()
        if vehicle is None or not can(self.ctx.actor.roles, Action.EDIT_VEHICLES):
            return None
        dialog = VehicleDialog(self.ctx, vehicle, self)
        dialog.vehicle_saved.connect(lambda v: self._after_save(v))
        self._open(dialog)
        return dialog

    def change_status_of_selected(self) -> StatusDialog | None:
        vehicle = self.selected_vehicle()
        if vehicle is None or not can(self.ctx.actor.roles, Action.CHANGE_VEHICLE_STATUS):
            return None
        dialog = StatusDialog(self.ctx, vehicle, self)
        dialog.status_changed.connect(lambda v: self._after_save(v))
        self._open(dialog)
        return dialog

    def _after_save(self, vehicle: VehicleDTO) -> None:
        # The list reloads through data_did_change; select the saved car once it is back.
        self._select_after_load = vehicle.id

    # --- import and export (the work and its busy bar live in ImportExportBar) ----------
    def import_file(self, path: str | None = None) -> None:
        if can(self.ctx.actor.roles, Action.IMPORT_VEHICLES):
            self.io.import_file(path)

    def export_file(self, path: str | None = None) -> None:
        if can(self.ctx.actor.roles, Action.EXPORT_VEHICLES):
            self.io.export_file(path)
