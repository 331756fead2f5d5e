"""The public module of sales: other features import what they need from here, never from its
other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.sales.stages import Balance, balance_of, latest_contract, refresh_stage, stage_of

__all__ = ["Balance", "balance_of", "latest_contract", "refresh_stage", "stage_of"]
