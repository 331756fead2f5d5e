"""Every QSettings key declared once, with its type and default (Picard's options.py idea)."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings


class Option(NamedTuple):
    """A key, its type and default. A named tuple, not a dataclass: this module is read before
    the login window's first paint, and `dataclasses` with its class making costs ~4 ms of a
    ~160 ms bare start (issue #17, first window ≤ 1.2×)."""

    key: str
    type: type
    default: Any


# setting/: user preferences
LANGUAGE = Option("setting/language", str, "")  # "" = follow the system locale
DATABASE_URL = Option("setting/database_url", str, "")  # "" = per-user SQLite file
DEFAULT_PRINTER = Option("setting/default_printer", str, "")
LAST_USERNAME = Option("setting/last_username", str, "")
# Issue #9: a shared terminal locks after this many idle minutes (1-60; PIPL, ui/shell/lock.py).
IDLE_LOCK_MINUTES = Option("setting/idle_lock_minutes", int, 5)
IDLE_LOCK_RANGE = (1, 60)
# persist/: window geometry and table headers
MAIN_GEOMETRY = Option("persist/main_window_geometry", bytes, b"")
INVENTORY_HEADER = Option("persist/inventory_header_state", bytes, b"")

ALL = [LANGUAGE, DATABASE_URL, DEFAULT_PRINTER, LAST_USERNAME, IDLE_LOCK_MINUTES, MAIN_GEOMETRY, INVENTORY_HEADER]


def idle_lock_minutes() -> int:
    """The configured idle time, kept within IDLE_LOCK_RANGE (a hand-edited file cannot turn
    the lock off)."""
    low, high = IDLE_LOCK_RANGE
    return min(high, max(low, get(IDLE_LOCK_MINUTES)))


def settings() -> QSettings:
    return QSettings("Showroom", "Showroom")


def get(option: Option) -> Any:
    value = settings().value(option.key, option.default)
    if value is None:
        return option.default
    if option.type is bytes:
        if isinstance(value, QByteArray):
            return bytes(value.data())
        return bytes(value) if isinstance(value, (bytes, bytearray)) else b""
    if option.type is bool and isinstance(value, str):
        return value.lower() == "true"
    try:
        return option.type(value)
    except (TypeError, ValueError):
        return option.default


def set(option: Option, value: Any) -> None:  # noqa: A001 - mirrors get()
    s = settings()
    if isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))  # a native byte array, not a pickled Python object
    s.setValue(option.key, value)
    s.sync()
