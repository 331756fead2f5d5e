"""Translated names of customer care's values (task kinds, outcomes, recovery steps)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "CareLabels"

TASK_KIND = {
    "disclosure": QT_TRANSLATE_NOOP("CareLabels", "Disclosure follow-up"),
    "delivery_call": QT_TRANSLATE_NOOP("CareLabels", "72-hour call"),
    "first_service": QT_TRANSLATE_NOOP("CareLabels", "First service reminder"),
    "lead_follow_up": QT_TRANSLATE_NOOP("CareLabels", "Lead follow-up"),
    "recovery_check": QT_TRANSLATE_NOOP("CareLabels", "Recovery confirmation"),
}
OUTCOME = {
    "satisfied": QT_TRANSLATE_NOOP("CareLabels", "Reached, satisfied"),
    "unsatisfied": QT_TRANSLATE_NOOP("CareLabels", "Reached, not satisfied"),
    "not_reached": QT_TRANSLATE_NOOP("CareLabels", "Not reached"),
}
RECOVERY_STATUS = {
    "open": QT_TRANSLATE_NOOP("CareLabels", "Apology and compensation due"),
    "awaiting_approval": QT_TRANSLATE_NOOP("CareLabels", "Awaiting approval"),
    "checking": QT_TRANSLATE_NOOP("CareLabels", "Confirmation call due"),
    "closed": QT_TRANSLATE_NOOP("CareLabels", "Closed, customer satisfied"),
}
FAILURE_CLASS = {
    "product": QT_TRANSLATE_NOOP("CareLabels", "Product quality"),
    "delivery": QT_TRANSLATE_NOOP("CareLabels", "Delivery"),
    "attitude": QT_TRANSLATE_NOOP("CareLabels", "Service attitude"),
    "price": QT_TRANSLATE_NOOP("CareLabels", "Price or billing"),
    "paperwork": QT_TRANSLATE_NOOP("CareLabels", "Paperwork"),
    "waiting": QT_TRANSLATE_NOOP("CareLabels", "Waiting time"),
    "other": QT_TRANSLATE_NOOP("CareLabels", "Other"),
}
COMPENSATION = {
    "none": QT_TRANSLATE_NOOP("CareLabels", "None"),
    "gift": QT_TRANSLATE_NOOP("CareLabels", "Gift"),
    "voucher": QT_TRANSLATE_NOOP("CareLabels", "Service voucher"),
    "free_service": QT_TRANSLATE_NOOP("CareLabels", "Free service"),
    "cash": QT_TRANSLATE_NOOP("CareLabels", "Cash"),
    "other": QT_TRANSLATE_NOOP("CareLabels", "Other"),
}

# The options of the starting questionnaires' choice questions (others show as written).
SURVEY_OPTION = {
    "yes": QT_TRANSLATE_NOOP("CareLabels", "Yes"),
    "maybe": QT_TRANSLATE_NOOP("CareLabels", "Maybe"),
    "no": QT_TRANSLATE_NOOP("CareLabels", "No"),
}


def care_label(table: dict[str, str], key: str | None) -> str:
    text = table.get(key or "")
    return QCoreApplication.translate(CTX, text) if text else (key or "")
