"""One-line sentences for error codes, for the admin command line (app/cli/__init__.py).

In English, the tables below say a few things for operators that the GUI does not (which
command to run next, the values a file column allows); everything else, and everything in
Chinese, comes from the GUI's own sentences (app/cli/messages.py reads them from
messages.json). No code ever reaches the terminal as it is (issue #17.6): an error neither
table knows reads as the GUI's "something went wrong" sentence. Never needs Qt.
"""

from __future__ import annotations

from app.cli.messages import EN, ZH, cli_language, field_label, sentence, status_word, unexpected
from app.core.errors import FieldError, ShowroomError, ValidationFailed

FIELD_TEXT = {
    "required": "required",
    "vin_length": "a VIN has 17 characters, this one has {length}",
    "vin_charset": "a VIN uses only digits and capital letters other than I, O and Q",
    "vin_checksum": "the check digit (9th character) does not match",
    "vin_duplicate_in_file": "same VIN as row {first_row}",
    "vin_exists": "a vehicle with this VIN already exists",
    "number_format": "not a number",
    "number_too_large": "too large",
    "unstorable_character": "contains a control character that cannot be saved",
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
    "doc_type_mismatch": "the document to replace is of another type",
}
# Spelling out the choices helps more than "not an allowed value" in a file import.
ALLOWED = {
    "powertrain": "ICE, HEV, PHEV or BEV",
    "status": "in_transit, in_stock, on_display, test_drive_fleet, reserved, sold or delivered",
}
ALLOWED_ZH = {
    "powertrain": "ICE、HEV、PHEV 或 BEV",
    "status": "in_transit、in_stock、on_display、test_drive_fleet、reserved、sold 或 delivered",
}

UNREADABLE = {
    "not_found": "file not found",
    "unsupported_format": "only .csv and .xlsx files can be imported",
    "empty": "the file is empty",
    "encoding": "unknown text encoding (save the CSV as UTF-8 or GBK)",
    "corrupt": "the file is damaged or is not really a {suffix} file",
    "too_large": "the file unpacks to far more data than an inventory sheet holds",
}

ERROR_TEXT = {
    "import_missing_columns": "the file lacks required column(s): {columns}",
    "import_duplicate_columns": "the file has these columns more than once: {columns}",
    # Issue #15.13: the row limit of an import.
    "import_too_many_rows": "{path}: the file has more than {limit:,} rows; nothing was "
    "imported. Split the file, or raise the limit with --max-rows "
    "(or SHOWROOM_IMPORT_MAX_ROWS)",
    "export_format": "cannot export to '{suffix}' files: use .csv or .xlsx",
    "export_unwritable": "cannot write {path}: {reason} (is it open in Excel?)",
    "permission_denied": "permission denied ({action})",
    "conflict": "someone else changed the same records meanwhile; run the command again",
    "demo_foreign_database": "this database already holds a store that is not the demo; "
    "give the demo its own --database-url",
    "setup_required": "the store is not set up yet: run 'showroom admin init'",
    "not_found": "not found",
    "archive_corrupt": "the archived copy of {number} version {version} no longer matches its "
    "SHA-256: the archive is damaged; restore the database from a backup",
    "document_already_voided": "{number} version {version} is already voided",
    "certificate_missing": "the store has no signing certificate: run 'showroom admin certificate create'",
    "certificate_expired": "the certificate expired on {expired_at}: create or import a new one",
    "certificate_password_required": "a password is needed",
    "signing_failed": "the document could not be signed digitally ({reason})",
    "pdf_invalid": "not a readable PDF ({reason})",
    "cjk_font_missing": "no Chinese font for documents was found: install fonts-wqy-microhei or "
    "set SHOWROOM_CJK_FONT (searched: {searched})",
    "signature_image_invalid": "the handwritten signature of {signer} cannot be read",
    # Backup and restore (issue #8, app/store/backup.py)
    "backup_unwritable": "cannot write the backup to {path}: {reason}",
    "backup_no_database": "there is no database file at {path} to back up",
    "backup_failed": "the backup failed: {reason}",
    "backup_damaged": "the backup written to {path} failed its integrity check ({reason})",
    "restore_failed": "the restore failed: {reason}",
    "pg_tool_missing": "{tool} was not found: install the PostgreSQL client programs "
    "(Debian: apt-get install postgresql-client) and try again",
    "transient_database_error": "the database stayed busy; nothing was saved, try again",
    # The store's personal-data key (issue #15.2, app/core/store_keys.py)
    "personal_key_missing": "this computer has no copy of the store's personal-data key "
    "(store key id {expected}; expected at {path}), so it cannot record "
    "or read ID and licence numbers; nothing was saved. On a terminal "
    "that has it run 'showroom admin keys export --key personal --out "
    "FILE', then here 'showroom admin keys import FILE --key personal'",
    "personal_key_mismatch": "the personal-data key file {path} on this computer (key id "
    "{found}) is not the store's (key id {expected}), so it cannot "
    "record or read ID and licence numbers; nothing was saved. Copy the "
    "store's key from a terminal that has it ('showroom admin keys "
    "export --key personal --out FILE' there) and install it here with "
    "'showroom admin keys import FILE --key personal'",
}

BACKUP_INVALID = {
    "not_found": "file not found",
    "not_a_database": "not a database file (or it is truncated)",
    "damaged": "the file is damaged ({detail})",
    "not_showroom": "not a Showroom database",
    "unknown_revision": "made by a newer or unknown version of Showroom (schema {revision})",
    # Issue #15.11: whole, but what it holds was changed (or could not be checked).
    "altered": "it failed its content check ({detail}); to restore it anyway and record the "
    "failures, add --accept-damaged",
}

CERTIFICATE_INVALID = {
    "unreadable": "the certificate file cannot be read: wrong password, or not a PKCS#12 file",
    "incomplete": "the certificate file lacks the private key or the certificate",
    "key_mismatch": "the private key in the file does not belong to its certificate",
    "cannot_sign": "a test signature made with this certificate did not verify",
}
KEY_UNAVAILABLE = {
    "missing": "this computer has no key file ({path}) for the store's signing key: copy it "
    "from a terminal that signs ('showroom admin keys export' there, "
    "'showroom admin keys import FILE' here)",
    "wrong_key": "the key file {path} is not the one the store's signing key was encrypted "
    "with: copy the right one from a terminal that signs (keys export / import)",
    "damaged": "the key file {path} or the encrypted signing key is damaged",
}

# A showroom card (一车一卡) only for a car on sale; the whole batch is refused (issue #15.6).
CARD_NOT_AVAILABLE = (
    "{car} (VIN {vin}) is {status}: a showroom card is issued only for a car "
    "in stock or on display; no card was issued, take it out of the batch"
)
# The GUI's sentence says what a card needs; the terminal also names the car and the batch.
CARD_NOT_AVAILABLE_ZH = "{sentence}{car} 当前为“{status}”；本批未签发任何车卡，请将它移出本批。"
VEHICLE_STATUS_TEXT = {
    "in_transit": "still in transit",
    "in_stock": "in stock",
    "on_display": "on display",
    "test_drive_fleet": "in the test-drive fleet",
    "reserved": "reserved",
    "sold": "sold",
    "delivered": "delivered",
}


def _fmt(template: str, params: dict) -> str:
    params = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def describe_field_error(e: FieldError, lang: str | None = None) -> str:
    """`field: what is wrong`, in the run's language (app/cli/messages.cli_language)."""
    lang = lang or cli_language()
    if lang == EN:
        if e.code == "unknown_value" and e.field in ALLOWED:
            return f"{e.field}: must be {ALLOWED[e.field]}"
        template = FIELD_TEXT.get(e.code)
        if template:
            return f"{e.field}: {_fmt(template, e.params)}"
        return f"{e.field}: {sentence(e.code, e.params, EN) or unexpected(EN)}"
    text = sentence(e.code, e.params, lang) or unexpected(lang)
    if e.code == "unknown_value" and e.field in ALLOWED_ZH:
        text = text.rstrip("。") + f"（可填：{ALLOWED_ZH[e.field]}）。"
    label = field_label(e.field, lang)
    # The column's own name too: a file's header says `vin`, the sentence says VIN 码.
    return f"{label}（{e.field}）：{text}" if label != e.field else f"{e.field}：{text}"


def describe_error(e: ShowroomError, lang: str | None = None) -> str:
    """One sentence for an error, in the run's language; never the bare code."""
    lang = lang or cli_language()
    if lang == EN:
        text = _describe_en(e)
        if text is not None:
            return text
    return _describe_from_table(e, lang)


def _describe_from_table(e: ShowroomError, lang: str) -> str:
    if isinstance(e, ValidationFailed):
        head = sentence("validation_failed", {}, lang) or unexpected(lang)
        if lang == ZH:  # one sentence: the parts joined by 分号, one 句号 at the end
            return head + "；".join(describe_field_error(fe, lang).rstrip("。") for fe in e.errors) + "。"
        return f"{head} " + "; ".join(describe_field_error(fe, lang) for fe in e.errors)
    if e.code == "card_vehicle_not_available" and lang == ZH:
        status = status_word(str(e.params.get("status")), lang)
        base = sentence(e.code, e.params, lang) or ""
        return _fmt(CARD_NOT_AVAILABLE_ZH, {"car": "", **e.params, "sentence": base, "status": status})
    return sentence(e.code, e.params, lang) or unexpected(lang)


def _describe_en(e: ShowroomError) -> str | None:
    """The operator's English for the codes the tables above know; None for the others."""
    if isinstance(e, ValidationFailed):
        return "invalid input: " + "; ".join(describe_field_error(fe, EN) for fe in e.errors)
    if e.code == "import_unreadable":
        path = e.params.get("path", "")
        suffix = path.rsplit(".", 1)[-1] if "." in path else "?"
        reason = UNREADABLE.get(e.params.get("reason", ""), "the file cannot be read")
        return f"cannot import {path}: {_fmt(reason, {'suffix': '.' + suffix})}"
    if e.code == "backup_invalid":
        reason = BACKUP_INVALID.get(e.params.get("reason", ""), "the file cannot be used")
        return (
            f"cannot restore from {e.params.get('path', '')}: "
            f"{_fmt(reason, {'detail': '', 'revision': '?', **e.params})}; nothing was changed"
        )
    if e.code == "certificate_invalid":
        return CERTIFICATE_INVALID.get(e.params.get("reason", ""), "the certificate cannot be used")
    if e.code == "encryption_key_unavailable":
        return _fmt(KEY_UNAVAILABLE.get(e.params.get("reason", ""), KEY_UNAVAILABLE["damaged"]), e.params)
    if e.code == "not_found" and e.params.get("what") == "document":
        if e.params.get("number"):
            version = e.params.get("version")
            return (
                f"no document {e.params['number']}"
                + (f" version {version}" if version is not None else "")
                + " in the archive"
            )
        return "no such document in the archive"
    if e.code == "card_vehicle_not_available":  # issue #15.6: name the car, in words
        status = VEHICLE_STATUS_TEXT.get(str(e.params.get("status")), e.params.get("status"))
        return _fmt(CARD_NOT_AVAILABLE, {"car": "", **e.params, "status": status})
    template = ERROR_TEXT.get(e.code)
    return _fmt(template, e.params) if template else None
