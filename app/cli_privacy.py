"""`showroom admin` commands: Privacy and audit commands (issue #9)."""

from __future__ import annotations


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
