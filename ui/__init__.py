"""PySide6 user interface: pages, dialogs, table models. Calls app services only through workers."""
