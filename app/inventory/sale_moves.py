"""A car's status in a sale: sold only through a contract, delivered only through a handover
(T/CSCA 120031-2023 4.3.3, 4.4.2; 办法 art. 15; issue #18.4).

"Change status" (vehicles.change_status) can no longer take a car to sold or delivered, nor
away from sold while a live contract holds it: a sold car with no buyer, or a car in two sales,
is what the contract's `live_vehicle_id` exists to prevent. The sale moves the car itself, in
its own transaction, through the functions below (exported by app/inventory/api.py):
`sell_under_contract` when the contract is signed, `release_from_contract` when it is
cancelled or terminated, `deliver_at_handover` when the car is handed over (PDI gate kept).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from db.models import Vehicle, VehicleStatus
from db.sales_models import Contract
from db.uow import UnitOfWork

S = VehicleStatus
SELLABLE = (S.IN_STOCK, S.ON_DISPLAY)  # a car on the floor or in stock, nobody else's


def held_by_contract(session, vehicle_id: int) -> bool:
    """A live contract reserves the car (contract.live_vehicle_id)."""
    return session.scalar(select(Contract.id).where(Contract.live_vehicle_id == vehicle_id)) is not None


def manual_move_refusal(session, v: Vehicle, target: VehicleStatus) -> FieldError | None:
    """Why "Change status" may not make this move (None: it may): sold needs a contract,
    delivered a handover, and a car under a live contract stays sold until the contract ends."""
    if target is S.SOLD:
        return FieldError("status", "status_sold_by_contract")
    if target is S.DELIVERED:
        return FieldError("status", "status_delivered_by_handover")
    if v.status == S.SOLD and held_by_contract(session, v.id):
        return FieldError("status", "status_held_by_contract")
    return None


def _move(uow: UnitOfWork, v: Vehicle, target: VehicleStatus, actor: Actor, reason: str) -> None:
    from app.inventory.vehicles import record_status_change
    from app.showroom.api import retire_for_vehicle

    previous = v.status
    v.status = target.value
    record_status_change(uow, v, from_status=previous, actor=actor, reason=reason)
    # 一车一卡 (4.2.1.2): a car leaving the display floor retires its card.
    retire_for_vehicle(uow, actor=actor, vehicle_id=v.id)
    v.updated_by_id = actor.user_id


def sell_under_contract(uow: UnitOfWork, v: Vehicle, *, actor: Actor, reason: str) -> None:
    """In the contract's transaction: the car (in stock or on display) becomes sold, with its
    history row. Refuses any other status (vehicle_not_available)."""
    if v.status not in SELLABLE:
        raise ValidationFailed([FieldError("vehicle", "vehicle_not_available", {"status": v.status})])
    _move(uow, v, S.SOLD, actor, reason)


def release_from_contract(uow: UnitOfWork, v: Vehicle, *, actor: Actor, reason: str) -> None:
    """In the cancellation's transaction: a sold car goes back in stock."""
    if v.status == S.SOLD:
        _move(uow, v, S.IN_STOCK, actor, reason)


def deliver_at_handover(
    uow: UnitOfWork, v: Vehicle, *, actor: Actor, reason: str = "", at: dt.datetime | None = None
) -> None:
    """In the handover's transaction: sold -> delivered (any other status is refused with
    status_transition), through the PDI gate (4.4.1.2-4.4.1.4); the history row is dated `at`."""
    from app.inventory.vehicles import move_status

    move_status(uow, v, S.DELIVERED, actor=actor, reason=reason, at=at)
