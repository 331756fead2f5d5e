"""The public module of the privacy screens: other features import the dialogs they open from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from ui.privacy.unmask_dialog import UnmaskDialog

__all__ = ["UnmaskDialog"]
