"""Demo test drives (issue #6): routes, the test-drive fleet, and a few drives."""

from __future__ import annotations


def add_test_drive_demo(db, manager, now) -> bool:
    """Add the demo data once; True when something was created."""
    return False
