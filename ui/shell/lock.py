"""Idle lock for shared showroom terminals (issue #9 item 5; PIPL, T/CSCA 120031 4.2.3.2).

After `idle_lock_minutes` (ui/shell/settings.py, default 5) without keyboard, mouse or touch input
the terminal locks: every open Showroom window gets an opaque cover (so no customer data
stays on screen) and an application-modal dialog asks the SAME user for the password again.
Nothing is closed, hidden or rebuilt: forms keep whatever was typed, dialogs stay open, and
work running in the background finishes. Unlocking checks the password in the service
(app.staff.auth.unlock: counted like a login, audited, so a write: it goes through the one
operation path, ui/shell/ops.Op); "Log out" instead ends the session (unsaved input is then
lost, and the dialog says so).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.shell.errors import error_text
from ui.shell import workers
from ui.shell.ops import Op, is_busy

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `msecs` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, msecs: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, msecs))
        self.timer.timeout.connect(self.idle.emit)
        self.paused = False

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if not self.paused and event.type() in ACTIVITY:
            self.timer.start()  # restart the countdown
        return False


class _Cover(QWidget):
    """An opaque sheet over one window's contents, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lock_cover { background: #37474f; }")
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()
        return False


class LockDialog(QDialog):
    """Asks the logged-in user for the password again; cannot be closed any other way."""

    unlocked = Signal(object)  # Actor
    logout_requested = Signal()

    def __init__(self, database, actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_dialog")
        self.database, self.actor = database, actor
        self.setWindowTitle(self.tr("Showroom — Locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        title = QLabel(self.tr("This terminal is locked"))
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        who = QLabel(
            self.tr(
                "{name} ({username}) was away. Enter the password to continue; nothing you had typed is lost."
            ).format(name=actor.full_name, username=actor.username)
        )
        who.setWordWrap(True)
        self.password = QLineEdit(objectName="lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.error = QLabel("", objectName="lock_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("Unlock"), objectName="unlock_button")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.logout_button = QPushButton(self.tr("Log out (unsaved input is lost)"), objectName="lock_logout")
        self.logout_button.clicked.connect(self._logout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

    def reject(self) -> None:  # Esc does not unlock
        pass

    def submit(self) -> None:
        if is_busy(self):  # a second Enter while the password is checked
            return
        self.error.clear()
        database, actor, password = self.database, self.actor, self.password.text()
        if not password:
            self.error.setText(self.tr("Enter your password."))
            return

        def work():
            from app.staff.auth import unlock

            return unlock(database.uow(), actor=actor, password=password)

        # The failed-attempt count and the unlock are audit rows; nothing for pages to refresh.
        Op(None, self, work).busy(self.unlock_button, self.password).on_success(self._unlocked).on_failure(
            self._failed
        ).run()

    def _unlocked(self, actor) -> None:
        self.password.clear()
        self.unlocked.emit(actor)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, exc: BaseException) -> None:
        self.password.selectAll()
        self.password.setFocus()
        self.error.setText(error_text(exc))

    def _logout(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.logout_requested.emit()


class SessionLock(QObject):
    """Watches for idleness and locks the session's windows; one per logged-in session."""

    logout_requested = Signal()

    def __init__(self, database, actor, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.watcher = IdleWatcher(int(minutes * 60_000), self)
        self.watcher.idle.connect(self.lock)
        self.dialog: LockDialog | None = None
        self.covers: list[_Cover] = []

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()
        self._uncover()
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Rejected)
            self.dialog.deleteLater()
            self.dialog = None

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.watcher.paused = True
        # Pages still loading behind the cover must not pop error boxes over it (issue #16).
        workers.quiet_errors(True)
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                self._cover(w)
        # A window that opens while locked (a "new visitor for you" notice) is covered too.
        QApplication.instance().installEventFilter(self)
        self.dialog = LockDialog(self.database, self.actor)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.logout_requested.connect(self._logout)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.password.setFocus()

    def _cover(self, w: QWidget) -> None:
        if isinstance(w, LockDialog) or any(c.parentWidget() is w for c in self.covers):
            return
        self.covers.append(_Cover(w))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if (
            self.dialog is not None
            and event.type() == QEvent.Type.Show
            and isinstance(obj, QWidget)
            and obj.isWindow()
            and not isinstance(obj, LockDialog)
        ):
            self._cover(obj)
            self.dialog.raise_()
            self.dialog.activateWindow()
        return False

    def _unlocked(self, _actor) -> None:
        self._uncover()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.watcher.paused = False
        self.watcher.timer.start()

    def _logout(self) -> None:
        self.stop()
        self.logout_requested.emit()

    def _uncover(self) -> None:
        workers.quiet_errors(False)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for c in self.covers:
            try:
                c.parentWidget().removeEventFilter(c)
                c.deleteLater()
            except RuntimeError:  # the window went away meanwhile
                pass
        self.covers = []
