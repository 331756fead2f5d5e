"""The public module of finance: other features import what they need from here, never from its
other modules."""

from app.finance.cash_report import export_cash_report
from app.finance.dto import DayBookDTO, LedgerDTO, OpenBalanceDTO, PaymentDTO, RefundDTO, SettlementDTO
from app.finance.invoices import record_invoice
from app.finance.ledger import contract_ledger, day_book, open_balances
from app.finance.money_text import KIND_LABELS, METHOD_LABELS, amount_words, yuan
from app.finance.payments import INCOMING_KINDS, METHODS, record_payment
from app.finance.refunds import decide_refund, pay_refund, request_refund
from app.finance.settlement import issue_settlement

__all__ = [
    "INCOMING_KINDS",
    "KIND_LABELS",
    "METHODS",
    "METHOD_LABELS",
    "DayBookDTO",
    "LedgerDTO",
    "OpenBalanceDTO",
    "PaymentDTO",
    "RefundDTO",
    "SettlementDTO",
    "amount_words",
    "contract_ledger",
    "day_book",
    "export_cash_report",
    "decide_refund",
    "issue_settlement",
    "open_balances",
    "pay_refund",
    "record_invoice",
    "record_payment",
    "request_refund",
    "yuan",
]
