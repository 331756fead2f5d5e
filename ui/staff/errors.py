"""User-facing messages for staff accounts (issue #15.10), keyed by FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Shown beside the field, or in a message box for the staff page's buttons.
FIELD_MESSAGES: dict[str, str] = {
    "cannot_deactivate_self": QT_TRANSLATE_NOOP(
        "Errors", "You cannot deactivate your own account. Ask another administrator."
    ),
    "last_admin": QT_TRANSLATE_NOOP(
        "Errors", "This is the last active administrator. Make someone else an administrator first."
    ),
}
ERROR_MESSAGES: dict[str, str] = {}
