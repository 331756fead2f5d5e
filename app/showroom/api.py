"""The public module of the showroom (cards): other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.showroom.cards import reprint_card, retire_for_vehicle
from app.showroom.qr import check_url_template

__all__ = ["check_url_template", "reprint_card", "retire_for_vehicle"]
