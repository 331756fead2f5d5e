"""Every process that uses the services writes the audit chain under the audit key file and
anchors its head beside it (issue #15 item 7). Importing this module installs the keeper, once:
every feature package imports it, so that the GUI, the command line, the demo and the tests all
compute the same MACs. The kernel itself stays light (the CLI imports it before any database)."""

from app.core.audit_chain import install as _install_audit_keeper

_install_audit_keeper()

# A write that lost a race to another terminal reaches every caller as app.core.errors.Conflict
# (issue #16.2): the unit of work (db/) raises what is installed here.
from app.core.errors import race_error as _race_error  # noqa: E402
from db.races import on_write_race as _on_write_race  # noqa: E402

_on_write_race(_race_error)

# A text no database can keep (a NUL character) is bad input beside its field, on SQLite as on
# PostgreSQL, never a driver error (issue #16).
from app.core.errors import FieldError, ValidationFailed  # noqa: E402
from db.races import on_unstorable_text as _on_unstorable_text  # noqa: E402


def _unstorable(field: str, table: str) -> ValidationFailed:
    return ValidationFailed([FieldError(field, "unstorable_character")])


_on_unstorable_text(_unstorable)
