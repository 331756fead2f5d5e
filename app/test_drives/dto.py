"""Frozen DTOs of the test-drive services (issue #6) and the ORM -> DTO conversions.

Personal numbers appear only masked: nothing here ever carries a sealed or clear ID,
licence or permit number (PIPL art. 51; 4.2.4.2 confidentiality promise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from app.test_drives.rules import CHECK_ITEMS, SEVERE_WEATHER, fleet_problems, fleet_warnings, plate_problems
from app.core.dto import Changes
from db.models import StaffUser, Vehicle
from db.drive_models import DriveStatus, TestDrive, TestDriveCar, TestDriveRoute
from app.core.masking import mask_name  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class RouteDTO:
    id: int
    name: str
    description: str
    has_map: bool
    distance_km: float
    typical_minutes: int
    filing_ref: str
    filing_date: dt.date
    active: bool
    version: int

    @property
    def changes(self) -> Changes:
        """What saving it touched: the test-drive set-up the pages show (issue #16)."""
        return Changes(test_drives=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class FleetCarDTO:
    id: int
    vehicle_id: int
    vin: str
    description: str  # brand model trim
    brand: str
    model: str
    powertrain: str
    plate: str
    transmission: str
    registration_date: dt.date
    compulsory_insurance_until: dt.date
    commercial_insurance_until: dt.date
    occupant_liability: bool
    inspection_until: dt.date
    last_maintenance: dt.date | None
    maintenance_due: dt.date | None  # None: not entered yet (migration 0016), the car is unfit
    signage_confirmed: bool
    active: bool
    problems: tuple[str, ...]  # why it cannot be booked today (empty: fit)
    expiring: tuple[tuple[str, dt.date], ...]  # expiring or due within 30 days (4.2.4.8 warning)
    plate_warnings: tuple[str, ...]
    version: int

    @property
    def changes(self) -> Changes:
        """What saving it touched: the test-drive set-up the pages show (issue #16)."""
        return Changes(test_drives=True, ids=frozenset({self.id}))

    @property
    def bookable(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class EscortDTO:
    id: int
    full_name: str
    licence_first_issued: dt.date | None


@dataclass(frozen=True)
class TestDriveDTO:
    id: int
    status: str
    car_id: int
    plate: str
    car_description: str
    transmission: str
    route_id: int
    route_name: str
    customer_name: str  # in clear: the agreement's signer; screens show customer_name_masked
    customer_name_masked: str  # 李** (PIPL: personal data masked on screen)
    customer_id: int | None
    visit_id: int | None
    walk_in: bool
    planned_start: dt.datetime
    planned_end: dt.datetime
    planned_km: float
    id_consent: bool
    id_type: str | None
    id_number_masked: str | None
    licence_number_masked: str | None
    licence_class: str | None
    licence_valid_until: dt.date | None
    licence_long_term: bool
    foreign_licence: bool
    permit_number_masked: str | None
    qualified: bool
    escort_id: int | None
    escort_name: str | None
    confirmed: bool
    check_items: dict
    check_complete: bool
    odometer_out: int | None
    weather: str | None
    weather_override_reason: str | None
    agreement_document_id: int | None
    agreement_number: str | None
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None
    odometer_in: int | None
    damage_found: bool | None
    damage_notes: str
    feedback: str
    intent_level: str | None
    overdue: bool  # returned late, or still out after the planned end
    cancel_reason: str
    version: int
    # What a step touched (issue #16): the drive, and the visit it belongs to (a return marks
    # the visit's test drive for 3.13), so the live queue reloads the visit's new version.
    changes: Changes = field(default_factory=lambda: Changes(test_drives=True), compare=False, repr=False)

    @property
    def weather_severe(self) -> bool:
        return self.weather in SEVERE_WEATHER


def describe_vehicle(v: Vehicle) -> str:
    return " ".join(p for p in (v.brand, v.model, v.trim) if p)


def route_dto(r: TestDriveRoute, has_map: bool | None = None) -> RouteDTO:
    """`has_map` from the query saves loading the (deferred) map image just to say so."""
    if has_map is None:
        has_map = r.map_image is not None
    return RouteDTO(
        r.id,
        r.name,
        r.description,
        bool(has_map),
        r.distance_km,
        r.typical_minutes,
        r.filing_ref,
        r.filing_date,
        r.active,
        r.version,
    )


def fleet_car_dto(car: TestDriveCar, vehicle: Vehicle, today: dt.date) -> FleetCarDTO:
    _, warnings = plate_problems(car.plate, vehicle.powertrain)
    return FleetCarDTO(
        id=car.id,
        vehicle_id=car.vehicle_id,
        vin=vehicle.vin,
        description=describe_vehicle(vehicle),
        brand=vehicle.brand,
        model=vehicle.model,
        powertrain=vehicle.powertrain,
        plate=car.plate,
        transmission=car.transmission,
        registration_date=car.registration_date,
        compulsory_insurance_until=car.compulsory_insurance_until,
        commercial_insurance_until=car.commercial_insurance_until,
        occupant_liability=car.occupant_liability,
        inspection_until=car.inspection_until,
        last_maintenance=car.last_maintenance,
        maintenance_due=car.maintenance_due,
        signage_confirmed=car.signage_confirmed,
        active=car.active,
        problems=tuple(fleet_problems(car, today)),
        expiring=tuple(fleet_warnings(car, today)),
        plate_warnings=tuple(warnings),
        version=car.version,
    )


def drive_dto(session, d: TestDrive, now: dt.datetime) -> TestDriveDTO:
    car = session.get(TestDriveCar, d.car_id)
    vehicle = session.get(Vehicle, car.vehicle_id)
    route = session.get(TestDriveRoute, d.route_id)
    escort = session.get(StaffUser, d.escort_id) if d.escort_id else None
    items = dict(d.check_items or {})
    overdue = d.overdue or (d.status == DriveStatus.OUT and now > d.planned_end)
    return TestDriveDTO(
        id=d.id,
        status=d.status,
        car_id=d.car_id,
        plate=car.plate,
        car_description=describe_vehicle(vehicle),
        transmission=car.transmission,
        route_id=d.route_id,
        route_name=route.name,
        customer_name=d.customer_name,
        customer_name_masked=mask_name(d.customer_name),
        customer_id=d.customer_id,
        visit_id=d.visit_id,
        walk_in=d.walk_in,
        planned_start=d.planned_start,
        planned_end=d.planned_end,
        planned_km=d.planned_km,
        id_consent=d.id_consent_at is not None,
        id_type=d.id_type,
        id_number_masked=d.id_number_masked,
        licence_number_masked=d.licence_number_masked,
        licence_class=d.licence_class,
        licence_valid_until=d.licence_valid_until,
        licence_long_term=d.licence_long_term,
        foreign_licence=d.foreign_licence,
        permit_number_masked=d.permit_number_masked,
        qualified=d.qualified_at is not None,
        escort_id=d.escort_id,
        escort_name=escort.full_name if escort else None,
        confirmed=d.confirmed_at is not None,
        check_items=items,
        check_complete=d.check_at is not None and all(items.get(k) for k in CHECK_ITEMS),
        odometer_out=d.odometer_out,
        weather=d.weather,
        weather_override_reason=d.weather_override_reason,
        agreement_document_id=d.agreement_document_id,
        agreement_number=d.agreement_number,
        actual_start=d.actual_start,
        actual_end=d.actual_end,
        odometer_in=d.odometer_in,
        damage_found=d.damage_found,
        damage_notes=d.damage_notes or "",
        feedback=d.feedback or "",
        intent_level=d.intent_level,
        overdue=overdue,
        cancel_reason=d.cancel_reason or "",
        version=d.version,
        changes=Changes(test_drives=True, reception=d.visit_id is not None, ids=frozenset({d.id})),
    )


def escort_dtos(session, ids) -> list[EscortDTO]:
    users = session.scalars(select(StaffUser).where(StaffUser.id.in_(list(ids))).order_by(StaffUser.full_name))
    return [EscortDTO(u.id, u.full_name, u.licence_first_issued) for u in users]
