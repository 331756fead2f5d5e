"""The public module of inventory: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.inventory.sale_moves import deliver_at_handover, held_by_contract, release_from_contract, sell_under_contract
from app.inventory.vehicles import record_status_change, vehicle_dto

__all__ = [
    "deliver_at_handover",
    "held_by_contract",
    "record_status_change",
    "release_from_contract",
    "sell_under_contract",
    "vehicle_dto",
]
