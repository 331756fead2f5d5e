"""The sales side of the demo's past year (issue #20, app/demo/history.py): the price list then
in force, each month's intentions (意向) and their fate, and the month's sale.

- The price list: the demo's list published on the first day of the history, through the price
  list services with that day's time, so each past quote charges a list in force on its day (办法
  art. 10); today's list (app/demo/sales_prices.py) supersedes it.
- Intentions: a customer registered with their contact consent (PIPL art. 14) and a consultant's
  lead, at that month's time. A lead not bought on is lost one to three weeks later (4.2.3.2,
  with its reason), unless that is still to come: then it is carried into the next month (3.12).
- The sale: a car taken into stock, then one walk of app/demo/sales_walk.py from lead to
  handover on one afternoon of the month (quote, contract, money, invoice, settlement, PDI,
  handover with its 三包凭证). What the services stamp with the clock themselves (the archive's
  signed documents, the PDI) is dated at the step too: the walk runs with the clock set to each
  step's time (`PastClock`, app/core/clock.py travel_to), so a past month's evidence pack
  samples that month's contract, PDI report, handover and 三包凭证 (issue #20).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.clock import store_today, travel_to
from app.core.dto import Actor
from app.demo.history import CONSULTANTS, Month
from app.demo.sales import Clock, People
from app.demo.sales_plan import DealPlan, resident_id
from app.demo.vehicles import VEHICLES, M, _vehicle_input, demo_vin
from app.inventory import vehicles
from app.reception.api import current_consent_text
from app.reception.customers import register_customer
from app.reception.leads import create_lead, update_lead
from app.sales import api as sales
from db.models import StaffUser
from db.reception_models import LostReason
from db.sales_models import Deal, DealStage, PriceList, PriceListStatus
from db.uow import Database

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ("建军", "丽娟", "志伟", "秀英", "海燕", "俊杰", "晓东", "雪梅", "国强", "婷婷", "文斌", "佳怡", "宏伟", "静怡")
LOST = (LostReason.BOUGHT_OTHER_BRAND, LostReason.PRICE, LostReason.POSTPONED, LostReason.BOUGHT_OTHER_DEALER)
# Cars of the history's sales: indexes into VEHICLES (model, trim, colour, price), in turn.
SOLD = (1, 7, 3, 9, 0, 10, 6, 2, 5, 8, 4, 1)


@dataclass(frozen=True)
class Seller:
    """The store's people as the history needs them (the sale's `People`, every consultant)."""

    people: People
    carer: Actor  # the customer-care person (客服) who records the answer sheets
    desk: Actor  # reception, who sets the day's duty roster

    @classmethod
    def of(cls, db: Database) -> Seller:
        from app.staff.auth import actor_of

        with db.uow() as uow:
            users = {u.username: actor_of(u) for u in uow.session.scalars(select(StaffUser))}
        consultants = {name: users[name] for name in CONSULTANTS}
        people = People(users["zhou.jianguo"], users["wu.min"], users["sun.haitao"], consultants)
        return cls(people, users["xu.qing"], users["lin.xiaoyu"])

    def consultant(self, n: int) -> Actor:
        return self.people.consultants[CONSULTANTS[n % len(CONSULTANTS)]]

    def actor(self, username: str) -> Actor:
        return self.people.consultants[username]


class PastClock(Clock):
    """The sale's clock in a past month: each step also sets the clock the services read
    themselves (travel_to's `move`), so a document issued at a step is dated at that step."""

    def __init__(self, now: dt.datetime, move: Callable[[dt.datetime], None]) -> None:
        super().__init__(now)
        self.move = move
        move(self.at)

    def tick(self) -> dt.datetime:
        at = super().tick()
        self.move(at)
        return at


def person(n: int) -> tuple[str, str]:
    """(name, mobile) of the history's n-th customer: invented, distinct."""
    name = SURNAMES[n * 7 % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
    return name, f"1391700{n:04d}"


def add_history_price_list(db: Database, manager: Actor, first: Month) -> bool:
    """The list in force from the history's first day; False when the store already has one
    effective that early (the history is there)."""
    from app.demo.sales_prices import _other_items, _vehicle_items

    day = first.first
    with db.uow() as uow:
        early = select(func.count(PriceList.id)).where(PriceList.effective_from <= day)
        if uow.session.scalar(early.where(PriceList.status == PriceListStatus.PUBLISHED)):
            return False
    at = first.at(1, 9)
    assert at is not None  # a year ago
    with travel_to(at):  # its signed notice is issued that day
        pl = sales.create_price_list(
            db.uow(), actor=manager, title=f"浦江汽车 {day.year} 年价格及服务收费公示", effective_from=day, now=at
        )
        for item in _vehicle_items() + _other_items(day):
            sales.save_price_item(db.uow(), actor=manager, price_list_id=pl.id, data=item, now=at)
        version = sales.get_price_list(db.uow(), actor=manager, price_list_id=pl.id).version
        sales.publish_price_list(db.uow(), actor=manager, price_list_id=pl.id, expected_version=version, now=at)
    return True


def _intention(db: Database, seller: Seller, n: int, at: dt.datetime, lost_at: dt.datetime | None) -> int:
    """A customer with their consent and a consultant's lead; lost at `lost_at` if given."""
    consultant = seller.consultant(n)
    name, mobile = person(n)
    key, *_ = VEHICLES[SOLD[n % len(SOLD)]]
    consent = current_consent_text(db.uow(), now=at)
    customer = register_customer(
        db.uow(), actor=consultant, name=name, mobile=mobile, consent_text_id=consent.id,
        consent_shown_at=at, consent_given=True, now=at,
    )  # fmt: skip
    lead = create_lead(
        db.uow(), actor=consultant, customer_id=customer.id, brand=M[key].brand, model=M[key].name,
        intent_level="B", now=at,
    )  # fmt: skip
    if lost_at is not None:
        update_lead(
            db.uow(), actor=consultant, lead_id=lead.id, expected_version=lead.version, status="lost",
            lost_reason=LOST[n % len(LOST)].value, now=lost_at,
        )  # fmt: skip
    return customer.id


def add_intentions(db: Database, seller: Seller, month: Month) -> list[int]:
    """The month's new intentions, spread over its days; customer ids."""
    out = []
    for i in range(month.plan.intentions):
        at = month.at(3 + 7 * i, 10 + i)
        if at is None:
            continue
        lost_at = at + dt.timedelta(days=8 + 5 * (i % 3))
        n = 100 * month.back + i
        out.append(_intention(db, seller, n, at, lost_at if lost_at < month.now - dt.timedelta(hours=1) else None))
    return out


def _car(db: Database, manager: Actor, index: int, n: int, day: dt.date) -> int:
    """A car of VEHICLES[index]'s kind taken into stock for the sale (its own VIN)."""
    data = _vehicle_input(index, day)
    data = dataclasses.replace(data, vin=demo_vin(500 + n, M[VEHICLES[index][0]], data.model_year))
    car = vehicles.add_vehicle(db.uow(), actor=manager, data=data)
    car = vehicles.change_status(
        db.uow(), actor=manager, vehicle_id=car.id, expected_version=car.version, new_status="in_stock"
    )
    return car.id


def add_sale(db: Database, seller: Seller, month: Month) -> tuple[int, int] | None:
    """The month's sale, quote to handover on the afternoon of its 12th; (deal id, customer id)."""
    from app.demo.sales_walk import walk_deal

    done = month.at(12, 17)
    if not month.plan.sale or done is None:
        return None
    n = 100 * month.back + 99
    name, mobile = person(n)
    index = SOLD[month.back % len(SOLD)]
    consultant = CONSULTANTS[month.back % len(CONSULTANTS)]
    plan = DealPlan(
        f"history-{month.back}", DealStage.DELIVERED, consultant, name, mobile,
        resident_id(f"3101121985{month.back % 12 + 1:02d}{10 + month.back:02d}{n % 1000:03d}"), car=index,
        address="上海市闵行区浦江镇陈行公路2388号",
    )  # fmt: skip
    with travel_to(done - dt.timedelta(hours=4)) as move:  # the car came into stock before the walk
        car = _car(db, seller.people.manager, index, month.back, store_today(done))
        walk_deal(db, seller.people, plan, car, PastClock(done, move))
    with db.uow() as uow:
        deal = uow.session.execute(select(Deal.id, Deal.customer_id).where(Deal.vehicle_id == car)).one()
    return int(deal[0]), int(deal[1])


def add_month_sales(db: Database, seller: Seller, month: Month) -> list[tuple[int, int | None]]:
    """Intentions and the sale of one month: (customer id, deal id or None) of its buyers and leads."""
    customers: list[tuple[int, int | None]] = [(c, None) for c in add_intentions(db, seller, month)]
    sale = add_sale(db, seller, month)
    if sale is not None:
        customers.insert(0, (sale[1], sale[0]))
    return customers
