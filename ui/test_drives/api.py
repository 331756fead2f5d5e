"""The public module of the test drive screens: other features import the dialogs they open from
here, never from its other modules (README, Development;
tests/unit/test_layers.py checks it)."""

from ui.test_drives.drive_dialog import TestDriveDialog

__all__ = ["TestDriveDialog"]
