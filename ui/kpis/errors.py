"""User-facing messages of the KPI feature (issue #20), keyed by FieldError code; the shell's
catalogue (ui/shell/errors_modules.py) takes FIELD_MESSAGES and ERROR_MESSAGES."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Setting a KPI target (issue #20.1, 5.2.1).
FIELD_MESSAGES: dict[str, str] = {
    "kpi_code_unknown": QT_TRANSLATE_NOOP("Errors", "Choose one of the eight KPIs of 5.2.1."),
    "kpi_target_range": QT_TRANSLATE_NOOP("Errors", "Enter a target from {min} % to {max} %."),
    "kpi_target_reason_required": QT_TRANSLATE_NOOP("Errors", "Say why the target changes."),
    "kpi_target_effective_in_past": QT_TRANSLATE_NOOP(
        "Errors", "A new target cannot take effect before today: a past period keeps its verdict."
    ),
}
ERROR_MESSAGES: dict[str, str] = {}
