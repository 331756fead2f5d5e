"""Live queue board (展厅动态, issue #4 point 4): today's visitors waiting, with a consultant and
finished, with waiting time and visit duration. The times tick every 30 s from the loaded
timestamps (no SQL per tick); the board reloads when the change feed reports a change."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import utcnow
from app.core.permissions import Action, can
from db.models import Role
from ui.reception.models import VisitTableModel
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button

TICK_MS = 30_000


def _fit_columns(view: QTableView) -> None:
    """Short columns fit their contents; the visitor and the models share what is left and
    elide, so a long name never pushes the consultant and the waiting time off a 1366-wide
    screen (issue #17.3). The whole text is in the cell's tooltip."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in (VisitTableModel.Col.VISITOR, VisitTableModel.Col.MODELS):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)


class MyVisitors(QSortFilterProxyModel):
    """One section of the board, or only the visitors assigned to one consultant (issue #17.7:
    a consultant's queue opens on their own visitors)."""

    def __init__(self, user_id: int, parent=None) -> None:
        super().__init__(parent)
        self.user_id = user_id
        self.only_mine = False

    def set_only_mine(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_mine = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt override
        if not self.only_mine:
            return True
        visit = self.sourceModel().row_at(source_row)
        return visit is not None and visit.consultant_id == self.user_id


class QueuePage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.board = None
        self.models: dict[str, VisitTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.shown: dict[str, MyVisitors] = {}  # what each view shows of its model
        splitter = self._tables()
        self._buttons(roles)
        self.summary = QLabel("")
        self.summary.setObjectName("queue_summary")
        self.only_mine = QCheckBox(self.tr("&My visitors only"))
        self.only_mine.setObjectName("my_visitors")
        self.only_mine.toggled.connect(self._filter_mine)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_mine)
        for b in (
            self.start_button,
            self.test_drive_button,
            self.deal_button,
            self.end_button,
            self.left_button,
            self.reassign_button,
        ):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        ctx.data_did_change.connect(self._on_change)
        # A consultant sees their own visitors first; a manager or the desk sees everyone.
        self.only_mine.setVisible(can(roles, Action.SERVE_VISITORS))
        self.only_mine.setChecked(ctx.actor.has(Role.CONSULTANT) and not ctx.actor.has(Role.SALES_MANAGER))
        self._update_buttons()
        self.refresh()

    def _tables(self) -> QSplitter:
        """The three lists of today's visits: waiting, with a consultant, finished."""
        titles = {
            "waiting": self.tr("Waiting"),
            "with_consultant": self.tr("With consultant"),
            "finished": self.tr("Finished today"),
        }
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.boxes: dict[str, QGroupBox] = {}
        for key, title in titles.items():
            model = VisitTableModel(self)
            shown = MyVisitors(self.ctx.actor.user_id, self)
            shown.setSourceModel(model)
            view = QTableView()
            view.setObjectName(f"queue_{key}")
            view.setModel(shown)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
            view.verticalHeader().setVisible(False)
            _fit_columns(view)
            view.selectionModel().selectionChanged.connect(lambda *_a, k=key: self._selected_in(k))
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(view)
            splitter.addWidget(box)
            self.models[key], self.views[key], self.boxes[key], self.shown[key] = model, view, box, shown
        self._titles = titles

        return splitter

    def _buttons(self, roles) -> None:
        """What the selected visit can go on to, shown to those allowed to do it."""
        self.start_button = action_button(self.tr("Start (with consultant)"), "start_visit", self.start_selected)
        self.end_button = action_button(self.tr("End visit…"), "end_visit", self.end_selected)
        self.left_button = action_button(self.tr("Visitor left"), "visitor_left", self.left_selected)
        self.reassign_button = action_button(self.tr("Reassign…"), "reassign_visit", self.reassign_selected)
        # Issue #6: the consultant takes the visitor on a test drive (试乘试驾, 4.2.4).
        self.test_drive_button = action_button(self.tr("Test drive…"), "test_drive", self.test_drive_selected)
        self.test_drive_button.setVisible(
            can(roles, Action.BOOK_TEST_DRIVES) and can(roles, Action.CONDUCT_TEST_DRIVES)
        )
        # Issue #18.7: the visitor being served goes on to a deal (quote, contract, ...).
        self.deal_button = action_button(self.tr("Deal…"), "visit_deal", self.deal_selected)
        self.deal_button.setVisible(can(roles, Action.SELL))
        serve = can(roles, Action.SERVE_VISITORS)
        self.start_button.setVisible(serve)
        self.end_button.setVisible(serve)
        self.left_button.setVisible(serve or can(roles, Action.CHECK_IN_VISITORS))
        self.reassign_button.setVisible(can(roles, Action.OVERRIDE_ASSIGNMENT))

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.reception.checkin import queue_board

            return queue_board(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, board) -> None:
        selected = self.selected_visit()
        self.board = board
        for key in self.models:
            self.models[key].set_rows(list(getattr(board, key)))
        self._titles_with_counts()
        free = sum(1 for d in board.duty if d.state == "available")
        self.summary.setText(
            self.tr("Today: {visits} visitors · {free} consultants free").format(
                visits=len(board.waiting) + len(board.with_consultant) + len(board.finished), free=free
            )
        )
        if selected is not None:
            self.select_visit(selected.id)
        self.tick()
        self._update_buttons()

    def _titles_with_counts(self) -> None:
        for key, shown in self.shown.items():
            self.boxes[key].setTitle(f"{self._titles[key]} ({shown.rowCount()})")

    def _filter_mine(self, on: bool) -> None:
        selected = self.selected_visit()
        for shown in self.shown.values():
            shown.set_only_mine(on)
        self._titles_with_counts()
        if selected is not None:
            self.select_visit(selected.id)
        self._update_buttons()

    def tick(self) -> None:
        now = utcnow()
        for model in self.models.values():
            model.tick(now)

    def _on_change(self, changes, _initiator) -> None:
        if getattr(changes, "reception", False):
            self.refresh()

    # --- selection -------------------------------------------------------------------------
    def _selected_in(self, key: str) -> None:
        if self.views[key].selectionModel().hasSelection():
            for other, view in self.views.items():
                if other != key:
                    view.clearSelection()
        self._update_buttons()

    def section_of(self, visit_id: int) -> str | None:
        return next((k for k, m in self.models.items() if m.row_of(visit_id) >= 0), None)

    def select_visit(self, visit_id: int) -> None:
        key = self.section_of(visit_id)
        if key is not None:
            source = self.models[key].index(self.models[key].row_of(visit_id), 0)
            row = self.shown[key].mapFromSource(source).row()
            if row >= 0:
                self.views[key].selectRow(row)

    def selected_visit(self):
        for key, view in self.views.items():
            rows = view.selectionModel().selectedRows()
            if rows:
                return self.models[key].row_at(self.shown[key].mapToSource(rows[0]).row())
        return None

    def _mine(self, v) -> bool:
        return self.ctx.actor.has(Role.SALES_MANAGER) or v.consultant_id == self.ctx.actor.user_id

    def _update_buttons(self) -> None:
        v = self.selected_visit()
        self.start_button.setEnabled(bool(v and v.status == "waiting" and v.consultant_id and self._mine(v)))
        self.end_button.setEnabled(bool(v and v.status != "finished" and v.consultant_id and self._mine(v)))
        self.left_button.setEnabled(bool(v and v.status == "waiting"))
        self.reassign_button.setEnabled(bool(v and v.status != "finished"))
        self.test_drive_button.setEnabled(bool(v and v.status == "with_consultant" and self._mine(v)))
        self.deal_button.setEnabled(bool(v and v.customer_id and v.status != "waiting" and self._mine(v)))

    # --- actions ---------------------------------------------------------------------------
    def _write(self, fn) -> None:
        # The service's change set names the visit; the page reloads through the bus.
        Op(self.ctx, self, fn).busy(self.start_button, self.left_button).on_success(
            lambda _visit: self._update_buttons()
        ).run()

    def start_selected(self) -> None:
        v, ctx = self.selected_visit(), self.ctx
        if v is None:
            return

        def work():
            from app.reception.visits import start_visit

            return start_visit(ctx.uow(), actor=ctx.actor, visit_id=v.id, expected_version=v.version)

        self._write(work)

    def left_selected(self) -> None:
        v, ctx = self.selected_visit(), self.ctx
        if v is None:
            return

        def work():
            from app.reception.visits import visitor_left

            return visitor_left(ctx.uow(), actor=ctx.actor, visit_id=v.id, expected_version=v.version)

        self._write(work)

    def end_selected(self):
        from ui.reception.end_visit_dialog import EndVisitDialog

        v = self.selected_visit()
        if v is None:
            return None
        dialog = EndVisitDialog(self.ctx, v, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reassign_selected(self):
        from ui.reception.reassign_dialog import ReassignDialog

        v = self.selected_visit()
        if v is None or self.board is None:
            return None
        dialog = ReassignDialog(self.ctx, v, [d for d in self.board.duty if d.on_duty], self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def deal_selected(self) -> None:
        """The deal of the visitor's lead: opened, or made from the lead first."""
        from ui.sales.api import open_deal_for_lead

        v = self.selected_visit()
        if v is not None:
            open_deal_for_lead(self.ctx, self, visit_id=v.id)

    def test_drive_selected(self):
        """Open the guided test drive for the selected visitor; the drive is linked to the
        visit, so its return counts toward the 3.13 test-drive rate."""
        from ui.test_drives.api import TestDriveDialog

        v = self.selected_visit()
        if v is None:
            return None
        # The name stays off the screen (PIPL): the booking takes the visit's customer's name.
        dialog = TestDriveDialog(self.ctx, visit_id=v.id, name_on_record=v.customer_name_masked, parent=self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
