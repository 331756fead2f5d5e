"""One demo deal walked through the sale's services up to its board column (issue #18.9):
customer and lead (reception), deal and signed quote, disclosure where the car needs one,
signed contract (and entrustment agreement), money, invoice and settlement (finance), then the
delivery appointment and the handover with its 三包凭证. The order and the rules are the
services' own; app/demo/sales.py says who does what and when.
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today
from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.demo.sales import Clock, People, pad, request_key
from app.demo.sales_money import contract_deal, deliver, pay
from app.demo.sales_plan import DealPlan
from app.reception.api import current_consent_text
from app.reception.customers import register_customer
from app.reception.leads import create_lead
from app.sales import api as sales
from db.models import Vehicle
from db.sales_models import DealStage
from db.uow import Database

# How far each column goes: the board's stage order (app/sales/stages.py).
ORDER = (DealStage.QUOTE, DealStage.CONTRACT, DealStage.AWAITING_PAYMENT, DealStage.READY, DealStage.DELIVERED)
PROVIDER = "本店（上海浦江汽车销售服务有限公司）"


def _reached(plan: DealPlan, stage: DealStage) -> bool:
    return ORDER.index(plan.stage) >= ORDER.index(stage)


def _lead(db: Database, plan: DealPlan, consultant: Actor, car_id: int, clock: Clock) -> int:
    """The customer registered with their contact consent (PIPL art. 14), then the consultant's lead."""
    with db.uow() as uow:
        car = uow.session.get_one(Vehicle, car_id)
        brand, model = car.brand, car.model
    at = clock.tick()
    consent = current_consent_text(db.uow(), now=at)
    customer = register_customer(
        db.uow(), actor=consultant, name=plan.customer, mobile=plan.mobile, consent_text_id=consent.id,
        consent_shown_at=at, consent_given=True, now=at,
    )  # fmt: skip
    lead = create_lead(
        db.uow(), actor=consultant, customer_id=customer.id, brand=brand, model=model, intent_level="H", now=at
    )
    return lead.id


def _price_items(db: Database, people: People, day: dt.date) -> dict[str, int]:
    """The list in force on the demo's day: item ids by code."""
    pl = sales.price_list_in_force(db.uow(), actor=people.manager, on=day)
    if pl is None:  # add_price_list publishes it first; a list effective later is no use today
        raise ValidationFailed([FieldError("price_list", "no_price_list_in_force")])
    return {item.code: item.id for item in pl.items}


def _quote(db: Database, people: People, plan: DealPlan, consultant: Actor, deal_id: int, clock: Clock) -> int:
    """The sales proposal (4.3.1.2-4.3.1.3): listed prices only, the discount as its own line,
    agency services opted into with the provider the customer chose; signed by the customer."""
    items = _price_items(db, people, store_today(clock.now))
    deal = sales.get_deal(db.uow(), actor=consultant, deal_id=deal_id)
    vehicle_code = "-".join(("VEH", deal.brand, deal.model, deal.trim))
    data = sales.QuoteInput(
        vehicle_item_id=items[vehicle_code],
        items=tuple((items[code], 1) for code in plan.extras),
        promotion_item_ids=(items["PROMO-TRADEIN"],) if plan.promotion else (),
        discount_fen=plan.discount_fen,
        discount_reason=plan.discount_reason,
        gifts=plan.gifts,
        promises=plan.promises,
        services=tuple(sales.ServiceChoice(code, PROVIDER) for code in plan.services),
        valid_until=store_today(clock.now) + dt.timedelta(days=14),
    )
    q = sales.save_quote(
        db.uow(), actor=consultant, deal_id=deal_id, data=data, request_key=request_key(plan.key, "quote"),
        now=clock.tick(),
    )  # fmt: skip
    if q.needs_approval:
        q = sales.approve_discount(
            db.uow(), actor=people.manager, quote_id=q.id, reason=plan.discount_reason, now=clock.tick()
        )
    sales.sign_quote(
        db.uow(), actor=consultant, quote_id=q.id, signatures=[pad(plan.customer, "customer")], now=clock.tick()
    )
    return q.id


def walk_deal(db: Database, people: People, plan: DealPlan, car_id: int, clock: Clock) -> None:
    """Take one planned deal as far as its column."""
    consultant = people.consultants[plan.consultant]
    lead_id = _lead(db, plan, consultant, car_id, clock)
    deal = sales.open_deal(
        db.uow(), actor=consultant, lead_id=lead_id, vehicle_id=car_id, request_key=request_key(plan.key, "deal"),
        now=clock.tick(),
    )  # fmt: skip
    _quote(db, people, plan, consultant, deal.id, clock)
    if not _reached(plan, DealStage.CONTRACT):
        return
    contract = contract_deal(db, plan, consultant, deal.id, car_id, clock)
    if _reached(plan, DealStage.AWAITING_PAYMENT):
        pay(db, people, plan, contract, clock)
    if _reached(plan, DealStage.DELIVERED):
        deliver(db, people, plan, consultant, contract, clock)
