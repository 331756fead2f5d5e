"""Small helpers shared by the reception forms (issue #4): field errors with the few
messages whose wording depends on the field."""

from __future__ import annotations

from app.core.errors import FieldError, ValidationFailed
from ui.reception.errors import FIELD_MESSAGES as RECEPTION_FIELD_MESSAGES
from ui.shell.errors import FIELD_MESSAGES, _fmt, field_error_text
from ui.widgets.field_error import FieldErrors


def reception_error_text(error: FieldError) -> str:
    if error.code in RECEPTION_FIELD_MESSAGES:
        return _fmt(RECEPTION_FIELD_MESSAGES[error.code], error.params)
    if error.code == "out_of_range" and "max_days" in error.params:
        return _fmt(FIELD_MESSAGES["date_out_of_range"], error.params)
    if error.code == "status_transition" and error.field == "status":
        return _fmt(FIELD_MESSAGES["lead_status_transition"], error.params)
    return field_error_text(error)


def show_field_errors(errors: FieldErrors, exc: ValidationFailed) -> list[FieldError]:
    """FieldErrors.show with reception wording. Returns the errors no field could show."""
    return errors.show(exc, text=reception_error_text)


class ReceptionWording:
    """Mixin for reception's ServiceFormDialogs: field errors in reception's own wording."""

    def show_field_errors(self, exc: ValidationFailed) -> None:
        unplaced = self.errors.show(exc, text=reception_error_text)
        if unplaced:
            self.say("\n".join(reception_error_text(e) for e in unplaced))
