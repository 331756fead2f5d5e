"""A realistic demo store for training and sales demos, built in its own database.

Everything goes through the real services (set-up wizard, user creation, add_vehicle,
change_status), so the demo obeys the same rules as production data. The build is
deterministic for a given `now` and idempotent: it adds only what is missing, so running it
again on a finished demo database changes nothing.

The archive gets three signed store notices (issue #3), so that a new user can open, verify
and print one at once: SN-…-000001 v1 (bilingual, voided "地址更正": it printed a wrong house
number), its replacement v2, and a Chinese-only notice. Each carries the sales manager's
handwritten signature, a deterministic synthetic one (`demo_signature`).

Customers are not built: there is no customer table yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import random
from dataclasses import dataclass

from sqlalchemy import select

from app.core.clock import utcnow
from app.core.validation import vin_check_digit
from app.core.errors import ShowroomError
from app.staff import auth
from app.documents import certificates, documents
from app.store import store
from app.inventory import vehicles
from app.staff.auth import actor_of
from app.core.dto import Actor, SignatureCapture
from app.inventory.vehicles import VehicleInput
from db.migrate import upgrade
from db.models import Document, StaffUser, Vehicle
from db.uow import Database

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
class Model:
    brand: str
    name: str
    wmi: str  # real manufacturer prefixes: SAIC-VW, SAIC-GM, BYD, Tesla Shanghai
    vds: str
    powertrain: str
    power_kw: int
    accel: float
    configuration: tuple[str, ...]
    fuel: float | None = None  # l/100 km (WLTC; PHEV: with a charged battery)
    range_km: int | None = None  # CLTC electric range
    battery_kwh: float | None = None
    fast_min: int | None = None  # DC 30-80 %
    slow_h: float | None = None  # AC 7 kW wallbox, 0-100 %


_ACC = "ACC 自适应巡航"
M = {
    "passat": Model(
        "上汽大众",
        "帕萨特",
        "LSV",
        "AN7B3",
        "ICE",
        137,
        8.4,
        ("IQ.DRIVE 智能驾驶辅助", "全景天窗", "前排座椅加热/通风", "15英寸中控屏", "360°全景影像"),
        fuel=6.3,
    ),
    "tiguan": Model(
        "上汽大众",
        "途观L Pro",
        "LSV",
        "AX6C5",
        "ICE",
        162,
        7.9,
        ("IQ.Pilot 领航辅助", "4MOTION 四驱", "全景天窗", "HUD 抬头显示", "电动尾门"),
        fuel=7.6,
    ),
    "lavida": Model(
        "上汽大众",
        "朗逸",
        "LSV",
        "AL2A8",
        "ICE",
        83,
        12.5,
        ("倒车影像", "定速巡航", "8英寸中控屏", "CarPlay/CarLife 手机互联"),
        fuel=5.7,
    ),
    "id4x": Model(
        "上汽大众",
        "ID.4 X",
        "LSV",
        "UE4N2",
        "BEV",
        150,
        8.5,
        ("IQ.Drive L2+", "AR-HUD 增强现实抬头显示", "全景天幕", "热泵空调"),
        range_km=555,
        battery_kwh=84.8,
        fast_min=38,
        slow_h=12.5,
    ),
    "lacrosse": Model(
        "别克",
        "君越",
        "LSG",
        "ZR5S1",
        "ICE",
        174,
        7.9,
        ("Bose 音响", "全景天窗", "前排座椅按摩", _ACC, "无线充电"),
        fuel=7.3,
    ),
    "envision": Model(
        "别克",
        "昂科威Plus",
        "LSG",
        "UH4E2",
        "ICE",
        174,
        7.6,
        ("智能四驱", "全景天窗", "电动尾门", _ACC, "Buick eConnect 3.0"),
        fuel=7.9,
    ),
    "gl8": Model(
        "别克",
        "GL8 陆尊",
        "LSG",
        "PG8D9",
        "ICE",
        174,
        9.9,
        ("二排零重力航空座椅", "电动侧滑门", "Bose 音响", "三区自动空调", _ACC),
        fuel=8.5,
    ),
    "gl8phev": Model(
        "别克",
        "GL8 陆尊PHEV",
        "LSG",
        "PG8H3",
        "PHEV",
        245,
        8.8,
        ("二排零重力航空座椅", "电动侧滑门", "Bose 音响", "对外放电 V2L"),
        fuel=1.5,
        range_km=100,
        battery_kwh=25.9,
        fast_min=28,
        slow_h=4.0,
    ),
    "e5": Model(
        "别克",
        "E5",
        "LSG",
        "UE5B7",
        "BEV",
        180,
        6.8,
        ("30英寸 6K 环抱屏", "Buick Pure Drive L2+", "CDC 可变阻尼悬架", "全景天幕", "无线充电"),
        range_km=620,
        battery_kwh=79.7,
        fast_min=28,
        slow_h=11.5,
    ),
    "han": Model(
        "比亚迪",
        "汉 DM-i",
        "LGX",
        "C76C4",
        "PHEV",
        160,
        7.9,
        ("DiPilot 智能驾驶辅助", "DiLink 智能网联", "全景天窗", "丹拿音响", "NFC 车钥匙"),
        fuel=1.4,
        range_km=125,
        battery_kwh=18.3,
        fast_min=25,
        slow_h=3.0,
    ),
    "qin": Model(
        "比亚迪",
        "秦PLUS DM-i",
        "LGX",
        "C44A1",
        "PHEV",
        145,
        7.3,
        ("DiLink 智能网联", "10.1英寸自适应旋转屏", "倒车影像", "NFC 车钥匙"),
        fuel=1.6,
        range_km=55,
        battery_kwh=8.3,
        slow_h=2.5,
    ),
    "seal": Model(
        "比亚迪",
        "海豹",
        "LGX",
        "E68B5",
        "BEV",
        230,
        5.9,
        ("CTB 电池车身一体化", "iTAC 智能扭矩控制", "全景天幕", "丹拿音响", "DiPilot 智能驾驶辅助"),
        range_km=650,
        battery_kwh=82.5,
        fast_min=26,
        slow_h=12.0,
    ),
    "yuan": Model(
        "比亚迪",
        "元PLUS",
        "LGX",
        "E39D2",
        "BEV",
        150,
        7.3,
        ("刀片电池", "12.8英寸旋转屏", "全景天窗", "DiPilot 智能驾驶辅助", "NFC 车钥匙"),
        range_km=510,
        battery_kwh=60.5,
        fast_min=30,
        slow_h=9.5,
    ),
    "model3": Model(
        "特斯拉",
        "Model 3",
        "LRW",
        "3E1EK",
        "BEV",
        194,
        6.1,
        ("Autopilot 自动辅助驾驶", "15.4英寸中控屏", "全景玻璃车顶", "后排8英寸触摸屏"),
        range_km=634,
        battery_kwh=60.0,
        fast_min=27,
        slow_h=9.0,
    ),
    "modely": Model(
        "特斯拉",
        "Model Y",
        "LRW",
        "YGDEE",
        "BEV",
        220,
        5.9,
        ("Autopilot 自动辅助驾驶", "15.4英寸中控屏", "全景玻璃车顶", "电动尾门", "HEPA 空气过滤"),
        range_km=593,
        battery_kwh=62.5,
        fast_min=27,
        slow_h=10.0,
    ),
}
_LWB = "长续航全轮驱动版"

# (model, trim, guide price yuan, discount yuan, exterior, interior, status, days since production)
VEHICLES: list[tuple[str, str, int, int, str, str, str, int]] = [
    ("passat", "330TSI 星空精英版", 218_900, 25_000, "珍珠白", "黑色", "on_display", 75),
    ("passat", "380TSI 星空旗舰版", 262_900, 28_000, "极夜黑", "棕色", "in_stock", 60),
    ("passat", "330TSI 星空精英版", 218_900, 25_000, "星空灰", "黑色", "reserved", 52),
    ("tiguan", "380TSI 四驱R-Line越享版", 289_800, 30_000, "珍珠白", "黑色", "on_display", 90),
    ("tiguan", "330TSI 两驱智享版", 231_800, 22_000, "石英灰", "米色", "test_drive_fleet", 140),
    ("tiguan", "330TSI 两驱智享版", 231_800, 22_000, "极夜黑", "黑色", "in_transit", 12),
    ("lavida", "1.5L 自动满逸版", 120_900, 18_000, "天青蓝", "米色", "on_display", 66),
    ("lavida", "1.5L 自动畅行版", 106_900, 15_000, "珍珠白", "黑色", "in_stock", 48),
    ("lavida", "1.5L 自动满逸版", 120_900, 18_000, "曜石黑", "黑色", "sold", 41),
    ("id4x", "长续航 Pro 智享版", 219_900, 30_000, "冰川白", "黑白", "on_display", 80),
    ("lacrosse", "652T 豪华型", 229_900, 35_000, "珍珠白", "棕色", "on_display", 88),
    ("lacrosse", "652T 旗舰型", 259_900, 38_000, "星辰蓝", "黑色", "in_stock", 810),
    ("envision", "652T 四驱尊享型", 275_900, 40_000, "琥珀金", "棕色", "on_display", 70),
    ("envision", "652T 四驱尊享型", 275_900, 40_000, "珍珠白", "黑色", "in_stock", 35),
    ("gl8", "ES陆尊 653T 豪华型", 329_900, 20_000, "珍珠白", "米色", "on_display", 95),
    ("gl8", "ES陆尊 653T 豪华型", 329_900, 20_000, "墨玉黑", "米色", "reserved", 44),
    ("gl8phev", "智享旗舰型", 379_900, 15_000, "墨玉黑", "魔力灰", "test_drive_fleet", 160),
    ("e5", "长续航 豪华型", 239_900, 40_000, "冰川银", "黑色", "in_stock", 58),
    ("e5", "长续航 豪华型", 239_900, 40_000, "珍珠白", "黑白", "in_transit", 9),
    ("e5", "四驱 旗舰型", 269_900, 45_000, "星辰蓝", "魔力灰", "on_display", 83),
    ("han", "DM-i 125KM 尊贵型", 179_800, 8_000, "汉宫红", "棕色", "on_display", 64),
    ("han", "DM-i 125KM 尊贵型", 179_800, 8_000, "雪域白", "黑色", "test_drive_fleet", 150),
    ("han", "DM-i 125KM 旗舰型", 199_800, 8_000, "时空灰", "黑色", "sold", 30),
    ("qin", "荣耀版 DM-i 55KM 领先型", 79_800, 0, "雪域白", "黑色", "in_stock", 40),
    ("qin", "荣耀版 DM-i 55KM 领先型", 79_800, 0, "汉宫红", "黑色", "in_stock", 38),
    ("qin", "荣耀版 DM-i 55KM 超越型", 89_800, 0, "时空灰", "米色", "reserved", 33),
    ("seal", "650 四驱性能版", 239_800, 10_000, "极地蓝", "黑色", "on_display", 72),
    ("seal", "550 精英型", 179_800, 8_000, "阿尔卑斯白", "黑色", "in_stock", 50),
    ("yuan", "荣耀版 510KM 旗舰型", 135_800, 5_000, "冰川白", "黑色", "in_stock", 46),
    ("yuan", "荣耀版 510KM 旗舰型", 135_800, 5_000, "珊瑚粉", "米色", "in_transit", 6),
    ("model3", "后轮驱动版", 235_500, 0, "珍珠白", "黑色", "on_display", 40),
    ("model3", _LWB, 285_500, 0, "烈焰红", "黑白", "test_drive_fleet", 130),
    ("model3", "后轮驱动版", 235_500, 0, "星空灰", "黑色", "sold", 28),
    ("model3", "后轮驱动版", 235_500, 0, "冷光银", "黑色", "in_stock", 25),
    ("modely", "后轮驱动版", 263_500, 0, "珍珠白", "黑色", "on_display", 42),
    ("modely", _LWB, 303_500, 0, "深海蓝", "黑白", "in_stock", 36),
    ("modely", "后轮驱动版", 263_500, 0, "星空灰", "黑色", "reserved", 31),
    ("modely", _LWB, 303_500, 0, "烈焰红", "黑色", "sold", 27),
    ("modely", "后轮驱动版", 263_500, 0, "冷光银", "黑色", "in_transit", 8),
    ("passat", "380TSI 星空旗舰版", 262_900, 28_000, "珍珠白", "米色", "in_stock", 55),
]
# One car carries a disclosed transport scratch and its repair (T/CSCA 120031 4.2.3.4).
DEFECT_INDEX = 26
_OLD_STOCK_INDEX = 11  # the car produced more than two years ago
_ROUTE = {
    "in_transit": (),
    "in_stock": ("in_stock",),
    "on_display": ("in_stock", "on_display"),
    "test_drive_fleet": ("in_stock", "test_drive_fleet"),
    "reserved": ("in_stock", "reserved"),
    "sold": ("in_stock", "reserved", "sold"),
}
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # VIN position 10, a 30-year cycle from 1980


@dataclass(frozen=True)
class DemoInfo:
    database_url: str
    created: bool  # False when the demo was already complete and nothing was added
    store_name: str
    users: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    vehicles: int
    documents: int = 0  # archived document versions (voided ones included)


def demo_vin(index: int, model: Model, model_year: int) -> str:
    serial = f"{(index + 1) * 7919 % 1_000_000:06d}"
    plant = "ABCDEFGH"[index % 8]
    vin = f"{model.wmi}{model.vds}0{_YEAR_CODES[(model_year - 1980) % 30]}{plant}{serial}"
    return vin[:8] + vin_check_digit(vin) + vin[9:]


def _vehicle_input(index: int, today: dt.date) -> VehicleInput:
    key, trim, guide, discount, ext, inner, status, age = VEHICLES[index]
    m = M[key]
    produced = today - dt.timedelta(days=age)
    model_year = produced.year
    notes = ""
    if index == _OLD_STOCK_INDEX:
        notes = "库龄超过两年，清库特价，请向客户说明生产日期"
    defect = repair = ""
    if index == DEFECT_INDEX:
        defect = "运输途中右后门下沿轻微刮擦（约3厘米），已拍照存档"
        fixed = today - dt.timedelta(days=max(age - 10, 1))
        repair = f"{fixed.isoformat()} 本店钣喷车间局部补漆，漆膜厚度复检合格"
    return VehicleInput(
        vin=demo_vin(index, m, model_year),
        brand=m.brand,
        model=m.name,
        trim=trim,
        model_year=model_year,
        exterior_color=ext,
        interior_color=inner,
        powertrain=m.powertrain,
        guide_price_fen=guide * 100,
        price_fen=(guide - discount) * 100,
        configuration=list(m.configuration),
        power_kw=m.power_kw,
        accel_0_100_s=m.accel,
        fuel_l_per_100km=m.fuel,
        range_km=m.range_km,
        battery_kwh=m.battery_kwh,
        fast_charge_minutes=m.fast_min,
        slow_charge_hours=m.slow_h,
        production_date=produced,
        status="in_transit",
        defect_notes=defect,
        repair_notes=repair,
        notes=notes,
    )


def build_demo(database_url: str, *, now: dt.datetime | None = None) -> DemoInfo:
    """Create (or complete) the demo store in `database_url`; return where and the logins.

    Refuses with ShowroomError("demo_foreign_database") when the database already holds
    another store: the demo never mixes into real data.
    """
    now = now or utcnow()
    today = now.date()
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
        admin = _actor(db, DEMO_USERS[0][0])
        certificates.ensure_store_certificate(db.uow(), actor=admin)  # as at a real set-up
        created |= _add_users(db, admin, today)
        manager = _actor(db, DEMO_USERS[1][0])
        created |= _add_vehicles(db, manager, today)
        created |= _add_documents(db, manager, now)
        from app.demo.showroom import add_showroom_demo  # issue #5: the showroom floor

        created |= add_showroom_demo(db, manager, issue_cards=True)
        from app.demo.drives import add_test_drive_demo  # issue #6

        created |= add_test_drive_demo(db, manager, now)
        from app.demo.pdi import add_pdi_demo  # issue #7

        created |= add_pdi_demo(db, manager, now)
        with db.uow() as uow:
            count = uow.session.query(Vehicle).count()
            docs = uow.session.query(Document).count()
        return DemoInfo(database_url, created, DEMO_STORE["legal_name"], tuple(DEMO_USERS), count, docs)
    finally:
        db.dispose()


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


def _add_vehicles(db: Database, manager: Actor, today: dt.date) -> bool:
    with db.uow() as uow:
        have = set(uow.session.scalars(select(Vehicle.vin)))
    added = False
    for index, spec in enumerate(VEHICLES):
        data = _vehicle_input(index, today)
        if data.vin in have:
            continue
        v = vehicles.add_vehicle(db.uow(), actor=manager, data=data)
        # Walk the real status moves so each car has a believable history.
        for status in _ROUTE[spec[6]]:
            v = vehicles.change_status(
                db.uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, new_status=status
            )
        added = True
    return added


# --- signed sample documents -----------------------------------------------------------------

WRONG_ADDRESS = "上海市闵行区浦锦路2228号（近浦江镇地铁站）"  # v1's misprint: 2228 for 2288
VOID_REASON = "地址更正"


def demo_signature(seed: int = 1, *, width: int = 600) -> tuple[list, bytes]:
    """A handwriting-like signature: (pad strokes, transparent PNG), the same for a seed.

    The strokes use the pad's format (ui/widgets/signature_pad.py): [x, y, t_ms, pressure]
    with x, y from 0 to 1 across a 3:1 area. Three quick loops of varying height, as a
    three-character name written in running script; then the PNG is drawn from them."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    strokes, t = [], 0
    x0 = 0.08
    for part in range(3):
        span = rng.uniform(0.2, 0.26)
        loops = rng.randint(2, 3)
        points = []
        for i in range(41):
            u = i / 40
            x = x0 + span * u + 0.035 * math.sin(2 * math.pi * loops * u + part)
            y = (
                0.5
                + 0.24 * math.sin(2 * math.pi * loops * u + rng.uniform(-0.2, 0.2)) * (1 - 0.5 * u)
                - 0.06 * part * u
            )
            points.append(
                [round(x, 4), round(min(0.95, max(0.05, y)), 4), t, round(0.55 + 0.35 * math.sin(math.pi * u), 3)]
            )
            t += 12
        strokes.append(points)
        x0 += span + 0.04
        t += 180  # pen lifted between characters
    strokes.append([[0.12, 0.84, t, 0.6], [0.45, 0.8, t + 90, 0.8], [0.74, 0.82, t + 180, 0.5]])

    scale = 3  # draw big, then shrink: smooth (antialiased) ink
    w, h = width * scale, width * scale // 3
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        for (xa, ya, _, pa), (xb, yb, _, pb) in zip(stroke, stroke[1:], strict=False):
            line_w = max(1, round(width * 0.0065 * scale * (0.55 + 0.9 * (pa + pb) / 2)))
            draw.line([(xa * w, ya * h), (xb * w, yb * h)], fill=(20, 32, 107, 255), width=line_w, joint="curve")
    image = image.resize((width, width // 3), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return strokes, out.getvalue()


def _manager_signature(manager: Actor, now: dt.datetime, seed: int) -> SignatureCapture:
    strokes, png = demo_signature(seed)
    return SignatureCapture(manager.full_name, "manager", now - dt.timedelta(minutes=5), strokes, png)


def _add_documents(db: Database, manager: Actor, now: dt.datetime) -> bool:
    """The three store notices, adding only the missing steps (idempotent)."""
    from app.documents.layout import SignatureDTO, SignerRole
    from app.documents.sample_notice import render_store_notice

    query = documents.DocumentQuery(doc_type="store_notice", include_voided=True)
    have = documents.list_documents(db.uow(), actor=manager, query=query)
    added = False
    if not have:
        # v1 as it was first posted, with the misprinted house number.
        wrong = dataclasses.replace(store.get_store(db.uow()), address=WRONG_ADDRESS)
        sig = _manager_signature(manager, now, seed=7)
        drawn = [SignatureDTO(sig.signer_name, SignerRole.MANAGER, sig.signed_at, sig.png)]
        documents.issue_document(
            db.uow(),
            actor=manager,
            doc_type="store_notice",
            subject_type="store",
            subject_id=wrong.id,
            subject_ref=wrong.legal_name,
            language="bilingual",
            signatures=[sig],
            render=lambda number, version, at: render_store_notice(
                wrong, number=number, version=version, language="bilingual", issued_at=at, signatures=drawn
            ),
        )
        have = documents.list_documents(db.uow(), actor=manager, query=query)
        added = True
    first = min(have, key=lambda d: (d.number, d.version))
    if not any(d.number == first.number and d.version > 1 for d in have):
        documents.issue_store_notice(
            db.uow(),
            actor=manager,
            language="bilingual",
            signatures=[_manager_signature(manager, now, seed=7)],
            replaces=first.number,
            reason=VOID_REASON,
        )
        added = True
    if not any(d.language == "zh" for d in have):
        documents.issue_store_notice(
            db.uow(), actor=manager, language="zh", signatures=[_manager_signature(manager, now, seed=7)]
        )
        added = True
    return added
