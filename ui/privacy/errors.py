"""User-facing messages for Security and privacy (issue #9), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    "password_too_simple": QT_TRANSLATE_NOOP(
        "Errors", "Use at least {min} characters of two kinds: letters, digits or other signs."
    ),
    "password_is_username": QT_TRANSLATE_NOOP("Errors", "The password may not be the username."),
    "password_too_common": QT_TRANSLATE_NOOP("Errors", "This password is too well known. Choose another."),
    "password_wrong": QT_TRANSLATE_NOOP("Errors", "The current password is not right."),
    "password_unchanged": QT_TRANSLATE_NOOP("Errors", "The new password must differ from the current one."),
    "passwords_differ": QT_TRANSLATE_NOOP("Errors", "The two new passwords do not match."),
    "purpose_required": QT_TRANSLATE_NOOP("Errors", "Say why the number is needed (at least {min} characters)."),
    "retention_exceeds_consent": QT_TRANSLATE_NOOP("Errors", "The consent text promised at most {max} months."),
    "retention_too_short": QT_TRANSLATE_NOOP("Errors", "Enter at least one month."),
}

# Shown in a message box.
ERROR_MESSAGES: dict[str, str] = {
    "nothing_to_unmask": QT_TRANSLATE_NOOP("Errors", "No number is stored here."),
    # The store's personal-data key (issue #15.2, app/core/store_keys.py)
    "personal_key_missing": QT_TRANSLATE_NOOP(
        "Errors",
        "This computer does not have the store's key for ID and licence numbers, so "
        "it cannot record or show them. Nothing was saved. An administrator copies "
        "the key from a terminal that has it: there 'showroom admin keys export --key "
        "personal --out FILE', here 'showroom admin keys import FILE --key "
        "personal'.",
    ),
    "personal_key_mismatch": QT_TRANSLATE_NOOP(
        "Errors",
        "The key for ID and licence numbers on this computer ({path}) is not the "
        "store's key ({expected}), so it cannot record or show them. Nothing was "
        "saved. An administrator installs the store's key: 'showroom admin keys "
        "import FILE --key personal'.",
    ),
    "sales_record_retained": QT_TRANSLATE_NOOP(
        "Errors",
        "This customer bought a car: the sales record must be kept until {until}. "
        "Their consents can be withdrawn; the record is anonymised after that date.",
    ),
}
