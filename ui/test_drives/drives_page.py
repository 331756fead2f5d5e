"""Test drives page (试乘试驾, issue #6): the day's drives per fleet car, routes and fleet for
managers, and the guided drive from booking to return (ui/test_drives/drive_dialog.py).

A warning line on top says when fewer than two routes are active (T/CSCA 120031 4.2.4.3) and
which fleet papers expire within 30 days or have expired (4.2.4.8); overdue drives are red.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_today
from app.core.errors import FieldError
from app.core.permissions import Action, can
from ui.shell.errors import field_error_text
from ui.shell.labels import label
from ui.test_drives.labels import FLEET_DATE
from ui.test_drives.models import CalendarModel, DriveTableModel, FleetTableModel, RouteTableModel
from ui.widgets.field_error import ERROR_STYLE
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.badge_delegate import badge_column
from ui.widgets.store_dates import store_qdate


def _table(name: str, model) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _selected(table: QTableView, model):
    rows = table.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None


class TestDrivesPage(QWidget):
    __test__ = False  # not a pytest class

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.can_view = can(roles, Action.VIEW_TEST_DRIVES)
        self.can_book = can(roles, Action.BOOK_TEST_DRIVES)
        self.can_routes = can(roles, Action.MANAGE_TEST_DRIVE_ROUTES)
        self.can_fleet = can(roles, Action.MANAGE_TEST_DRIVE_FLEET)
        self.warning = QLabel()
        self.warning.setObjectName("setup_warning")
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("test_drive_tabs")
        self.drive_model = DriveTableModel(self)
        self.calendar_model = CalendarModel(self)
        self.route_model = RouteTableModel(self)
        self.fleet_model = FleetTableModel(self)
        if self.can_view:
            self.tabs.addTab(self._drives_tab(), self.tr("Drives"))
        if self.can_routes or self.can_view:
            self.tabs.addTab(self._routes_tab(), self.tr("Routes"))
        if self.can_fleet or self.can_view:
            self.tabs.addTab(self._fleet_tab(), self.tr("Fleet"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        ctx.data_did_change.connect(self._on_change)
        # Overdue drives (4.2.4.7) turn red without anyone touching the page.
        self.timer = QTimer(self, interval=60_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # --- tabs -------------------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot, enabled: bool = True) -> QPushButton:
        return action_button(text, name, slot, visible=enabled)

    def _drives_tab(self) -> QWidget:
        tab = QWidget()
        self.day = QDateEdit(store_qdate())
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = store_today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.drives = _table("drives_table", self.drive_model)
        badge_column(self.drives, DriveTableModel.Col.STATUS, lambda d: d.status)
        self.drives.doubleClicked.connect(lambda _i: self.open_selected())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self._button(self.tr("New test drive…"), "new_drive", self.new_drive, self.can_book))
        top.addWidget(self._button(self.tr("Open…"), "open_drive", self.open_selected))
        top.addWidget(self._button(self.tr("Cancel booking…"), "cancel_drive", self.cancel_selected, self.can_book))
        # The booking calendar: fleet cars by half-hour slot; double-click a free slot to book it.
        self.calendar = QTableView()
        self.calendar.setObjectName("calendar_table")
        self.calendar.setModel(self.calendar_model)
        self.calendar.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar.horizontalHeader().setMinimumSectionSize(34)
        self.calendar.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.calendar.doubleClicked.connect(self.calendar_clicked)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.calendar)
        splitter.addWidget(self.drives)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return tab

    def _routes_tab(self) -> QWidget:
        tab = QWidget()
        self.routes = _table("routes_table", self.route_model)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self._button(self.tr("Add route…"), "add_route", self.add_route, self.can_routes))
        top.addWidget(self._button(self.tr("Edit route…"), "edit_route", self.edit_route, self.can_routes))
        top.addWidget(self._button(self.tr("Print public notice…"), "route_notice", self.route_notice))
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.routes, 1)
        return tab

    def _fleet_tab(self) -> QWidget:
        tab = QWidget()
        self.fleet = _table("fleet_table", self.fleet_model)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self._button(self.tr("Add car…"), "add_car", self.add_car, self.can_fleet))
        top.addWidget(self._button(self.tr("Edit papers…"), "edit_car", self.edit_car, self.can_fleet))
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.fleet, 1)
        return tab

    # --- loading ----------------------------------------------------------------------------------
    def selected_day(self) -> dt.date:
        q = self.day.date()
        return dt.date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        ctx, day = self.ctx, self.selected_day() if self.can_view else None
        view = self.can_view

        def work():
            from app.test_drives.fleet_setup import list_fleet, list_routes, setup_warnings
            from app.test_drives.booking import list_test_drives

            drives = list_test_drives(ctx.uow(), actor=ctx.actor, day=day) if view else []
            return (
                drives,
                list_routes(ctx.uow(), actor=ctx.actor),
                list_fleet(ctx.uow(), actor=ctx.actor),
                setup_warnings(ctx.uow(), actor=ctx.actor),
            )

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        drives, routes, fleet, warnings = result
        self.drive_model.set_rows(drives)
        if self.can_view:
            self.calendar_model.set_day(self.selected_day(), fleet, drives)
        self.route_model.set_rows(routes)
        self.fleet_model.set_rows(fleet)
        lines = []
        if warnings.too_few_routes:
            lines.append(
                self.tr(
                    "Only {n} active test-drive route(s): at least two are recommended (T/CSCA 120031 4.2.4.3)."
                ).format(n=warnings.active_routes)
            )
        for plate, field, day in warnings.expiring:
            if field == "maintenance_due":  # 4.2.4.8: a service falls due, nothing expires
                text = self.tr("{plate}: maintenance is due on {date}.")
            else:
                text = self.tr("{plate}: {what} expires on {date}.")
            lines.append(text.format(plate=plate, what=label(FLEET_DATE, field), date=day.isoformat()))
        for plate, problems in warnings.unfit:
            why = " ".join(field_error_text(FieldError("car", p)) for p in problems)
            lines.append(self.tr("{plate} cannot be booked: {why}").format(plate=plate, why=why))
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    def _on_change(self, changes, initiator) -> None:
        if getattr(changes, "test_drives", False) or getattr(changes, "vehicles", False):
            self.refresh()

    # --- drives -----------------------------------------------------------------------------------
    def new_drive(self, visit_id: int | None = None, customer_name: str = ""):
        from ui.test_drives.drive_dialog import TestDriveDialog

        dialog = TestDriveDialog(self.ctx, visit_id=visit_id, customer_name=customer_name, parent=self)
        dialog.open()
        return dialog

    def calendar_clicked(self, index):
        """A booked slot opens its drive; a free one starts a booking of that car and time."""
        from ui.test_drives.drive_dialog import TestDriveDialog

        d = self.calendar_model.drive_at(index.row(), index.column())
        if d is not None:
            dialog = TestDriveDialog(self.ctx, d.id, parent=self)
        elif self.can_book:
            dialog = TestDriveDialog(
                self.ctx,
                parent=self,
                car_id=self.calendar_model.car_at(index.row()).id,
                planned_start=self.calendar_model.slot_start(index.column()),
            )
        else:
            return None
        dialog.open()
        return dialog

    def open_selected(self):
        from ui.test_drives.drive_dialog import TestDriveDialog

        d = _selected(self.drives, self.drive_model)
        if d is None:
            return None
        dialog = TestDriveDialog(self.ctx, d.id, parent=self)
        dialog.go("return" if d.status == "out" else "start" if d.agreement_number else "qualification")
        dialog.open()
        return dialog

    def cancel_selected(self):
        from ui.test_drives.cancel_dialog import CancelBookingDialog

        d = _selected(self.drives, self.drive_model)
        if d is None:
            return None
        dialog = CancelBookingDialog(self.ctx, d, self)
        dialog.saved.connect(lambda _d: self.refresh())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- routes and fleet -------------------------------------------------------------------------
    def add_route(self):
        from ui.test_drives.setup_dialogs import RouteDialog

        dialog = RouteDialog(self.ctx, None, self)
        dialog.open()
        return dialog

    def edit_route(self):
        from ui.test_drives.setup_dialogs import RouteDialog

        route = _selected(self.routes, self.route_model)
        if route is None:
            return None
        dialog = RouteDialog(self.ctx, route, self)
        dialog.open()
        return dialog

    def route_notice(self) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        ctx = self.ctx

        def work():
            from app.test_drives.fleet_setup import render_route_notice

            return render_route_notice(ctx.uow(), actor=ctx.actor)

        def show(pdf: bytes) -> None:
            dialog = PdfPreviewDialog(pdf, self.tr("Test-drive routes"), self)
            dialog.setObjectName("route_notice_preview")
            dialog.open()

        run_op(self, work, show)

    def add_car(self) -> None:
        from ui.test_drives.setup_dialogs import FleetCarDialog

        ctx = self.ctx

        def work():
            from app.test_drives.fleet_setup import fleet_candidates

            return fleet_candidates(ctx.uow(), actor=ctx.actor)

        def show(candidates) -> None:
            self.car_dialog = FleetCarDialog(ctx, None, candidates, self)
            self.car_dialog.open()

        run_op(self, work, show)

    def edit_car(self):
        from ui.test_drives.setup_dialogs import FleetCarDialog

        car = _selected(self.fleet, self.fleet_model)
        if car is None:
            return None
        self.car_dialog = FleetCarDialog(self.ctx, car, (), self)
        self.car_dialog.open()
        return self.car_dialog
