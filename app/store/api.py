"""The public module of the store: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.store.store import get_store, store_dto, store_in

__all__ = ["get_store", "store_dto", "store_in"]
