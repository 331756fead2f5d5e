"""User-facing messages of the sale's price part (issue #18), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401  (each message: QT_TRANSLATE_NOOP("Errors", "..."))

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
