"""Inventory: vehicles, their statuses, import and export (CSV / Excel)."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
