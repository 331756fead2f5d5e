"""Reception demo data: a fortnight of showroom traffic, leads, today's queue and appointments.

Call after app.demo.build_demo (it needs the demo store's users and cars):
    seed_reception_demo(Database(url), now=now)
Everything goes through the real services, so the data obeys the same rules (consent before
personal data, rotation, lead moves). Deterministic for a given `now`; does nothing when the
database already has visits. Customers, names and mobile numbers are invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.core.clock import from_store_time, store_day_bounds, store_today, utcnow
from app.core.errors import ShowroomError
from app.reception import appointments, duty as reception_duty, visits as reception_visits
from app.staff.auth import actor_of
from app.core.dto import Actor
from app.reception.checkin import CheckInInput, check_in
from app.reception.setup import current_consent_text, ensure_reception_defaults, list_channels, list_model_choices
from db.models import StaffUser
from db.reception_models import Customer, Visit
from db.uow import Database

DESK, MANAGER = "lin.xiaoyu", "zhou.jianguo"
CONSULTANTS = ("wang.lei", "li.na", "zhang.wei", "liu.yang", "chen.jing")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
CHANNELS = (
    "walk_by",
    "walk_by",
    "autohome",
    "dongchedi",
    "website",
    "phone",
    "referral",
    "douyin",
    "walk_by",
    "yiche",
    "event",
    "xiaohongshu",
)
OUTCOMES = ("information", "quote", "test_drive", "information", "quote", "test_drive", "order", "information", "left")
LEVELS = ("B", "A", "H", "C", "B", "A")
CUSTOMERS = 29


@dataclass(frozen=True)
class ReceptionDemoInfo:
    created: bool
    visits: int
    appointments: int


def _actor(db: Database, username: str) -> Actor:
    with db.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            raise ShowroomError("demo_foreign_database", user=username)
        return actor_of(user)


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return from_store_time(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class _Demo:
    """What every demo visit needs: the store's people, channels, models and consent text."""

    db: Database
    desk: Actor
    manager: Actor
    team: list[Actor]
    channels: dict[str, int]
    models: list[tuple[str, str]]
    consent: int
    seen: set[int] = field(default_factory=set)
    count: int = 0


def _check_in_input(demo: _Demo, at: dt.datetime, k: int) -> CheckInInput:
    personal: dict = {}
    visit_type = "walk_in"
    who = k % CUSTOMERS  # some customers come back (their consultant receives them)
    if k % 3 != 2:  # two visitors in three leave their name and mobile
        personal = dict(
            name=SURNAMES[who % len(SURNAMES)] + ("先生" if who % 2 else "女士"),
            mobile=f"1390000{who * 37:04d}",
            consent_text_id=demo.consent,
            consent_given=True,
            consent_shown_at=at,
        )
        visit_type = "return_visit" if who in demo.seen else "walk_in"
        demo.seen.add(who)
    return CheckInInput(
        channel_id=demo.channels[CHANNELS[k % len(CHANNELS)]],
        party_size=1 + k % 3,
        visit_type=visit_type,
        with_children=k % 7 == 3,
        foreign_visitor=k % 11 == 5,
        language="en" if k % 11 == 5 else None,
        interested_models=[demo.models[who % len(demo.models)]] if demo.models else [],
        **personal,
    )


def _visit(demo: _Demo, at: dt.datetime, k: int, *, finish: bool = True, start: bool = True) -> None:
    """One visitor checked in at `at`, met two minutes later and seen off with an outcome."""
    demo.count += 1
    db = demo.db
    v = check_in(db.uow(), actor=demo.desk, data=_check_in_input(demo, at, k), now=at).visit
    if v.consultant_id is None or not start:
        return
    v = reception_visits.start_visit(
        db.uow(), actor=demo.manager, visit_id=v.id, expected_version=v.version, now=at + dt.timedelta(minutes=2)
    )
    if finish:
        outcome = OUTCOMES[k % len(OUTCOMES)]
        reception_visits.end_visit(
            db.uow(),
            actor=demo.manager,
            visit_id=v.id,
            expected_version=v.version,
            outcome=outcome,
            intent_level=LEVELS[k % len(LEVELS)],
            had_test_drive=outcome == "order" and k % 2 == 0,
            now=at + dt.timedelta(minutes=25 + k % 30),
        )


def _book_appointments(demo: _Demo, now: dt.datetime) -> int:
    """Appointments later today and tomorrow, for customers with consent."""
    with demo.db.uow() as uow:
        customers = list(
            uow.session.scalars(
                # Visitors of the fortnight; the sale's customers (app/demo/sales.py) have their deals.
                select(Customer.id)
                .where(Customer.mobile.is_not(None), Customer.id.in_(select(Visit.customer_id)))
                .order_by(Customer.id)
                .limit(3)
            )
        )
    # The first one is later in today's store day whatever the hour (the desk's list shows
    # today's): two hours on, or halfway to midnight in Shanghai when that is nearer.
    today_left = store_day_bounds(store_today(now))[1] - now
    later = (min(dt.timedelta(hours=2), today_left / 2), dt.timedelta(hours=22), dt.timedelta(hours=42))
    for i, customer_id in enumerate(customers):
        appointments.book_appointment(
            demo.db.uow(),
            actor=demo.desk,
            customer_id=customer_id,
            consultant_id=demo.team[i].user_id,
            scheduled_at=now + later[i],
            purpose=("test_drive", "negotiation", "consultation")[i],
            now=now,
        )
    return len(customers)


def seed_reception_demo(db: Database, *, now: dt.datetime | None = None) -> ReceptionDemoInfo:
    now = now or utcnow()
    with db.uow() as uow:
        if uow.session.scalar(select(func.count(Visit.id))):
            return ReceptionDemoInfo(False, uow.session.scalar(select(func.count(Visit.id))) or 0, 0)
    ensure_reception_defaults(db.uow(), now=now)
    desk = _actor(db, DESK)
    demo = _Demo(
        db=db,
        desk=desk,
        manager=_actor(db, MANAGER),
        team=[_actor(db, u) for u in CONSULTANTS],
        channels={c.code: c.id for c in list_channels(db.uow(), actor=desk)},
        models=[(m.brand, m.model) for m in list_model_choices(db.uow(), actor=desk)],
        consent=current_consent_text(db.uow(), now=now).id,
    )
    today = store_today(now)
    team_ids = [c.user_id for c in demo.team]
    for back in range(14, 0, -1):
        day = today - dt.timedelta(days=back)
        reception_duty.set_roster(db.uow(), actor=desk, consultant_ids=team_ids, now=_local(day, 8, 45))
        for slot in range(3 + back % 4):
            _visit(demo, _local(day, 9 + 2 * slot, (back * 7) % 50), back * 10 + slot)
    # Today: some finished, two with their consultant, one waiting.
    start, _ = store_day_bounds(today)
    reception_duty.set_roster(
        db.uow(), actor=desk, consultant_ids=team_ids, now=max(start, now - dt.timedelta(hours=3))
    )
    times = [
        max(start + dt.timedelta(minutes=i), now - dt.timedelta(minutes=m))
        for i, m in enumerate((150, 120, 95, 40, 25, 10))
    ]
    for i, at in enumerate(times):
        _visit(demo, at, 500 + i, finish=i < 3, start=i < 5)
    return ReceptionDemoInfo(True, demo.count, _book_appointments(demo, now))
