"""Use-case services: one keyword-only function per use case, taking a UnitOfWork and the actor."""

# Every process that uses the services writes the audit chain under the audit key file and
# anchors its head beside it (issue #15 item 7): installed here, once, so that the GUI, the
# command line, the demo and the tests all compute the same MACs.
from app.audit_chain import install as _install_audit_keeper

_install_audit_keeper()

# A write that lost a race to another terminal reaches every caller as app.errors.Conflict
# (issue #16.2): the unit of work (db/) raises what is installed here.
from app.errors import race_error as _race_error  # noqa: E402
from db.races import on_write_race as _on_write_race  # noqa: E402

_on_write_race(_race_error)
