"""The cash desk (收银台, T/CSCA 120031-2023 4.3.4-4.3.5; issue #18.5): the day's receipts and
refunds with totals by method, the live contracts with their balance, and the refunds waiting.

Finance records payments, asks for and pays refunds, records invoices, issues the settlement
statement and exports the cash report; a sales manager approves or rejects refunds. Buttons a
role may not use are hidden, and the services refuse them anyway. Every write goes through
the operation path (ui/shell/ops.Op or a ServiceFormDialog)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from app.core.clock import store_today
from app.core.dto import Changes
from app.core.permissions import Action, can
from app.finance.api import METHOD_LABELS, DayBookDTO, yuan
from ui.finance.models import BalanceModel, DayBookModel, RefundModel, money_label
from ui.shell.errors import error_text
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.table_fit import read_only_table


class FinancePage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("finance_page")
        self.ctx = ctx
        self.dialog = None  # the form dialog last opened (tests reach it here)
        self.day = QDateEdit(objectName="finance_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(store_today()))
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.totals = QLabel(objectName="finance_totals")
        self.message = QLabel(objectName="finance_message")
        self.message.setWordWrap(True)
        self.show_settled = QCheckBox(self.tr("Show settled contracts"), objectName="finance_show_settled")
        self.show_settled.toggled.connect(lambda _c: self.refresh())
        self.day_model, self.balance_model, self.refund_model = (
            DayBookModel(self),
            BalanceModel(self),
            RefundModel(self),
        )
        self.day_table = read_only_table("finance_day_book", self.day_model)
        self.balance_table = read_only_table("finance_balances", self.balance_model)
        self.refund_table = read_only_table("finance_refunds", self.refund_model)
        # The selected contract's prepayment ledger (预收款台账): every payment and refund.
        self.ledger_model = DayBookModel(self, dated=True)
        self.ledger_table = read_only_table("finance_ledger", self.ledger_model)
        self.ledger_summary = QLabel(objectName="finance_ledger_summary")
        self._fit_and_label_tables()
        self._build_buttons()
        self._lay_out()
        for table in (self.balance_table, self.refund_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.balance_table.selectionModel().selectionChanged.connect(lambda *_: self.load_ledger())
        ctx.data_did_change.connect(self._on_data_changed)
        self._update_buttons()
        self.refresh()

    def _fit_and_label_tables(self) -> None:
        """Receipt and contract numbers whole on one line (never cut to "…"), each amount beside
        its row (not stretched to the far edge of a 1366-wide screen), and each empty table
        saying what it would hold (ui/widgets/table_state.py reads "empty_text")."""
        empty = {
            self.day_table: self.tr("No money received or refunded on this day."),
            self.balance_table: self.tr("No contract has money open."),
            self.refund_table: self.tr("No refund is waiting."),
        }
        for table in (self.day_table, self.balance_table, self.ledger_table, self.refund_table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(False)
            table.setWordWrap(False)
            if table in empty:
                table.setProperty("empty_text", empty[table])

    def _build_buttons(self) -> None:
        roles = self.ctx.actor.roles
        cashier, manager = can(roles, Action.RECORD_PAYMENTS), can(roles, Action.APPROVE_REFUNDS)
        self.pay_button = action_button(
            self.tr("Record payment"), "record_payment", self.record_payment, visible=cashier
        )
        self.invoice_button = action_button(self.tr("Invoice"), "record_invoice", self.record_invoice, visible=cashier)
        self.settlement_button = action_button(
            self.tr("Settlement"), "issue_settlement", self.issue_settlement, visible=cashier
        )
        self.request_button = action_button(
            self.tr("Refund request"), "request_refund", self.request_refund, visible=cashier or manager
        )
        self.approve_button = action_button(
            self.tr("Approve refund"), "approve_refund", lambda: self.decide(True), visible=manager
        )
        self.reject_button = action_button(
            self.tr("Reject refund"), "reject_refund", lambda: self.decide(False), visible=manager
        )
        self.pay_refund_button = action_button(self.tr("Pay refund"), "pay_refund", self.pay_refund, visible=cashier)
        self.export_button = action_button(
            self.tr("Export cash report"), "export_cash_report", self.export, visible=cashier
        )

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        top.addWidget(self.totals, 1)
        top.addWidget(self.export_button)
        contracts = QHBoxLayout()
        contracts.addWidget(QLabel(self.tr("Contracts with an open balance")), 1)
        for w in (self.show_settled, self.pay_button, self.invoice_button, self.settlement_button, self.request_button):
            contracts.addWidget(w)
        refunds = QHBoxLayout()
        refunds.addWidget(QLabel(self.tr("Refunds waiting")), 1)
        for w in (self.approve_button, self.reject_button, self.pay_refund_button):
            refunds.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.day_table, 2)
        layout.addWidget(self.message)
        layout.addLayout(contracts)
        layout.addWidget(self.balance_table, 2)
        layout.addWidget(self.ledger_summary)
        layout.addWidget(self.ledger_table, 1)
        layout.addLayout(refunds)
        layout.addWidget(self.refund_table, 1)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, day, settled = self.ctx, self.day.date().toPython(), self.show_settled.isChecked()

        def work():
            from app.finance.api import day_book, open_balances

            return day_book(ctx.uow(), actor=ctx.actor, day=day), open_balances(
                ctx.uow(), actor=ctx.actor, include_settled=settled
            )

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        book, balances = result
        # A reload after a payment keeps the contract chosen: its 尾款 follows its 定金.
        chosen = self.selected_contract()
        self.day_model.set_rows(list(book.payments))
        self.refund_model.set_rows(list(book.refunds_pending))
        self.balance_model.set_rows(balances)
        row = self.balance_model.row_of(chosen.contract_id) if chosen is not None else -1
        if row >= 0:
            self.balance_table.selectRow(row)
        self.totals.setText(self._totals_text(book))
        self._update_buttons()
        self.load_ledger()

    def load_ledger(self) -> None:
        contract = self.selected_contract()
        self.ledger_table.setProperty(
            "empty_text",
            self.tr("Choose a contract above to see its payments.")
            if contract is None
            else self.tr("No payment on this contract yet."),
        )
        if contract is None:
            self.ledger_model.set_rows([])
            self.ledger_summary.clear()
            return
        ctx, contract_id = self.ctx, contract.contract_id

        def work():
            from app.finance.api import contract_ledger

            return contract_ledger(ctx.uow(), actor=ctx.actor, contract_id=contract_id)

        run_op(self, work, self._ledger_loaded)

    def _ledger_loaded(self, ledger) -> None:
        self.ledger_model.set_rows(list(ledger.payments))
        invoice = (
            self.tr("invoice {number} of {date}").format(number=ledger.invoice_no, date=ledger.invoice_date)
            if ledger.invoice_no
            else self.tr("no invoice recorded")
        )
        self.ledger_summary.setText(
            self.tr("{contract}: paid {paid} of {due} · {invoice}").format(
                contract=ledger.contract_no, paid=yuan(ledger.paid_fen), due=yuan(ledger.due_fen), invoice=invoice
            )
        )

    def _totals_text(self, book: DayBookDTO) -> str:
        by_method = " · ".join(f"{money_label(METHOD_LABELS, m)} {yuan(f)}" for m, f in book.totals_by_method.items())
        text = self.tr("Received {received} · Refunded {refunded}").format(
            received=yuan(book.received_fen), refunded=yuan(book.refunded_fen)
        )
        return f"{text} · {by_method}" if by_method else text

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.payments or changes.sales:
            self.refresh_when_visible()

    # -- selection -----------------------------------------------------------------------------
    def selected_contract(self):
        rows = self.balance_table.selectionModel().selectedRows()
        return self.balance_model.row_at(rows[0].row()) if rows else None

    def selected_refund(self):
        rows = self.refund_table.selectionModel().selectedRows()
        return self.refund_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        contract, refund = self.selected_contract(), self.selected_refund()
        for b in (self.pay_button, self.invoice_button, self.settlement_button, self.request_button):
            b.setEnabled(contract is not None)
        for b in (self.approve_button, self.reject_button):
            b.setEnabled(refund is not None and refund.status == "requested")
        self.pay_refund_button.setEnabled(refund is not None and refund.status == "approved")

    # -- actions -------------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.message.clear()
        self.dialog = dialog
        dialog.open()

    def record_payment(self) -> None:
        from ui.finance.payment_dialog import PaymentDialog

        if (c := self.selected_contract()) is not None:
            self._open(PaymentDialog(self.ctx, c.contract_id, self))

    def record_invoice(self) -> None:
        from ui.finance.invoice_dialog import InvoiceDialog

        if (c := self.selected_contract()) is not None:
            self._open(InvoiceDialog(self.ctx, c, self))

    def request_refund(self) -> None:
        from ui.finance.refund_dialogs import RefundRequestDialog

        if (c := self.selected_contract()) is not None:
            self._open(RefundRequestDialog(self.ctx, c.contract_id, c.contract_no, self))

    def decide(self, approve: bool) -> None:
        from ui.finance.refund_dialogs import RefundDecisionDialog

        if (r := self.selected_refund()) is not None:
            self._open(RefundDecisionDialog(self.ctx, r, approve, self))

    def pay_refund(self) -> None:
        from ui.finance.refund_dialogs import PayRefundDialog

        if (r := self.selected_refund()) is not None:
            self._open(PayRefundDialog(self.ctx, r, self))

    def issue_settlement(self) -> None:
        from ui.finance.settlement_flow import sign_and_issue

        if (c := self.selected_contract()) is not None:
            self.message.clear()
            sign_and_issue(self, c, self._settled, self._refused)

    def _settled(self, dto) -> None:
        self.message.setText(self.tr("Settlement statement {number} issued.").format(number=dto.number))

    def _refused(self, exc) -> None:
        from ui.shell.errors import field_error_text

        self.message.setText("\n".join([error_text(exc)] + [field_error_text(e) for e in exc.errors]))

    def export(self, path: str | None = None) -> None:
        day = self.day.date().toPython()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export cash report"), f"cash_{day:%Y%m%d}.xlsx", self.tr("Excel workbook (*.xlsx)")
            )
            if not path:
                return
            if not path.lower().endswith(".xlsx"):  # a dialog that adds no suffix by itself
                path += ".xlsx"
        ctx = self.ctx

        def work():
            from app.finance.api import export_cash_report

            return export_cash_report(ctx.uow(), actor=ctx.actor, day_from=day, day_to=day, path=path)

        run_op(self, work, lambda _r: self.message.setText(self.tr("Cash report exported to {path}").format(path=path)))
