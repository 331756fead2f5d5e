"""User-facing messages of customer care (issue #19), keyed by ShowroomError / FieldError code.
Each part keeps its own dict here or in its own errors_*.py, collected below; the shell's
catalogue (ui/shell/errors_modules.py) takes FIELD_MESSAGES and ERROR_MESSAGES."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Tasks, surveys and service recovery (issue #19.1, 19.2, 19.4).
FIELD_MESSAGES: dict[str, str] = {
    "care_interval_range": QT_TRANSLATE_NOOP("Errors", "Enter a number of days from 1 to {max}."),
    "care_reason_required": QT_TRANSLATE_NOOP("Errors", "Say why the customer is not satisfied."),
    "care_staff_required": QT_TRANSLATE_NOOP("Errors", "Choose an active member of staff with the customer care role."),
    "care_task_closed": QT_TRANSLATE_NOOP("Errors", "This task is already closed."),
    "recovery_apology_first": QT_TRANSLATE_NOOP("Errors", "Record the apology first (5.2.8)."),
    "recovery_note_required": QT_TRANSLATE_NOOP("Errors", "Say how the store apologised (at most {max} characters)."),
    "recovery_value_range": QT_TRANSLATE_NOOP("Errors", "Enter a value above zero and at most ¥{max}."),
    "recovery_value_without_compensation": QT_TRANSLATE_NOOP("Errors", "No compensation has no value."),
    "recovery_wrong_step": QT_TRANSLATE_NOOP("Errors", "The case is not at this step any more: reload it."),
    "survey_answer_invalid": QT_TRANSLATE_NOOP("Errors", "This answer is not one the questionnaire offers."),
    "survey_answer_out_of_range": QT_TRANSLATE_NOOP("Errors", "Choose one of the answers offered ({min}–{max})."),
    "survey_answer_required": QT_TRANSLATE_NOOP("Errors", "Answer this question."),
    "survey_answer_unknown": QT_TRANSLATE_NOOP("Errors", "This question is not on the questionnaire."),
    "survey_deal_not_customers": QT_TRANSLATE_NOOP("Errors", "This deal is not this customer's."),
    "survey_template_invalid": QT_TRANSLATE_NOOP("Errors", "The questionnaire is not valid."),
}
ERROR_MESSAGES: dict[str, str] = {}
