"""Test drives: booking slots, qualification (licence, ID consent), the drive's steps and its
agreement, the fleet and routes."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
