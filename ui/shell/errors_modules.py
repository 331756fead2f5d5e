"""Collects the user-facing error messages of the later modules (each in its own file)."""

from __future__ import annotations

from ui.shell.errors_reprint import ERROR_MESSAGES as _DOCUMENT_ERRORS
from ui.pdi.errors import ERROR_MESSAGES as _PDI_ERRORS, FIELD_MESSAGES as _PDI_FIELDS
from ui.privacy.errors import ERROR_MESSAGES as _PRIVACY_ERRORS, FIELD_MESSAGES as _PRIVACY_FIELDS
from ui.shell.errors_reliability import ERROR_MESSAGES as _RELIABILITY_ERRORS, FIELD_MESSAGES as _RELIABILITY_FIELDS
from ui.staff.errors import ERROR_MESSAGES as _STAFF_ERRORS, FIELD_MESSAGES as _STAFF_FIELDS
from ui.test_drives.errors import ERROR_MESSAGES as _TD_ERRORS, FIELD_MESSAGES as _TD_FIELDS

MODULE_FIELD_MESSAGES = {**_TD_FIELDS, **_PDI_FIELDS, **_RELIABILITY_FIELDS, **_PRIVACY_FIELDS}
MODULE_ERROR_MESSAGES = {**_TD_ERRORS, **_PDI_ERRORS, **_RELIABILITY_ERRORS, **_PRIVACY_ERRORS}
MODULE_FIELD_MESSAGES.update(_STAFF_FIELDS)  # issue #15.10
MODULE_ERROR_MESSAGES.update(_STAFF_ERRORS)
MODULE_ERROR_MESSAGES.update(_DOCUMENT_ERRORS)  # issue #17.17
