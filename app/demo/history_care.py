"""The test drives and after-sale side of the demo's past year (issue #20, app/demo/history.py),
through the real services at that month's times:

- test drives (3.13): booked, every step of 4.2.4 with the signed agreement, out and returned,
  escorted by a consultant with three years' licence (4.2.4.4), on the demo's filed routes;
- pick-ups and their 72-hour call (3.14, 4.5.1.2): the month's sale's handover plans its call
  (app/customer_care), reached the next day; two earlier deliveries entered as a store enters
  its paper ones (as app/demo/care.py does), one called in time and, in some months, one late;
  each first-service reminder that has fallen due is marked done;
- delivery survey answer sheets (3.18, 4.5.1.3), mostly satisfied; an unsatisfied one opens
  its service-recovery case (5.2.8);
- complaints (3.15-3.17, 4.5.2) with the time they were received, some through 12345, each
  answered the next day (in a few months one only after its 72 hours: 3.17 below target) and
  closed three days later with the customer's confirmation. The complaint services stamp the
  answer and the closure with the server's clock (no earlier time can be entered), so each is
  recorded with the clock set to its moment (app/core/clock.py travel_to), as are the drive's
  signed agreement and the other records the services date themselves (issue #20). A step
  still to come in the current month is left undone (the complaint stays open).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import select

from app.core.clock import travel_to
from app.core.dto import Actor, SignatureCapture
from app.customer_care import api as care
from app.demo.history import Month
from app.demo.history_sales import Seller, person
from app.demo.sales import request_key
from app.demo.sales_plan import resident_id
from app.reception import duty
from app.reception.api import current_consent_text
from app.reception.customers import register_customer
from app.staff.auth import actor_of
from app.test_drives import booking, drive_steps as steps
from db.care_models import FollowUpTask, TaskKind, TaskStatus
from db.drive_models import TestDriveCar, TestDriveRoute
from db.models import StaffUser
from db.uow import Database

ESCORTS = ("wang.lei", "li.na", "zhang.wei", "liu.yang", "chen.jing")  # >= 3 years' licence (4.2.4.4)
SATISFIED = {"overall": 5, "consultant": 5, "explained": True, "on_time": True, "comment": "服务周到"}
UNSATISFIED = {"overall": 2, "consultant": 3, "explained": False, "on_time": True, "comment": "用车讲解太仓促"}
COMPLAINTS = (
    ("phone", "sales_service", "交车后承诺的回访迟迟未到"),
    ("hotline_12345", "price_and_fees", "12345工单：上牌服务费未提前告知"),
    ("front_desk", "vehicle_quality", "新车空调出风有异味"),
)


@functools.lru_cache(maxsize=2)
def _strokes(seed: int) -> tuple[list, bytes]:
    from app.demo.documents import demo_signature

    return demo_signature(seed)


def _signature(name: str, role: str, seed: int, at: dt.datetime) -> SignatureCapture:
    strokes, png = _strokes(seed)
    return SignatureCapture(name, role, at, strokes, png)


def _fleet(db: Database) -> tuple[list[int], list[int]]:
    with db.uow() as uow:
        s = uow.session
        cars = list(s.scalars(select(TestDriveCar.id).where(TestDriveCar.active).order_by(TestDriveCar.id)))
        routes = list(s.scalars(select(TestDriveRoute.id).where(TestDriveRoute.active).order_by(TestDriveRoute.id)))
    return cars, routes


def _drive(db: Database, seller: Seller, n: int, car: int, route: int, start: dt.datetime) -> None:
    """One drive through every step of 4.2.4 (as app/demo/drives.py), out at `start`, back
    25 min later; the agreement archived (4.2.4.1) at its signing time."""
    with travel_to(start - dt.timedelta(minutes=10)):
        _drive_steps(db, seller, n, car, route, start)


def _drive_steps(db: Database, seller: Seller, n: int, car: int, route: int, start: dt.datetime) -> None:
    # The escort changes from month to month (n = 100 * months back + ...), so 3.13 by consultant
    # shows several consultants' drives.
    manager, escort = seller.people.manager, seller.actor(ESCORTS[(n // 100 + n) % len(ESCORTS)])
    name, _ = person(n)
    at = start - dt.timedelta(minutes=10)
    u = db.uow
    team = [c.user_id for c in seller.people.consultants.values()]  # the day's roster: the escort on duty
    duty.set_roster(u(), actor=seller.desk, consultant_ids=team, now=start - dt.timedelta(hours=6))
    d = booking.book_test_drive(
        u(), actor=manager, car_id=car, route_id=route, customer_name=name, planned_start=start,
        now=start - dt.timedelta(minutes=15),
    )  # fmt: skip
    kw: dict[str, Any] = dict(actor=manager, drive_id=d.id, now=at)
    d = steps.record_id_consent(u(), expected_version=d.version, **kw)
    qualification = steps.QualificationInput(
        id_type="resident_id", id_number=resident_id(f"31010419{80 + n % 15}0{n % 9 + 1}1{n % 10}{n % 1000:03d}"),
        licence_class="C1", licence_first_issued=dt.date(2012, 5, 8), licence_valid_until=dt.date(2034, 5, 8),
    )  # fmt: skip
    d = steps.record_qualification(u(), expected_version=d.version, data=qualification, **kw)
    d = steps.assign_escort(u(), expected_version=d.version, escort_id=escort.user_id, **kw)
    d = steps.confirm_terms(u(), expected_version=d.version, **kw)
    items = {k: True for k in ("lights", "tyres", "energy", "signage", "warning_signs")}
    d = steps.record_check(u(), expected_version=d.version, odometer_out=1000 + 10 * n, items=items, **kw)
    d = steps.record_weather(u(), expected_version=d.version, weather="cloudy", **kw)
    pads = [_signature(name, "customer", 7, at), _signature(escort.full_name, "escort", 3, at)]
    d = steps.sign_agreement(u(), expected_version=d.version, signatures=pads, **kw)
    d = steps.start_drive(u(), actor=manager, drive_id=d.id, expected_version=d.version, now=start)
    back = steps.ReturnInput(odometer_in=1007 + 10 * n, damage_found=False, feedback="操控不错", intent_level="B")
    steps.record_return(
        u(), actor=manager, drive_id=d.id, expected_version=d.version, data=back, now=start + dt.timedelta(minutes=25)
    )


def add_drives(db: Database, seller: Seller, month: Month) -> None:
    cars, routes = _fleet(db)
    if not cars or not routes:
        return
    for i in range(month.plan.drives):
        start = month.at(5 + 9 * i, 15)
        if start is not None:
            n = 100 * month.back + 10 + i
            _drive(db, seller, n, cars[n % len(cars)], routes[n % len(routes)], start)


def _assignee(db: Database, task_id: int) -> tuple[Actor, int]:
    with db.uow() as uow:
        task = uow.session.get_one(FollowUpTask, task_id)
        return actor_of(uow.session.get_one(StaffUser, task.assignee_id)), task.version


def _done(db: Database, task_id: int, at: dt.datetime, note: str) -> None:
    """The call (or reminder) made at `at`: reached, satisfied."""
    caller, version = _assignee(db, task_id)
    care.record_task_outcome(
        db.uow(), actor=caller, task_id=task_id, expected_version=version, outcome="satisfied", note=note, now=at
    )


def _tasks_of(db: Database, *, deal_id: int | None = None, subject_id: int | None = None) -> list[FollowUpTask]:
    with db.uow() as uow:
        q = select(FollowUpTask).where(FollowUpTask.status == TaskStatus.OPEN)
        q = q.where(FollowUpTask.deal_id == deal_id) if deal_id is not None else q
        q = q.where(FollowUpTask.subject_id == subject_id) if subject_id is not None else q
        tasks = list(uow.session.scalars(q.order_by(FollowUpTask.id)))
        uow.session.expunge_all()
        return tasks


def _close_due(db: Database, tasks: list[FollowUpTask], month: Month, call_at: dt.datetime) -> None:
    """The 72-hour call at `call_at`; a first-service reminder already due, done on its day."""
    for task in tasks:
        at = call_at if task.kind == TaskKind.DELIVERY_CALL else task.due_at
        if at < month.now - dt.timedelta(hours=1):
            _done(db, task.id, at, "车况良好，已讲解保养周期" if task.kind == TaskKind.DELIVERY_CALL else "已预约首保")


def _paper_pick_up(db: Database, seller: Seller, n: int, picked_up: dt.datetime, month: Month, late: bool) -> int:
    """An earlier delivery entered with its buyer (consent) and its tasks; the call in time or late."""
    with travel_to(picked_up):
        return _paper_pick_up_at(db, seller, n, picked_up, month, late)


def _paper_pick_up_at(db: Database, seller: Seller, n: int, picked_up: dt.datetime, month: Month, late: bool) -> int:
    consultant = seller.consultant(n)
    name, mobile = person(n)
    consent = current_consent_text(db.uow(), now=picked_up)
    customer = register_customer(
        db.uow(), actor=consultant, name=name, mobile=mobile, consent_text_id=consent.id,
        consent_shown_at=picked_up, consent_given=True, now=picked_up,
    )  # fmt: skip
    with db.uow() as uow:
        care.plan_after_delivery(
            uow.session, actor_id=consultant.user_id, handover_id=-(1000 + n), deal_id=None,  # type: ignore[arg-type]
            customer_id=customer.id, consultant_id=consultant.user_id, brand="上汽大众", car="上汽大众 朗逸",
            picked_up_at=picked_up,
        )  # fmt: skip
        uow.commit()
    call_at = picked_up + dt.timedelta(hours=80 if late else 26)
    _close_due(db, _tasks_of(db, subject_id=-(1000 + n)), month, call_at)
    return customer.id


def add_pick_ups(db: Database, seller: Seller, month: Month, sale: tuple[int, int | None] | None) -> list[int]:
    """The sale's call the next day and two paper pick-ups (module docstring); their customers."""
    if sale is not None and sale[1] is not None:
        tasks = _tasks_of(db, deal_id=sale[1])
        if tasks:
            _close_due(db, tasks, month, tasks[0].due_at - dt.timedelta(hours=50))
    out = []
    for i in range(2):
        picked_up = month.at(2 + 13 * i, 11)
        if picked_up is not None:
            out.append(
                _paper_pick_up(db, seller, 100 * month.back + 20 + i, picked_up, month, i < month.plan.calls_late)
            )
    return out


def add_surveys(db: Database, seller: Seller, month: Month, customers: list[tuple[int, int | None]]) -> None:
    carer = seller.carer
    for i, (customer, deal) in enumerate(customers[: month.plan.surveys]):
        at = month.at(8 + 6 * i, 16)
        if at is None:
            continue
        answers = UNSATISFIED if i < month.plan.unsatisfied else SATISFIED
        with travel_to(at):  # an unsatisfied sheet's recovery case opens then (5.2.8)
            care.record_survey(
                db.uow(), actor=carer, template_key="delivery", customer_id=customer, deal_id=deal, answers=answers,
                request_key=request_key("history", "survey", str(month.back), str(i)), now=at,
            )  # fmt: skip


def _handle(db: Database, seller: Seller, month: Month, complaint: Any, answer_hours: int) -> None:
    """The first answer `answer_hours` after receipt (3.17: in time within 72), the closure with
    the customer's confirmation three days after that (3.16); a step still to come is left."""
    handler, manager = seller.actor("wang.lei"), seller.people.manager
    answered = complaint.received_at + dt.timedelta(hours=answer_hours)
    if answered >= month.now - dt.timedelta(hours=1):
        return
    with travel_to(answered):
        complaint = care.record_first_response(db.uow(), handler, complaint.id, "已致电客户致歉，说明处理安排。")
    closed = answered + dt.timedelta(days=3)
    if closed >= month.now - dt.timedelta(hours=1):
        return
    with travel_to(closed):
        care.close_complaint(
            db.uow(), actor=manager, complaint_id=complaint.id, expected_version=complaint.version,
            result="已向客户说明并处理完毕，客户表示认可。", confirmation="confirmed",
        )  # fmt: skip


def add_complaints(db: Database, seller: Seller, month: Month) -> None:
    manager = seller.people.manager
    handler = seller.actor("wang.lei")
    for i in range(month.plan.complaints):
        received = month.at(10 + 8 * i, 14)
        if received is None:
            continue
        channel, category, summary = COMPLAINTS[1] if i < month.plan.hotline else COMPLAINTS[2 * ((month.back + i) % 2)]
        name, mobile = person(100 * month.back + 40 + i)
        data = care.ComplaintInput(channel, category, summary, name, mobile, handler.user_id, received_at=received)
        with travel_to(received + dt.timedelta(minutes=10)):  # entered as it came in
            c = care.receive_complaint(db.uow(), actor=manager, data=data)
        _handle(db, seller, month, c, 80 if i < month.plan.answered_late else 20)


def add_care_history(db: Database, seller: Seller, month: Month, buyers: list[tuple[int, int | None]]) -> None:
    """The month's drives, pick-ups and calls, answer sheets and complaints."""
    add_drives(db, seller, month)
    sale = buyers[0] if buyers and buyers[0][1] is not None else None
    delivered = add_pick_ups(db, seller, month, sale)
    add_surveys(db, seller, month, ([sale] if sale else []) + [(c, None) for c in delivered] + buyers[1:])
    add_complaints(db, seller, month)
