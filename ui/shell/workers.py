"""Run service calls off the UI thread (style guide §4; Anki's CollectionOp/QueryOp idea).

`run_op(parent, fn, on_success, on_failure)` runs `fn()` on a QThreadPool and delivers the
result or exception back on the UI thread by a queued signal. `fn` must never touch widgets.
Writes go to a single-thread pool so two saves from one terminal never race each other.
Tests may call `use_synchronous_executor(True)` to run work inline (Picard's FakeThreadPool).

A result whose parent was deleted meanwhile (its window closed, the user logged out) is dropped
and logged, never shown; while the session is locked (`quiet_errors(True)`), an error nobody
handles is logged instead of opening a box behind the lock (issue #16).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_read_pool: QThreadPool | None = None
_write_pool: QThreadPool | None = None
_synchronous = False
_pending: set[_Relay] = set()
_quiet = False


def quiet_errors(on: bool) -> None:
    """While on (the idle lock covers the windows), unhandled errors are logged, not shown."""
    global _quiet
    _quiet = on


def errors_are_quiet() -> bool:
    return _quiet


def _gone(obj: QObject | None) -> bool:
    return obj is not None and not shiboken6.isValid(obj)


def use_synchronous_executor(enabled: bool) -> None:
    global _synchronous
    _synchronous = enabled


def _pools() -> tuple[QThreadPool, QThreadPool]:
    global _read_pool, _write_pool
    if _read_pool is None:
        _read_pool = QThreadPool()
        _read_pool.setMaxThreadCount(4)
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _read_pool, _write_pool


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent, on_success, on_failure, on_dropped=None) -> None:
        super().__init__()
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_dropped = on_dropped
        self.succeeded.connect(self._success)
        self.failed.connect(self._failure)

    def _dropped(self, what: str) -> bool:
        if not _gone(self._parent):
            return False
        log.info("result dropped (%s): its window was closed", what)
        if self._on_dropped is not None:
            self._on_dropped()
        return True

    @Slot(object)
    def _success(self, result) -> None:
        _pending.discard(self)
        if self._dropped("success"):
            return
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _failure(self, exc) -> None:
        _pending.discard(self)
        if self._dropped(f"{type(exc).__name__}"):
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        elif _quiet:
            log.warning("error while locked, not shown: %r\n%s", exc, getattr(exc, "__showroom_traceback__", ""))
        else:
            from ui.shell.errors import show_error

            show_error(None, exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            exc.__showroom_traceback__ = traceback.format_exc()
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


def run_op(
    parent: QObject | None,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    write: bool = False,
    on_dropped: Callable[[], None] | None = None,
) -> None:
    """Run `fn` in the background; call on_success(result) or on_failure(exc) on the UI thread.

    Without on_failure the error is shown to the user through ui.shell.errors.show_error. If `parent`
    was deleted before the result came back, neither is called: on_dropped() is, if given."""
    relay = _Relay(parent, on_success, on_failure, on_dropped)
    if _synchronous:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001
            exc.__showroom_traceback__ = traceback.format_exc()
            relay._failure(exc)
        else:
            relay._success(result)
        return
    _pending.add(relay)  # keep the relay alive until its signal is delivered
    read_pool, write_pool = _pools()
    (write_pool if write else read_pool).start(_Task(fn, relay))


def wait_for_idle(msecs: int = 10_000) -> bool:
    """Block until all background work is done (used at shutdown and in tests)."""
    if _read_pool is None:
        return True
    return _read_pool.waitForDone(msecs) and _write_pool.waitForDone(msecs)
