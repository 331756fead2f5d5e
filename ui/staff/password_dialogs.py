"""Password dialogs (issue #9 item 5): choosing one's own new password (forced after an
administrator's reset, or at will) and an administrator's reset of someone else's.

The strength rule lives in app/staff/auth.py; these forms only collect the input and show
each refusal beside its field. The new password is typed twice; a mismatch is caught here
because it is about typing, not about the password. Both are form dialogs on ServiceFormDialog
(issue #16.1); the forced change at login has no session yet, so its context is None (nothing
to publish)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.errors import FieldError, ValidationFailed
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePasswordDialog(ServiceFormDialog):
    """The logged-in user's own password. `forced`: after a reset; cancelling logs out."""

    password_changed = Signal(object)  # the refreshed Actor

    def __init__(self, database, actor, *, forced: bool = False, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        # No session context at a forced change (the user is not logged in yet): None.
        super().__init__(None, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("change_password_dialog")
        self.database, self.actor = database, actor
        self.setWindowTitle(self.tr("Choose a new password"))
        intro = QLabel(
            self.tr(
                "An administrator reset your password. Choose your own before you continue: at "
                "least 8 characters of two kinds (letters, digits or other signs)."
            )
            if forced
            else self.tr("At least 8 characters of two kinds (letters, digits or other signs).")
        )
        intro.setWordWrap(True)
        self.current = _secret("current_password")
        self.new = _secret("new_password")
        self.repeat = _secret("repeat_password")
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.errors.wrap("current_password", self.current))
        form.addRow(self.tr("New password"), self.errors.wrap("new_password", self.new))
        form.addRow(self.tr("New password again"), self.errors.wrap("repeat_password", self.repeat))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)

    def service_call(self) -> ServiceCall | None:
        if self.new.text() != self.repeat.text():
            self.errors.show(ValidationFailed([FieldError("repeat_password", "passwords_differ")]))
            return None
        database, actor = self.database, self.actor
        current, new = self.current.text(), self.new.text()

        def work():
            from app.staff.auth import change_password

            return change_password(database.uow(), actor=actor, current_password=current, new_password=new)

        return work

    def done_saving(self, actor) -> None:
        self.password_changed.emit(actor)
        super().done_saving(actor)


class ResetPasswordDialog(ServiceFormDialog):
    """An administrator gives a member of staff a temporary password; they must change it
    at their next login."""

    def __init__(self, ctx, staff, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("reset_password_dialog")
        self.staff = staff
        self.setWindowTitle(self.tr("Reset password"))
        intro = QLabel(
            self.tr(
                "A temporary password for {name} ({username}). They must choose a new one when they next log in."
            ).format(name=staff.full_name, username=staff.username)
        )
        intro.setWordWrap(True)
        self.password = _secret("password")
        self.repeat = _secret("repeat_password")
        form = QFormLayout()
        form.addRow(self.tr("Temporary password"), self.errors.wrap("password", self.password))
        form.addRow(self.tr("Again"), self.errors.wrap("repeat_password", self.repeat))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)

    def service_call(self) -> ServiceCall | None:
        if self.password.text() != self.repeat.text():
            self.errors.show(ValidationFailed([FieldError("repeat_password", "passwords_differ")]))
            return None
        ctx, staff, password = self.ctx, self.staff, self.password.text()

        def work():
            from app.staff.auth import reset_password

            return reset_password(
                ctx.uow(), actor=ctx.actor, user_id=staff.id, expected_version=staff.version, new_password=password
            )

        return work
