"""The finance page's lists as table models (house rule: lists are models): the day's receipts
and refunds, the live contracts with their balance, and the refunds waiting (issue #18.5)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.core.clock import to_store_time
from app.finance.api import KIND_LABELS, METHOD_LABELS, OpenBalanceDTO, PaymentDTO, RefundDTO, yuan
from ui.shell.i18n import current_language
from ui.widgets.table_model import DtoTableModel

CTX = "FinanceModels"
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def money_label(table, code: str) -> str:
    """A kind's or method's name in the UI language (the names are the documents' own)."""
    text = table.get(code)
    if text is None:
        return code
    return text.zh if current_language() == "zh_CN" else text.en


def _header(section: int, names: tuple[str, ...]) -> str:
    return QCoreApplication.translate(CTX, names[section])


class DayCol(IntEnum):
    TIME, RECEIPT, CONTRACT, PAYER, KIND, METHOD, AMOUNT = range(7)


DAY_HEADERS = (
    QT_TRANSLATE_NOOP("FinanceModels", "Time"),
    QT_TRANSLATE_NOOP("FinanceModels", "Receipt no."),
    QT_TRANSLATE_NOOP("FinanceModels", "Contract no."),
    QT_TRANSLATE_NOOP("FinanceModels", "Payer"),
    QT_TRANSLATE_NOOP("FinanceModels", "Kind"),
    QT_TRANSLATE_NOOP("FinanceModels", "Method"),
    QT_TRANSLATE_NOOP("FinanceModels", "Amount"),
)


class DayBookModel(DtoTableModel[PaymentDTO]):
    """The day's payments (time of day), or with `dated` a contract's ledger (date and time)."""

    COLUMN_COUNT = len(DayCol)

    def __init__(self, parent=None, *, dated: bool = False) -> None:
        super().__init__(parent)
        self.time_format = "%Y-%m-%d %H:%M" if dated else "%H:%M"

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(section, DAY_HEADERS)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        p = self.item(index)
        if p is None:
            return None
        col = DayCol(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col is DayCol.AMOUNT:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            DayCol.TIME: to_store_time(p.received_at).strftime(self.time_format),
            DayCol.RECEIPT: p.receipt_no,
            DayCol.CONTRACT: p.contract_no,
            DayCol.PAYER: p.payer_masked,  # PIPL: masked on screen
            DayCol.KIND: money_label(KIND_LABELS, p.kind),
            DayCol.METHOD: money_label(METHOD_LABELS, p.method),
            DayCol.AMOUNT: yuan(p.signed_fen),
        }[col]


class BalanceCol(IntEnum):
    CONTRACT, BUYER, DUE, PAID, LOAN, OPEN = range(6)


BALANCE_HEADERS = (
    QT_TRANSLATE_NOOP("FinanceModels", "Contract no."),
    QT_TRANSLATE_NOOP("FinanceModels", "Buyer"),
    QT_TRANSLATE_NOOP("FinanceModels", "Due"),
    QT_TRANSLATE_NOOP("FinanceModels", "Paid"),
    QT_TRANSLATE_NOOP("FinanceModels", "Loan"),
    QT_TRANSLATE_NOOP("FinanceModels", "Open"),
)


class BalanceModel(DtoTableModel[OpenBalanceDTO]):
    COLUMN_COUNT = len(BalanceCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(section, BALANCE_HEADERS)
        return None

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.contract_id == record_id), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        b = self.item(index)
        if b is None:
            return None
        col = BalanceCol(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= BalanceCol.DUE:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            BalanceCol.CONTRACT: b.contract_no,
            BalanceCol.BUYER: b.buyer_name_masked,  # PIPL: masked on screen
            BalanceCol.DUE: yuan(b.due_fen),
            BalanceCol.PAID: yuan(b.paid_fen),
            BalanceCol.LOAN: yuan(b.loan_fen) if b.loan_fen else "",
            BalanceCol.OPEN: yuan(max(b.open_fen, 0)),
        }[col]


class RefundCol(IntEnum):
    CONTRACT, AMOUNT, REASON, STATUS, REQUESTED_BY = range(5)


REFUND_HEADERS = (
    QT_TRANSLATE_NOOP("FinanceModels", "Contract no."),
    QT_TRANSLATE_NOOP("FinanceModels", "Amount"),
    QT_TRANSLATE_NOOP("FinanceModels", "Reason"),
    QT_TRANSLATE_NOOP("FinanceModels", "Status"),
    QT_TRANSLATE_NOOP("FinanceModels", "Requested by"),
)
STATUS_NAMES = {
    "requested": QT_TRANSLATE_NOOP("FinanceModels", "Waiting for a manager"),
    "approved": QT_TRANSLATE_NOOP("FinanceModels", "Approved: to pay"),
    "rejected": QT_TRANSLATE_NOOP("FinanceModels", "Rejected"),
    "paid": QT_TRANSLATE_NOOP("FinanceModels", "Paid"),
}


class RefundModel(DtoTableModel[RefundDTO]):
    COLUMN_COUNT = len(RefundCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(section, REFUND_HEADERS)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        r = self.item(index)
        if r is None:
            return None
        col = RefundCol(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col is RefundCol.AMOUNT:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            RefundCol.CONTRACT: r.contract_no,
            RefundCol.AMOUNT: yuan(r.amount_fen),
            RefundCol.REASON: r.reason,
            RefundCol.STATUS: QCoreApplication.translate(CTX, STATUS_NAMES.get(r.status, r.status)),
            RefundCol.REQUESTED_BY: r.requested_by,
        }[col]
