"""Top-level pages shown in the main window, one per module."""
