"""Test-drive routes and fleet (issue #6.1, #6.2): what management keeps so drives can happen.

4.2.4.3  routes filed with the district traffic police, at least two active recommended;
         the active routes print as a one-page bilingual public notice;
4.2.4.8  the fleet register: plate, registration, 交强险 and commercial third-party
         insurance incl. occupant liability, annual inspection, the last maintenance and the
         day the next one is due (required); 4.2.4.6 the 试乘试驾 signage. Anything expired or
         overdue makes the car unbookable (booking.py) and undispatchable
         (departure.start_drive); the page warns 30 days ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.clock import store_today, utcnow
from app.test_drives.rules import TRANSMISSIONS, normalize_plate, plate_problems
from app.core.errors import Conflict, FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.validation import check_length, clean_line
from app.test_drives.dto import FleetCarDTO, RouteDTO, fleet_car_dto, route_dto
from db.models import Vehicle, VehicleStatus
from db.drive_models import TestDriveCar, TestDriveRoute
from db.uow import UnitOfWork

MIN_ACTIVE_ROUTES = 2  # 4.2.4.3: "≥2 routes recommended"
MAX_MAP_BYTES = 5 * 1024 * 1024
MAX_ROUTE_TEXT, MAX_ROUTE_DESCRIPTION = 80, 500


def _require_any(actor: Actor, *actions: Action) -> None:
    if actor is None or not any(can(actor.roles, a) for a in actions):
        raise PermissionDenied(action=str(actions[0]))


# --- routes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteInput:
    name: str
    distance_km: float
    typical_minutes: int
    filing_ref: str
    filing_date: dt.date | None
    description: str = ""
    active: bool = True
    map_image: bytes | None = None  # None keeps the current map on an edit
    remove_map: bool = False


def list_routes(uow: UnitOfWork, *, actor: Actor, active_only: bool = False) -> list[RouteDTO]:
    _require_any(actor, Action.VIEW_TEST_DRIVES, Action.MANAGE_TEST_DRIVE_ROUTES)
    with uow:
        stmt = select(TestDriveRoute, TestDriveRoute.map_image.is_not(None)).order_by(
            TestDriveRoute.active.desc(), TestDriveRoute.name
        )
        if active_only:
            stmt = stmt.where(TestDriveRoute.active.is_(True))
        return [route_dto(r, has_map) for r, has_map in uow.session.execute(stmt)]


def route_map(uow: UnitOfWork, *, actor: Actor, route_id: int) -> bytes | None:
    _require_any(actor, Action.VIEW_TEST_DRIVES, Action.MANAGE_TEST_DRIVE_ROUTES)
    with uow:
        r = uow.session.get(TestDriveRoute, route_id)
        if r is None:
            raise NotFound(what="test_drive_route", id=route_id)
        return r.map_image


def _route_errors(data: RouteInput, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if not data.name:
        errors.append(FieldError("name", "required"))
    check_length(data.name, "name", MAX_ROUTE_TEXT, errors)
    check_length(data.description, "description", MAX_ROUTE_DESCRIPTION, errors)
    if data.distance_km is None or not (0 < float(data.distance_km) <= 200):
        errors.append(FieldError("distance_km", "out_of_range", {"min": 0.1, "max": 200}))
    if data.typical_minutes is None or not (5 <= int(data.typical_minutes) <= 180):
        errors.append(FieldError("typical_minutes", "out_of_range", {"min": 5, "max": 180}))
    # 4.2.4.3: only routes filed with the traffic police may be published and used.
    if not data.filing_ref:
        errors.append(FieldError("filing_ref", "required"))
    check_length(data.filing_ref, "filing_ref", MAX_ROUTE_TEXT, errors)
    if data.filing_date is None:
        errors.append(FieldError("filing_date", "required"))
    elif data.filing_date > today:
        errors.append(FieldError("filing_date", "in_future"))
    if data.map_image is not None and len(data.map_image) > MAX_MAP_BYTES:
        errors.append(FieldError("map_image", "file_too_large", {"max_mb": 5}))
    return errors


def save_route(
    uow: UnitOfWork,
    *,
    actor: Actor,
    data: RouteInput,
    route_id: int | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> RouteDTO:
    """Add a route (route_id None) or edit one; a used route is deactivated, never deleted."""
    require(actor, Action.MANAGE_TEST_DRIVE_ROUTES)
    now = now or utcnow()
    # As pasted: whitespace normalised, too long said, never cut (issue #17.3).
    data = replace(
        data,
        name=clean_line(data.name),
        filing_ref=clean_line(data.filing_ref),
        description=clean_line(data.description),
    )
    errors = _route_errors(data, store_today(now))
    with uow:
        s = uow.session
        name = data.name
        clash = s.scalar(select(TestDriveRoute.id).where(TestDriveRoute.name == name))
        if clash is not None and clash != route_id:
            errors.append(FieldError("name", "route_name_taken"))
        if errors or data.filing_date is None:  # a missing filing date is among the errors
            raise ValidationFailed(errors)
        if route_id is None:
            r = TestDriveRoute(created_at=now)
            s.add(r)
        else:
            found = s.get(TestDriveRoute, route_id)
            if found is None:
                raise NotFound(what="test_drive_route", id=route_id)
            check_version(found, expected_version)
            r = found
        r.name, r.description = name, data.description
        r.distance_km, r.typical_minutes = round(float(data.distance_km), 1), int(data.typical_minutes)
        r.filing_ref, r.filing_date = data.filing_ref, data.filing_date
        r.active, r.updated_at, r.updated_by_id = bool(data.active), now, actor.user_id
        if data.map_image is not None:
            r.map_image = bytes(data.map_image)
        elif data.remove_map:
            r.map_image = None
        try:
            s.flush()
        except IntegrityError:
            s.rollback()
            raise ValidationFailed([FieldError("name", "route_name_taken")]) from None
        commit(uow)
        return route_dto(r)


def render_route_notice(
    uow: UnitOfWork, *, actor: Actor, language: str = "bilingual", now: dt.datetime | None = None
) -> bytes:
    """The one-page public notice of the active routes (4.2.4.3), as PDF bytes to preview
    and print. Not archived: it is republished whenever a route changes."""
    from app.test_drives.route_notice_pdf import render_route_notice as render
    from app.store.api import get_store

    _require_any(actor, Action.VIEW_TEST_DRIVES, Action.MANAGE_TEST_DRIVE_ROUTES)
    store = get_store(uow)
    routes = list_routes(uow, actor=actor, active_only=True)
    if not routes:
        raise ValidationFailed([FieldError("routes", "no_active_routes")])
    with uow:
        maps = {
            r.id: r.map_image
            for r in uow.session.scalars(select(TestDriveRoute).where(TestDriveRoute.id.in_([r.id for r in routes])))
            if r.map_image
        }
    return render(store, routes, language=language, issued_at=now or utcnow(), maps=maps)


# --- fleet ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FleetCarInput:
    vehicle_id: int
    plate: str
    transmission: str
    registration_date: dt.date | None
    compulsory_insurance_until: dt.date | None
    commercial_insurance_until: dt.date | None
    occupant_liability: bool
    inspection_until: dt.date | None
    last_maintenance: dt.date | None = None
    maintenance_due: dt.date | None = None  # required (4.2.4.8); None is refused as missing
    signage_confirmed: bool = False
    active: bool = True


def list_fleet(
    uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None, bookable_only: bool = False
) -> list[FleetCarDTO]:
    _require_any(actor, Action.VIEW_TEST_DRIVES, Action.MANAGE_TEST_DRIVE_FLEET)
    today = store_today(now or utcnow())
    with uow:
        rows = uow.session.execute(
            select(TestDriveCar, Vehicle)
            .join(Vehicle, Vehicle.id == TestDriveCar.vehicle_id)
            .order_by(TestDriveCar.plate)
        )
        out = [fleet_car_dto(c, v, today) for c, v in rows]
    return [c for c in out if c.bookable] if bookable_only else out


def fleet_candidates(uow: UnitOfWork, *, actor: Actor) -> list[tuple[int, str, str]]:
    """(vehicle id, VIN, description) of test_drive_fleet cars without a register entry."""
    require(actor, Action.MANAGE_TEST_DRIVE_FLEET)
    with uow:
        taken = select(TestDriveCar.vehicle_id)
        rows = uow.session.scalars(
            select(Vehicle)
            .where(Vehicle.status == VehicleStatus.TEST_DRIVE_FLEET.value, Vehicle.id.not_in(taken))
            .order_by(Vehicle.brand, Vehicle.model)
        )
        return [(v.id, v.vin, " ".join(p for p in (v.brand, v.model, v.trim) if p)) for v in rows]


def _fleet_errors(data: FleetCarInput, vehicle: Vehicle | None, today: dt.date) -> tuple[list, str]:
    errors: list[FieldError] = []
    plate = normalize_plate(data.plate)
    if vehicle is None:
        errors.append(FieldError("vehicle_id", "required"))
    elif vehicle.status != VehicleStatus.TEST_DRIVE_FLEET.value:
        errors.append(FieldError("vehicle_id", "not_fleet_vehicle"))
    code, _ = plate_problems(plate, vehicle.powertrain if vehicle else None)
    if code:
        errors.append(FieldError("plate", code))
    if data.transmission not in TRANSMISSIONS:
        errors.append(FieldError("transmission", "unknown_value"))
    required = ("compulsory_insurance_until", "commercial_insurance_until", "inspection_until", "maintenance_due")
    for name in ("registration_date", *required):
        if getattr(data, name) is None:
            errors.append(FieldError(name, "required"))
    for name in ("registration_date", "last_maintenance"):
        value = getattr(data, name)
        if value is not None and value > today:
            errors.append(FieldError(name, "in_future"))
    return errors, plate


def save_fleet_car(
    uow: UnitOfWork,
    *,
    actor: Actor,
    data: FleetCarInput,
    car_id: int | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> FleetCarDTO:
    """Register a test_drive_fleet vehicle in the fleet, or update its papers. Expired or
    overdue dates are accepted (the register must show the truth); they only block booking
    and departure."""
    require(actor, Action.MANAGE_TEST_DRIVE_FLEET)
    now = now or utcnow()
    today = store_today(now)
    with uow:
        s = uow.session
        vehicle = s.get(Vehicle, data.vehicle_id)
        errors, plate = _fleet_errors(data, vehicle, today)
        clash = s.scalar(select(TestDriveCar.id).where(TestDriveCar.plate == plate))
        if plate and clash is not None and clash != car_id:
            errors.append(FieldError("plate", "plate_taken"))
        other = s.scalar(select(TestDriveCar.id).where(TestDriveCar.vehicle_id == data.vehicle_id))
        if other is not None and other != car_id:
            errors.append(FieldError("vehicle_id", "already_in_fleet"))
        if errors or vehicle is None:  # a missing vehicle is among the errors
            raise ValidationFailed(errors)
        if car_id is None:
            car = TestDriveCar(created_at=now)
            s.add(car)
        else:
            existing = s.get(TestDriveCar, car_id)
            if existing is None:
                raise NotFound(what="test_drive_car", id=car_id)
            check_version(existing, expected_version)
            car = existing
        car.vehicle_id, car.plate, car.transmission = data.vehicle_id, plate, data.transmission
        for name in (
            "registration_date",
            "compulsory_insurance_until",
            "commercial_insurance_until",
            "inspection_until",
            "last_maintenance",
            "maintenance_due",
        ):
            setattr(car, name, getattr(data, name))
        car.occupant_liability = bool(data.occupant_liability)
        car.signage_confirmed = bool(data.signage_confirmed)
        car.active, car.updated_at, car.updated_by_id = bool(data.active), now, actor.user_id
        try:
            s.flush()
        except IntegrityError:
            s.rollback()
            raise Conflict(table="test_drive_car", plate=plate) from None
        commit(uow)
        return fleet_car_dto(car, vehicle, today)


@dataclass(frozen=True)
class SetupWarningsDTO:
    """What the test-drive page warns about: fewer than two active routes (4.2.4.3) and fleet
    papers expired or expiring, or maintenance overdue or due, within 30 days (4.2.4.8)."""

    active_routes: int
    too_few_routes: bool
    expiring: tuple[tuple[str, str, dt.date], ...]  # (plate, field, date)
    unfit: tuple[tuple[str, tuple[str, ...]], ...]  # (plate, problems)


def setup_warnings(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> SetupWarningsDTO:
    routes = list_routes(uow, actor=actor, active_only=True)
    fleet = list_fleet(uow, actor=actor, now=now)
    return SetupWarningsDTO(
        active_routes=len(routes),
        too_few_routes=len(routes) < MIN_ACTIVE_ROUTES,
        expiring=tuple((c.plate, f, d) for c in fleet if c.active for f, d in c.expiring),
        unfit=tuple((c.plate, c.problems) for c in fleet if c.active and c.problems),
    )
