"""Frozen DTOs that services return: the UI never sees an ORM object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.models import Role


@dataclass(frozen=True)
class Actor:
    """The logged-in user on whose behalf a service runs."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    must_change_password: bool = False

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class StoreDTO:
    id: int
    legal_name: str
    address: str
    sales_hotline: str
    complaint_phone: str
    website: str
    version: int


@dataclass(frozen=True)
class StaffDTO:
    id: int
    username: str
    full_name: str
    staff_no: str
    roles: frozenset[Role]
    active: bool
    licence_first_issued: dt.date | None
    pdi_certificate_no: str | None
    pdi_certificate_expiry: dt.date | None
    locked_until: dt.datetime | None
    version: int


@dataclass(frozen=True)
class VehicleDTO:
    id: int
    vin: str
    brand: str
    model: str
    trim: str
    model_year: int
    exterior_color: str
    interior_color: str
    powertrain: str
    guide_price_fen: int
    price_fen: int
    configuration: tuple[str, ...]
    power_kw: int | None
    accel_0_100_s: float | None
    fuel_l_per_100km: float | None
    range_km: int | None
    battery_kwh: float | None
    fast_charge_minutes: int | None
    slow_charge_hours: float | None
    production_date: dt.date | None
    status: str
    defect_notes: str
    repair_notes: str
    notes: str
    vin_override_reason: str | None
    updated_at: dt.datetime
    version: int


@dataclass(frozen=True)
class Changes:
    """What a mutating service touched, so pages refresh only when affected (Anki OpChanges)."""

    vehicles: bool = False
    store: bool = False
    staff: bool = False
    ids: frozenset[int] = field(default_factory=frozenset)
