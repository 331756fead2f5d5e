"""Privacy (PIPL): unmasking and key rotation of personal numbers, retention, export and
deletion of a person, the audit log."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
