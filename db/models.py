"""SQLAlchemy 2 typed models for Showroom.

Every editable table carries a `version` counter (SQLAlchemy ``version_id_col``) so that a
stale edit from another terminal raises instead of silently overwriting.
Money is stored in fen (分) as integers. Statuses are StrEnums stored as short strings.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Optimistic locking: UPDATE ... WHERE version = :old, raising StaleDataError otherwise."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy declared_attr signature
        return {"version_id_col": cls.version}


class Role(StrEnum):
    RECEPTION = "reception"
    CONSULTANT = "consultant"
    SALES_MANAGER = "sales_manager"
    FINANCE = "finance"
    PDI_TECHNICIAN = "pdi_technician"
    ADMIN = "admin"


class Powertrain(StrEnum):
    ICE = "ICE"
    HEV = "HEV"
    PHEV = "PHEV"
    BEV = "BEV"

    @property
    def is_nev(self) -> bool:
        # PHEV and BEV are 新能源汽车 (NEV); HEV is not.
        return self in (Powertrain.PHEV, Powertrain.BEV)


class VehicleStatus(StrEnum):
    IN_TRANSIT = "in_transit"
    IN_STOCK = "in_stock"
    ON_DISPLAY = "on_display"
    TEST_DRIVE_FLEET = "test_drive_fleet"
    RESERVED = "reserved"
    SOLD = "sold"
    DELIVERED = "delivered"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store(Versioned, Base):
    """The dealership (4S店); its contact lines are printed on every document."""

    __tablename__ = "store"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    sales_hotline: Mapped[str] = mapped_column(String(40))
    complaint_phone: Mapped[str] = mapped_column(String(40))
    website: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class StaffUser(Versioned, Base):
    """A member of staff who logs in; roles in `staff_role`, qualifications on the row."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    staff_no: Mapped[str] = mapped_column(String(32), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # T/CSCA 120031 4.2.4.4: test-drive escorts need >= 3 years since first licence issue.
    licence_first_issued: Mapped[dt.date | None] = mapped_column(Date)
    # T/CSCA 120031 4.4.1.3: PDI by certified technicians.
    pdi_certificate_no: Mapped[str | None] = mapped_column(String(64))
    pdi_certificate_expiry: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    roles: Mapped[list[StaffRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)


class StaffRole(Base):
    __tablename__ = "staff_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[StaffUser] = relationship(back_populates="roles")


class Vehicle(Versioned, Base):
    """A car in the store's inventory, identified by its VIN (车辆识别代号)."""

    __tablename__ = "vehicle"

    id: Mapped[int] = mapped_column(primary_key=True)
    vin: Mapped[str] = mapped_column(String(17), unique=True)
    brand: Mapped[str] = mapped_column(String(60), index=True)
    model: Mapped[str] = mapped_column(String(80), index=True)
    trim: Mapped[str] = mapped_column(String(120), default="")
    model_year: Mapped[int] = mapped_column(Integer)
    exterior_color: Mapped[str] = mapped_column(String(40), default="")
    interior_color: Mapped[str] = mapped_column(String(40), default="")
    powertrain: Mapped[str] = mapped_column(String(8))
    guide_price_fen: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(Integer)
    configuration: Mapped[list[str]] = mapped_column(JSON, default=list)
    power_kw: Mapped[int | None] = mapped_column(Integer)
    accel_0_100_s: Mapped[float | None] = mapped_column()
    fuel_l_per_100km: Mapped[float | None] = mapped_column()
    range_km: Mapped[int | None] = mapped_column(Integer)
    battery_kwh: Mapped[float | None] = mapped_column()
    fast_charge_minutes: Mapped[int | None] = mapped_column(Integer)
    slow_charge_hours: Mapped[float | None] = mapped_column()
    production_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True, default=VehicleStatus.IN_STOCK)
    # T/CSCA 120031 4.2.3.4: defects and repairs must be disclosed to the customer.
    defect_notes: Mapped[str] = mapped_column(Text, default="")
    repair_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # domain_reference §5.2: a wrong VIN check digit needs a manager's override with a reason.
    vin_override_reason: Mapped[str | None] = mapped_column(Text)
    vin_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class VehicleStatusChange(Base):
    """Append-only history of status moves (who moved which car, when, from what to what)."""

    __tablename__ = "vehicle_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

