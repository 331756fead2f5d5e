"""The demo's sale (issue #18.9): the published price list and one deal in every column of the
deal board, each with its signed documents, built through the public services as the store's
people would: the consultant quotes, discloses, contracts and hands over; the sales manager
publishes prices and approves a discount; finance takes the money, records the invoice and
settles; the PDI technician passes the car before its handover (4.4.1, 4.4.2).

Customers come in through reception's services (registered with their contact consent, then
a lead of their consultant), so their name and mobile are sealed as every customer's; the
buyer's ID number is sealed by the contract (app/core/personal_data.py).

Dates: every step happens on the demo's day, a few minutes apart, ending at `now` (the price
list is effective today, the contracts deliver from today on, the invoice is dated today). The
archive stamps each document with the real clock, as every demo document (app/demo/documents.py).

Idempotent: nothing is added once the store has a deal (each deal is one walk through the
services, not a set of rows to complete); the price list is published once.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.core.clock import store_day_bounds, store_today, utcnow
from app.core.dto import Actor, SignatureCapture
from app.demo.documents import SIGNED_AFTER, demo_signature
from app.demo.sales_plan import DEALS
from app.demo.sales_prices import add_price_list
from app.demo.vehicles import VEHICLES, M
from db.models import Vehicle, VehicleStatus
from db.sales_models import Deal, PriceList, PriceListStatus
from db.uow import Database

SELLABLE = (VehicleStatus.IN_STOCK.value, VehicleStatus.ON_DISPLAY.value)
_KEYS = uuid.UUID("7f1c1f0e-5d0a-4c1b-9a55-0d3e6d2c1812")  # namespace of the demo's request keys
STEP = dt.timedelta(minutes=4)
SPAN = dt.timedelta(hours=3)  # the sale's steps spread over the last hours of the demo's day


def request_key(*parts: str) -> str:
    """A deterministic uuid for a demo step: a repeated build is answered with the first record."""
    return str(uuid.uuid5(_KEYS, "/".join(parts)))


# One drawn signature per role: drawing one costs a tenth of a second, and the demo signs some twenty times.
_SEEDS = {"customer": 11, "consultant": 21}


@functools.lru_cache(maxsize=4)
def _strokes(seed: int) -> tuple[list, bytes]:
    return demo_signature(seed)


def pad(name: str, role: str) -> SignatureCapture:
    """A signature from the pad, dated by the clock just after the document is issued (the
    archive stamps documents with the clock, the history's set to its month; issue #17.20)."""
    strokes, png = _strokes(_SEEDS.get(role, 31))
    return SignatureCapture(name, role, utcnow() + SIGNED_AFTER, strokes, png)


@dataclass
class Clock:
    """The demo's times, a few minutes apart, from `SPAN` before `now` (never before the start of
    the demo's day: the price list is effective today) to `now`."""

    now: dt.datetime
    at: dt.datetime = field(init=False)

    def __post_init__(self) -> None:
        start, _ = store_day_bounds(store_today(self.now))
        self.at = min(self.now, max(start + dt.timedelta(minutes=5), self.now - SPAN))

    def tick(self) -> dt.datetime:
        self.at = min(self.now, self.at + STEP)
        return self.at

    def later(self) -> dt.datetime:
        """A moment after the current one (an appointment booked now for a little later)."""
        return self.at + STEP / 2


@dataclass(frozen=True)
class People:
    manager: Actor
    finance: Actor
    technician: Actor
    consultants: dict[str, Actor]


def find_car(db: Database, index: int) -> int | None:
    """The demo's car of VEHICLES[index] (model, trim, colour) if it can still be sold."""
    key, trim, _, _, exterior, *_ = VEHICLES[index]
    with db.uow() as uow:
        return uow.session.scalar(
            select(Vehicle.id)
            .where(
                Vehicle.model == M[key].name,
                Vehicle.trim == trim,
                Vehicle.exterior_color == exterior,
                Vehicle.status.in_(SELLABLE),
            )
            .order_by(Vehicle.id)
            .limit(1)
        )


def sales_demo_complete(db: Database) -> bool:
    """A published price list and a deal: the demo's sale is there (or the store made its own)."""
    with db.uow() as uow:
        s = uow.session
        published = select(PriceList.id).where(PriceList.status == PriceListStatus.PUBLISHED).limit(1)
        return s.scalar(published) is not None and s.scalar(select(Deal.id).limit(1)) is not None


def add_sales_demo(db: Database, people: People, now: dt.datetime) -> bool:
    """The price list and the deals; True when anything was created."""
    from app.demo.sales_walk import walk_deal

    clock = Clock(now)
    created = add_price_list(db, people.manager, clock.tick())  # published before the first quote
    with db.uow() as uow:
        if uow.session.scalar(select(func.count(Deal.id))):
            return created
    for plan in DEALS:
        car = find_car(db, plan.car)
        if car is not None:
            walk_deal(db, people, plan, car, clock)
            created = True
    return created


def stages(db: Database) -> dict[str, int]:
    """Deals per board column (for the demo's summary and tests)."""
    with db.uow() as uow:
        rows = uow.session.execute(select(Deal.stage, func.count(Deal.id)).group_by(Deal.stage)).all()
    return {str(stage): int(n) for stage, n in rows}
