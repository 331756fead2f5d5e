"""Money tables (收款, T/CSCA 120031 4.3.4-4.3.5; issue #18.5): only the finance role writes them.

  payment         append-only: every amount received or refunded against a contract, with its
                  type, method and receipt number; a receipt voucher is printed for each.
  refund_request  a refund asked for with a reason, approved by a sales_manager, then paid by
                  finance as a `payment` of kind refund.
  settlement      the itemised settlement statement (结算单), signed by both sides.

Money in fen. Registered on Base.metadata through db/sales_models.py.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class PaymentKind(StrEnum):
    EARNEST = "earnest"  # 定金 (民法典 586)
    PREPAYMENT = "prepayment"  # 订金
    DOWN_PAYMENT = "down_payment"  # 首付
    FINAL = "final"  # 尾款
    AGENCY_FEE = "agency_fee"  # 代办服务费
    REFUND = "refund"  # 退款: money going back, needs an approved refund_request


class MoneyMethod(StrEnum):
    CASH = "cash"
    BANK_CARD = "bank_card"
    TRANSFER = "transfer"
    WECHAT = "wechat"
    ALIPAY = "alipay"


class RefundStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


class Payment(Base):
    """One amount in (or out, for a refund). Never changed: a mistake is corrected by a refund."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # PaymentKind
    amount_fen: Mapped[int] = mapped_column(Integer)  # always > 0; a refund's sign is its kind
    method: Mapped[str] = mapped_column(String(12))  # MoneyMethod
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    refund_request_id: Mapped[int | None] = mapped_column(ForeignKey("refund_request.id"), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # receipt voucher
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class RefundRequest(Versioned, Base):
    """A refund asked for (cancellation, termination, overpayment) and its approval."""

    __tablename__ = "refund_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=RefundStatus.REQUESTED, index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Settlement(Base):
    """The itemised settlement statement of a contract, signed by the customer and finance."""

    __tablename__ = "settlement"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    total_due_fen: Mapped[int] = mapped_column(Integer)
    total_paid_fen: Mapped[int] = mapped_column(Integer)
    loan_fen: Mapped[int] = mapped_column(Integer, default=0)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    document_number: Mapped[str | None] = mapped_column(String(40))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
