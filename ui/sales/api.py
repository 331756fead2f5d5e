"""The public module of the sales screens: other features open a deal from here, never from
its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from ui.sales.deal_link import open_deal_for_lead
from ui.sales.deal_page import DealPage, open_deal_page

__all__ = ["DealPage", "open_deal_for_lead", "open_deal_page"]
