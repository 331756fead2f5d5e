"""Inventory screens: vehicles, statuses, import and export."""
