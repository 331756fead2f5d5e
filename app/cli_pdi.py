"""`showroom admin` commands: PDI checklist template commands (issue #7)."""

from __future__ import annotations


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
