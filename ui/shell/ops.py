"""The one way the UI changes data (issue #16; Anki's CollectionOp, Stoq's BaseEditor).

    Op(ctx, self, lambda: check_in(ctx.uow(), actor=ctx.actor, data=data, request_key=key))
        .busy(self.form)                          # disabled, busy cursor, until the result is back
        .on_fields(lambda exc: self.form.errors.show(exc))
        .on_success(self._checked_in)
        .run()

What `run()` does, in this order, so that no page has to remember any of it:
- refuses to start while the same initiator still has a write in flight (a second Ctrl+Enter
  or double click is dropped here; the service's idempotency key guards the database too);
- disables the `busy` widgets and shows a busy cursor, and re-enables them when the result is
  back, success or failure;
- runs the service on the single-thread write pool (ui.shell.workers), never on the UI thread;
- on success calls the initiator back, then publishes the change set the SERVICE returned (`result.changes`) on the one change
  bus (`AppContext.changed`), so every open page that shows an affected record refreshes; the
  UI never builds change notices itself;
- on failure maps `ValidationFailed` to the form's fields, `Conflict` to the conflict dialog,
  and anything else (PermissionDenied, NotFound, unexpected) to a readable message;
- drops, and logs, the result for a window that was closed meanwhile (ui.shell.workers does that for
  every background call).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QWidget

from app.core.errors import Busy, Conflict, ValidationFailed
import shiboken6

from ui.shell.workers import errors_are_quiet, run_op

log = logging.getLogger(__name__)

# Initiators with a write in flight. Keyed by id() and cleared on the result, so a closed
# widget never stays here longer than its last operation.
_in_flight: set[int] = set()


def is_busy(initiator: QObject) -> bool:
    """True while a write started by `initiator` has not come back yet."""
    return id(initiator) in _in_flight


def published_changes(result: Any):
    """The change set a service returned with its result (None when it changed nothing)."""
    return getattr(result, "changes", None)


class Op:
    """One write from the UI, built fluently and started with run()."""

    def __init__(self, ctx, initiator: QObject, fn: Callable[[], Any]) -> None:
        self._ctx = ctx
        self._initiator = initiator
        self._fn = fn
        self._busy: tuple[QWidget, ...] = ()
        self._on_success: Callable[[Any], None] | None = None
        self._on_fields: Callable[[ValidationFailed], None] | None = None
        self._on_conflict: Callable[[Conflict], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def busy(self, *widgets: QWidget) -> Op:
        """Disable these widgets (the form, its buttons) until the result is back."""
        self._busy = widgets
        return self

    def on_success(self, fn: Callable[[Any], None]) -> Op:
        self._on_success = fn
        return self

    def on_fields(self, fn: Callable[[ValidationFailed], None]) -> Op:
        """Show every bad field at once; without it, the errors go to a message box."""
        self._on_fields = fn
        return self

    def on_conflict(self, fn: Callable[[Conflict], None]) -> Op:
        """Open the conflict dialog the form wants; without it, a readable message."""
        self._on_conflict = fn
        return self

    def on_failure(self, fn: Callable[[BaseException], None]) -> Op:
        """Anything the other handlers do not take (default: ui.shell.errors.show_error)."""
        self._on_failure = fn
        return self

    def run(self) -> bool:
        """Start the operation. False (and nothing runs) while the initiator is still busy."""
        key = id(self._initiator)
        if key in _in_flight:
            log.info("operation from %s ignored: the previous one is still running", type(self._initiator).__name__)
            return False
        _in_flight.add(key)
        self._was_enabled = [w.isEnabled() for w in self._busy]
        for w in self._busy:
            w.setEnabled(False)
        from PySide6.QtCore import Qt  # not at import: the login window paints first (login_window.py)

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
        run_op(self._initiator, self._fn, self._succeeded, self._failed, write=True, on_dropped=self._finish)
        return True

    def _finish(self) -> None:
        _in_flight.discard(id(self._initiator))
        QApplication.restoreOverrideCursor()
        # Back as they were: a button the page had disabled (nothing selected) stays disabled.
        for w, was in zip(self._busy, self._was_enabled):
            if shiboken6.isValid(w):
                w.setEnabled(was)

    def _succeeded(self, result: Any) -> None:
        self._finish()
        # The initiator first (it may note what to select once the list reloads), then every
        # page that shows what changed.
        if self._on_success is not None:
            self._on_success(result)
        changes = published_changes(result)
        if changes is not None and self._ctx is not None:  # no session yet: nobody to tell
            self._ctx.changed(changes, self._initiator)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, ValidationFailed) and self._on_fields is not None:
            self._on_fields(exc)
        elif isinstance(exc, Conflict) and not isinstance(exc, Busy) and self._on_conflict is not None:
            self._on_conflict(exc)
        elif self._on_failure is not None:
            self._on_failure(exc)
        elif errors_are_quiet():
            log.warning("error while locked, not shown: %r", exc)
        else:
            from ui.shell.errors import show_error

            parent = self._initiator if isinstance(self._initiator, QWidget) else None
            show_error(parent, exc)


def write_after_session(fn: Callable[[], Any], what: str) -> None:
    """The one write that cannot be an Op: the audit of a session that is ending (logout, the
    window closed). Its window is already gone, so there is nobody to disable, call back or
    tell; it still runs on the write pool, after any save still in flight, and a failure is
    logged (never shown: no window is left to show it in)."""
    run_op(None, fn, None, lambda exc: log.warning("%s not recorded: %s", what, exc), write=True)


def scheduled_write(owner: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed) -> None:
    """A write the store's own schedule makes, not a user (the month-end lead snapshot, 3.12):
    there is no form to disable and nobody to show a conflict to, so it is not an Op. It still
    runs on the write pool after any save in flight, and a result for a closed owner is dropped
    like every background result."""
    run_op(owner, fn, on_done, on_failed, write=True)
