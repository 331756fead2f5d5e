"""The demo's published price and fee list (价格公示, 《汽车销售管理办法》 art. 10; T/CSCA 120031
4.3.2.1-4.3.2.2; issue #18.9), built by the sales manager through the price list services.

One version, effective today: the store's price of every model and trim the demo has in stock
(the car's price, below the maker's guide price), a few options and accessories, the four
service fees of 4.3.2.2 with when each is done, and one public promotion valid for months.
Publishing prints and archives the bilingual notice, so the list is fixed from then on.
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today
from app.core.dto import Actor
from app.demo.vehicles import VEHICLES, M
from app.sales.api import (
    PriceItemInput,
    create_price_list,
    get_price_list,
    list_price_lists,
    publish_price_list,
    save_price_item,
)
from db.sales_models import PriceItemKind, PriceListStatus
from db.uow import Database

OPTIONS = (
    (PriceItemKind.OPTION, "OPT-PPF", "全车隐形车衣（TPU）", "Paint protection film (TPU)", 880_000),
    (PriceItemKind.OPTION, "OPT-TINT", "前挡及侧窗隔热膜", "Heat-insulating window film", 280_000),
    (PriceItemKind.ACCESSORY, "ACC-MATS", "全包围脚垫", "All-weather floor mats", 120_000),
    (PriceItemKind.ACCESSORY, "ACC-DASHCAM", "前后双录行车记录仪", "Front and rear dash camera", 150_000),
    (PriceItemKind.ACCESSORY, "ACC-WALLBOX", "7kW 家用充电桩（含基础安装）", "7 kW home wallbox, installed", 350_000),
)
# 4.3.2.2 and 办法 art. 14: agency services are offered, never compulsory; each says when it is done.
SERVICE_FEES = (
    ("registration", "上牌代办", "Registration agency", 50_000, "交车后10个工作日内办妥"),
    ("insurance", "保险代办", "Insurance agency", 0, "交车前出具保单"),
    ("loan", "贷款代办", "Loan agency", 100_000, "签约后5个工作日内放款"),
    ("delivery", "交付服务", "Delivery service", 0, "交车当日，本店交付区"),
)
PROMOTION_CODE = "PROMO-TRADEIN"
PROMOTION_DAYS = 180  # "valid well beyond today" (issue #18.9)


def _vehicle_items() -> list[PriceItemInput]:
    """Each model and trim once, at the store's price of its cars (guide price less the store's
    discount, as on the vehicle cards)."""
    seen: dict[tuple[str, str, str], PriceItemInput] = {}
    for key, trim, guide, discount, *_ in VEHICLES:
        m = M[key]
        if (m.brand, m.name, trim) not in seen:
            seen[(m.brand, m.name, trim)] = PriceItemInput(
                kind=PriceItemKind.VEHICLE,
                code="-".join(("VEH", m.brand, m.name, trim)),  # the list's standard vehicle code
                name_zh=f"{m.name} {trim}",
                amount_fen=(guide - discount) * 100,
                brand=m.brand,
                model=m.name,
                trim=trim,
                rules=f"厂家指导价 {guide:,} 元" if discount else "",
            )
    return list(seen.values())


def _other_items(today: dt.date) -> list[PriceItemInput]:
    items = [PriceItemInput(kind=k, code=c, name_zh=zh, name_en=en, amount_fen=a) for k, c, zh, en, a in OPTIONS]
    items += [
        PriceItemInput(
            kind=PriceItemKind.SERVICE_FEE, code=code, name_zh=zh, name_en=en, amount_fen=amount, timing=timing
        )
        for code, zh, en, amount, timing in SERVICE_FEES
    ]
    items.append(
        PriceItemInput(
            kind=PriceItemKind.PROMOTION,
            code=PROMOTION_CODE,
            name_zh="置换补贴",
            name_en="Trade-in bonus",
            amount_fen=500_000,
            rules="旧车置换本店新车，补贴 5,000 元；限个人客户，每车一次，以旧车评估为准。",
            valid_from=today,
            valid_to=today + dt.timedelta(days=PROMOTION_DAYS),
        )
    )
    return items


def add_price_list(db: Database, manager: Actor, now: dt.datetime) -> bool:
    """Publish the demo's list once; True when it was made now (idempotent: a store that
    already published a list keeps it)."""
    lists = list_price_lists(db.uow(), actor=manager)
    if any(pl.status == PriceListStatus.PUBLISHED for pl in lists):
        return False
    today = store_today(now)
    draft = next((pl for pl in lists if pl.status == PriceListStatus.DRAFT), None)
    if draft is None:
        draft = create_price_list(
            db.uow(), actor=manager, title=f"浦江汽车 {today.year} 年价格及服务收费公示", effective_from=today, now=now
        )
    have = {item.code for item in get_price_list(db.uow(), actor=manager, price_list_id=draft.id).items}
    for item in _vehicle_items() + _other_items(today):
        if item.code and item.code in have:
            continue
        save_price_item(db.uow(), actor=manager, price_list_id=draft.id, data=item, now=now)
    version = get_price_list(db.uow(), actor=manager, price_list_id=draft.id).version
    publish_price_list(db.uow(), actor=manager, price_list_id=draft.id, expected_version=version, now=now)
    return True
