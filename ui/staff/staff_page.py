"""Staff page: who works here, their roles and qualifications, whether each account is active
and must change its password; admins add accounts, reset a forgotten password (the user must
choose a new one at the next login; issue #9), deactivate and reactivate accounts and change
their roles (issue #15.10). The open work that deactivated accounts still hold is listed for
the manager to hand over. The services check every permission; this page only hides buttons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from ui.staff.staff_table_model import StaffTableModel
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button

KIND_LABELS = {
    "lead": QT_TRANSLATE_NOOP("StaffPage", "Lead"),
    "visit": QT_TRANSLATE_NOOP("StaffPage", "Visit"),
    "appointment": QT_TRANSLATE_NOOP("StaffPage", "Appointment"),
    "test_drive": QT_TRANSLATE_NOOP("StaffPage", "Test drive"),
    "pdi": QT_TRANSLATE_NOOP("StaffPage", "PDI inspection"),
}


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
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        manage = can(ctx.actor.roles, Action.MANAGE_USERS)
        self.add_button = self._button(self.tr("New account…"), "add_user", self.add_user, manage)
        self.reset_button = self._button(self.tr("Reset password…"), "reset_password", self.reset_password, manage)
        self.roles_button = self._button(self.tr("Roles…"), "edit_roles", self.edit_roles, manage)
        self.deactivate_button = self._button(
            self.tr("Deactivate"), "deactivate_user", lambda: self.set_active(False), manage
        )
        self.activate_button = self._button(
            self.tr("Reactivate"), "activate_user", lambda: self.set_active(True), manage
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()
        self.count = QLabel("")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Staff and qualifications")))
        top.addStretch(1)
        for b in (self.deactivate_button, self.activate_button, self.roles_button, self.reset_button, self.add_button):
            top.addWidget(b)
        self.open_work = QListWidget()
        self.open_work.setObjectName("open_work")
        self.open_work.setMaximumHeight(160)
        self.open_work_title = QLabel(self.tr("Open work of deactivated accounts (reassign or close it)"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(self.open_work_title)
        layout.addWidget(self.open_work)
        ctx.data_did_change.connect(lambda changes, _src: changes.staff and self.refresh())
        self.refresh()

    def _button(self, text: str, name: str, slot, visible: bool) -> QPushButton:
        return action_button(text, name, slot, visible=visible)

    def _selection_changed(self) -> None:
        staff = self.selected()
        self.reset_button.setEnabled(staff is not None)
        self.roles_button.setEnabled(staff is not None)
        self.deactivate_button.setEnabled(staff is not None and staff.active and staff.id != self.ctx.actor.user_id)
        self.activate_button.setEnabled(staff is not None and not staff.active)

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.staff.auth import list_staff
            from app.staff.accounts import open_work

            return list_staff(ctx.uow(), actor=ctx.actor), open_work(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        rows, work = result
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:  # keep the same person selected after a change
            for r in range(self.proxy.rowCount()):
                item = self.model.item(self.proxy.mapToSource(self.proxy.index(r, 0)))
                if item is not None and item.id == selected.id:
                    self.table.selectRow(r)
        self._selection_changed()
        self.count.setText(self.tr("Staff: {count}").format(count=len(rows)))
        self.open_work.clear()
        for w in work:
            kind = QCoreApplication.translate("StaffPage", KIND_LABELS.get(w.kind, w.kind))
            self.open_work.addItem(
                self.tr("{name} ({username}): {kind} #{id}").format(
                    name=w.full_name, username=w.username, kind=kind, id=w.record_id
                )
            )
        self.open_work_title.setVisible(bool(work))
        self.open_work.setVisible(bool(work))

    def add_user(self) -> None:
        from ui.staff.user_dialog import UserDialog

        UserDialog(self.ctx, self).open()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(self.proxy.mapToSource(rows[0])) if rows else None

    def reset_password(self) -> None:
        from ui.staff.password_dialogs import ResetPasswordDialog

        staff = self.selected()
        if staff is not None:
            ResetPasswordDialog(self.ctx, staff, self).open()

    def edit_roles(self) -> None:
        from ui.staff.roles_dialog import RolesDialog

        staff = self.selected()
        if staff is not None:
            RolesDialog(self.ctx, staff, self).open()

    def set_active(self, active: bool) -> None:
        """Deactivate or reactivate the selected account: reversible, so no confirmation;
        the person's records stay, the audit log notes who did it."""
        staff, ctx = self.selected(), self.ctx
        if staff is None:
            return

        def work():
            from app.staff.accounts import set_active

            return set_active(
                ctx.uow(), actor=ctx.actor, user_id=staff.id, active=active, expected_version=staff.version
            )

        Op(ctx, self, work).run()
