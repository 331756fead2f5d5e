"""PDI tables (新车售前检查, T/CSCA 120031 4.4.1): checklist templates, inspections, items, rectifications (issue #7).

T/CSCA 120031-2023:
  4.4.1.2  PDI to the supplier standard with no fewer items than the CADA guide: a template
           version is published once and never edited (`pdi_template.definition`); an edit
           publishes the next version and an inspection keeps the one it started with;
  4.4.1.3  certified technicians: the certificate number is copied onto the inspection;
  4.4.1.4  records traceable and given to the customer, assembly repairs disclosed: who
           recorded each item and when (`pdi_item_result`), every repair (`pdi_rectification`)
           with the customer's acknowledgement, and the signed report's archive document.

Registered on `db.models.Base.metadata` by the import at the end of db/models.py.
Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class PdiTemplate(Versioned, Base):
    """One published version of a checklist for a brand ("*" = every brand without its own).
    `definition` is the JSON form of app.pdi.rules.TemplateDefinition. Only `current` ever
    changes (to False when the next version is published); Versioned so that two admins
    publishing from the same version cannot both win."""

    __tablename__ = "pdi_template"
    __table_args__ = (UniqueConstraint("brand", "template_version", name="uq_pdi_template_brand_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    brand: Mapped[str] = mapped_column(String(60), index=True)
    template_version: Mapped[int] = mapped_column(Integer)
    title_zh: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    definition: Mapped[dict] = mapped_column(JSON)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class PdiInspection(Versioned, Base):
    """One PDI of one car against one template version."""

    __tablename__ = "pdi_inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("pdi_template.id"))
    powertrain: Mapped[str] = mapped_column(String(8))  # as inspected: decides applicable items
    status: Mapped[str] = mapped_column(String(16), index=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    certificate_no: Mapped[str] = mapped_column(String(64))  # 4.4.1.3, as at the start
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    paused_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    report_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class PdiItemResult(Versioned, Base):
    """One checklist item of one inspection; its own version counter so that two terminals
    working on different items never conflict and on the same item never overwrite."""

    __tablename__ = "pdi_item_result"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id", name="uq_pdi_item_result_inspection_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("pdi_inspection.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The first NOT_OK result stays here after the re-check (the defect found, 4.4.1.4).
    defect_found: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class PdiItemEvent(Base):
    """Append-only history of one item's recordings (4.4.1.4 traceable records): the first
    not-OK finding stays readable after the item was repaired and re-checked OK."""

    __tablename__ = "pdi_item_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_result_id: Mapped[int] = mapped_column(ForeignKey("pdi_item_result.id"), index=True)
    result: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class PdiPhoto(Base):
    """A photo of an item (JPEG or PNG bytes); append-only evidence."""

    __tablename__ = "pdi_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_result_id: Mapped[int] = mapped_column(ForeignKey("pdi_item_result.id"), index=True)
    content_type: Mapped[str] = mapped_column(String(20))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(String(200), default="")
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class PdiRectification(Versioned, Base):
    """The repair of a not-OK item (4.4.1.4): what was done, parts replaced, by whom; an
    assembly (总成) repair is disclosed to the customer and needs their acknowledgement."""

    __tablename__ = "pdi_rectification"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("pdi_inspection.id"), index=True)
    item_result_id: Mapped[int] = mapped_column(ForeignKey("pdi_item_result.id"))
    item_id: Mapped[str] = mapped_column(String(8))
    defect: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text)
    parts_replaced: Mapped[str] = mapped_column(Text, default="")
    repaired_by: Mapped[str] = mapped_column(String(100))
    assembly_repair: Mapped[bool] = mapped_column(Boolean, default=False)
    assembly_name: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    acknowledged_by: Mapped[str] = mapped_column(String(100), default="")
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledgement_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last
