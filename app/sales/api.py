"""The public module of sales: other features import what they need from here, never from its
other modules (README, Development; tests/unit/test_layers.py checks it)."""

# Where a deal stands and what is still owed (stages.py).
from app.sales.stages import Balance, balance_of, latest_contract, refresh_stage, stage_of

# The price and fee list (issue #18.1).
from app.sales.price_dto import DiscountThresholdDTO, PriceItemDTO, PriceItemInput, PriceListDTO
from app.sales.price_list import (
    create_price_list,
    get_price_list,
    list_in_force_row,
    list_price_lists,
    listed_item,
    price_list_in_force,
    publish_price_list,
    remove_price_item,
    save_price_item,
    save_price_list_header,
)
from app.sales.price_threshold import discount_threshold, discount_threshold_fen, set_discount_threshold

# The deal, its quote and the disclosure before the contract (issue #18.2-18.3).
from app.sales.deals import assign_vehicle, get_deal, open_deal
from app.sales.quote_dto import (
    DealDTO,
    DisclosureDTO,
    DisclosureItem,
    QuoteDTO,
    QuoteInput,
    QuoteLineDTO,
    QuotePreviewDTO,
    ServiceChoice,
)
from app.sales.quotes import approve_discount, latest_quote, price_quote, save_quote, sign_quote, signed_quote
from app.sales.disclosure import disclosure_items, disclosure_required, latest_disclosure, sign_disclosure
from app.sales.quote_forms import ChoiceDTO, DisclosureFormDTO, QuoteFormDTO, get_disclosure_form, get_quote_form

# The contract (issue #18.4).
from app.sales.contract_changes import amend_contract, amendment_blockers, end_contract
from app.sales.contract_form import ContractFormDTO, get_contract_form
from app.sales.contract_dto import ContractDTO, ContractInput, EndedContractDTO
from app.sales.contracts import contract_blockers, sign_contract

# The delivery handover (issue #18.6).
from app.sales.handover import complete_handover, handover_checklist, schedule_delivery
from app.sales.handover_dto import HandoverChecklistDTO, HandoverDTO, HandoverInput

__all__ = [
    "Balance", "balance_of", "latest_contract", "refresh_stage", "stage_of",
    "DiscountThresholdDTO", "PriceItemDTO", "PriceItemInput", "PriceListDTO", "create_price_list",
    "discount_threshold", "get_price_list", "list_in_force_row", "list_price_lists", "listed_item",
    "price_list_in_force", "publish_price_list", "remove_price_item", "save_price_item", "save_price_list_header",
    "set_discount_threshold", "discount_threshold_fen",
    "DealDTO", "DisclosureDTO", "DisclosureItem", "QuoteDTO", "QuoteInput", "QuoteLineDTO", "QuotePreviewDTO",
    "ServiceChoice", "approve_discount", "assign_vehicle", "get_deal", "latest_quote", "open_deal", "price_quote",
    "save_quote", "sign_quote", "signed_quote",
    "disclosure_items", "disclosure_required", "latest_disclosure", "sign_disclosure",
    "ChoiceDTO", "DisclosureFormDTO", "QuoteFormDTO", "get_disclosure_form", "get_quote_form",
    "ContractDTO", "ContractFormDTO", "ContractInput", "EndedContractDTO", "amend_contract", "contract_blockers",
    "amendment_blockers", "end_contract", "get_contract_form", "sign_contract",
    "HandoverChecklistDTO", "HandoverDTO", "HandoverInput", "complete_handover", "handover_checklist",
    "schedule_delivery",
]  # fmt: skip
