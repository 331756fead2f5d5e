"""User-facing messages of the sale's price part (issue #18), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401  (each message: QT_TRANSLATE_NOOP("Errors", "..."))

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    # 办法 art. 10, 4.3.2.1-4.3.2.2: the published price and fee list
    "price_list_published": QT_TRANSLATE_NOOP(
        "Errors", "This price list is published and can no longer change: start a new version."
    ),
    "price_effective_in_past": QT_TRANSLATE_NOOP("Errors", "A price list cannot take effect before today."),
    "price_amount_range": QT_TRANSLATE_NOOP("Errors", "Enter an amount from 0 up to {max_yuan} yuan."),
    "service_code_unknown": QT_TRANSLATE_NOOP("Errors", "A service fee's code is one of: {codes}."),
    "promotion_rules_required": QT_TRANSLATE_NOOP("Errors", "A promotion is published with its rules."),
    "validity_reversed": QT_TRANSLATE_NOOP("Errors", "The end of validity is before its start."),
    "price_code_taken": QT_TRANSLATE_NOOP("Errors", "The code {code} is already on this list."),
    "price_list_no_vehicle": QT_TRANSLATE_NOOP("Errors", "A price list needs at least one vehicle price."),
    "price_item_invalid": QT_TRANSLATE_NOOP("Errors", "The line {item} is incomplete: edit it first."),
    "promotion_expired": QT_TRANSLATE_NOOP(
        "Errors", "The promotion {item} ends before the list takes effect: remove it or change its validity."
    ),
    "price_not_listed": QT_TRANSLATE_NOOP("Errors", "This price is not on the list in force."),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
