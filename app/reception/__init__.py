"""Reception: walk-ins and check-in, the queue and rotation, appointments, leads, reports."""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
