"""Use-case services: one keyword-only function per use case, taking a UnitOfWork and the actor."""

# Every process that uses the services writes the audit chain under the audit key file and
# anchors its head beside it (issue #15 item 7): installed here, once, so that the GUI, the
# command line, the demo and the tests all compute the same MACs.
from app.audit_chain import install as _install_audit_keeper

_install_audit_keeper()
