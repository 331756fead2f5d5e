"""User-facing messages for Reliability: backup, restore, conflicts, a database that stays busy
(issue #8), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {}

# Shown in a message box.
ERROR_MESSAGES: dict[str, str] = {
    "backup_unwritable": QT_TRANSLATE_NOOP(
        "Errors",
        "The backup could not be written to {path}: {reason}. Check the backup folder and the free disk space.",
    ),
    "backup_no_database": QT_TRANSLATE_NOOP("Errors", "There is no database file to back up at {path}."),
    "backup_failed": QT_TRANSLATE_NOOP("Errors", "The backup failed: {reason}"),
    "restore_failed": QT_TRANSLATE_NOOP("Errors", "The restore failed: {reason}"),
    "backup_invalid": QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be restored: it is not a complete Showroom backup. Nothing was changed."
    ),
    "backup_damaged": QT_TRANSLATE_NOOP(
        "Errors", "The backup {path} did not pass its integrity check; it was not kept. Try again."
    ),
    "pg_tool_missing": QT_TRANSLATE_NOOP(
        "Errors",
        "{tool} is not installed on this computer: install the PostgreSQL client programs, or back up on the database server.",
    ),
    "transient_database_error": QT_TRANSLATE_NOOP(
        "Errors", "The database stayed busy and nothing was saved. Please try again."
    ),
}
