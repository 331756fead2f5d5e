"""A realistic demo store for training and sales demos, built in its own database.

Everything goes through the real services (set-up wizard, user creation, add_vehicle,
change_status), so the demo obeys the same rules as production data. The build is
deterministic for a given `now` and idempotent: it adds only what is missing, so running it
again on a finished demo database changes nothing.

The archive gets three signed store notices (issue #3), so that a new user can open, verify
and print one at once: SN-…-000001 v1 (bilingual, voided "地址更正": it printed a wrong house
number), its replacement v2, and a Chinese-only notice. Each carries the sales manager's
handwritten signature, a deterministic synthetic one (`demo_signature`).

The sale (issue #18.9, app/demo/sales.py): a published price list and five deals, one in each
column of the deal board, with their signed quote, disclosure, contract, entrustment agreement,
receipts, settlement, handover and 三包凭证. Their customers come in through reception's services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.errors import ShowroomError
from app.demo.documents import VOID_REASON, WRONG_ADDRESS, add_documents, demo_signature
from app.demo.vehicles import DEFECT_INDEX, VEHICLES, M, Model, add_vehicles, demo_vin
from app.documents import certificates
from app.staff import auth
from app.staff.auth import actor_of
from app.store import store
from db.migrate import upgrade
from db.models import Document, StaffUser, Vehicle
from db.uow import Database

# The demo's parts, importable from here as before the split (issue #16.4).
__all__ = [
    "DEFECT_INDEX",
    "DEMO_STORE",
    "DEMO_USERS",
    "VEHICLES",
    "VOID_REASON",
    "WRONG_ADDRESS",
    "DemoInfo",
    "M",
    "Model",
    "build_demo",
    "demo_signature",
    "demo_vin",
]

DEMO_STORE = dict(
    legal_name="上海浦江汽车销售服务有限公司",
    address="上海市闵行区浦锦路2288号（近浦江镇地铁站）",
    sales_hotline="021-5489 6688",
    complaint_phone="021-5489 6699",
    website="https://www.pujiang-auto.example.cn",
)

# (username, password, full name, roles). Shared with trainers: these are demo-only accounts.
DEMO_USERS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("admin", "admin1234", "系统管理员", ("admin",)),
    ("zhou.jianguo", "demo1234", "周建国", ("sales_manager",)),
    ("lin.xiaoyu", "demo1234", "林晓雨", ("reception",)),
    ("wu.min", "demo1234", "吴敏", ("finance",)),
    ("sun.haitao", "demo1234", "孙海涛", ("pdi_technician",)),
    ("xu.qing", "demo1234", "徐晴", ("customer_care",)),  # issue #19: the after-sale calls and surveys
    ("wang.lei", "demo1234", "王磊", ("consultant",)),
    ("li.na", "demo1234", "李娜", ("consultant",)),
    ("zhang.wei", "demo1234", "张伟", ("consultant",)),
    ("liu.yang", "demo1234", "刘洋", ("consultant",)),
    ("chen.jing", "demo1234", "陈静", ("consultant",)),
    ("yang.fan", "demo1234", "杨帆", ("consultant",)),
    ("zhao.xin", "demo1234", "赵欣", ("consultant",)),
    ("huang.jiahao", "demo1234", "黄佳豪", ("consultant",)),
]
# Years since the driving licence was first issued, as of `now`. T/CSCA 120031 4.2.4.4 wants
# >= 3 years for a test-drive escort: yang.fan and zhao.xin deliberately fall short.
_LICENCE_YEARS = {
    "zhou.jianguo": 16,
    "wang.lei": 12,
    "li.na": 9,
    "zhang.wei": 18,
    "liu.yang": 6,
    "chen.jing": 4,
    "yang.fan": 2,
    "zhao.xin": 1.25,
    "huang.jiahao": 3.5,
}


@dataclass(frozen=True)
class DemoInfo:
    database_url: str
    created: bool  # False when the demo was already complete and nothing was added
    store_name: str
    users: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    vehicles: int
    documents: int = 0  # archived document versions (voided ones included)


def build_demo(
    database_url: str, *, now: dt.datetime | None = None, progress: Callable[[str, int, int], None] | None = None
) -> DemoInfo:
    """Create (or complete) the demo store in `database_url`; return where and the logins.
    `progress(step, done, total)` hears of each part as it starts (app/demo/template.py).

    Refuses with ShowroomError("demo_foreign_database") when the database already holds
    another store: the demo never mixes into real data.
    """
    now = now or utcnow()
    today = now.date()
    step = progress or (lambda _name, _done, _total: None)
    from app.store.backup import before_migration

    upgrade(database_url, before_migration)  # a server database is dumped first (issue #8.5)
    db = Database(database_url)
    try:
        created = False
        if store.needs_setup(db.uow()):
            existing = store.get_store(db.uow()).legal_name if _has_store(db) else None
            if existing not in (None, DEMO_STORE["legal_name"]):
                raise ShowroomError("demo_foreign_database", store=existing)
            username, password, full_name, _ = DEMO_USERS[0]
            store.set_up_store(
                db.uow(), **DEMO_STORE, admin_username=username, admin_full_name=full_name, admin_password=password
            )
            created = True
        elif store.get_store(db.uow()).legal_name != DEMO_STORE["legal_name"]:
            raise ShowroomError("demo_foreign_database", store=store.get_store(db.uow()).legal_name)
        step("users", 1, 9)
        admin = _actor(db, DEMO_USERS[0][0])
        certificates.ensure_store_certificate(db.uow(), actor=admin)  # as at a real set-up
        created |= _add_users(db, admin, today)
        manager = _actor(db, DEMO_USERS[1][0])
        step("vehicles", 2, 9)
        created |= add_vehicles(db, manager, today)
        step("documents", 3, 9)
        created |= add_documents(db, manager, now)
        step("showroom", 4, 9)
        from app.demo.showroom import add_showroom_demo  # issue #5: the showroom floor

        created |= add_showroom_demo(db, manager, issue_cards=True)
        step("drives", 5, 9)
        from app.demo.drives import add_test_drive_demo  # issue #6

        created |= add_test_drive_demo(db, manager, now)
        step("pdi", 6, 9)
        from app.demo.pdi import add_pdi_demo  # issue #7

        created |= add_pdi_demo(db, manager, now)
        step("sales", 7, 9)
        created |= _add_sales(db, manager, now)  # issue #18: price list and a deal in every stage
        created |= _add_care(db, manager, now)  # issue #19.8: follow-up tasks, surveys, a recovery case
        created |= _add_complaints(db, manager)  # issue #19.8: complaints and a public notice
        with db.uow() as uow:
            count = uow.session.query(Vehicle).count()
            docs = uow.session.query(Document).count()
        return DemoInfo(database_url, created, DEMO_STORE["legal_name"], tuple(DEMO_USERS), count, docs)
    finally:
        db.dispose()


def _add_care(db: Database, manager: Actor, now: dt.datetime) -> bool:
    # Imported here, not at the top: every demo start imports this package for DEMO_USERS, and
    # the care demo pulls the care and sales parts in (issue #17, --demo first start).
    from app.demo.care import add_care_demo

    return add_care_demo(db, manager, now)


def _add_complaints(db: Database, manager: Actor) -> bool:
    from app.demo.complaints import add_complaint_demo

    return add_complaint_demo(db, manager)


def _add_sales(db: Database, manager: Actor, now: dt.datetime) -> bool:
    from app.demo.sales import People, add_sales_demo, sales_demo_complete
    from app.demo.sales_plan import DEALS
    from app.reception.setup import ensure_reception_defaults

    if sales_demo_complete(db):  # every later start: two lookups, no actor, no reception defaults
        return False
    ensure_reception_defaults(db.uow(), now=now)  # the contact consent text the customers agree to
    people = People(
        manager=manager,
        finance=_actor(db, "wu.min"),
        technician=_actor(db, "sun.haitao"),
        consultants={plan.consultant: _actor(db, plan.consultant) for plan in DEALS},
    )
    return add_sales_demo(db, people, now)


def _has_store(db: Database) -> bool:
    try:
        store.get_store(db.uow())
        return True
    except ShowroomError:
        return False


def _actor(db: Database, username: str) -> Actor:
    with db.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active:
            # A demo database whose demo accounts were removed: treat it as someone else's.
            raise ShowroomError("demo_foreign_database", store=DEMO_STORE["legal_name"], user=username)
        return actor_of(user)


def _add_users(db: Database, admin: Actor, today: dt.date) -> bool:
    with db.uow() as uow:
        have = set(uow.session.scalars(select(StaffUser.username)))
    added = False
    for number, (username, password, full_name, roles) in enumerate(DEMO_USERS, start=1):
        if username in have:
            continue
        years = _LICENCE_YEARS.get(username)
        pdi = "pdi_technician" in roles
        auth.create_user(
            db.uow(),
            actor=admin,
            username=username,
            full_name=full_name,
            password=password,
            roles=list(roles),
            staff_no=f"PJ{number:03d}",
            licence_first_issued=today - dt.timedelta(days=round(years * 365.25)) if years else None,
            pdi_certificate_no="SH-PDI-2025-0318" if pdi else None,
            pdi_certificate_expiry=today + dt.timedelta(days=420) if pdi else None,
        )
        added = True
    return added
