"""The public module of PDI: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.pdi.gate import delivery_gate
from app.pdi.rules import InspectionStatus

__all__ = ["InspectionStatus", "delivery_gate"]
