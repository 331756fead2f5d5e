"""Words for public-notice codes on screen (issue #19.5), in the "NoticeLabels" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CTX = "NoticeLabels"
KIND = {
    "warranty_policy": QT_TRANSLATE_NOOP("NoticeLabels", "Warranty and 三包 policy"),
    "service_fees": QT_TRANSLATE_NOOP("NoticeLabels", "Service fees"),
    "complaint_process": QT_TRANSLATE_NOOP("NoticeLabels", "Complaint phone and process"),
    "charging_pile": QT_TRANSLATE_NOOP("NoticeLabels", "Charging-pile installation (NEV)"),
}
STATE = {
    "in_force": QT_TRANSLATE_NOOP("NoticeLabels", "In force"),
    "scheduled": QT_TRANSLATE_NOOP("NoticeLabels", "Scheduled"),
    "superseded": QT_TRANSLATE_NOOP("NoticeLabels", "Superseded"),
}
POSTER = {
    "unprinted": QT_TRANSLATE_NOOP("NoticeLabels", "not printed yet"),
    "current": QT_TRANSLATE_NOOP("NoticeLabels", "on the wall, current"),
    "stale": QT_TRANSLATE_NOOP("NoticeLabels", "stale: reprint"),
}


def word(table: dict[str, str], key: str | None) -> str:
    text = table.get(key or "")
    return QCoreApplication.translate(CTX, text) if text else (key or "")
