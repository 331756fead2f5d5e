"""DTOs of the published price and fee list (价格公示, 《汽车销售管理办法》 art. 10, T/CSCA 120031
4.3.2.1-4.3.2.2; issue #18.1): what the price services return and accept. Every returned DTO
carries `changes` = Changes(price_list=True) so the price page (and quotes) refresh."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.dto import Changes


@dataclass(frozen=True)
class PriceItemInput:
    """One line as typed on the item form. `code` may be left empty for a vehicle (it becomes
    "VEH-<brand>-<model>-<trim>"); a service fee's code is its ServiceCode."""

    kind: str
    name_zh: str
    amount_fen: int
    code: str = ""
    brand: str = ""
    model: str = ""
    trim: str = ""
    name_en: str = ""
    timing: str = ""
    rules: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class PriceItemDTO:
    id: int
    price_list_id: int
    kind: str
    code: str
    brand: str
    model: str
    trim: str
    name_zh: str
    name_en: str
    amount_fen: int
    timing: str
    rules: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    version: int

    @property
    def changes(self) -> Changes:
        return Changes(price_list=True, ids=frozenset({self.price_list_id}))


@dataclass(frozen=True)
class PriceListDTO:
    id: int
    title: str
    effective_from: dt.date
    status: str  # PriceListStatus
    published_at: dt.datetime | None
    notice_document_id: int | None
    notice_number: str | None
    version: int
    items: tuple[PriceItemDTO, ...] = ()
    in_force: bool = False  # the published list in force today (Shanghai)

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def changes(self) -> Changes:
        return Changes(price_list=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class DiscountThresholdDTO:
    """The store's setting (store.discount_approval_fen): a quote's discount above it needs a
    sales_manager's approval with a reason (4.3.2.1)."""

    discount_approval_fen: int
    version: int  # the store record's

    @property
    def changes(self) -> Changes:
        return Changes(price_list=True, store=True)
