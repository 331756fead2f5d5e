"""Sales tables (销售, T/CSCA 120031 4.3; 《汽车销售管理办法》 arts. 10, 14, 15; issue #18).

  price_list, price_list_item   the published price and fee list (办法 art. 10, 4.3.2.1-4.3.2.2):
           a list is a draft until published, then never changed; the list in force on a day is
           the published one with the latest `effective_from` on or before it. Items are vehicle
           prices by brand/model/trim, options, accessories, service fees and promotions.
  deal     one sale from first quote to handover, for one lead; its `stage` is what the deal
           board shows. The records below hang off it.
  quote, quote_line   the sales proposal (销售方案, 4.3.1.2-4.3.1.3): every revision is a new
           quote row (`revision` 1, 2, ...); lines only from the list in force, discounts as
           explicit lines, agency services opt-in (4.3.2.3-4.3.2.5).
  disclosure   what was disclosed before the contract (4.2.3.4; 三包 art. 32), signed.
  contract, contract_revision   the sales contract (4.3.3; 办法 art. 15; domain_reference
           §4.1). `live_vehicle_id` equals `vehicle_id` while the contract is live and is NULL
           otherwise; its unique constraint is what keeps one car out of two live contracts on
           any number of terminals.

Money in fen (integers). Times naive UTC, calendar dates as dates. Registered on
`db.models.Base.metadata` by the import at the end of db/models.py.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class PriceItemKind(StrEnum):
    VEHICLE = "vehicle"  # a model and trim's price (brand/model/trim set)
    OPTION = "option"  # factory option (选装)
    ACCESSORY = "accessory"  # dealer-fitted accessory (精品)
    SERVICE_FEE = "service_fee"  # agency and delivery fees (4.3.2.2): `code` says which
    PROMOTION = "promotion"  # a public promotion with its rules and validity (4.3.2.1)


class ServiceCode(StrEnum):
    """The service fees of 4.3.2.2 (代办服务); insurance and registration are never compulsory
    (办法 art. 14)."""

    REGISTRATION = "registration"  # 上牌代办
    INSURANCE = "insurance"  # 保险代办
    LOAN = "loan"  # 贷款代办
    DELIVERY = "delivery"  # 交付服务


class PriceListStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class DealStage(StrEnum):
    QUOTE = "quote"
    CONTRACT = "contract"  # a live contract, nothing paid yet
    AWAITING_PAYMENT = "awaiting_payment"  # some money in, balance not settled
    READY = "ready"  # balance settled (or loan recorded): ready to deliver
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class QuoteLineKind(StrEnum):
    VEHICLE = "vehicle"
    OPTION = "option"
    ACCESSORY = "accessory"
    DISCOUNT = "discount"  # negative amount; above the store threshold needs a manager
    PROMOTION = "promotion"  # negative amount, from a listed promotion
    GIFT = "gift"  # no amount; ticked at handover
    PROMISE = "promise"  # no amount; ticked at handover
    SERVICE = "service"  # an opted-in agency service, its fee and timing


class ContractStatus(StrEnum):
    SIGNED = "signed"  # live
    FULFILLED = "fulfilled"  # handed over (3.11)
    CANCELLED = "cancelled"  # before fulfilment, by agreement
    TERMINATED = "terminated"  # by one party under the breach terms


LIVE_CONTRACT_STATUSES = (ContractStatus.SIGNED,)


class PaymentMethod(StrEnum):
    LUMP_SUM = "lump_sum"  # 一次性付款
    LOAN = "loan"  # 贷款
    INSTALMENTS = "instalments"  # 分期付款


class DepositKind(StrEnum):
    NONE = "none"
    EARNEST = "earnest"  # 定金: 民法典 586-587, at most 20 % of the contract value
    PREPAYMENT = "prepayment"  # 订金: an advance payment, refundable


class PriceList(Versioned, Base):
    """One version of the public price and fee list (价格公示)."""

    __tablename__ = "price_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    effective_from: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default=PriceListStatus.DRAFT, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # The bilingual public notice printed when it was published (document archive).
    notice_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class PriceListItem(Versioned, Base):
    """A line of a price list. Editable only while its list is a draft."""

    __tablename__ = "price_list_item"
    __table_args__ = (UniqueConstraint("price_list_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    price_list_id: Mapped[int] = mapped_column(ForeignKey("price_list.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # PriceItemKind
    # Unique within the list: a vehicle "VEH-<brand>-<model>-<trim>", a service its ServiceCode,
    # anything else the store's own article code. A new list version keeps the codes.
    code: Mapped[str] = mapped_column(String(80))
    brand: Mapped[str] = mapped_column(String(60), default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    trim: Mapped[str] = mapped_column(String(120), default="")
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    # Price or fee; a promotion's value off (positive here, a negative line on a quote).
    amount_fen: Mapped[int] = mapped_column(Integer)
    # Service fees: when the service is done ("within 10 working days of delivery").
    timing: Mapped[str] = mapped_column(String(200), default="")
    # Promotions: their public rules (4.3.2.1) and validity.
    rules: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Deal(Versioned, Base):
    """One sale, from the first quote to the handover (the deal board's card)."""

    __tablename__ = "deal"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20), default=DealStage.QUOTE, index=True)
    # The car sold: a VIN in stock, or None while it is a model and trim to order.
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), index=True)
    brand: Mapped[str] = mapped_column(String(60))
    model: Mapped[str] = mapped_column(String(80))
    trim: Mapped[str] = mapped_column(String(120), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    stage_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Quote(Base):
    """One revision of a deal's sales proposal. Never changed once written, except for the
    signature link and `superseded_at` when a newer revision is made."""

    __tablename__ = "quote"
    __table_args__ = (UniqueConstraint("deal_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    price_list_id: Mapped[int] = mapped_column(ForeignKey("price_list.id"))
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"))
    brand: Mapped[str] = mapped_column(String(60))
    model: Mapped[str] = mapped_column(String(80))
    trim: Mapped[str] = mapped_column(String(120), default="")
    total_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)  # sum of discount lines (>= 0)
    # Above the store's threshold a sales_manager approves the discount with a reason.
    discount_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    discount_reason: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # signed PDF
    document_number: Mapped[str | None] = mapped_column(String(40))
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class QuoteLine(Base):
    """A line of a quote; written with it and never changed."""

    __tablename__ = "quote_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # QuoteLineKind
    price_list_item_id: Mapped[int | None] = mapped_column(ForeignKey("price_list_item.id"))
    description: Mapped[str] = mapped_column(String(200))
    description_en: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)  # line total; discounts negative
    # Agency services (4.3.2.3-4.3.2.5): the customer's free choice of provider, the timing.
    provider: Mapped[str] = mapped_column(String(120), default="")
    timing: Mapped[str] = mapped_column(String(200), default="")


class Disclosure(Base):
    """What the customer was told and signed before the contract (4.2.3.4; 三包 art. 32): the
    car's age over 2 years, recorded defects, repairs (PDI assembly repairs included)."""

    __tablename__ = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id"), index=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    # [{"kind": "age"|"defect"|"repair"|"pdi_repair", "text": "..."}]: exactly what was shown.
    items: Mapped[list] = mapped_column(JSON)
    follow_up_staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    follow_up_task_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up_task.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    document_number: Mapped[str | None] = mapped_column(String(40))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Contract(Versioned, Base):
    """The sales contract (购车合同) with the fields of the Shanghai model contract."""

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id"), index=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id"))
    number: Mapped[str] = mapped_column(String(40), unique=True)  # never repeats (numbers.py)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # amendments: 2, 3, ...
    status: Mapped[str] = mapped_column(String(12), default=ContractStatus.SIGNED, index=True)
    # Buyer (PIPL: the ID number sealed, masked on screen; app/core/personal_data.py).
    buyer_name: Mapped[str] = mapped_column(String(100))
    buyer_id_type: Mapped[str] = mapped_column(String(20))  # app/sales identity ID types
    buyer_id_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    buyer_id_masked: Mapped[str] = mapped_column(String(40))
    buyer_id_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    buyer_address_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    buyer_phone_masked: Mapped[str] = mapped_column(String(20), default="")
    agent_name: Mapped[str] = mapped_column(String(100), default="")  # 代理人, where there is one
    agent_id_type: Mapped[str | None] = mapped_column(String(20))
    agent_id_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    agent_id_masked: Mapped[str | None] = mapped_column(String(40))
    id_verified_at: Mapped[dt.datetime] = mapped_column(DateTime)
    id_verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # Vehicle.
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    live_vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), unique=True)
    vin: Mapped[str] = mapped_column(String(17))
    engine_no: Mapped[str] = mapped_column(String(40))
    certificate_no: Mapped[str] = mapped_column(String(40))  # 合格证编号
    configuration: Mapped[list] = mapped_column(JSON, default=list)  # as on the quote
    # Price (figures, and 大写 as printed) and payment.
    price_fen: Mapped[int] = mapped_column(Integer)
    price_words: Mapped[str] = mapped_column(String(120))
    payment_method: Mapped[str] = mapped_column(String(12))  # PaymentMethod
    loan_lender: Mapped[str] = mapped_column(String(120), default="")
    loan_amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    deposit_kind: Mapped[str] = mapped_column(String(12), default=DepositKind.NONE)
    deposit_fen: Mapped[int] = mapped_column(Integer, default=0)
    # Delivery.
    delivery_place: Mapped[str] = mapped_column(String(200))
    delivery_date: Mapped[dt.date] = mapped_column(Date)
    max_delivery_odometer_km: Mapped[int] = mapped_column(Integer)
    delivery_appointment_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    special_terms: Mapped[str] = mapped_column(Text, default="")
    # Documents: the contract (its current revision), the special terms signed separately and
    # the entrustment agreement for agency services (委托服务协议), each in the archive.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    special_terms_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    entrustment_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    # Finance records the invoice (机动车销售统一发票).
    invoice_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    invoice_date: Mapped[dt.date | None] = mapped_column(Date)
    fulfilled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    end_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ContractRevision(Base):
    """Append-only: each signed revision of a contract (1 = the original) and why."""

    __tablename__ = "contract_revision"
    __table_args__ = (UniqueConstraint("contract_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    terms: Mapped[dict] = mapped_column(JSON)  # the fields as signed (no personal numbers)
    reason: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


from db import finance_models  # noqa: E402,F401  (payments, refunds: issue #18.5)
from db import handover_models  # noqa: E402,F401  (delivery handover: issue #18.6)
