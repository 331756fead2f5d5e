"""Domain errors. They carry a machine `code` and parameters, never UI text: ui/ translates.

Business rules raise these; they never use `assert` (python -O would strip it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


class ShowroomError(Exception):
    code = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.code, params)

    def __str__(self) -> str:  # for logs and the CLI (English, not shown in the GUI)
        if not self.params:
            return self.code
        details = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.code} ({details})"


@dataclass(frozen=True)
class FieldError:
    """One bad field: which field, what is wrong (code), and values for the message."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}: {self.code}" + (f" {self.params}" if self.params else "")


class ValidationFailed(ShowroomError):
    """Bad input: nothing was written. `errors` lists every bad field so the form can mark them."""

    code = "validation_failed"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(None, fields=[e.field for e in errors])
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.errors)

    def for_field(self, name: str) -> FieldError | None:
        return next((e for e in self.errors if e.field == name), None)


class OverrideRequired(ValidationFailed):
    """A blocking warning that a user holding `role` may override with a written reason
    (e.g. a VIN whose check digit does not match, domain_reference §5.2)."""

    code = "override_required"

    def __init__(self, errors: list[FieldError], role: str) -> None:
        super().__init__(errors)
        self.role = role
        self.params["role"] = role


class PermissionDenied(ShowroomError):
    code = "permission_denied"


class NotFound(ShowroomError):
    code = "not_found"


class Conflict(ShowroomError):
    """Someone else saved this record since it was loaded (version counter moved on).

    Params (app.core.common.check_version): table, id, expected, current, by_user_id,
    by_name, at (naive UTC ISO) and values (the record's fields now, for the conflict dialog's
    "yours / theirs"). The values may be personal data: never in logs (see __str__)."""

    code = "conflict"

    def __str__(self) -> str:
        shown = {k: v for k, v in self.params.items() if k != "values"}
        if not shown:
            return self.code
        return f"{self.code} ({', '.join(f'{k}={v}' for k, v in shown.items())})"


class Busy(Conflict):
    """Another terminal kept the database busy (a lock, a serialization failure) past every
    retry: a race like Conflict, worded as "try again" (issue #8.3, #16.2). Nothing was saved."""

    code = "transient_database_error"


def race_error(reason: str = "stale", **params: Any) -> Conflict:
    """The error a unit of work raises for a write that lost a race (db.uow.on_write_race)."""
    if reason == "busy":
        return Busy(**params)
    return Conflict(reason=reason, **params)


class LoginFailed(ShowroomError):
    code = "login_failed"


class AccountLocked(ShowroomError):
    code = "account_locked"


class SetupRequired(ShowroomError):
    code = "setup_required"
