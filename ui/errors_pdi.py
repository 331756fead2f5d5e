"""User-facing messages for PDI (issue #7), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401  (context "Errors", like ui/errors.py)

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
}

# Shown in a message box.
ERROR_MESSAGES: dict[str, str] = {
}
