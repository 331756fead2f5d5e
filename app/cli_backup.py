"""`showroom admin` commands: Backup, restore and database commands (issue #8)."""

from __future__ import annotations


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
