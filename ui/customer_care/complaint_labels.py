"""Words for complaint codes on screen (issue #19.3, #19.6): channels, categories, the clocks of
the two deadlines and the status, each translated in the "ComplaintLabels" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CTX = "ComplaintLabels"

CHANNEL = {
    "front_desk": QT_TRANSLATE_NOOP("ComplaintLabels", "Front desk"),
    "phone": QT_TRANSLATE_NOOP("ComplaintLabels", "Phone"),
    "hotline_12345": QT_TRANSLATE_NOOP("ComplaintLabels", "12345 hotline"),
    "brand": QT_TRANSLATE_NOOP("ComplaintLabels", "Brand"),
    "online": QT_TRANSLATE_NOOP("ComplaintLabels", "Online"),
    "consumer_association": QT_TRANSLATE_NOOP("ComplaintLabels", "Consumer association"),
}
CATEGORY = {
    "sales_service": QT_TRANSLATE_NOOP("ComplaintLabels", "Sales service"),
    "price_and_fees": QT_TRANSLATE_NOOP("ComplaintLabels", "Prices and fees"),
    "vehicle_quality": QT_TRANSLATE_NOOP("ComplaintLabels", "Vehicle quality"),
    "delivery": QT_TRANSLATE_NOOP("ComplaintLabels", "Delivery"),
    "paperwork": QT_TRANSLATE_NOOP("ComplaintLabels", "Paperwork"),
    "other": QT_TRANSLATE_NOOP("ComplaintLabels", "Other"),
}
CLOCK = {
    "running": QT_TRANSLATE_NOOP("ComplaintLabels", "running"),
    "amber": QT_TRANSLATE_NOOP("ComplaintLabels", "due soon"),
    "red": QT_TRANSLATE_NOOP("ComplaintLabels", "overdue"),
    "met": QT_TRANSLATE_NOOP("ComplaintLabels", "done in time"),
    "late": QT_TRANSLATE_NOOP("ComplaintLabels", "done late"),
}
STATUS = {
    "open": QT_TRANSLATE_NOOP("ComplaintLabels", "Open"),
    "closed": QT_TRANSLATE_NOOP("ComplaintLabels", "Closed"),
}
DEADLINE = {
    "first_response": QT_TRANSLATE_NOOP("ComplaintLabels", "first response (72 hours)"),
    "reply": QT_TRANSLATE_NOOP("ComplaintLabels", "reply (7 working days)"),
}
LEVEL = {
    "assigned": QT_TRANSLATE_NOOP("ComplaintLabels", "assigned to you"),
    "near": QT_TRANSLATE_NOOP("ComplaintLabels", "due soon"),
    "overdue": QT_TRANSLATE_NOOP("ComplaintLabels", "overdue"),
}


def word(table: dict[str, str], key: str) -> str:
    text = table.get(key)
    return QCoreApplication.translate(CTX, text) if text else key
