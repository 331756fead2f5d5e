"""The delivery handover (交车, T/CSCA 120031 4.4.2; 办法 art. 16; 三包 arts. 9, 13; issue #18.6).

One `handover` per contract, written once when every step holds: identity re-checked against the
contract, a passed and signed PDI, VIN and configuration matching, balance settled, every
document of art. 16 ticked with its number, gifts and promises ticked, the on-board items, the
explanation checklist and the delivery odometer. It links the signed handover record and the
三包凭证 (warranty certificate) with the periods it states. Registered through db/sales_models.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class Handover(Base):
    """A completed delivery. Never changed once written (the signed record says what happened)."""

    __tablename__ = "handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), unique=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    pdi_inspection_id: Mapped[int | None] = mapped_column(ForeignKey("pdi_inspection.id"))
    id_fingerprint: Mapped[str] = mapped_column(String(64))  # the ID shown at handover
    # [{"code": "certificate"|..., "number": "..."}]: the art. 16 documents handed over.
    documents: Mapped[list] = mapped_column(JSON)
    gifts: Mapped[list] = mapped_column(JSON)  # the contract's gifts and promises, each ticked
    onboard_items: Mapped[list] = mapped_column(JSON)
    explanations: Mapped[list] = mapped_column(JSON)  # operation, warranty, 三包, repairers, safety
    odometer_km: Mapped[int] = mapped_column(Integer)
    delivered_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    delivered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    # 三包凭证 periods (三包 art. 13, 18-20): counted from the invoice date, or the delivery date
    # where they differ (the later one, in the customer's favour).
    warranty_start: Mapped[dt.date] = mapped_column(Date)
    sanbao_until: Mapped[dt.date] = mapped_column(Date)
    sanbao_km: Mapped[int] = mapped_column(Integer)
    repair_warranty_until: Mapped[dt.date] = mapped_column(Date)  # 包修期
    repair_warranty_km: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # handover record
    document_number: Mapped[str | None] = mapped_column(String(40))
    warranty_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # 三包凭证
    warranty_document_number: Mapped[str | None] = mapped_column(String(40))
