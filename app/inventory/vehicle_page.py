"""The inventory list a page at a time (库存车辆, issue #17: peak memory on dataset S).

The inventory page reads the cars that match its search and status filter 200 at a time, in
the list's order (brand, model, VIN), and reads more as the user scrolls. The filters run
here, over every car, and the first page also counts every match.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, tuple_

from app.core.dto import Actor, VehicleDTO
from app.core.permissions import Action, require
from app.inventory.vehicles import LIST_ORDER, VehicleQuery, search_filter, vehicle_dto
from db.models import Vehicle
from db.uow import UnitOfWork

VEHICLE_PAGE = 200  # rows per page: a screenful several times over


@dataclass(frozen=True)
class VehiclePageDTO:
    rows: tuple[VehicleDTO, ...]
    # Pass back as `after` for the next page: the (brand, model, VIN) of the last row shown;
    # None: this was the last page. VINs are unique, so the order has no ties.
    next_after: tuple[str, str, str] | None
    total: int | None = None  # every car the query matches; counted with the first page only


def list_vehicle_page(
    uow: UnitOfWork,
    *,
    actor: Actor,
    query: VehicleQuery = VehicleQuery(),
    after: tuple[str, str, str] | None = None,
    size: int = VEHICLE_PAGE,
) -> VehiclePageDTO:
    """The cars of list_vehicles after `after`, at most `size` of them."""
    require(actor, Action.VIEW_VEHICLES)
    limit = max(1, min(size, 1000))
    with uow:
        s = uow.session
        stmt = search_filter(s, select(Vehicle), query)
        total = None
        if after is None:
            total = s.scalar(stmt.with_only_columns(func.count(Vehicle.id)).order_by(None))
        else:
            stmt = stmt.where(tuple_(*LIST_ORDER) > tuple_(*after))
        cars = list(s.scalars(stmt.order_by(*LIST_ORDER).limit(limit + 1)))
        rows = tuple(vehicle_dto(v) for v in cars[:limit])
    more = len(cars) > limit
    last = rows[-1] if rows else None
    return VehiclePageDTO(rows, (last.brand, last.model, last.vin) if more and last else None, total)
