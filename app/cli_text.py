"""English one-line texts for error codes, for the admin command line (app/cli.py).

The GUI translates the same codes in ui/errors.py; the CLI is for operators and logs, so it
speaks plain English and never needs Qt. Unknown codes fall back to the code and parameters.
"""

from __future__ import annotations

from app.errors import FieldError, ShowroomError, ValidationFailed

FIELD_TEXT = {
    "required": "required",
    "vin_length": "a VIN has 17 characters, this one has {length}",
    "vin_charset": "a VIN uses only digits and capital letters other than I, O and Q",
    "vin_checksum": "the check digit (9th character) does not match",
    "vin_duplicate_in_file": "same VIN as row {first_row}",
    "vin_exists": "a vehicle with this VIN already exists",
    "number_format": "not a number",
    "number_too_large": "too large",
    "must_be_positive": "must be greater than zero",
    "out_of_range": "must be between {min} and {max}",
    "in_future": "date is in the future",
    "date_format": "not a date (use YYYY-MM-DD)",
    "too_long": "too long (at most {max} characters)",
    "unknown_value": "not an allowed value",
    "username_format": "use 2 to 64 letters, digits, dots, dashes or underscores",
    "username_taken": "this username is already taken",
    "password_too_short": "at least {min} characters needed",
    "unknown_role": "unknown role",
    "phone_format": "not a phone number",
    "already_set_up": "the store is already set up",
    "status_transition": "cannot move from {from} to {to}",
    "initial_status_delivered": "a new car cannot enter as delivered (delivery needs a passed PDI)",
}
# Spelling out the choices helps more than "not an allowed value" in a file import.
ALLOWED = {
    "powertrain": "ICE, HEV, PHEV or BEV",
    "status": "in_transit, in_stock, on_display, test_drive_fleet, reserved, sold or delivered",
}

UNREADABLE = {
    "not_found": "file not found",
    "unsupported_format": "only .csv and .xlsx files can be imported",
    "empty": "the file is empty",
    "encoding": "unknown text encoding (save the CSV as UTF-8 or GBK)",
    "corrupt": "the file is damaged or is not really a {suffix} file",
}

ERROR_TEXT = {
    "import_missing_columns": "the file lacks required column(s): {columns}",
    "import_duplicate_columns": "the file has these columns more than once: {columns}",
    "export_format": "cannot export to '{suffix}' files: use .csv or .xlsx",
    "export_unwritable": "cannot write {path}: {reason} (is it open in Excel?)",
    "permission_denied": "permission denied ({action})",
    "conflict": "someone else changed the same records meanwhile; run the command again",
    "demo_foreign_database": "this database already holds a store that is not the demo; "
                             "give the demo its own --database-url",
    "setup_required": "the store is not set up yet: run 'showroom admin init'",
    "not_found": "not found",
}


def _fmt(template: str, params: dict) -> str:
    params = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
              for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def describe_field_error(e: FieldError) -> str:
    if e.code == "unknown_value" and e.field in ALLOWED:
        return f"{e.field}: must be {ALLOWED[e.field]}"
    template = FIELD_TEXT.get(e.code)
    return f"{e.field}: {_fmt(template, e.params) if template else str(e)}"


def describe_error(e: ShowroomError) -> str:
    if isinstance(e, ValidationFailed):
        return "invalid input: " + "; ".join(describe_field_error(fe) for fe in e.errors)
    if e.code == "import_unreadable":
        path = e.params.get("path", "")
        suffix = path.rsplit(".", 1)[-1] if "." in path else "?"
        reason = UNREADABLE.get(e.params.get("reason", ""), "the file cannot be read")
        return f"cannot import {path}: {_fmt(reason, {'suffix': '.' + suffix})}"
    template = ERROR_TEXT.get(e.code)
    return _fmt(template, e.params) if template else str(e)
