"""The public module of the finance screens: other features open the payment dialog from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).
The deal page's Payment… step (ui/sales/deal_steps.py, issue #18.7) opens it."""

from ui.finance.payment_dialog import open_payment_dialog

__all__ = ["open_payment_dialog"]
