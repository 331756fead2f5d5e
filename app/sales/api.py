"""The public module of sales: other features import what they need from here, never from its
other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.sales.stages import Balance, balance_of, latest_contract, refresh_stage, stage_of

__all__ = ["Balance", "balance_of", "latest_contract", "refresh_stage", "stage_of"]

# The deal, its quote and the disclosure before the contract (issue #18.2-18.3).
from app.sales.deals import assign_vehicle, get_deal, open_deal  # noqa: E402
from app.sales.quote_dto import (  # noqa: E402
    DealDTO,
    DisclosureDTO,
    DisclosureItem,
    QuoteDTO,
    QuoteInput,
    QuoteLineDTO,
    QuotePreviewDTO,
    ServiceChoice,
)
from app.sales.quotes import approve_discount, latest_quote, price_quote, save_quote, sign_quote, signed_quote  # noqa: E402

__all__ += [
    "DealDTO", "DisclosureDTO", "DisclosureItem", "QuoteDTO", "QuoteInput", "QuoteLineDTO", "QuotePreviewDTO",
    "ServiceChoice", "approve_discount", "assign_vehicle", "get_deal", "latest_quote", "open_deal", "price_quote",
    "save_quote", "sign_quote", "signed_quote",
]  # fmt: skip
from app.sales.disclosure import disclosure_items, disclosure_required, latest_disclosure, sign_disclosure  # noqa: E402

__all__ += ["disclosure_items", "disclosure_required", "latest_disclosure", "sign_disclosure"]
from app.sales.quote_forms import ChoiceDTO, DisclosureFormDTO, QuoteFormDTO, get_disclosure_form, get_quote_form  # noqa: E402

__all__ += ["ChoiceDTO", "DisclosureFormDTO", "QuoteFormDTO", "get_disclosure_form", "get_quote_form"]
