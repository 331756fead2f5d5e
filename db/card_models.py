"""Showroom (展厅) tables: the vehicle-card register (一车一卡), promotions, the NEV
charging-pile offer, and the display floor (zones and positions).

T/CSCA 120031-2023:
  4.2.1.2  price, model, configuration and performance of each displayed car are shown one
           car, one card: `vehicle_card` keeps which card (archive number + version) is the
           current one for a car, and a partial unique index allows at most one current card
           per car, whichever terminal issues it;
  4.2.1.5  NEVs are displayed in a separate zone: `display_zone.is_nev_zone`;
  4.3.2.1  promotions state scope, rules and additional conditions: `promotion`;
  4.1.3.5  NEV charging-pile installation service and fees: `charging_pile_offer`.

Registered on `db.models.Base.metadata` by the import at the end of db/models.py.
Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class CardStatus(StrEnum):
    CURRENT = "current"
    VOIDED = "voided"  # replaced by a newer version of the same card
    RETIRED = "retired"  # the car left the display floor


class VehicleCard(Versioned, Base):
    """One issued version of a car's card. `card_number`/`card_version` are the archive
    document's number and version; `fingerprint` is the SHA-256 of `facts`, the
    card-relevant facts it printed, so a later change is seen and named."""

    __tablename__ = "vehicle_card"
    __table_args__ = (
        # 一车一卡 (4.2.1.2): at most one current card per car, enforced by the database so
        # that two terminals issuing at once cannot both win.
        Index(
            "uq_vehicle_card_current",
            "vehicle_id",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    card_number: Mapped[str] = mapped_column(String(40), index=True)
    card_version: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    layout: Mapped[str] = mapped_column(String(10))
    fingerprint: Mapped[str] = mapped_column(String(64))
    facts: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default=CardStatus.CURRENT)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    end_reason: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class Promotion(Versioned, Base):
    """The promotion printed on one car's card (4.3.2.1). One row per car; clearing it
    deletes the row. Changing it makes the car's card stale."""

    __tablename__ = "promotion"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    rules: Mapped[str] = mapped_column(Text)
    conditions: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ChargingPileOffer(Versioned, Base):
    """The store's charging-pile installation offer printed on every NEV card (4.1.3.5).
    A single row (id 1); none means the card prints no offer."""

    __tablename__ = "charging_pile_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(200))
    fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    included: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class DisplayZone(Base):
    """An area of the showroom floor; `is_nev_zone` marks the separate NEV zone (4.2.1.5)."""

    __tablename__ = "display_zone"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    is_nev_zone: Mapped[bool] = mapped_column(Boolean, default=False)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class DisplayPosition(Versioned, Base):
    """A place for one car on the floor. `vehicle_id` is unique: a car stands in one place."""

    __tablename__ = "display_position"
    __table_args__ = (UniqueConstraint("zone_id", "code", name="uq_display_position_zone_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("display_zone.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), unique=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
