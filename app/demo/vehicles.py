"""The demo store's cars (乘用车): the models on sale and the cars in stock, with prices,
configuration and a believable status history, added through the real inventory services
(app/demo/__init__.py).

One car carries a disclosed transport scratch and its repair (T/CSCA 120031 4.2.3.4); one was
produced more than two years ago. VINs are valid (check digit) and deterministic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.dto import Actor
from app.core.validation import vin_check_digit
from app.inventory import vehicles
from app.inventory.vehicles import VehicleInput
from db.models import Vehicle
from db.uow import Database


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
    # Awaiting their PDI before delivery: reserved, since a car is sold only by its contract and
    # never enters as sold (issue #18.4); the demo's sale (app/demo/sales.py) sells its own cars.
    "sold": ("in_stock", "reserved"),
}
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # VIN position 10, a 30-year cycle from 1980


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


def add_vehicles(db: Database, manager: Actor, today: dt.date) -> bool:
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
