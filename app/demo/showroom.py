"""Demo showroom floor (issue #5): the displayed demo cars stand in positions, NEVs in the NEV
zone first (4.2.1.5); one car has a promotion (4.3.2.1) and the store offers a charging pile
with its NEVs (4.1.3.5). Idempotent: a car already placed is left where it is.

`issue_cards=True` also issues cards: current for the first cars, then one made stale by a
price cut after issuing, and none for the rest. build_demo leaves it off for now, because the
demo's document count (3 store notices, asserted by tests/integration/test_cli.py) would change.
"""

from __future__ import annotations

from sqlalchemy import select

from app.showroom import cards, cards_floor
from app.inventory import vehicles
from app.core.dto import Actor
from db.card_models import VehicleCard
from db.models import Powertrain, Vehicle, VehicleStatus
from db.uow import Database

PROMOTION = ("置换补贴", "旧车置换本车，补贴 5,000 元（以旧车评估为准）。", "限个人客户；不与其他现金优惠同享。")
CHARGING_PILE = "购车赠送 7kW 家用充电桩及基础安装（30 米线缆内）"


def add_showroom_demo(db: Database, manager: Actor, *, issue_cards: bool = False) -> bool:
    """Place the displayed cars on the floor; returns True when anything was added."""
    cards_floor.ensure_default_floor(db.uow())
    with db.uow() as uow:
        shown = [
            (v.id, Powertrain(v.powertrain).is_nev)
            for v in uow.session.scalars(
                select(Vehicle).where(Vehicle.status == VehicleStatus.ON_DISPLAY.value).order_by(Vehicle.id)
            )
        ]
    positions = cards_floor.list_positions(db.uow(), actor=manager)
    placed = {p.vehicle_id for p in positions if p.vehicle_id}
    free_nev = [p for p in positions if p.is_nev_zone and p.vehicle_id is None]
    free_other = [p for p in positions if not p.is_nev_zone and p.vehicle_id is None]
    added = False
    for vehicle_id, nev in shown:
        if vehicle_id in placed:
            continue
        pool = free_nev if nev and free_nev else free_other
        if not pool:
            continue
        cards_floor.move_vehicle(db.uow(), actor=manager, vehicle_id=vehicle_id, position_id=pool.pop(0).id)
        added = True
    if shown and cards_floor.get_promotion(db.uow(), actor=manager, vehicle_id=shown[0][0]) is None:
        title, rules, conditions = PROMOTION
        cards_floor.set_promotion(
            db.uow(), actor=manager, vehicle_id=shown[0][0], title=title, rules=rules, conditions=conditions
        )
        cards_floor.set_charging_pile_offer(db.uow(), actor=manager, service=CHARGING_PILE, included=True)
        added = True
    if issue_cards:
        added |= _issue_demo_cards(db, manager, [vid for vid, _ in shown])
    return added


def _issue_demo_cards(db: Database, manager: Actor, shown: list[int]) -> bool:
    with db.uow() as uow:
        if uow.session.scalar(select(VehicleCard.id).limit(1)) is not None:
            return False
    current, stale = shown[:4], shown[4:5]
    for vehicle_id in current + stale:
        cards.issue_card(db.uow(), actor=manager, vehicle_id=vehicle_id)
    for vehicle_id in stale:  # a price cut after the card was printed
        v = vehicles.get_vehicle(db.uow(), actor=manager, vehicle_id=vehicle_id)
        data = vehicles.VehicleInput(
            **{f: getattr(v, f) for f in vehicles.VehicleInput.__dataclass_fields__ if f != "status"}
        )
        data.configuration = list(v.configuration)
        data.price_fen = v.price_fen - 500_000
        vehicles.update_vehicle(db.uow(), actor=manager, vehicle_id=vehicle_id, expected_version=v.version, data=data)
    return True
