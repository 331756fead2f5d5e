"""The public module of inventory: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.inventory.vehicles import record_status_change, vehicle_dto

__all__ = ["record_status_change", "vehicle_dto"]
