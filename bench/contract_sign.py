"""Contract row of bench/run.py (issue #18.11): "a contract PDF rendered and signed takes ≤ 1.5×
a vehicle card, measured in the same run".

Both sides are the whole use case the user waits for, through the services, on one scratch
copy of dataset S, alternately in the same run:
- the contract: `sign_contract` on a deal with a signed quote for a car in stock (no agency
  services, no special terms: one paper, the 购车合同), two pad signatures drawn into it, the
  PDF rendered, signed by the store (PAdES) and archived with the contract, the sold car and
  the deal's stage in one transaction;
- the baseline: `issue_card` for one car in stock, its card rendered, signed and archived with
  the card record in one transaction.

A second row times the contract with its separate papers (special terms and the entrustment
agreement, 办法 art. 14): three PDFs, each signed, in the same transaction.

The deals are set up before the clocks start, with the rows the sale's tests start from
(tests/sales_factories.py): cars of S in stock that need no disclosure (topped up through the
inventory service on a small S), and for each a deal with its signed quote. Each repetition
signs a deal of its own, for a buyer of its own (name, engine and 合格证 numbers, delivery bay:
`_buyer`), and issues a card for a car of its own. The pads' signature images are drawn before
the clock starts, as the customer draws them before the call.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bench.cards_batch import scratch_copy


@dataclass(frozen=True)
class Timed:
    """Median wall and CPU seconds of the repetitions."""

    wall: float
    cpu: float


def _timed(fn) -> tuple[float, float]:
    t, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - cpu


def _median(samples: list[tuple[float, float]]) -> Timed:
    return Timed(statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples))


def _cars(db, manager, n: int) -> list[int]:
    """`n` cars in stock or on display that need no disclosure (4.2.3.4: built under two years
    ago, no defect or repair notes), so that the contract is the one paper timed. A small S
    has too few: the rest are added through the inventory service."""
    from tests.factories import make_vin
    from tests.sales_factories import make_vehicle

    found = _sellable(db, n)
    added = [make_vehicle(db.uow, manager, vin=make_vin(900_000 + k, wmi="LBV")) for k in range(n - len(found))]
    return found + added


def _sellable(db, n: int) -> list[int]:
    from sqlalchemy import func, or_, select

    from db.models import Vehicle

    recent = dt.date.today() - dt.timedelta(days=600)
    with db.uow() as uow:
        return list(
            uow.session.scalars(
                select(Vehicle.id)
                .where(
                    Vehicle.status.in_(("on_display", "in_stock")),
                    Vehicle.production_date >= recent,
                    or_(Vehicle.defect_notes.is_(None), func.trim(Vehicle.defect_notes) == ""),
                    or_(Vehicle.repair_notes.is_(None), func.trim(Vehicle.repair_notes) == ""),
                )
                .order_by(Vehicle.id)
                .limit(n)
            )
        )


def _deals(db, consultant, cars: list[int], services: tuple[str, ...]) -> list[int]:
    """A deal with a signed quote for each car (tests/sales_factories.py rows)."""
    from tests.sales_factories import make_deal

    return [make_deal(db.uow, consultant, vehicle_id=car, services=services)[0] for car in cars]


# Each repetition's buyer is another person (name, engine and 合格证 numbers, delivery bay and
# mileage): a paragraph's layout is kept per process for the same text (app/documents/
# layout_flow.py), so the same buyer every time would time a warmer contract than a store's.
SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "建国丽华志强文博雅琴海涛晓雨明军秀英"


def _buyer(k: int) -> dict:
    name = SURNAMES[k % len(SURNAMES)] + GIVEN[(3 * k) % len(GIVEN)] + GIVEN[(7 * k + 1) % len(GIVEN)]
    return dict(
        buyer_name=name,
        engine_no=f"EA{k:03d}-{123456 + 7919 * k:06d}",
        certificate_no=f"WDA{104729 * (k + 1):012d}",
        delivery_place=f"本店交付区{k % 9 + 1}号位",
        max_delivery_odometer_km=20 + k % 30,
    )


def _signer(db, consultant, special: bool):
    """One call of sign_contract per deal, as the contract dialog makes it after the pads;
    the k-th deal's buyer is `_buyer(k)`."""
    from tests.contract_factories import contract_input, pads

    from app.sales.api import sign_contract

    today = dt.datetime.now(dt.UTC).date()
    base = contract_input(delivery_date=today + dt.timedelta(days=20))
    if special:
        base = replace(base, special_terms="客户自备脚垫，本店不另收费。")

    def prepared(k: int):
        data = replace(base, **_buyer(k))
        return data, pads(customer=data.buyer_name)  # drawn on the pads before the call, not timed

    def sign(deal_id: int, ready) -> None:
        data, drawn = ready
        sign_contract(
            db.uow(),
            actor=consultant,
            deal_id=deal_id,
            data=data,
            signatures=drawn,
            special_terms_signatures=drawn if special else (),
            entrustment_signatures=drawn if special else (),
        )

    return sign, prepared


def contract_times(url: str, repeat: int) -> tuple[Timed, Timed, Timed]:
    """(contract alone, contract with special terms and entrustment, one card): medians of
    `repeat` alternated runs after one warm-up of each."""
    from app.showroom.cards import issue_card
    from bench.run import _actor
    from db.uow import Database

    copy = scratch_copy(url)
    db = Database(copy)
    try:
        manager, consultant = _actor(db, "manager"), _actor(db, "c01")
        n = repeat + 1
        cars = _cars(db, manager, 3 * n)
        plain = _deals(db, consultant, cars[:n], ())
        full = _deals(db, consultant, cars[n : 2 * n], ("registration",))
        cars = cars[2 * n :]
        (sign, plain_buyer), (sign_full, full_buyer) = _signer(db, consultant, False), _signer(db, consultant, True)
        ready = [(plain_buyer(2 * i), full_buyer(2 * i + 1)) for i in range(n)]

        def card(vehicle_id: int) -> None:
            issue_card(db.uow(), actor=manager, vehicle_id=vehicle_id)

        samples: tuple[list, list, list] = ([], [], [])
        for i in range(n):
            took = (
                _timed(lambda: sign(plain[i], ready[i][0])),
                _timed(lambda: sign_full(full[i], ready[i][1])),
                _timed(lambda: card(cars[i])),
            )
            if i:  # the first round warms up pyHanko, the fonts and the certificate
                for k in range(3):
                    samples[k].append(took[k])
        return _median(samples[0]), _median(samples[1]), _median(samples[2])
    finally:
        db.dispose()
        Path(copy.removeprefix("sqlite:///")).unlink(missing_ok=True)


def contract_rows(table, url: str, repeat: int) -> None:
    from bench.run import Row

    alone, full, card = contract_times(url, repeat)
    table.add(
        Row(
            "contract signed (sign_contract) vs one vehicle card issued",
            alone.wall,
            "s",
            card.wall,
            "≤ 1.5× card",
            alone.wall <= 1.5 * card.wall,
            note=f"CPU {alone.cpu * 1000:.0f} ms vs {card.cpu * 1000:.0f} ms",
        )
    )
    table.add(
        Row(
            "contract + special terms + entrustment vs one card",
            full.wall,
            "s",
            card.wall,
            "— (three signed PDFs)",
            None,
            note=f"CPU {full.cpu * 1000:.0f} ms vs {card.cpu * 1000:.0f} ms",
        )
    )
