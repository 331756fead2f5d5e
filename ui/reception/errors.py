"""User-facing messages of the reception's customer and appointment changes (issue #17.12,
#17.13), keyed by FieldError code; shown beside the field by ui/reception/fields.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

FIELD_MESSAGES: dict[str, str] = {
    "mobile_taken": QT_TRANSLATE_NOOP(
        "Errors", "Another customer on record has this mobile number. Check the number with the customer."
    ),
    "nothing_changed": QT_TRANSLATE_NOOP("Errors", "This is what is on record already: nothing to correct."),
    "customer_anonymised": QT_TRANSLATE_NOOP(
        "Errors", "This customer's details were erased when the consent was withdrawn: there is nothing to correct."
    ),
    "same_consultant": QT_TRANSLATE_NOOP("Errors", "The customer is with this consultant already."),
}
