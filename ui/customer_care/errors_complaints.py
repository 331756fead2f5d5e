"""User-facing messages of complaints, the working-day calendar and public notices (issue #19.3,
#19.5), keyed by ShowroomError / FieldError code; collected by ui/shell/errors_modules.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    "complaint_handler_invalid": QT_TRANSLATE_NOOP(
        "Errors", "Choose an active consultant or sales manager to handle the complaint."
    ),
    "complaint_vehicle_unknown": QT_TRANSLATE_NOOP("Errors", "No car in the inventory has this VIN."),
    "complaint_contract_unknown": QT_TRANSLATE_NOOP("Errors", "No contract has this number."),
    "complaint_received_in_future": QT_TRANSLATE_NOOP("Errors", "A complaint cannot have been made in the future."),
    # 3.16: closure needs the result and the customer's confirmation or recorded refusal
    "complaint_result_required": QT_TRANSLATE_NOOP("Errors", "A complaint is closed only with its result."),
    "complaint_confirmation_required": QT_TRANSLATE_NOOP(
        "Errors", "Record whether the customer confirms or refuses the result."
    ),
    "complaint_refusal_note_required": QT_TRANSLATE_NOOP("Errors", "Write down what the customer said in refusing."),
    "complaint_closed": QT_TRANSLATE_NOOP("Errors", "Complaint {number} is closed: nothing more is added to it."),
    "complaint_not_found": QT_TRANSLATE_NOOP(
        "Errors", "No complaint has this number with these mobile digits. Check the receipt."
    ),
    "mobile_tail_format": QT_TRANSLATE_NOOP("Errors", "Enter the last 4 digits of the mobile."),
    "complaint_material_type": QT_TRANSLATE_NOOP("Errors", "Keep PDF, JPEG, PNG, text or audio files only."),
    "complaint_material_too_large": QT_TRANSLATE_NOOP("Errors", "A file may be up to {max_mb} MB."),
    "complaint_material_damaged": QT_TRANSLATE_NOOP(
        "Errors", "This stored file no longer matches its fingerprint. Tell the administrator."
    ),
    "calendar_year_known": QT_TRANSLATE_NOOP("Errors", "The holiday calendar already knows {year}."),
    # Public notices (issue #19.5, 4.1.3.6)
    "notice_unknown_field": QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown store detail in braces: {names}. Use {{legal_name}}, {{address}}, {{sales_hotline}}, "
        "{{complaint_phone}} or {{website}}.",
    ),
    "notice_effective_in_past": QT_TRANSLATE_NOOP("Errors", "A notice cannot take effect before today."),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
