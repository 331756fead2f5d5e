"""User-facing messages for reprinting (issue #17.17), keyed by ShowroomError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

FIELD_MESSAGES: dict[str, str] = {}
ERROR_MESSAGES: dict[str, str] = {
    "reprint_voided": QT_TRANSLATE_NOOP(
        "Errors", "{number} v{version} was voided ({reason}) and is not reprinted. Open it to save a copy as evidence."
    ),
    "reprint_superseded": QT_TRANSLATE_NOOP(
        "Errors", "{number} v{version} was replaced by version {current}: reprint that version instead."
    ),
    "card_reprint_no_card": QT_TRANSLATE_NOOP(
        "Errors", "The car {vin} has no current card to reprint: issue one first."
    ),
    "card_reprint_stale": QT_TRANSLATE_NOOP(
        "Errors",
        "The card {number} of {vin} is out of date, so it is not reprinted: issue a new version (一车一卡, 4.2.1.2).",
    ),
}
