"""What the deal board (销售看板, issue #18.7) shows: a row per deal, a page of rows, and one
deal's history with every archived document (app/sales/board.py fills them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.masking import mask_name


@dataclass(frozen=True)
class DealRowDTO:
    """One deal on the board. Money in fen; `open_fen` is None until a contract is signed."""

    id: int
    lead_id: int
    customer_id: int
    customer_name: str | None  # None once anonymised (PIPL)
    consultant_id: int
    consultant_name: str
    brand: str
    model: str
    trim: str
    vehicle_id: int | None
    vin: str | None  # None while the car is a model and trim to order
    stage: str  # db.sales_models.DealStage
    quote_total_fen: int | None  # the latest quote revision's total
    contract_id: int | None  # the latest contract (live or ended)
    contract_number: str | None
    contract_status: str | None
    open_fen: int | None  # still to pay on that contract (stages.balance_of)
    stage_changed_at: dt.datetime
    created_at: dt.datetime
    cancel_reason: str = ""

    @property
    def customer_name_masked(self) -> str:
        """周** on the board and the deal's page (PIPL: masked on screen)."""
        return mask_name(self.customer_name)


@dataclass(frozen=True)
class DealPageDTO:
    """One page of the board (board.deal_board), newest deal first."""

    rows: tuple[DealRowDTO, ...]
    next_after: int | None  # the last row's deal id: pass back as `after`; None after the last page
    total: int | None = None  # deals matching the filters; counted with the first page only
    # Deals per stage under the same scope and search (first page only): the stage tabs' counts.
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class QuoteRefDTO:
    id: int
    revision: int
    total_fen: int
    discount_fen: int
    created_at: dt.datetime
    signed_at: dt.datetime | None
    superseded_at: dt.datetime | None
    document_id: int | None
    document_number: str | None


@dataclass(frozen=True)
class DisclosureRefDTO:
    id: int
    item_count: int
    signed_at: dt.datetime
    document_id: int | None
    document_number: str | None


@dataclass(frozen=True)
class ContractRevisionRefDTO:
    revision: int
    reason: str
    signed_at: dt.datetime
    document_id: int | None


@dataclass(frozen=True)
class ContractRefDTO:
    id: int
    number: str
    revision: int
    status: str  # db.sales_models.ContractStatus
    price_fen: int
    payment_method: str
    delivery_date: dt.date
    delivery_appointment_at: dt.datetime | None
    signed_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str
    invoice_no: str | None
    revisions: tuple[ContractRevisionRefDTO, ...]
    due_fen: int
    paid_fen: int
    loan_fen: int
    open_fen: int


@dataclass(frozen=True)
class PaymentRefDTO:
    id: int
    contract_id: int
    kind: str  # db.finance_models.PaymentKind (refund: money going back)
    amount_fen: int
    method: str
    receipt_no: str
    received_at: dt.datetime
    document_id: int | None


@dataclass(frozen=True)
class RefundRefDTO:
    id: int
    contract_id: int
    amount_fen: int
    reason: str
    status: str  # db.finance_models.RefundStatus
    requested_at: dt.datetime


@dataclass(frozen=True)
class HandoverRefDTO:
    id: int
    contract_id: int
    delivered_at: dt.datetime
    odometer_km: int
    document_number: str | None
    warranty_document_number: str | None


@dataclass(frozen=True)
class DealDocumentDTO:
    """An archived document of the deal, to open, print or reprint (app/documents)."""

    id: int
    number: str
    doc_type: str  # app.documents.numbers.DOC_TYPES
    version: int
    issued_at: dt.datetime
    voided: bool


@dataclass(frozen=True)
class DealDetailDTO:
    """One deal's whole history, oldest first within each record kind."""

    deal: DealRowDTO
    quotes: tuple[QuoteRefDTO, ...]
    disclosure: DisclosureRefDTO | None
    contracts: tuple[ContractRefDTO, ...]
    payments: tuple[PaymentRefDTO, ...]
    refunds: tuple[RefundRefDTO, ...]
    handover: HandoverRefDTO | None
    documents: tuple[DealDocumentDTO, ...]
    version: int  # the deal's version counter


@dataclass(frozen=True)
class LeadDealDTO:
    """The lead a "Deal…" action starts from, and its deal if one is already open."""

    lead_id: int | None  # None: the visitor has no lead to sell from yet
    deal_id: int | None
