"""Test-drive tables (试乘试驾, T/CSCA 120031 4.2.4): routes, fleet cars, bookings and drives (issue #6).

  4.2.4.3  routes filed with the district traffic police: `test_drive_route`;
  4.2.4.6, 4.2.4.8  the fleet register (plate, insurances, inspection, maintenance due, signage):
           `test_drive_car`, one row per Vehicle in status test_drive_fleet;
  4.2.4.1-4.2.4.7  one `test_drive` from booking to return: qualification (ID and licence
           numbers only sealed: `<x>_sealed` + `<x>_masked` + `<x>_fingerprint`, see
           app/core/personal_data.py; the birth date only sealed), separate consent to processing them, escort, pre-departure
           check, weather, route confirmation, signed agreement, start and return;
  booking calendar: `test_drive_slot`, one row per car and half-hour slot a drive occupies.
           The unique (car, slot) constraint makes a double booking impossible whichever
           terminal books, on SQLite and PostgreSQL alike.

Registered on `db.models.Base.metadata` by the import at the end of db/models.py.
Times are naive UTC; dates (expiries, licence dates) are calendar dates.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, Versioned, _now


class DriveStatus(StrEnum):
    BOOKED = "booked"  # slot held; the steps before departure are being completed
    OUT = "out"  # departed (4.2.4.5: actual start and odometer logged)
    RETURNED = "returned"
    CANCELLED = "cancelled"


class TestDriveRoute(Versioned, Base):
    """A route filed with the district traffic police (交警支队备案, 4.2.4.3)."""

    __tablename__ = "test_drive_route"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    map_image: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    distance_km: Mapped[float] = mapped_column(Float)
    typical_minutes: Mapped[int] = mapped_column(Integer)
    filing_ref: Mapped[str] = mapped_column(String(80))
    filing_date: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class TestDriveCar(Versioned, Base):
    """A car of the test-drive fleet with what 4.2.4.8 and 4.2.4.6 require of it."""

    __tablename__ = "test_drive_car"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), unique=True)
    plate: Mapped[str] = mapped_column(String(10), unique=True)
    transmission: Mapped[str] = mapped_column(String(10))  # "automatic" | "manual" (C2, 5.3)
    registration_date: Mapped[dt.date] = mapped_column(Date)
    # 交强险 (compulsory third-party) and 商业第三者责任险 incl. 车上人员责任险 (4.2.4.8).
    compulsory_insurance_until: Mapped[dt.date] = mapped_column(Date)
    commercial_insurance_until: Mapped[dt.date] = mapped_column(Date)
    occupant_liability: Mapped[bool] = mapped_column(Boolean, default=False)
    inspection_until: Mapped[dt.date] = mapped_column(Date)  # 年检
    last_maintenance: Mapped[dt.date | None] = mapped_column(Date)
    # 4.2.4.8 "maintained": the next maintenance is due on this day; past it the car is not
    # booked or dispatched. None only on rows from before migration 0016: unknown, so the car
    # is unfit until the manager enters the date (never guessed from last_maintenance).
    maintenance_due: Mapped[dt.date | None] = mapped_column(Date)
    signage_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)  # 4.2.4.6
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class TestDrive(Versioned, Base):
    """One test drive from booking to return. Every step before departure is recorded here
    with who and when; `start` re-checks all of them (app/test_drives/drive_steps.py)."""

    __tablename__ = "test_drive"
    # The month KPI (3.13) counts returned drives by visit and by return time (issue #10).
    __table_args__ = (
        Index("ix_test_drive_status_visit_id", "status", "visit_id"),
        Index("ix_test_drive_status_actual_end", "status", "actual_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(12), index=True, default=DriveStatus.BOOKED)
    car_id: Mapped[int] = mapped_column(ForeignKey("test_drive_car.id"), index=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("test_drive_route.id"))
    customer_name: Mapped[str] = mapped_column(String(60))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    planned_end: Mapped[dt.datetime] = mapped_column(DateTime)
    planned_km: Mapped[float] = mapped_column(Float)
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # 4.2.4.2 / PIPL art. 29: separate consent to processing the ID and licence numbers.
    id_consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    id_consent_text: Mapped[str | None] = mapped_column(String(20))  # wording version shown
    id_consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # 4.2.4.2 qualification (domain_reference §5.1, §5.3).
    id_type: Mapped[str | None] = mapped_column(String(20))
    id_number_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_number_masked: Mapped[str | None] = mapped_column(String(40))
    id_number_fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    licence_number_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    licence_number_masked: Mapped[str | None] = mapped_column(String(40))
    licence_class: Mapped[str | None] = mapped_column(String(4))
    licence_valid_until: Mapped[dt.date | None] = mapped_column(Date)  # None + long_term
    licence_long_term: Mapped[bool] = mapped_column(Boolean, default=False)
    licence_first_issued: Mapped[dt.date | None] = mapped_column(Date)
    # Issue #15.1: no birth date in clear (with the masked number it narrowed an ID to 1-2
    # candidates). Sealed like the numbers, and `of_age_on`, the store day for which the driver
    # was found 18 or older (4.2.4.2): any later day needs no key to re-check.
    birth_date_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    of_age_on: Mapped[dt.date | None] = mapped_column(Date)
    foreign_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    permit_number_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # 临时驾驶许可
    permit_number_masked: Mapped[str | None] = mapped_column(String(40))
    permit_valid_until: Mapped[dt.date | None] = mapped_column(Date)
    qualified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    qualified_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # 4.2.4.4 escort.
    escort_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # 4.2.4.5: route, planned km and time window shown to and confirmed by the customer; the
    # confirmed values are kept so a later change shows the confirmation no longer holds.
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    confirmed_terms: Mapped[dict | None] = mapped_column(JSON)
    # 4.2.4.6 pre-departure check: {"lights": true, "tyres": true, ...}.
    check_items: Mapped[dict | None] = mapped_column(JSON)
    check_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    check_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    odometer_out: Mapped[int | None] = mapped_column(Integer)
    # 4.2.4.7 weather, and a sales manager's override with a reason in bad weather.
    weather: Mapped[str | None] = mapped_column(String(20))
    weather_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    weather_override_reason: Mapped[str | None] = mapped_column(Text)
    weather_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # 4.2.4.1 the signed agreement in the archive (doc type test_drive_agreement).
    agreement_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    agreement_number: Mapped[str | None] = mapped_column(String(40))
    agreement_terms: Mapped[dict | None] = mapped_column(JSON)
    # Departure and return (4.2.4.5, 4.2.4.7).
    actual_start: Mapped[dt.datetime | None] = mapped_column(DateTime)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    actual_end: Mapped[dt.datetime | None] = mapped_column(DateTime)
    odometer_in: Mapped[int | None] = mapped_column(Integer)
    damage_found: Mapped[bool | None] = mapped_column(Boolean)
    damage_notes: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    intent_level: Mapped[str | None] = mapped_column(String(1))
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class TestDriveSlot(Base):
    """A half-hour slot of a fleet car held by a drive. Not Versioned: rows are only inserted
    (booking) and deleted (cancel, early return); the unique constraint is the lock."""

    __tablename__ = "test_drive_slot"
    __table_args__ = (UniqueConstraint("car_id", "slot_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    car_id: Mapped[int] = mapped_column(ForeignKey("test_drive_car.id"))
    slot_start: Mapped[dt.datetime] = mapped_column(DateTime)
    test_drive_id: Mapped[int] = mapped_column(ForeignKey("test_drive.id"), index=True)
