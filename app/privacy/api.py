"""The public module of privacy: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.privacy.audit import AuditQuery, list_events, verify_chain  # the evidence pack (issue #20.5)
from app.privacy.retention import promised_months

__all__ = ["AuditQuery", "list_events", "promised_months", "verify_chain"]
