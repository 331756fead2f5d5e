"""Staff page: who works here, their roles and qualifications; admins add accounts and reset a
forgotten password (the user must choose a new one at the next login; issue #9)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.permissions import Action, can
from ui.models.staff_table_model import StaffTableModel
from ui.workers import run_op


class StaffPage(QWidget):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = StaffTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("staff_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("New account…"))
        self.add_button.setObjectName("add_user")
        self.add_button.clicked.connect(self.add_user)
        self.add_button.setVisible(can(ctx.actor.roles, Action.MANAGE_USERS))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.reset_button.setObjectName("reset_password")
        self.reset_button.clicked.connect(self.reset_password)
        self.reset_button.setVisible(can(ctx.actor.roles, Action.MANAGE_USERS))
        self.reset_button.setEnabled(False)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.reset_button.setEnabled(self.selected() is not None))
        self.count = QLabel("")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Staff and qualifications")))
        top.addStretch(1)
        top.addWidget(self.reset_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        ctx.data_did_change.connect(lambda changes, _src: changes.staff and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.services.auth import list_staff

            return list_staff(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("Staff: {count}").format(count=len(rows)))

    def add_user(self) -> None:
        from ui.dialogs.user_dialog import UserDialog

        UserDialog(self.ctx, self).open()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(self.proxy.mapToSource(rows[0])) if rows else None

    def reset_password(self) -> None:
        from ui.dialogs.password_dialogs import ResetPasswordDialog

        staff = self.selected()
        if staff is not None:
            ResetPasswordDialog(self.ctx, staff, self).open()
