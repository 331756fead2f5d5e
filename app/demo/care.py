"""The demo's customer care after the sale (客户关怀, issue #19.8), built through the public
app.customer_care.api on top of the demo's sale (app/demo/sales.py), so the Customer care page
opens with something in every state:

- the delivered deal's 72-hour call, planned by its handover (later: due in three days);
- three customers who picked up their cars before the store used the app (entered as a store
  entering its earlier deliveries: registered through reception with their contact consent,
  their calls planned by `plan_after_delivery`): 冯子豪's call reached and satisfied ten days
  ago; 蒋欣怡's due today and still open; 韩立军's two days overdue, so escalated to the sales
  manager (a red row and a notice on the manager's PC);
- a satisfied delivery survey from the delivered deal's customer;
- an unsatisfied delivery survey from 冯子豪 that opened a service-recovery case (5.2.8): the
  apology recorded by the customer-care person 徐晴, a ¥500 voucher proposed and awaiting the
  sales manager's approval.

Idempotent: each step looks for its own result first (customers by mobile, calls by their
delivery, surveys by request key, the case by its step), and a finished care demo is known by
one lookup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import store_day_bounds, store_today
from app.core.dto import Actor
from app.customer_care import api as care
from app.demo.sales import request_key
from app.reception.api import current_consent_text
from app.reception.customers import register_customer
from app.staff.auth import actor_of
from db.care_models import FollowUpTask, RecoveryCase, RecoveryStatus, TaskKind, TaskStatus
from db.models import StaffUser
from db.sales_models import Deal, DealStage
from db.uow import Database

CARE_PERSON = "xu.qing"  # the demo's customer-care person (客服)


@dataclass(frozen=True)
class OlderDelivery:
    """A car picked up before the store used the app; `handover` stands in for the paper
    handover (negative: never the id of a handover recorded in the app)."""

    handover: int
    customer: str
    mobile: str
    consultant: str
    brand: str
    car: str
    state: str  # "reached", "due_today" or "overdue"


OLDER = (
    OlderDelivery(-1, "冯子豪", "13761002763", "wang.lei", "上汽大众", "帕萨特", "reached"),
    OlderDelivery(-2, "蒋欣怡", "13761002872", "li.na", "比亚迪", "汉", "due_today"),
    OlderDelivery(-3, "韩立军", "13761002981", "zhang.wei", "特斯拉", "Model 3", "overdue"),
)
SATISFIED_ANSWERS = {"overall": 5, "consultant": 5, "explained": True, "on_time": True, "comment": "交车仪式很用心"}
UNSATISFIED_ANSWERS = {
    "overall": 2,
    "consultant": 3,
    "explained": True,
    "on_time": False,
    "comment": "交车比约定晚了两天，事先没人通知",
}
APOLOGY = "徐晴致电顾客，就交车延误且未提前通知诚恳道歉，说明已调整交车排期的提醒流程。"
VOUCHER_FEN = 50_000  # ¥500 maintenance voucher: anything but "none" waits for the manager (5.2.8)


def care_demo_complete(db: Database) -> bool:
    """The recovery case has gone past its first step: everything before it is there."""
    with db.uow() as uow:
        found = select(RecoveryCase.id).where(RecoveryCase.status != RecoveryStatus.OPEN).limit(1)
        return uow.session.scalar(found) is not None


def add_care_demo(db: Database, manager: Actor, now: dt.datetime) -> bool:
    """Tasks, surveys and a recovery case in every state (module docstring); True when anything
    was added. Nothing without the sale's delivered deal (a store that made its own sales)."""
    if care_demo_complete(db):
        return False
    delivered = _delivered_deal(db)
    if delivered is None:
        return False
    carer = _actor(db, CARE_PERSON)
    customers = {o.customer: _older_delivery(db, o, now) for o in OLDER}
    _record_reached(db, customers["冯子豪"], now)
    deal_id, customer_id = delivered
    care.record_survey(
        db.uow(), actor=carer, template_key="delivery", customer_id=customer_id, deal_id=deal_id,
        answers=SATISFIED_ANSWERS, request_key=request_key("care", "survey", "delivered"), now=now,
    )  # fmt: skip
    sheet = care.record_survey(
        db.uow(), actor=carer, template_key="delivery", customer_id=customers["冯子豪"][0], deal_id=None,
        answers=UNSATISFIED_ANSWERS, request_key=request_key("care", "survey", "older"), now=now,
    )  # fmt: skip
    if sheet.recovery_case_id is not None:
        _recovery_awaiting_approval(db, carer, sheet.recovery_case_id, now)
    return True


def _delivered_deal(db: Database) -> tuple[int, int] | None:
    with db.uow() as uow:
        q = select(Deal.id, Deal.customer_id).where(Deal.stage == DealStage.DELIVERED).order_by(Deal.id).limit(1)
        row = uow.session.execute(q).first()
        return (row[0], row[1]) if row is not None and row[1] is not None else None


def _actor(db: Database, username: str) -> Actor:
    with db.uow() as uow:
        return actor_of(uow.session.scalars(select(StaffUser).where(StaffUser.username == username)).one())


def _picked_up(o: OlderDelivery, now: dt.datetime) -> dt.datetime:
    """When the car was picked up, so that its 72-hour call falls where `o.state` says."""
    if o.state == "reached":
        return now - dt.timedelta(days=10)
    if o.state == "overdue":
        return now - dt.timedelta(days=5)  # due two days ago
    # Due at 20:00 in the store (an hour on when built later): the demo's template is built once a
    # day, so the call stays "due today" through the day instead of falling overdue by noon.
    start, end_of_today = store_day_bounds(store_today(now))
    due = min(max(now + dt.timedelta(hours=1), start + dt.timedelta(hours=20)), end_of_today - dt.timedelta(minutes=1))
    return due - dt.timedelta(hours=care.DELIVERY_CALL_HOURS)


def _older_delivery(db: Database, o: OlderDelivery, now: dt.datetime) -> tuple[int, int]:
    """(customer id, 72-hour call id) of an earlier delivery, registered and planned once."""
    consultant = _actor(db, o.consultant)
    picked_up = _picked_up(o, now)
    consent = current_consent_text(db.uow(), now=picked_up)
    customer = register_customer(
        db.uow(), actor=consultant, name=o.customer, mobile=o.mobile, consent_text_id=consent.id,
        consent_shown_at=picked_up, consent_given=True, now=picked_up,
    )  # fmt: skip
    with db.uow() as uow:
        # No deal in the app for a paper delivery: the task's deal is nullable, the api's type is not (reported).
        call, _reminder = care.plan_after_delivery(
            uow.session, actor_id=consultant.user_id, handover_id=o.handover, deal_id=None,  # type: ignore[arg-type]
            customer_id=customer.id,
            consultant_id=consultant.user_id, brand=o.brand, car=f"{o.brand} {o.car}", picked_up_at=picked_up,
        )  # fmt: skip
        uow.commit()
    return customer.id, call


def _record_reached(db: Database, customer_call: tuple[int, int], now: dt.datetime) -> None:
    """The older customer's call, made the day after pick-up: reached and satisfied (3.14)."""
    with db.uow() as uow:
        task = uow.session.get_one(FollowUpTask, customer_call[1])
        if task.status != TaskStatus.OPEN or task.kind != TaskKind.DELIVERY_CALL:
            return
        assignee, version = task.assignee_id, task.version
        user = uow.session.get_one(StaffUser, assignee)
        caller = actor_of(user)
    care.record_task_outcome(
        db.uow(), actor=caller, task_id=customer_call[1], expected_version=version, outcome="satisfied",
        note="车况满意，已讲解保养周期", now=now - dt.timedelta(days=9),
    )  # fmt: skip


def _recovery_awaiting_approval(db: Database, carer: Actor, case_id: int, now: dt.datetime) -> None:
    """5.2.8 steps 2-3: the apology, then a voucher proposed; the approval is the manager's."""
    with db.uow() as uow:
        case = uow.session.get_one(RecoveryCase, case_id)
        status, apologised, version = case.status, case.apology_at is not None, case.version
    if status != RecoveryStatus.OPEN:
        return
    if not apologised:
        version = care.record_apology(
            db.uow(), actor=carer, case_id=case_id, expected_version=version, note=APOLOGY, now=now
        ).version
    care.propose_compensation(
        db.uow(), actor=carer, case_id=case_id, expected_version=version, failure_class="waiting",
        compensation_type="voucher", compensation_fen=VOUCHER_FEN, note="首保代金券 ¥500", now=now,
    )  # fmt: skip
