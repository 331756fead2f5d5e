"""What the quote part's services take and return (issue #18.2-18.3): the deal, the sales
proposal (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3) and the disclosure before the contract
(4.2.3.4). Frozen DTOs: the UI never sees an ORM object; each written one carries its `changes`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.dto import Changes


@dataclass(frozen=True)
class DealDTO:
    id: int
    lead_id: int
    customer_id: int
    customer_name: str
    consultant_id: int
    stage: str
    vehicle_id: int | None
    vin: str | None
    brand: str
    model: str
    trim: str
    version: int

    @property
    def changes(self) -> Changes:
        """A deal opened or changed: the deal board and the lead's page."""
        return Changes(sales=True, reception=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class ServiceChoice:
    """An agency service the customer opted into (4.3.2.3-4.3.2.5; 办法 art. 14): which one
    (ServiceCode), the provider the customer chose freely, and when it is done."""

    code: str
    provider: str
    timing: str = ""


@dataclass(frozen=True)
class QuoteInput:
    """A quote as the consultant puts it together: price list item ids only (a quote charges
    listed prices, 4.3.2.1), a discount as an explicit amount with its reason, gifts and
    promises as text (ticked at handover), the services the customer chose."""

    vehicle_item_id: int
    items: tuple[tuple[int, int], ...] = ()  # (option/accessory item id, quantity)
    promotion_item_ids: tuple[int, ...] = ()
    discount_fen: int = 0
    discount_reason: str = ""
    gifts: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()
    services: tuple[ServiceChoice, ...] = ()
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class QuoteLineDTO:
    position: int
    kind: str
    price_list_item_id: int | None
    description: str
    description_en: str
    quantity: int
    amount_fen: int
    provider: str = ""
    timing: str = ""


@dataclass(frozen=True)
class QuotePreviewDTO:
    """What `price_quote` would write: the lines and the total, and whether the discount needs
    a sales manager's approval (above store.discount_approval_fen)."""

    price_list_id: int
    lines: tuple[QuoteLineDTO, ...]
    total_fen: int
    discount_fen: int
    threshold_fen: int

    @property
    def needs_approval(self) -> bool:
        return self.discount_fen > self.threshold_fen


@dataclass(frozen=True)
class QuoteDTO:
    id: int
    deal_id: int
    revision: int
    price_list_id: int
    vehicle_id: int | None
    brand: str
    model: str
    trim: str
    lines: tuple[QuoteLineDTO, ...]
    total_fen: int
    discount_fen: int
    threshold_fen: int
    discount_reason: str
    discount_approved_by_id: int | None
    valid_until: dt.date | None
    document_id: int | None
    document_number: str | None
    signed_at: dt.datetime | None
    superseded_at: dt.datetime | None
    created_at: dt.datetime
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def needs_approval(self) -> bool:
        return self.discount_fen > self.threshold_fen and self.discount_approved_by_id is None


@dataclass(frozen=True)
class DisclosureItem:
    """One thing the customer is told before the contract (4.2.3.4; 三包 art. 32): kind is
    "age" (produced more than 2 years ago), "age_unknown", "defect", "repair" or "pdi_repair"."""

    kind: str
    text: str


@dataclass(frozen=True)
class DisclosureDTO:
    id: int
    deal_id: int
    vehicle_id: int
    items: tuple[DisclosureItem, ...]
    follow_up_staff_id: int
    follow_up_task_id: int | None
    document_id: int | None
    document_number: str | None
    signed_at: dt.datetime

    @property
    def changes(self) -> Changes:
        """Signed: the deal (its contract may now go ahead) and the follow-up person's tasks."""
        return Changes(sales=True, tasks=True, documents=True, ids=frozenset({self.deal_id}))
