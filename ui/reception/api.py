"""The public module of the reception screens: other features import the dialogs and fields they use
from here, never from its other modules (README, Development;
tests/unit/test_layers.py checks it)."""

from ui.reception.channel_dialog import ChannelDialog
from ui.reception.consent_text_dialog import ConsentTextDialog

__all__ = ["ChannelDialog", "ConsentTextDialog"]
