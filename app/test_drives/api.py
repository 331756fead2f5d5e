"""The public module of test drives: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).

No other feature needs anything from test drives yet; add re-exports here when one does."""

__all__: list[str] = []
