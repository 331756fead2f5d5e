"""User-facing messages for PDI (issue #7), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    "pdi_defect_needs_note": QT_TRANSLATE_NOOP(
        "Errors", "Describe the defect: the repair and the customer's copy refer to it."
    ),
    "pdi_na_needs_reason": QT_TRANSLATE_NOOP("Errors", "Say why this item does not apply to this car."),
    "pdi_value_not_number": QT_TRANSLATE_NOOP("Errors", "Enter a number, e.g. 250 or 12.6."),
    "pdi_rectification_required": QT_TRANSLATE_NOOP(
        "Errors", "Item {item} was not OK: record the repair first, then re-check it."
    ),
    "pdi_assembly_needs_name": QT_TRANSLATE_NOOP(
        "Errors", "Name the assembly (总成) that was repaired; it is disclosed to the customer."
    ),
    "pdi_photo_type": QT_TRANSLATE_NOOP("Errors", "Only JPEG and PNG photos can be attached."),
    "pdi_photo_too_large": QT_TRANSLATE_NOOP("Errors", "The photo is too large (at most {max_mb} MB)."),
    "pdi_signature_required": QT_TRANSLATE_NOOP("Errors", "The technician and the customer must both sign the report."),
    "pdi_template_not_text": QT_TRANSLATE_NOOP("Errors", "Must be text."),
    "pdi_template_not_object": QT_TRANSLATE_NOOP("Errors", "Must be a JSON object."),
    "pdi_template_not_boolean": QT_TRANSLATE_NOOP("Errors", "Must be true or false."),
    "pdi_template_format": QT_TRANSLATE_NOOP("Errors", "Not a PDI checklist file (format must be {expected})."),
    "pdi_template_no_sections": QT_TRANSLATE_NOOP("Errors", "The checklist has no sections."),
    "pdi_template_no_items": QT_TRANSLATE_NOOP(
        "Errors", "A section needs at least one item, and the checklist at least one active item."
    ),
    "pdi_template_bad_id": QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid id {value}: sections are a capital letter (e.g. E), items the section and two digits (e.g. E01).",
    ),
    "pdi_template_duplicate_id": QT_TRANSLATE_NOOP("Errors", "The id {value} is used twice."),
    "pdi_template_powertrains": QT_TRANSLATE_NOOP("Errors", "Unknown powertrain {value}: use {allowed}."),
    "pdi_template_value_kind": QT_TRANSLATE_NOOP("Errors", "The value kind must be one of {allowed}."),
    # Photos the checklist asks for (issue #17.9).
    "pdi_photos_required": QT_TRANSLATE_NOOP(
        "Errors", "Item {item} needs {required} photos before it can pass; {have} attached so far."
    ),
    "pdi_template_photos": QT_TRANSLATE_NOOP("Errors", "The number of photos must be a whole number from 0 to {max}."),
    "pdi_template_not_list": QT_TRANSLATE_NOOP("Errors", "Must be a JSON list."),
    # A checklist no shorter than the standard one (T/CSCA 120031 4.4.1.2 b, issue #17).
    "pdi_omission_bad": QT_TRANSLATE_NOOP(
        "Errors", 'Name the section ("section") or the item ("item") that is left out, with its reason.'
    ),
    "pdi_omission_needs_reason": QT_TRANSLATE_NOOP("Errors", "Give the reason why {omitted} is left out."),
    "pdi_omission_unnamed": QT_TRANSLATE_NOOP(
        "Errors",
        "{omitted} {en} of the standard checklist is left out (T/CSCA 120031 4.4.1.2): keep it, or name it under omissions with its reason.",
    ),
    "pdi_omission_not_omitted": QT_TRANSLATE_NOOP(
        "Errors",
        "{omitted} is named as left out, but the checklist covers it or the standard checklist has no such part.",
    ),
    "pdi_omission_unapproved": QT_TRANSLATE_NOOP(
        "Errors", "{omitted} {en} is left out ({reason}): an administrator approves the omission when publishing."
    ),
}

# Shown in a message box.
ERROR_MESSAGES: dict[str, str] = {
    "pdi_report_required": QT_TRANSLATE_NOOP(
        "Errors",
        "The PDI has passed but its report is not signed yet: the technician and the customer sign it on the PDI page before delivery (T/CSCA 120031 4.4.1.4).",
    ),
    "pdi_certificate_missing": QT_TRANSLATE_NOOP(
        "Errors",
        "You have no PDI technician certificate on record. Only certified technicians may inspect (T/CSCA 120031 4.4.1.3); ask the administrator to enter yours on the staff page.",
    ),
    "pdi_certificate_expired": QT_TRANSLATE_NOOP(
        "Errors",
        "Your PDI technician certificate expired on {expiry}. Only technicians with a valid certificate may inspect (T/CSCA 120031 4.4.1.3).",
    ),
    "pdi_vehicle_not_available": QT_TRANSLATE_NOOP(
        "Errors", "The car {vin} cannot be inspected for delivery in its current status."
    ),
    "pdi_inspection_open": QT_TRANSLATE_NOOP(
        "Errors", "The car {vin} already has an open inspection: continue that one."
    ),
    "pdi_already_passed": QT_TRANSLATE_NOOP(
        "Errors", "The car {vin} has already passed the PDI on the current checklist."
    ),
    "pdi_inspection_paused": QT_TRANSLATE_NOOP("Errors", "This inspection is paused: resume it first."),
    "pdi_inspection_closed": QT_TRANSLATE_NOOP(
        "Errors", "This inspection has passed and is closed; it can no longer be changed."
    ),
    "pdi_inspection_not_running": QT_TRANSLATE_NOOP("Errors", "Only an inspection in progress can be paused."),
    "pdi_inspection_not_paused": QT_TRANSLATE_NOOP("Errors", "This inspection is not paused."),
    "pdi_items_open": QT_TRANSLATE_NOOP(
        "Errors",
        "{count} items are not checked yet: {items}. Every item must be recorded before the inspection is completed.",
    ),
    "pdi_item_not_defective": QT_TRANSLATE_NOOP(
        "Errors", "Item {item} is not recorded as not OK: only a defect is rectified."
    ),
    "pdi_not_assembly_repair": QT_TRANSLATE_NOOP("Errors", "The repair of item {item} is not an assembly repair."),
    "pdi_already_acknowledged": QT_TRANSLATE_NOOP(
        "Errors", "The customer has already acknowledged the repair of item {item}."
    ),
    "pdi_not_passed": QT_TRANSLATE_NOOP("Errors", "Only a passed inspection gets a report for the customer."),
    "pdi_report_exists": QT_TRANSLATE_NOOP(
        "Errors", "This inspection's report has already been issued; print the customer's copy from it."
    ),
    "pdi_checklist_not_approved": QT_TRANSLATE_NOOP(
        "Errors",
        "The PDI checklist for {brand} (v{version}) leaves out parts of the standard checklist without an administrator's approval (T/CSCA 120031 4.4.1.2): the administrator publishes it again with each omission named and approved.",
    ),
    "pdi_template_not_json": QT_TRANSLATE_NOOP("Errors", "The file is not valid JSON (line {line})."),
    "pdi_template_too_large": QT_TRANSLATE_NOOP("Errors", "The file is too large for a checklist."),
    "pdi_file_unreadable": QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be read: {reason}"),
    "pdi_file_unwritable": QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be written: {reason}"),
}
