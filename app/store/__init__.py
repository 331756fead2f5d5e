"""Store: the store's settings, backup and restore."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
