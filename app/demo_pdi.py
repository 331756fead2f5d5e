"""Demo PDI (issue #7): the default template and inspections in several states."""

from __future__ import annotations


def add_pdi_demo(db, manager, now) -> bool:
    """Add the demo data once; True when something was created."""
    return False
