"""The public module of privacy: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.privacy.audit import verify_chain
from app.privacy.retention import promised_months

__all__ = ["promised_months", "verify_chain"]
