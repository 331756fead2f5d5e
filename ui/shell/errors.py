"""Turn domain errors into translated, readable messages; never show a traceback to a user.

Each app error code maps to one message here (style guide §7). Unexpected errors are logged
with their traceback and shown as a generic message whose details can be copied.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core.errors import FieldError, ShowroomError, ValidationFailed
from ui.shell.labels import VEHICLE_STATUS, status_label

log = logging.getLogger(__name__)
CTX = "Errors"

# Field-level messages: shown beside the field. Parameters are filled with str.format.
FIELD_MESSAGES = {
    "required": QT_TRANSLATE_NOOP("Errors", "This field is required."),
    "vin_length": QT_TRANSLATE_NOOP("Errors", "A VIN has 17 characters; this one has {length}."),
    "vin_charset": QT_TRANSLATE_NOOP("Errors", "A VIN uses only digits and capital letters except I, O and Q."),
    "vin_checksum": QT_TRANSLATE_NOOP(
        "Errors",
        "The VIN check digit (9th character) does not match. Check the VIN; a sales manager may override with a reason.",
    ),
    "vin_exists": QT_TRANSLATE_NOOP("Errors", "A vehicle with VIN {vin} already exists."),
    "ric_length": QT_TRANSLATE_NOOP("Errors", "A resident ID number has 18 characters."),
    "ric_format": QT_TRANSLATE_NOOP("Errors", "This is not a valid resident ID number."),
    "ric_checksum": QT_TRANSLATE_NOOP("Errors", "The ID number's check character does not match; please check it."),
    "ric_region": QT_TRANSLATE_NOOP(
        "Errors",
        "An ID number starts with a province or municipality code, such as 31 for Shanghai; these first two digits are not one.",
    ),
    "ric_birth_date": QT_TRANSLATE_NOOP(
        "Errors",
        "Characters 7 to 14 of an ID number are the birth date; this one is not a real date or is in the future.",
    ),
    "mobile_format": QT_TRANSLATE_NOOP("Errors", "Enter an 11-digit mainland mobile number, e.g. 138 1234 5678."),
    "phone_format": QT_TRANSLATE_NOOP("Errors", "Enter a phone number using digits, spaces and dashes."),
    "number_format": QT_TRANSLATE_NOOP("Errors", "Enter a number, e.g. 189800 or 189800.00."),
    "number_too_large": QT_TRANSLATE_NOOP("Errors", "This amount is too large."),
    "unstorable_character": QT_TRANSLATE_NOOP(
        "Errors", "This text contains a control character that cannot be saved; please retype it."
    ),
    "must_be_positive": QT_TRANSLATE_NOOP("Errors", "Enter an amount greater than zero."),
    "price_negative": QT_TRANSLATE_NOOP(
        "Errors", "A price cannot be negative: enter the amount in yuan without a minus sign."
    ),
    "out_of_range": QT_TRANSLATE_NOOP("Errors", "Enter a value between {min} and {max}."),
    "in_future": QT_TRANSLATE_NOOP("Errors", "This date cannot be in the future."),
    "too_long": QT_TRANSLATE_NOOP("Errors", "Too long: at most {max} characters."),
    "unknown_value": QT_TRANSLATE_NOOP("Errors", "This value is not one of the allowed choices."),
    "date_format": QT_TRANSLATE_NOOP("Errors", "Enter a date as YYYY-MM-DD."),
    "username_format": QT_TRANSLATE_NOOP("Errors", "Use 2 to 64 letters, digits, dots, dashes or underscores."),
    "username_taken": QT_TRANSLATE_NOOP("Errors", "This username is already taken."),
    "password_too_short": QT_TRANSLATE_NOOP("Errors", "The password needs at least {min} characters."),
    "password_mismatch": QT_TRANSLATE_NOOP("Errors", "The two passwords do not match."),
    "unknown_role": QT_TRANSLATE_NOOP("Errors", "Unknown role."),
    "status_transition": QT_TRANSLATE_NOOP("Errors", "A vehicle cannot move from this status to the one chosen."),
    "already_set_up": QT_TRANSLATE_NOOP("Errors", "The store has already been set up."),
    "unknown_column": QT_TRANSLATE_NOOP("Errors", "Unknown column."),
    "vin_duplicate_in_file": QT_TRANSLATE_NOOP("Errors", "This VIN already appears in row {first_row} of the file."),
    "doc_type_mismatch": QT_TRANSLATE_NOOP("Errors", "A document can only be replaced by one of the same type."),
    "configuration_separator": QT_TRANSLATE_NOOP(
        "Errors", "A configuration item cannot contain a semicolon; put each item on its own line."
    ),
    "initial_status_delivered": QT_TRANSLATE_NOOP(
        "Errors", "A car cannot be entered as delivered: delivery needs a passed PDI."
    ),
    # Reception (issue #4)
    "arrival_not_today": QT_TRANSLATE_NOOP("Errors", "The arrival time must be today, not in the future."),
    "consent_required": QT_TRANSLATE_NOOP(
        "Errors",
        'Name and mobile are stored only if the customer agrees to the notice shown (PIPL). Tick "Customer agreed" or clear them.',
    ),
    "consent_text_unknown": QT_TRANSLATE_NOOP(
        "Errors", "The consent notice shown is not the current one; reopen the form."
    ),
    "consultant_not_on_duty": QT_TRANSLATE_NOOP("Errors", "This consultant is not on duty today."),
    "not_a_consultant": QT_TRANSLATE_NOOP("Errors", "Choose an active sales consultant."),
    "already_assigned": QT_TRANSLATE_NOOP("Errors", "The visitor is already with this consultant."),
    "override_required": QT_TRANSLATE_NOOP(
        "Errors", "Choosing a consultant for a walk-in bypasses the rotation: use the override with a reason."
    ),
    "id_number_not_allowed": QT_TRANSLATE_NOOP("Errors", "ID numbers are never recorded at the desk; remove it."),
    "unknown_model": QT_TRANSLATE_NOOP("Errors", "{model} is not a model in the inventory."),
    "too_many": QT_TRANSLATE_NOOP("Errors", "At most {max} entries."),
    "not_an_interest": QT_TRANSLATE_NOOP("Errors", "{model} is not one of the visitor's models of interest."),
    "visit_finished": QT_TRANSLATE_NOOP("Errors", "This visit has already ended."),
    "visit_not_waiting": QT_TRANSLATE_NOOP("Errors", "This visitor is no longer waiting."),
    "appointment_not_booked": QT_TRANSLATE_NOOP(
        "Errors", "This appointment is no longer open (arrived, cancelled or no-show)."
    ),
    "appointment_not_due": QT_TRANSLATE_NOOP("Errors", "A no-show can be recorded only after the booked time."),
    "lead_exists": QT_TRANSLATE_NOOP("Errors", "This customer already has a lead for {model}."),
    "lead_status_transition": QT_TRANSLATE_NOOP("Errors", "A lead cannot move from this status to the one chosen."),
    "date_out_of_range": QT_TRANSLATE_NOOP("Errors", "Choose a date from today up to {max_days} days ahead."),
    "month_not_over": QT_TRANSLATE_NOOP("Errors", "The month is not over yet."),
    "in_past": QT_TRANSLATE_NOOP("Errors", "This cannot be in the past."),
    "channel_code_format": QT_TRANSLATE_NOOP("Errors", "Use lower-case letters, digits and underscores."),
    "channel_code_taken": QT_TRANSLATE_NOOP("Errors", "This code is already used by another channel."),
    "version_label_format": QT_TRANSLATE_NOOP("Errors", "Use a short version label such as v2."),
    "search_too_short": QT_TRANSLATE_NOOP(
        "Errors", "Type at least {min} characters: the last digits of a mobile, or the start of a name."
    ),
    "version_label_taken": QT_TRANSLATE_NOOP("Errors", "Version {version_label} already exists."),
}

# Whole-operation messages: shown in a message box.
ERROR_MESSAGES = {
    "validation_failed": QT_TRANSLATE_NOOP("Errors", "Some fields need attention. Nothing was saved."),
    "override_required": QT_TRANSLATE_NOOP(
        "Errors", "This needs a sales manager's override with a reason. Nothing was saved."
    ),
    "permission_denied": QT_TRANSLATE_NOOP("Errors", "Your role does not allow this action."),
    "not_found": QT_TRANSLATE_NOOP(
        "Errors", "The record no longer exists. It may have been removed on another terminal."
    ),
    "conflict": QT_TRANSLATE_NOOP(
        "Errors",
        "Someone else saved this record on another terminal after you opened it. Your changes were not saved: reload to see theirs, then apply yours again.",
    ),
    "login_failed": QT_TRANSLATE_NOOP("Errors", "Wrong username or password."),
    "account_locked": QT_TRANSLATE_NOOP(
        "Errors", "Too many failed attempts: this account is locked until {until} (UTC)."
    ),
    "setup_required": QT_TRANSLATE_NOOP("Errors", "The store has not been set up yet."),
    "pdi_required": QT_TRANSLATE_NOOP(
        "Errors", "This car cannot be delivered before it has passed a pre-delivery inspection (PDI)."
    ),
    "database_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "The database cannot be reached. Check the connection in Settings."
    ),
    "import_unreadable": QT_TRANSLATE_NOOP(
        "Errors", "The file cannot be read. Save it as .xlsx, or as .csv in UTF-8 or GBK, and try again."
    ),
    "import_missing_columns": QT_TRANSLATE_NOOP("Errors", "The file lacks required columns: {columns}."),
    "import_duplicate_columns": QT_TRANSLATE_NOOP("Errors", "The file has these columns more than once: {columns}."),
    "import_too_many_rows": QT_TRANSLATE_NOOP(
        "Errors",
        "The file has more than {limit:,} rows; nothing was imported. Split it into smaller files, or ask the administrator to raise the import limit.",
    ),
    "export_format": QT_TRANSLATE_NOOP("Errors", "Export to a file ending in .xlsx or .csv."),
    "export_unwritable": QT_TRANSLATE_NOOP(
        "Errors", "The file cannot be written. Choose another folder, or close the file in Excel."
    ),
    "demo_foreign_database": QT_TRANSLATE_NOOP(
        "Errors", "This database belongs to another store ({store}); the demo data was not added."
    ),
    "cjk_font_missing": QT_TRANSLATE_NOOP(
        "Errors",
        "No Chinese font for documents was found. Install WenQuanYi Micro Hei (fonts-wqy-microhei) or set SHOWROOM_CJK_FONT. Searched: {searched}",
    ),
    "font_config_invalid": QT_TRANSLATE_NOOP("Errors", "The font configuration {path} is invalid."),
    "signature_image_invalid": QT_TRANSLATE_NOOP(
        "Errors", "The signature of {signer} could not be read; please sign again."
    ),
    "certificate_invalid": QT_TRANSLATE_NOOP(
        "Errors",
        "The certificate file cannot be used: wrong password, damaged file, or key and certificate do not match.",
    ),
    "certificate_password_required": QT_TRANSLATE_NOOP("Errors", "This certificate file needs its password."),
    "certificate_expired": QT_TRANSLATE_NOOP(
        "Errors",
        "The store's signing certificate expired on {expired_at}. An administrator must create or import a new one.",
    ),
    "signing_failed": QT_TRANSLATE_NOOP("Errors", "The document could not be signed digitally."),
    "pdf_invalid": QT_TRANSLATE_NOOP("Errors", "This file is not a readable PDF."),
    "no_printer": QT_TRANSLATE_NOOP(
        "Errors", "No printer is installed. Add one in the system settings, or use Save As… to keep the PDF."
    ),
    "printer_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "The printer {printer} is not available any more. Choose another printer."
    ),
    "print_failed": QT_TRANSLATE_NOOP(
        "Errors", "Printing on {printer} failed. Check that the printer is on and try again."
    ),
    "print_cancelled": QT_TRANSLATE_NOOP("Errors", "Printing was cancelled; nothing was sent to the printer."),
    "pdf_save_failed": QT_TRANSLATE_NOOP(
        "Errors", "The file {path} cannot be written. Choose another folder or file name."
    ),
    "archive_corrupt": QT_TRANSLATE_NOOP(
        "Errors",
        "The archived copy of {number} v{version} does not match its recorded fingerprint. Do not hand it out; tell the administrator (restore from a backup).",
    ),
    "document_already_voided": QT_TRANSLATE_NOOP("Errors", "{number} v{version} has already been voided."),
    "certificate_missing": QT_TRANSLATE_NOOP(
        "Errors", "The store has no signing certificate yet. An administrator must create or import one."
    ),
    "encryption_key_unavailable": QT_TRANSLATE_NOOP(
        "Errors",
        "The key file that protects the store's signing key is missing or does not match ({path}). Copy it from the store's first terminal (showroom admin keys export / import).",
    ),
    # The audit log's key (issue #15 item 7): every terminal of a store needs the same file.
    "audit_key_unavailable": QT_TRANSLATE_NOOP(
        "Errors",
        "This terminal does not have the store's audit key file ({path}): nothing can be saved here and the audit log cannot be checked. Copy it from a terminal that has it (showroom admin keys export --key audit / keys import --key audit).",
    ),
    "unexpected": QT_TRANSLATE_NOOP(
        "Errors", "Something went wrong. The details were written to the log file; nothing was changed."
    ),
    # Showroom cards and floor (issue #5, 一车一卡)
    "card_vehicle_not_available": QT_TRANSLATE_NOOP(
        "Errors", "A card can only be issued for a car in stock or on display (VIN {vin})."
    ),
    "floor_vehicle_not_available": QT_TRANSLATE_NOOP(
        "Errors", "Only a car in stock or on display can be placed on the showroom floor (VIN {vin})."
    ),
    "floor_nev_zone_only": QT_TRANSLATE_NOOP(
        "Errors", "The zone {zone} is reserved for new-energy vehicles (T/CSCA 120031 4.2.1.5)."
    ),
    "floor_position_occupied": QT_TRANSLATE_NOOP(
        "Errors", "Position {position} is taken by another car (VIN {vin}). Choose swap to exchange them."
    ),
    "floor_swap_needs_position": QT_TRANSLATE_NOOP(
        "Errors", "Only a car that already stands in a position can swap with the car at {position}."
    ),
    "scan_not_recognised": QT_TRANSLATE_NOOP("Errors", "The scanned code is neither a showroom card nor a VIN."),
    "cancelled": QT_TRANSLATE_NOOP("Errors", "Cancelled after {done} of {total}."),
    "card_content_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The card for {vin} has too much text to fit: shorten the disclosures or the promotion."
    ),
    "card_url_template_invalid": QT_TRANSLATE_NOOP(
        "Errors",
        "The card link template is not a valid web address: use {{vin}}, {{card_number}} and {{version}} only.",
    ),
    "card_url_too_long": QT_TRANSLATE_NOOP(
        "Errors", "The card link is too long for a QR code ({length} bytes, at most {limit})."
    ),
    "qr_payload_too_long": QT_TRANSLATE_NOOP("Errors", "The card's QR code content is too long to print."),
}

# Module messages live beside their module (one writer per file); they share the context.
from ui.shell.errors_modules import MODULE_ERROR_MESSAGES, MODULE_FIELD_MESSAGES  # noqa: E402

FIELD_MESSAGES.update(MODULE_FIELD_MESSAGES)
ERROR_MESSAGES.update(MODULE_ERROR_MESSAGES)


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def _fmt(template: str, params: dict) -> str:
    # Lists (columns, searched paths) read better joined than as Python reprs.
    params = {k: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
    if params.get("status") in VEHICLE_STATUS:  # "in_stock" reads as the inventory page says it
        params["status"] = status_label(params["status"])
    try:
        return tr(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return tr(template)


def field_error_text(error: FieldError) -> str:
    template = FIELD_MESSAGES.get(error.code) or ERROR_MESSAGES.get(error.code)
    return _fmt(template, error.params) if template else error.code


def error_text(exc: BaseException) -> str:
    if isinstance(exc, ShowroomError):
        template = ERROR_MESSAGES.get(exc.code) or FIELD_MESSAGES.get(exc.code)
        if template:
            return _fmt(template, exc.params)
        return f"{tr(ERROR_MESSAGES['unexpected'])} ({exc.code})"
    from sqlalchemy.exc import OperationalError, InterfaceError

    if isinstance(exc, (OperationalError, InterfaceError)):
        return tr(ERROR_MESSAGES["database_unavailable"])
    return tr(ERROR_MESSAGES["unexpected"])


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log anything unexpected with its traceback; show the user a readable message."""
    if not isinstance(exc, ShowroomError):
        log.error("unexpected error: %r\n%s", exc, getattr(exc, "__showroom_traceback__", ""))
    parent = parent or QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Showroom"))
    box.setText(error_text(exc))
    if isinstance(exc, ValidationFailed):
        box.setInformativeText("\n".join(field_error_text(e) for e in exc.errors))
    elif not isinstance(exc, ShowroomError):
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
    if QApplication.platformName() == "offscreen" and parent is None:
        log.warning("error shown offscreen: %s", box.text())
    if parent is None:
        # Nothing else holds a parentless box: keep it until the user closes it.
        _open_boxes.append(box)
        box.finished.connect(lambda _r, b=box: _open_boxes.remove(b) if b in _open_boxes else None)
    box.open()


_open_boxes: list[QMessageBox] = []
