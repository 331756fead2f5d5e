"""The text a card's QR code says when the store has no web page for its cards (issue #17.18):
what the card promises behind "scan for details" (扫码查看详情), in the card's language (zh, en,
or bilingual labels): the reference, price, model, promotion with its rules and conditions
(4.3.2.1), performance, the full configuration (4.2.1.2; the card itself lists eight items at
most), disclosures (4.2.3.4), VIN, store and phones (4.1.3.5).

The payload is capped at qr.MAX_PAYLOAD_BYTES (UTF-8). The reference, price, disclosure flags,
VIN and phones always stay; the rest share what is left in order of importance (model, the
promotion, performance, configuration, the promotion's rules, its conditions, store name), each cut at a
character boundary with "…" when it does not fit, and left out when not even a few characters
would. Lines keep their reading order whatever was cut.
"""

from __future__ import annotations

from app.showroom.vehicle_card import CardDTO, disclosure_flags, fmt_money, is_nev, issue_date
from db.models import Powertrain

# Label per language: (zh, en, bilingual). The bilingual code keeps Chinese labels beyond its
# first line (as the data is Chinese anyway): English labels would cost a fifth of the room.
_LABELS: dict[str, tuple[str, str, str]] = {
    "card": ("一车一卡", "Vehicle card", "一车一卡 Vehicle card"),
    "year": ("{y}款", "MY{y}", "{y}款"),
    "price": ("售价", "Price", "售价"),
    "guide": ("指导价", "MSRP", "指导价"),
    "promo": ("促销", "Promotion", "促销"),
    "until": ("（至 {d}）", " (until {d}) ", "（至 {d}）"),
    "rules": ("规则", "Rules", "规则"),
    "conditions": ("条件", "Conditions", "条件"),
    "config": ("配置", "Features", "配置"),
    "disclosed": ("披露", "Disclosed", "披露 Disclosed"),
    "sales": ("销售", "Sales", "销售"),
    "complaints": ("投诉", "Complaints", "投诉"),
    "range": ("续航", "Range ", "续航"),
    "battery": ("电池", "Battery ", "电池"),
    "ev_range": ("纯电", "EV range ", "纯电"),
    "fuel": ("油耗", "Fuel ", "油耗"),
    "power": ("功率", "Power ", "功率"),
}
_FLAGS_EN = {
    "生产日期不详": "production date unknown",
    "生产超两年": "over 2 years old",
    "瑕疵": "defect",
    "维修": "repair",
}
_FLAGS_BI = {
    "生产日期不详": "生产日期不详 date unknown",
    "生产超两年": "生产超两年 >2 yrs",
    "瑕疵": "瑕疵 defect",
    "维修": "维修 repair",
}
_ESSENTIAL = ("ref", "price", "disclosed", "vin", "phones")
# (line, most characters kept): the order in which optional lines get what room is left.
_PRIORITY = (
    ("model", 60),
    ("promo", 50),
    ("performance", 40),
    ("config", 48),
    ("rules", 36),
    ("conditions", 30),
    ("store", 30),
)
_ORDER: tuple[str, ...] = ("ref", "model", "price", "promo", "rules", "conditions", "performance", "config")
_ORDER += ("disclosed", "vin", "store", "phones")
_MIN_KEPT = 4  # fewer characters than this (plus "…") say nothing: the line is left out


def _label(key: str, language: str) -> str:
    return _LABELS[key][("zh", "en", "bilingual").index(language)]


def _performance(card: CardDTO, language: str) -> str:
    v = card.vehicle

    def part(key: str, value) -> str:
        return f"{_label(key, language)}{value}" if value else ""

    if Powertrain(v.powertrain) == Powertrain.BEV:
        parts = [
            part("range", v.range_km and f"{v.range_km}km"),
            part("battery", v.battery_kwh and f"{v.battery_kwh:g}kWh"),
        ]
    elif is_nev(v):  # PHEV: electric range and fuel
        parts = [
            part("ev_range", v.range_km and f"{v.range_km}km"),
            part("fuel", v.fuel_l_per_100km and f"{v.fuel_l_per_100km:g}L/100km"),
        ]
    else:
        parts = [
            part("power", v.power_kw and f"{v.power_kw}kW"),
            part("fuel", v.fuel_l_per_100km and f"{v.fuel_l_per_100km:g}L/100km"),
        ]
    return " ".join(p for p in parts if p)


def _flags(card: CardDTO, language: str) -> str:
    flags = disclosure_flags(card.vehicle, issue_date(card))  # 4.2.3.4
    if not flags:
        return ""
    names = {"en": _FLAGS_EN, "bilingual": _FLAGS_BI}.get(language, {})
    return _label("disclosed", language) + " " + " ".join(names.get(f, f) for f in flags)


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def payload_lines(card: CardDTO, language: str) -> dict[str, str]:
    """Every line at full length ("" = nothing to say), keyed by name."""
    v, store, promo = card.vehicle, card.store, card.promotion
    year = _label("year", language).format(y=v.model_year)
    model = " ".join(p for p in (v.brand, v.model, v.trim, year, v.exterior_color) if p)
    if language == "en":
        model = " ".join(p for p in (year, v.brand, v.model, v.trim, v.exterior_color) if p)
    lines = {
        "ref": f"{_label('card', language)} No. {card.card_number} v{card.version} {issue_date(card).isoformat()}",
        "model": _one_line(model),
        "price": f"{_label('price', language)} {fmt_money(v.price_fen)} "
        f"{_label('guide', language)} {fmt_money(v.guide_price_fen)}",
        "promo": "",
        "rules": "",
        "conditions": "",
        "performance": _performance(card, language),
        "config": "",
        "disclosed": _flags(card, language),
        "vin": f"VIN {v.vin}",
        "store": _one_line(store.legal_name),
        "phones": f"{_label('sales', language)} {store.sales_hotline} "
        f"{_label('complaints', language)} {store.complaint_phone}",
    }
    if promo is not None:
        # The last day comes before the title, so that cutting a long title keeps it.
        until = _label("until", language).format(d=promo.valid_until.isoformat()) if promo.valid_until else " "
        lines["promo"] = f"{_label('promo', language)}{until}{_one_line(promo.title)}"
        lines["rules"] = f"{_label('rules', language)} {_one_line(promo.rules)}" if promo.rules.strip() else ""
        if promo.conditions.strip():
            lines["conditions"] = f"{_label('conditions', language)} {_one_line(promo.conditions)}"
    items = [_one_line(s) for s in v.configuration if s.strip()]
    if items:
        lines["config"] = (
            f"{_label('config', language)} " + "、".join(items)
            if language != "en"
            else (f"{_label('config', language)} " + "; ".join(items))
        )
    return lines


def _cut(text: str, chars: int, room: int) -> str:
    """`text` in at most `chars` characters and `room` UTF-8 bytes, ending in "…" when cut;
    "" when fewer than _MIN_KEPT characters after its label (up to the first space) would be left."""
    if len(text) <= chars and len(text.encode("utf-8")) <= room:
        return text
    least = (text.find(" ") + 1 if " " in text else _MIN_KEPT) + _MIN_KEPT
    keep = min(len(text), chars) - 1
    while keep >= least and len((text[:keep] + "…").encode("utf-8")) > room:
        keep -= 1
    return text[:keep].rstrip() + "…" if keep >= least else ""


def text_payload(card: CardDTO, language: str, limit: int) -> str:
    """The lines joined by newlines, within `limit` bytes as far as the essentials allow."""
    full = payload_lines(card, language)
    kept = {k: full[k] for k in _ESSENTIAL if full[k]}
    room = limit - len("\n".join(kept.values()).encode("utf-8"))
    for key, chars in _PRIORITY:
        if not full[key]:
            continue
        line = _cut(full[key], chars, room - 1)  # 1: its newline
        if line:
            kept[key] = line
            room -= len(line.encode("utf-8")) + 1
    return "\n".join(kept[k] for k in _ORDER if k in kept)
