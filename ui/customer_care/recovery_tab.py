"""The service recovery cases (5.2.8; issue #19.4) on the Customer care page: the owner's open
cases (a sales manager's: all), with the apology, the compensation, and the manager's approval."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.permissions import Action, can
from ui.customer_care.models import RecoveryModel
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.table_fit import read_only_table


class RecoveryTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.dialog = ctx, None
        self.show_closed = QCheckBox(self.tr("Show closed cases"), objectName="recovery_show_closed")
        self.show_closed.toggled.connect(lambda _c: self.refresh())
        self.model = RecoveryModel(self)
        self.table = read_only_table("recovery_cases", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.message = QLabel(objectName="recovery_message")
        self.apology_button = action_button(self.tr("Apology…"), "recovery_apology", self.apology)
        self.compensation_button = action_button(self.tr("Compensation…"), "recovery_compensation", self.compensation)
        self.approve_button = action_button(
            self.tr("Approve compensation"), "recovery_approve", self.approve,
            visible=can(ctx.actor.roles, Action.APPROVE_COMPENSATION),
        )  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.show_closed)
        row.addWidget(self.message, 1)
        for b in (self.apology_button, self.compensation_button, self.approve_button):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._update_buttons()

    def refresh(self) -> None:
        ctx, closed = self.ctx, self.show_closed.isChecked()

        def work():
            from app.customer_care.api import list_recovery_cases

            return list_recovery_cases(ctx.uow(), actor=ctx.actor, include_closed=closed)

        run_op(self, work, self._loaded)

    def _loaded(self, cases) -> None:
        self.model.set_rows(cases)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        case = self.selected()
        status = case.status if case is not None else None
        self.apology_button.setEnabled(status == "open")
        self.compensation_button.setEnabled(status == "open" and case is not None and case.apology_at is not None)
        self.approve_button.setEnabled(status == "awaiting_approval")

    def _open(self, dialog) -> None:
        self.message.clear()
        self.dialog = dialog
        dialog.open()

    def apology(self) -> None:
        from ui.customer_care.recovery_dialogs import ApologyDialog

        if (case := self.selected()) is not None:
            self._open(ApologyDialog(self.ctx, case, self))

    def compensation(self) -> None:
        from ui.customer_care.recovery_dialogs import CompensationDialog

        if (case := self.selected()) is not None:
            self._open(CompensationDialog(self.ctx, case, self))

    def approve(self) -> None:
        from app.customer_care.api import approve_compensation

        case = self.selected()
        if case is None:
            return
        ctx = self.ctx
        Op(ctx, self, lambda: approve_compensation(
            ctx.uow(), actor=ctx.actor, case_id=case.id, expected_version=case.version
        )).busy(self.approve_button).on_success(
            lambda _c: self.message.setText(self.tr("Approved: the confirmation call is planned."))
        ).run()  # fmt: skip
