"""Translated labels of the PDI module's enum values (issue #7), context "Labels"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# app.pdi.rules.QueueState: where a sold or reserved car stands on its way to delivery.
QUEUE_STATE = {
    "awaiting": QT_TRANSLATE_NOOP("Labels", "Awaiting PDI"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "PDI in progress"),
    "failed": QT_TRANSLATE_NOOP("Labels", "PDI failed"),
    "passed": QT_TRANSLATE_NOOP("Labels", "Passed, report not signed"),
    "reported": QT_TRANSLATE_NOOP("Labels", "Passed and signed"),
}

# app.pdi.rules.InspectionStatus
INSPECTION_STATUS = {
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "paused": QT_TRANSLATE_NOOP("Labels", "Paused"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Failed"),
    "passed": QT_TRANSLATE_NOOP("Labels", "Passed"),
    "replaced": QT_TRANSLATE_NOOP("Labels", "Replaced by a new inspection"),
}

# app.pdi.rules.ItemResult; "" = not yet checked
ITEM_RESULT = {
    "ok": QT_TRANSLATE_NOOP("Labels", "OK"),
    "not_ok": QT_TRANSLATE_NOOP("Labels", "Not OK"),
    "n_a": QT_TRANSLATE_NOOP("Labels", "Not applicable"),
    "": QT_TRANSLATE_NOOP("Labels", "Open"),
}
