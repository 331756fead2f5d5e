"""The top of a vehicle card (一车一卡, T/CSCA 120031-2023 4.2.1.2), read from 1-2 m: the
store band with the card's reference, the model, the selling price against the guide price,
the promotion with its rules and conditions (4.3.2.1) and the disclosure (4.2.3.4). Each
section measures itself for a density and returns a `Block` that card_layouts.py places.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm

from app.documents.layout import GREY, INK, Text
from app.showroom.card_pen import (
    BAND,
    BAND_EN,
    CW,
    DARK_RED,
    DISC_BG,
    GREEN,
    M,
    PANEL,
    PROMO_BG,
    PROMO_EDGE,
    PROMO_INK,
    RED,
    SLATE,
    WHITE,
    Block,
    Pen,
    wording,
)
from app.showroom.vehicle_card import CardDTO, disclosure_parts, fmt_money, is_nev, issue_date

T_CARD = Text("一车一卡", "Vehicle card")
T_MODEL_YEAR = Text("{y}款", "MY{y}")
T_EXTERIOR, T_INTERIOR = Text("外观", "Exterior"), Text("内饰", "Interior")
T_PRICE = Text("售价", "Price")
T_GUIDE = Text("厂商指导价", "MSRP")
T_SAVE = Text("优惠", "You save")
T_PROMO = Text("促销活动", "Promotion")
T_CONDITIONS = Text("附加条件", "Conditions")
T_VALID = Text("有效期至", "Valid until")
T_PROMO_POSTED = Text("完整活动规则及附加条件见店内促销公示", "Full rules and conditions are posted in the store")
T_DISCLOSURE = Text("车辆情况披露", "Vehicle disclosure")
T_NEV = Text("新能源", "NEV")
POWERTRAIN = {
    "ICE": Text("燃油", "Petrol"),
    "HEV": Text("油电混动", "HEV"),
    "PHEV": Text("插电混动", "PHEV"),
    "BEV": Text("纯电动", "BEV"),
}


def band(p: Pen, card: CardDTO, top: float) -> float:
    h = 12 * mm
    p.box(M, top - h, CW, h, BAND, 1.5 * mm)
    ref = f"No. {card.card_number} v{card.version}"
    ref_w = p.width(ref, 8.5)
    p.label(M + CW - 3 * mm, top - 4.8 * mm, T_CARD, 7.5, WHITE, en_color=BAND_EN, align="r")
    p.text(M + CW - 3 * mm, top - 9.3 * mm, ref, 8.5, WHITE, align="r")
    room = CW - 9 * mm - max(ref_w, p.label_width(T_CARD, 7.5))
    p.text(M + 3 * mm, top - 7.6 * mm, p.fit(card.store.legal_name, 10.5, room), 10.5, WHITE, bold=True)
    return top - h


def draw_chip(p: Pen, right: float, y: float, text: str, color) -> float:
    w = p.width(text, 7.5) + 3 * mm
    p.box(right - w, y - 1.3 * mm, w, 4.6 * mm, color, 1.2 * mm)
    p.text(right - w / 2, y, text, 7.5, WHITE, align="c")
    return w


# Type sizes by how full the card is: a sparse card gets larger model and price type.
DENSITIES = ("roomy", "normal", "compact")
_TITLE = {"roomy": (30, 11.5, 15, 7), "normal": (24, 9.5, 13, 6), "compact": (20, 8, 11, 5)}
# panel height mm, price pt, guide price pt, guide baseline mm below the panel top
_PRICE = {"roomy": (21, 34, 12, 9.6), "normal": (17, 27, 12, 9.6), "compact": (15, 22, 10, 8.2)}


def title_block(p: Pen, card: CardDTO, density: str) -> Block:
    v, lang = card.vehicle, p.lang
    model_size, model_lead, trim_size, trim_lead = _TITLE[density]
    model_lead, trim_lead = model_lead * mm, trim_lead * mm
    model = p.wrap(v.model, model_size, CW, 2)
    trim = p.wrap(v.trim, trim_size, CW, 2) if v.trim.strip() else []
    colours = [(t, val) for t, val in ((T_EXTERIOR, v.exterior_color), (T_INTERIOR, v.interior_color)) if val.strip()]
    h = (
        5.5 * mm
        + len(model) * model_lead
        + (1 * mm + len(trim) * trim_lead if trim else 0)
        + (5.2 * mm if colours else 0)
        + 2.5 * mm
    )

    def draw(top: float) -> None:
        y = top - 5.5 * mm
        x = M + p.text(M, y, f"{v.brand} · ", 9.5, GREY)
        p.label(x, y, wording(T_MODEL_YEAR, y=v.model_year), 9.5, GREY)
        right = M + CW
        kind = POWERTRAIN.get(v.powertrain, Text(v.powertrain, v.powertrain))
        chip = p.pick(kind) if lang != "bilingual" else f"{kind.zh} {kind.en}"
        right -= draw_chip(p, right, y, chip, SLATE) + 1.5 * mm
        if is_nev(v):
            draw_chip(p, right, y, p.pick(T_NEV) if lang != "bilingual" else "新能源 NEV", GREEN)
        for line in model:
            y -= model_lead
            p.text(M, y, line, model_size, INK, bold=True)
        if trim:
            y -= 1 * mm
        for line in trim:
            y -= trim_lead
            p.text(M, y, line, trim_size, INK)
        if colours:
            y -= 5.2 * mm
            x = M
            for t, val in colours:
                x += p.label(x, y, t, 8.5, GREY) + 1.5 * mm
                x += p.text(x, y, val, 8.5, INK) + 5 * mm

    return Block(h, draw)


def price_block(p: Pen, card: CardDTO, density: str) -> Block:
    v = card.vehicle
    h, size, guide_size, guide_y = _PRICE[density]
    h *= mm

    def draw(top: float) -> None:
        p.box(M, top - h, CW, h, PANEL, 1.5 * mm)
        p.label(M + 3.5 * mm, top - 4.4 * mm, T_PRICE, 8.5, INK)
        p.text(M + 3.5 * mm, top - h + 2.8 * mm, fmt_money(v.price_fen), size, RED, bold=True)
        right = M + CW - 3.5 * mm
        p.label(right, top - 4.4 * mm, T_GUIDE, 7.5, GREY, align="r")
        y = top - guide_y * mm
        w = p.text(right, y, fmt_money(v.guide_price_fen), guide_size, GREY, align="r")
        if v.price_fen < v.guide_price_fen:
            strike = y + guide_size * 0.35
            p.line(right - w - 0.5 * mm, strike, right + 0.5 * mm, strike, GREY, 0.8)
            save = fmt_money(v.guide_price_fen - v.price_fen)
            y = top - h + 2.8 * mm
            w = p.text(right, y, save, 9.5, RED, bold=True, align="r")
            p.label(right - w - 1.5 * mm, y, T_SAVE, 8, RED, en_color=RED, align="r")

    return Block(h + 1 * mm, draw)


# How much of a promotion's text the card keeps, most first: (rule lines, condition lines,
# title lines). Cut short, the card points to the promotion posted in the store (4.3.2.1).
PROMO_LEVELS = ((5, 2, 2), (3, 2, 2), (2, 1, 2), (1, 1, 2), (0, 0, 2), (0, 0, 1))


def promotion_block(p: Pen, card: CardDTO, level: tuple[int, int, int]) -> Block | None:
    promo = card.promotion
    if promo is None:
        return None
    rule_lines, cond_lines, title_lines = level
    pad, inner, lead = 2.2 * mm, CW - 7 * mm, 3.6 * mm
    head_w = p.label_width(T_PROMO, 8) + 2.5 * mm
    valid = promo.valid_until.isoformat() if promo.valid_until else ""
    valid_w = (p.label_width(T_VALID, 7) + p.width(" " + valid, 8) + 3 * mm) if valid else 0
    title = p.wrap(promo.title, 10, inner - head_w - valid_w, title_lines)
    rules = p.wrap(promo.rules, 8, inner, rule_lines) if promo.rules.strip() else []
    cond_w = p.label_width(T_CONDITIONS, 7.5) + 1.5 * mm
    conditions = p.wrap(promo.conditions, 7.5, inner - cond_w, cond_lines) if promo.conditions.strip() else []
    cut = (len(p.wrap(promo.rules, 8, inner)) > len(rules) if promo.rules.strip() else False) or (
        len(p.wrap(promo.conditions, 7.5, inner - cond_w)) > len(conditions) if promo.conditions.strip() else False
    )
    note = (
        [
            p.fit(
                p.pick(T_PROMO_POSTED) if p.lang != "bilingual" else f"{T_PROMO_POSTED.zh} {T_PROMO_POSTED.en}",
                7,
                inner,
            )
        ]
        if cut
        else []
    )
    h = 2 * pad + 3.6 * mm + (len(title) - 1) * 4.4 * mm
    h += (len(rules) + len(conditions) + len(note)) * lead + (0.6 * mm if rules else 0)

    def draw(top: float) -> None:
        p.box(M, top - h, CW, h, PROMO_BG, 1.5 * mm)
        p.box(M, top - h, 1.5 * mm, h, PROMO_EDGE)
        x, y = M + 4 * mm, top - pad - 3.4 * mm
        p.label(x, y, T_PROMO, 8, PROMO_INK, bold=True, en_color=PROMO_INK)
        if valid:
            w = p.text(M + CW - 3 * mm, y, " " + valid, 8, INK, bold=True, align="r")
            p.label(M + CW - 3 * mm - w, y, T_VALID, 7, PROMO_INK, align="r")
        for line in title:
            p.text(x + head_w, y, line, 10, INK, bold=True)
            y -= 4.4 * mm
        y += 4.4 * mm - lead - (0.6 * mm if rules else 0)
        for line in rules:
            p.text(x, y, line, 8, INK)
            y -= lead
        for i, line in enumerate(conditions):
            if i == 0:
                p.label(x, y, T_CONDITIONS, 7.5, PROMO_INK)
            p.text(x + cond_w, y, line, 7.5, INK)
            y -= lead
        for line in note:
            p.text(x, y, line, 7, PROMO_INK)

    return Block(h, draw)


def disclosure_block(p: Pen, card: CardDTO) -> Block | None:
    # T/CSCA 120031 4.2.3.4: printed in full, red, never shortened to make room.
    items = disclosure_parts(card.vehicle, issue_date(card))
    if not items:
        return None
    pad, x, inner = 2.2 * mm, M + 3.5 * mm, CW - 7 * mm
    rows: list[tuple[float, Callable[[float], None]]] = []  # (line height, draw at baseline)

    def lead(size: float) -> float:
        return size * 1.3 * 0.3528 * mm + 0.5 * mm

    def add(text: str, size: float, colour, bold: bool, indent: float = 0.0, label: Text | None = None) -> None:
        def draw(y: float) -> None:
            if label is not None:
                w = p.label(x, y, label, size, DARK_RED, bold=True, en_color=DARK_RED)
                p.text(x + w, y, ": " if p.lang == "en" else "：", size, DARK_RED, bold=True)
            p.text(x + indent, y, text, size, colour, bold=bold)

        rows.append((lead(size), draw))

    for text, notes in items:
        if notes is None:  # a sentence: Chinese, its English beneath
            if p.lang != "en":
                for line in p.wrap(text.zh, 8.5, inner):
                    add(line, 8.5, DARK_RED, True)
            if p.lang != "zh":
                size, colour = (6.5, GREY) if p.lang == "bilingual" else (8.5, DARK_RED)
                for line in p.wrap(text.en, size, inner):
                    add(line, size, colour, p.lang == "en")
        else:  # "瑕疵披露 Defect disclosed：" and the notes, once
            indent = p.label_width(text, 8.5) + p.width("：", 8.5)
            for i, line in enumerate(p.wrap(notes, 8.5, inner - indent)):
                add(line, 8.5, DARK_RED, True, indent, text if i == 0 else None)
    h = 2 * pad + 4 * mm + sum(height for height, _ in rows)

    def draw(top: float) -> None:
        p.outline(M + 0.6, top - h + 0.6, CW - 1.2, h - 1.2, DISC_BG, RED, 1.2, 1.5 * mm)
        y = top - pad - 3.2 * mm
        p.label(x, y, T_DISCLOSURE, 9, RED, bold=True, en_color=RED)
        y -= 0.6 * mm
        for height, draw_row in rows:
            y -= height
            draw_row(y)

    return Block(h, draw)
