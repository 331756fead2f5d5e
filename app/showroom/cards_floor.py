"""The showroom floor (展厅): zones, display positions, moving a car, and what a card prints
besides the car itself: its promotion (4.3.2.1) and the NEV charging-pile offer (4.1.3.5).

T/CSCA 120031-2023 4.2.1.5: NEVs are displayed in a separate zone. Enforced one way: a car
that is not an NEV may not stand in the NEV zone (refused, `floor_nev_zone_only`); an NEV
outside the NEV zone is allowed (a launch may put one at the entrance) but the board flags it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, or_, select

from app.core.clock import utcnow
from app.showroom.vehicle_card import ChargingPileDTO, PromotionDTO
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.validation import clean_line, clean_text
from db.card_models import ChargingPileOffer, DisplayPosition, DisplayZone, Promotion
from db.models import Powertrain, Vehicle, VehicleStatus
from db.uow import UnitOfWork

# The same floor migration 0004 seeds (a test keeps the two equal).
DEFAULT_FLOOR = [
    ("展厅A区", False, 1, ("A1", "A2", "A3", "A4")),
    ("展厅B区", False, 2, ("B1", "B2", "B3", "B4")),
    ("新能源专区", True, 3, ("N1", "N2", "N3", "N4")),
]


@dataclass(frozen=True)
class PositionDTO:
    id: int
    zone_id: int
    zone_name: str
    is_nev_zone: bool
    code: str
    vehicle_id: int | None
    version: int


@dataclass(frozen=True)
class MoveResultDTO:
    vehicle_id: int
    position: PositionDTO
    swapped_vehicle_id: int | None  # the car that went to the old position, if swapped
    put_on_display: bool  # the car was in stock and is now on display

    @property
    def changes(self) -> Changes:
        """The car moved, and the one it swapped with (issue #16)."""
        moved = {self.vehicle_id} | ({self.swapped_vehicle_id} if self.swapped_vehicle_id else set())
        return Changes(vehicles=True, ids=frozenset(moved))


def ensure_default_floor(uow: UnitOfWork) -> None:
    """Create the default zones and positions when the floor is empty (migration 0004 seeds
    them; PostgreSQL test runs truncate every table)."""
    with uow:
        s = uow.session
        if s.scalar(select(DisplayZone.id).limit(1)) is not None:
            return
        for name, nev, sort, codes in DEFAULT_FLOOR:
            zone = DisplayZone(name=name, is_nev_zone=nev, sort=sort)
            s.add(zone)
            s.flush()
            s.add_all(DisplayPosition(zone_id=zone.id, code=c, sort=i) for i, c in enumerate(codes, start=1))
        uow.commit()


def _position_dto(p: DisplayPosition, z: DisplayZone) -> PositionDTO:
    return PositionDTO(p.id, z.id, z.name, z.is_nev_zone, p.code, p.vehicle_id, p.version)


def list_positions(uow: UnitOfWork, *, actor: Actor) -> list[PositionDTO]:
    """Every position, zone by zone in floor order."""
    require(actor, Action.VIEW_SHOWROOM)
    with uow:
        rows = uow.session.execute(
            select(DisplayPosition, DisplayZone)
            .join(DisplayZone)
            .order_by(DisplayZone.sort, DisplayZone.id, DisplayPosition.sort, DisplayPosition.code)
        ).all()
        return [_position_dto(p, z) for p, z in rows]


def move_vehicle(
    uow: UnitOfWork, *, actor: Actor, vehicle_id: int, position_id: int, swap: bool = False
) -> MoveResultDTO:
    """Put a car in a display position, in one action: its old position is freed; a car in
    stock goes on display. An occupied target is refused (`floor_position_occupied`) unless
    `swap`, which moves the other car to this car's old position."""
    from app.inventory.api import record_status_change

    require(actor, Action.MANAGE_FLOOR)
    with uow:
        s = uow.session
        v = s.get(Vehicle, vehicle_id)
        if v is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        row = s.execute(
            select(DisplayPosition, DisplayZone).join(DisplayZone).where(DisplayPosition.id == position_id)
        ).first()
        if row is None:
            raise NotFound(what="display_position", id=position_id)
        target, zone = row
        if v.status not in (VehicleStatus.IN_STOCK, VehicleStatus.ON_DISPLAY):
            raise ShowroomError("floor_vehicle_not_available", vin=v.vin, status=v.status)
        # T/CSCA 120031 4.2.1.5: the NEV zone is for NEVs only.
        if zone.is_nev_zone and not Powertrain(v.powertrain).is_nev:
            raise ShowroomError("floor_nev_zone_only", vin=v.vin, zone=zone.name)
        old = s.scalar(select(DisplayPosition).where(DisplayPosition.vehicle_id == vehicle_id))
        if old is not None and old.id == target.id:
            return MoveResultDTO(vehicle_id, _position_dto(target, zone), None, False)
        other_id = target.vehicle_id
        if other_id is not None and not swap:
            other = s.get(Vehicle, other_id)
            raise ShowroomError("floor_position_occupied", position=target.code, vin=other.vin if other else "")
        swapped = None
        if other_id is not None:
            if old is None:
                raise ShowroomError("floor_swap_needs_position", position=target.code)
            old_zone = s.get(DisplayZone, old.zone_id)
            other = s.get(Vehicle, other_id)
            assert old_zone is not None and other is not None  # foreign keys
            if old_zone.is_nev_zone and not Powertrain(other.powertrain).is_nev:
                raise ShowroomError("floor_nev_zone_only", vin=other.vin, zone=old_zone.name)
            swapped = other_id
        # Free both first: vehicle_id is unique, so the UPDATEs must not overlap.
        target.vehicle_id = None
        if old is not None:
            old.vehicle_id = None
        s.flush()
        target.vehicle_id, target.updated_by_id = vehicle_id, actor.user_id
        if old is not None:
            old.vehicle_id, old.updated_by_id = swapped, actor.user_id
        put_on_display = v.status == VehicleStatus.IN_STOCK
        if put_on_display:
            require(actor, Action.CHANGE_VEHICLE_STATUS)
            previous, v.status = v.status, VehicleStatus.ON_DISPLAY.value
            v.updated_by_id = actor.user_id
            record_status_change(uow, v, from_status=previous, actor=actor)
        commit(uow)
        return MoveResultDTO(vehicle_id, _position_dto(target, zone), swapped, put_on_display)


def free_position(session, vehicle_id: int) -> None:
    """Internal (the car left the display floor): its position becomes empty."""
    session.execute(_free_position_statement(), {"car": vehicle_id, "now": utcnow()})


@functools.cache
def _free_position_statement():
    # Built once, the car and the time bound at each call: every contract signed runs it
    # (issue #18.11).
    table = cast(Table, DisplayPosition.__table__)
    return (
        table.update()
        .where(table.c.vehicle_id == bindparam("car"))
        .values(vehicle_id=None, updated_at=bindparam("now"), version=table.c.version + 1)
    )


# --- promotions (4.3.2.1) and the charging-pile offer (4.1.3.5) ----------------------------


@dataclass(frozen=True)
class PromotionRecordDTO:
    vehicle_id: int
    title: str
    rules: str
    conditions: str
    valid_until: dt.date | None
    version: int

    @property
    def changes(self) -> Changes:
        """The car's card facts changed: its card goes stale (issue #16)."""
        return Changes(vehicles=True, ids=frozenset({self.vehicle_id}))


@dataclass(frozen=True)
class PromotionRemovedDTO:
    vehicle_id: int

    @property
    def changes(self) -> Changes:
        return Changes(vehicles=True, ids=frozenset({self.vehicle_id}))


def _promotion_errors(title: str, rules: str, conditions: str) -> list[FieldError]:
    errors = []
    if not title.strip():
        errors.append(FieldError("title", "required"))
    elif len(title.strip()) > 100:
        errors.append(FieldError("title", "too_long", {"max": 100}))
    # 4.3.2.1: a promotion states its rules in full; a title alone is not enough.
    if not rules.strip():
        errors.append(FieldError("rules", "required"))
    elif len(rules.strip()) > 500:
        errors.append(FieldError("rules", "too_long", {"max": 500}))
    if len(conditions.strip()) > 500:
        errors.append(FieldError("conditions", "too_long", {"max": 500}))
    return errors


def get_promotion(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> PromotionRecordDTO | None:
    require(actor, Action.VIEW_SHOWROOM)
    with uow:
        p = uow.session.scalar(select(Promotion).where(Promotion.vehicle_id == vehicle_id))
        return PromotionRecordDTO(p.vehicle_id, p.title, p.rules, p.conditions, p.valid_until, p.version) if p else None


def set_promotion(
    uow: UnitOfWork,
    *,
    actor: Actor,
    vehicle_id: int,
    title: str,
    rules: str,
    conditions: str = "",
    valid_until: dt.date | None = None,
    expected_version: int | None = None,
) -> PromotionRecordDTO:
    """Set (or replace) the promotion printed on a car's card; the card becomes stale."""
    require(actor, Action.MANAGE_PROMOTIONS)
    # As pasted from a brand's circular: one-line title, rules and conditions with clean breaks (issue #17.3).
    title, rules, conditions = clean_line(title), clean_text(rules), clean_text(conditions)
    errors = _promotion_errors(title, rules, conditions)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        s = uow.session
        if s.get(Vehicle, vehicle_id) is None:
            raise NotFound(what="vehicle", id=vehicle_id)
        p = s.scalar(select(Promotion).where(Promotion.vehicle_id == vehicle_id))
        if p is None:
            p = Promotion(vehicle_id=vehicle_id)
            s.add(p)
        else:
            check_version(p, expected_version)
        p.title, p.rules, p.conditions = title, rules, conditions
        p.valid_until, p.updated_by_id = valid_until, actor.user_id
        commit(uow)
        return PromotionRecordDTO(p.vehicle_id, p.title, p.rules, p.conditions, p.valid_until, p.version)


def clear_promotion(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> PromotionRemovedDTO:
    require(actor, Action.MANAGE_PROMOTIONS)
    with uow:
        p = uow.session.scalar(select(Promotion).where(Promotion.vehicle_id == vehicle_id))
        if p is not None:
            uow.session.delete(p)
            commit(uow)
    return PromotionRemovedDTO(vehicle_id)


def get_charging_pile_offer(uow: UnitOfWork, *, actor: Actor) -> ChargingPileDTO | None:
    """The store's charging-pile installation offer for NEV cards (4.1.3.5), if one is set."""
    require(actor, Action.VIEW_SHOWROOM)
    with uow:
        return charging_pile_dto(uow.session)


def set_charging_pile_offer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    service: str,
    fee_fen: int = 0,
    included: bool = False,
    expected_version: int | None = None,
) -> ChargingPileDTO:
    """The store's charging-pile installation offer printed on NEV cards (4.1.3.5).
    `expected_version`: the version the editor loaded (None when there was no offer yet); a
    newer save on another terminal raises Conflict instead of being overwritten."""
    require(actor, Action.MANAGE_PROMOTIONS)
    errors = []
    if not (service or "").strip():
        errors.append(FieldError("service", "required"))
    elif len(service.strip()) > 200:
        errors.append(FieldError("service", "too_long", {"max": 200}))
    if not isinstance(fee_fen, int) or fee_fen < 0:
        errors.append(FieldError("fee_fen", "must_be_positive"))
    if errors:
        raise ValidationFailed(errors)
    with uow.act_as(actor):  # who changed it (issue #17.15)
        offer = uow.session.scalar(select(ChargingPileOffer).limit(1))
        if offer is None:
            offer = ChargingPileOffer()
            uow.session.add(offer)
        elif expected_version is not None:
            check_version(offer, expected_version)
        offer.service, offer.fee_fen, offer.included = service.strip(), fee_fen, included
        commit(uow)
        return ChargingPileDTO(offer.service, offer.fee_fen, offer.included, offer.version)


def promotion_dtos(session, vehicle_ids: list[int], today: dt.date) -> dict[int, PromotionDTO]:
    """Internal: the card's promotion per car, one query. A promotion past its last day
    (`valid_until` before `today`) is not offered any more, so it is not on the card: a card
    that printed it goes stale that day, as after a price change (4.1.3.6, 4.3.2.1)."""
    if not vehicle_ids:
        return {}
    running = or_(Promotion.valid_until.is_(None), Promotion.valid_until >= today)
    rows = session.scalars(select(Promotion).where(Promotion.vehicle_id.in_(vehicle_ids), running))
    return {p.vehicle_id: PromotionDTO(p.title, p.rules, p.valid_until, p.conditions) for p in rows}


def charging_pile_dto(session) -> ChargingPileDTO | None:
    offer = session.scalar(select(ChargingPileOffer).limit(1))
    return ChargingPileDTO(offer.service, offer.fee_fen, offer.included, offer.version) if offer else None
