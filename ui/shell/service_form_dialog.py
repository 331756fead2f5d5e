"""One base for every form dialog that saves through a service (issue #16; Stoq's BaseEditor).

A subclass supplies the form and three small hooks; the base does the rest the same way for
every dialog: the Save/Cancel buttons, the message for errors that belong to no field, the
save through the one operation path (ui/ops.Op: off the UI thread, form and buttons disabled
with a busy cursor until the result is back, the service's change set published), every field
error beside its field at once, a stale version to the conflict box with Reload, and Cancel
refused while a save runs (closing would drop its result). A business rule's refusal (a
ShowroomError) is said in the line above the buttons; only the unexpected opens a box.

    class ChannelDialog(ServiceFormDialog):
        def service_call(self):            # None when the form itself found errors
            data = ...
            return lambda: save_channel(self.ctx.uow(), actor=self.ctx.actor, data=data)
        def reload_call(self):             # optional: for Reload after a conflict
            ...
        def load(self, dto):               # optional: put a record into the form
            ...
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.core.errors import Conflict, ShowroomError, ValidationFailed
from ui.shell import ops
from ui.shell.errors import error_text, field_error_text, show_error
from ui.shell.labels import field_label
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import ERROR_STYLE, FieldErrors
from ui.shell.workers import run_op

ServiceCall = Callable[[], Any]


class ServiceFormDialog(QDialog):
    # The service's result, just before the dialog closes with Accepted.
    saved = Signal(object)

    def __init__(
        self,
        ctx,
        form: QWidget,
        errors: FieldErrors,
        parent: QWidget | None = None,
        *,
        buttons: QDialogButtonBox.StandardButton | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.errors = errors
        self.result_dto: Any = None
        self.conflict_box = None
        # Errors that belong to no single field (or to one the form does not show).
        self.general_error = QLabel(self)
        self.general_error.setObjectName("error_general")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        std = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons or (std.Save | std.Cancel), self)
        self.save_button = self.buttons.button(std.Save) or self.buttons.button(std.Ok)
        self.save_button.setDefault(True)  # Enter in any line edit saves
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    # --- hooks ---------------------------------------------------------------------------
    def service_call(self) -> ServiceCall | None:
        """The save to run, or None after showing the form's own errors (nothing is sent)."""
        raise NotImplementedError

    def reload_call(self) -> ServiceCall | None:
        """How to fetch the record as saved now (Reload in the conflict box); None: no reload."""
        return None

    def load(self, dto: Any) -> None:
        """Put a freshly loaded record into the form (after Reload)."""

    def failed(self, exc: BaseException) -> bool:
        """A subclass's own handling of a failure; True when it has been dealt with."""
        return False

    def done_saving(self, result: Any) -> None:
        """After a successful save: by default emit `saved` and close."""
        self.saved.emit(result)
        self.accept()

    # --- machinery -----------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        return ops.is_busy(self)

    def save(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        self.general_error.hide()
        call = self.service_call()
        if call is None:
            return
        ops.Op(self.ctx, self, call).busy(self.form, self.buttons).on_success(self._saved).on_fields(
            self.show_validation
        ).on_conflict(self._conflict).on_failure(self._failed).run()

    def _saved(self, result: Any) -> None:
        self.result_dto = result
        self.done_saving(result)

    def _failed(self, exc: BaseException) -> None:
        if self.failed(exc):
            return
        if isinstance(exc, ShowroomError):  # a rule said no (e.g. pdi_required): say it here
            self.say(error_text(exc))
        else:
            show_error(self, exc)  # unexpected: logged, with copyable details

    def say(self, text: str) -> None:
        """A message about the whole form, above the buttons."""
        self.general_error.setText(text)
        self.general_error.show()

    def _conflict(self, exc: Conflict) -> None:
        if not self.failed(exc):
            # A form that cannot fetch its record again closes on Reload, to be opened afresh,
            # rather than offering a button that does nothing.
            can_reload = type(self).reload_call is not ServiceFormDialog.reload_call
            self.conflict_box = open_conflict_box(self, exc, self.reload if can_reload else self.reject)

    def show_validation(self, exc: ValidationFailed) -> None:
        if not self.failed(exc):
            self.show_field_errors(exc)

    def show_field_errors(self, exc: ValidationFailed) -> None:
        """Every bad field at once; what no field shows goes to the line above the buttons."""
        unplaced = self.errors.show(exc)
        if unplaced:
            lines = [f"{field_label(e.field)}: {field_error_text(e)}" for e in unplaced]
            self.say("\n".join([error_text(exc)] + lines))
        first = next((e.field for e in exc.errors if self.errors.widget(e.field)), None)
        reveal = getattr(self.form, "reveal", None)
        if first and reveal is not None:
            reveal(first)

    def reload(self) -> None:
        call = self.reload_call()
        if call is None:
            return
        for w in (self.form, self.buttons):
            w.setEnabled(False)

        def loaded(dto: Any) -> None:
            for w in (self.form, self.buttons):
                w.setEnabled(True)
            self.load(dto)

        def failed(exc: BaseException) -> None:
            for w in (self.form, self.buttons):
                w.setEnabled(True)
            show_error(self, exc)

        run_op(self, call, loaded, failed)

    def reject(self) -> None:
        # Closing while a save runs would drop its result (and its error) on the floor.
        if not self.saving:
            super().reject()
