"""Words and figures of the deal board (issue #18.7): the deal stages, contract and payment
states, the history's record kinds, and money shown in yuan (the services count in fen)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# The board's columns, in the order a sale moves (T/CSCA 120031 4.3-4.4.2).
DEAL_STAGE = {
    "quote": QT_TRANSLATE_NOOP("Labels", "Quoting"),
    "contract": QT_TRANSLATE_NOOP("Labels", "Contract"),
    "awaiting_payment": QT_TRANSLATE_NOOP("Labels", "Awaiting payment"),
    "ready": QT_TRANSLATE_NOOP("Labels", "Ready to deliver"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

CONTRACT_STATUS = {
    "signed": QT_TRANSLATE_NOOP("Labels", "Signed"),
    "fulfilled": QT_TRANSLATE_NOOP("Labels", "Fulfilled"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "terminated": QT_TRANSLATE_NOOP("Labels", "Terminated"),
}

PAYMENT_KIND = {
    "earnest": QT_TRANSLATE_NOOP("Labels", "Earnest money (定金)"),
    "prepayment": QT_TRANSLATE_NOOP("Labels", "Advance payment (订金)"),
    "down_payment": QT_TRANSLATE_NOOP("Labels", "Down payment"),
    "final": QT_TRANSLATE_NOOP("Labels", "Final payment"),
    "agency_fee": QT_TRANSLATE_NOOP("Labels", "Agency service fee"),
    "refund": QT_TRANSLATE_NOOP("Labels", "Refund"),
}

REFUND_STATUS = {
    "requested": QT_TRANSLATE_NOOP("Labels", "Requested"),
    "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Rejected"),
    "paid": QT_TRANSLATE_NOOP("Labels", "Paid"),
}


def yuan(fen: int | None) -> str:
    """¥1,234.50 from 123450 fen; empty for None."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"
