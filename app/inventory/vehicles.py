"""Inventory (库存车辆): list, search, add, edit and move vehicles through their statuses.

Every rule is enforced here, not only in the UI: permissions, VIN validation with the
manager-only check-digit override (domain_reference §5.2), version counters, status moves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, or_, select

from app.core.clock import utcnow
from app.core.errors import FieldError, NotFound, OverrideRequired, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes, VehicleDTO
from app.core.validation import check_length, clean_text
from app.inventory.sale_moves import manual_move_refusal
from app.inventory.vehicle_rules import (
    MAX_PRICE_FEN,
    MIN_MODEL_YEAR,
    VehicleInput,
    clean_vehicle_value,
    initial_status_errors,
    validate_vehicle_input,
)
from db.models import Role, StaffUser, Vehicle, VehicleStatus, VehicleStatusChange
from db.uow import UnitOfWork

S = VehicleStatus
MAX_REASON = 500

# Allowed status moves. Delivery is gated separately (needs a passed PDI, 4.4.1).
TRANSITIONS: dict[VehicleStatus, frozenset[VehicleStatus]] = {
    S.IN_TRANSIT: frozenset({S.IN_STOCK}),
    S.IN_STOCK: frozenset({S.ON_DISPLAY, S.TEST_DRIVE_FLEET, S.RESERVED, S.IN_TRANSIT}),
    S.ON_DISPLAY: frozenset({S.IN_STOCK, S.TEST_DRIVE_FLEET, S.RESERVED}),
    S.TEST_DRIVE_FLEET: frozenset({S.IN_STOCK, S.ON_DISPLAY}),
    S.RESERVED: frozenset({S.IN_STOCK, S.ON_DISPLAY, S.SOLD}),
    S.SOLD: frozenset({S.RESERVED, S.DELIVERED}),
    S.DELIVERED: frozenset(),
}

# The input rules live in vehicle_rules.py; callers keep importing them from here.
__all__ = [
    "MAX_PRICE_FEN",
    "MIN_MODEL_YEAR",
    "TRANSITIONS",
    "VehicleInput",
    "VehicleQuery",
    "add_vehicle",
    "change_status",
    "find_by_vin",
    "get_vehicle",
    "initial_status_errors",
    "list_vehicles",
    "move_status",
    "record_status_change",
    "update_vehicle",
    "validate_vehicle_input",
    "vehicle_dto",
]


def record_status_change(
    uow: UnitOfWork,
    vehicle: Vehicle,
    *,
    from_status: str | None,
    actor: Actor,
    reason: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Append one row to the vehicle's status history (who moved it, when, from what)."""
    uow.session.add(
        VehicleStatusChange(
            vehicle_id=vehicle.id,
            from_status=from_status,
            to_status=vehicle.status,
            changed_by_id=actor.user_id,
            changed_at=at or utcnow(),
            reason=reason or "",
        )
    )


def saved_dto(v: Vehicle) -> VehicleDTO:
    """The DTO of a vehicle this use case changed, with the change set the UI publishes."""
    return replace(vehicle_dto(v), changes=Changes(vehicles=True, ids=frozenset({v.id})))


def vehicle_dto(v: Vehicle) -> VehicleDTO:
    return VehicleDTO(
        id=v.id,
        vin=v.vin,
        brand=v.brand,
        model=v.model,
        trim=v.trim,
        model_year=v.model_year,
        exterior_color=v.exterior_color,
        interior_color=v.interior_color,
        powertrain=v.powertrain,
        guide_price_fen=v.guide_price_fen,
        price_fen=v.price_fen,
        configuration=tuple(v.configuration or ()),
        power_kw=v.power_kw,
        accel_0_100_s=v.accel_0_100_s,
        fuel_l_per_100km=v.fuel_l_per_100km,
        range_km=v.range_km,
        battery_kwh=v.battery_kwh,
        fast_charge_minutes=v.fast_charge_minutes,
        slow_charge_hours=v.slow_charge_hours,
        production_date=v.production_date,
        status=v.status,
        defect_notes=v.defect_notes,
        repair_notes=v.repair_notes,
        notes=v.notes,
        vin_override_reason=v.vin_override_reason,
        updated_at=v.updated_at,
        version=v.version,
    )


def _check_override(actor: Actor, vin: str, checksum_ok: bool, reason: str | None) -> str | None:
    """domain_reference §5.2: a check-digit mismatch blocks unless a sales_manager gives a reason."""
    if checksum_ok:
        return None
    reason = clean_text(reason)  # as pasted; too long is said, never cut (issue #17.3)
    if reason and can(actor.roles, Action.OVERRIDE_VIN_CHECK):
        errors: list[FieldError] = []
        check_length(reason, "vin_override_reason", MAX_REASON, errors)
        if errors:
            raise ValidationFailed(errors)
        return reason
    raise OverrideRequired([FieldError("vin", "vin_checksum", {"vin": vin})], role=Role.SALES_MANAGER.value)


def _apply(v: Vehicle, data: VehicleInput, vin: str) -> None:
    v.vin = vin
    for f in fields(VehicleInput):
        if f.name in ("vin", "status"):
            continue
        setattr(v, f.name, clean_vehicle_value(f.name, getattr(data, f.name)))  # as pasted (issue #17.3)


def add_vehicle(
    uow: UnitOfWork, *, actor: Actor, data: VehicleInput, vin_override_reason: str | None = None
) -> VehicleDTO:
    require(actor, Action.EDIT_VEHICLES)
    vin, checksum_ok, errors = validate_vehicle_input(data)
    errors += initial_status_errors(data.status)
    if errors:
        raise ValidationFailed(errors)
    reason = _check_override(actor, vin, checksum_ok, vin_override_reason)
    with uow:
        if uow.session.scalar(select(Vehicle.id).where(Vehicle.vin == vin)):
            raise ValidationFailed([FieldError("vin", "vin_exists", {"vin": vin})])
        v = Vehicle(
            status=S(data.status).value,
            vin_override_reason=reason,
            vin_override_by_id=actor.user_id if reason else None,
            updated_by_id=actor.user_id,
        )
        _apply(v, data, vin)
        uow.session.add(v)
        uow.session.flush()
        record_status_change(uow, v, from_status=None, actor=actor)
        commit(uow)
        return saved_dto(v)


def update_vehicle(
    uow: UnitOfWork,
    *,
    actor: Actor,
    vehicle_id: int,
    expected_version: int,
    data: VehicleInput,
    vin_override_reason: str | None = None,
) -> VehicleDTO:
    """Edit a vehicle's facts. The status is changed only through change_status."""
    require(actor, Action.EDIT_VEHICLES)
    vin, checksum_ok, errors = validate_vehicle_input(data)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        v = uow.session.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        check_version(v, expected_version)
        if vin != v.vin and uow.session.scalar(select(Vehicle.id).where(Vehicle.vin == vin)):
            raise ValidationFailed([FieldError("vin", "vin_exists", {"vin": vin})])
        # An override already on record for this very VIN still stands, whoever edits the
        # car's other facts; a new or changed VIN needs its own override.
        kept = v.vin_override_reason if vin == v.vin else None
        reason: str | None
        if kept and not (vin_override_reason and vin_override_reason.strip()):
            reason = kept
        else:
            reason = _check_override(actor, vin, checksum_ok, vin_override_reason)
        if reason != kept:
            v.vin_override_by_id = actor.user_id if reason else None
        v.vin_override_reason = reason
        _apply(v, data, vin)
        v.updated_by_id = actor.user_id
        commit(uow)
        return saved_dto(v)


def can_change_status(current: str, new: str) -> bool:
    return S(new) in TRANSITIONS[S(current)]


def change_status(
    uow: UnitOfWork, *, actor: Actor, vehicle_id: int, expected_version: int, new_status: str, reason: str = ""
) -> VehicleDTO:
    require(actor, Action.CHANGE_VEHICLE_STATUS)
    try:
        target = S(new_status)
    except ValueError:
        raise ValidationFailed([FieldError("status", "unknown_value")]) from None
    if target is S.DELIVERED:
        require(actor, Action.DELIVER_VEHICLE)
    reason = clean_text(reason)  # as pasted; too long is said, never cut (issue #17.3)
    errors: list[FieldError] = []
    check_length(reason, "reason", MAX_REASON, errors)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        v = uow.session.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        check_version(v, expected_version)
        # Sold only through a contract, delivered only through a handover (issue #18.4;
        # T/CSCA 120031 4.3.3, 4.4.2): never from this form.
        refusal = manual_move_refusal(uow.session, v, target)
        if refusal is not None:
            raise ValidationFailed([refusal])
        move_status(uow, v, target, actor=actor, reason=reason)
        commit(uow)
        return saved_dto(v)


def move_status(
    uow: UnitOfWork, v: Vehicle, target: VehicleStatus, *, actor: Actor, reason: str = "", at: dt.datetime | None = None
) -> None:
    """The one way a car's status moves (change_status and the import of a file), inside the
    caller's transaction: the allowed moves, the PDI gate before delivery, the history row and
    the card leaving with the car. Raises before writing anything when the move is refused."""
    if not can_change_status(v.status, target):
        raise ValidationFailed([FieldError("status", "status_transition", {"from": v.status, "to": target.value})])
    if target is S.DELIVERED:
        # T/CSCA 120031 4.4.1.2-4.4.1.4: no delivery without a passed PDI of the
        # checklist version current for the car's brand and its signed report.
        from app.pdi.api import delivery_gate

        delivery_gate(uow.session, v)
    previous = v.status
    v.status = target.value
    record_status_change(uow, v, from_status=previous, actor=actor, reason=reason, at=at)
    if target is not S.ON_DISPLAY:
        # 一车一卡 (4.2.1.2): a car leaving the display floor retires its card.
        from app.showroom.api import retire_for_vehicle

        retire_for_vehicle(uow, actor=actor, vehicle_id=v.id)
    v.updated_by_id = actor.user_id


_VIN_TAIL = re.compile(r"[A-HJ-NPR-Z0-9]{4,17}")


@dataclass(frozen=True)
class VehicleQuery:
    text: str = ""
    status: str | None = None
    limit: int | None = None


def list_vehicles(uow: UnitOfWork, *, actor: Actor, query: VehicleQuery = VehicleQuery()) -> list[VehicleDTO]:
    """Search by VIN tail, brand, model, trim or colour (case-insensitive), optionally by status."""
    require(actor, Action.VIEW_VEHICLES)
    stmt = select(Vehicle).order_by(*LIST_ORDER)
    if query.limit:
        stmt = stmt.limit(query.limit)
    with uow:
        return [vehicle_dto(v) for v in uow.session.scalars(search_filter(uow.session, stmt, query))]


LIST_ORDER = (Vehicle.brand, Vehicle.model, Vehicle.vin)


def search_filter(session, stmt, query: VehicleQuery):
    """`stmt` narrowed to the cars the query finds (list_vehicles, vehicle_page)."""
    if query.status:
        stmt = stmt.where(Vehicle.status == query.status)
    text = (query.text or "").strip()
    if _VIN_TAIL.fullmatch(text.upper()):
        # What staff type most is the last digits of a VIN: one cheap comparison per car
        # instead of six case-folded LIKEs (bench/run.py, issue #10). Text that ends no VIN
        # ("330TSI", a trim) falls through to the full search.
        by_vin = stmt.where(Vehicle.vin.like(f"%{text.upper()}"))
        if session.scalar(by_vin.with_only_columns(Vehicle.id).order_by(None).limit(1)) is not None:
            return by_vin
    if text:
        like = f"%{text.lower()}%"
        stmt = stmt.where(
            or_(
                Vehicle.vin.like(f"%{text.upper()}"),
                func.lower(Vehicle.brand).like(like),
                func.lower(Vehicle.model).like(like),
                func.lower(Vehicle.trim).like(like),
                func.lower(Vehicle.exterior_color).like(like),
                func.lower(Vehicle.interior_color).like(like),
            )
        )
    return stmt


def get_vehicle(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> VehicleDTO:
    require(actor, Action.VIEW_VEHICLES)
    with uow:
        v = uow.session.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        return vehicle_dto(v)


def find_by_vin(uow: UnitOfWork, *, actor: Actor, vin: str) -> VehicleDTO | None:
    require(actor, Action.VIEW_VEHICLES)
    with uow:
        v = uow.session.scalar(select(Vehicle).where(Vehicle.vin == vin.strip().upper()))
        return vehicle_dto(v) if v else None


def staff_name(uow: UnitOfWork, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    with uow:
        u = uow.session.get(StaffUser, user_id)
        return u.full_name if u else None
