"""The foot of a vehicle card (一车一卡, T/CSCA 120031-2023 4.2.1.2): the performance tiles,
an NEV's charging-pile offer (4.1.3.5), the configuration beside the QR code, and the store's
phones (4.1.3.5) with the card's reference along the bottom edge.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.documents.layout import GREY, INK, T_COMPLAINT, T_SALES, Text
from app.showroom import qr_draw
from app.showroom.card_pen import CW, GREEN, LIGHT_RULE, SLATE, TILE, M, Block, Pen, fmt_number, wording
from app.showroom.vehicle_card import CardDTO, fmt_money, is_nev, issue_date

T_CONFIG = Text("主要配置", "Key configuration")
T_MORE = Text("…等{n}项配置", "({n} features in all)")
T_NO_CONFIG = Text("详询销售顾问", "Ask your sales consultant")
T_PILE = Text("充电桩安装", "Charging pile")
T_PILE_INCLUDED = Text("已含在售价中", "included in the price")
T_PILE_FREE = Text("免费", "free of charge")
T_PILE_FEE = Text("收费", "fee")
T_PILE_ASK = Text(
    "服务内容及收费标准见店内公示，详询销售顾问", "Service and fees are posted in the store; ask your sales consultant"
)
T_SCAN = Text("扫码查看本车信息", "Scan for details")
T_VIN = Text("车架号", "VIN")
T_NO, T_ISSUED = Text("卡号", "Card No."), Text("发布日期", "Issued")
T_POWER, T_ACCEL = Text("最大功率", "Max power"), Text("百公里加速", "0-100 km/h")
T_FUEL, T_RANGE = Text("综合油耗", "Fuel consumption"), Text("CLTC纯电续航", "CLTC range")
T_BATTERY, T_FAST = Text("电池容量", "Battery"), Text("快充时间", "Fast charge")
T_SLOW = Text("慢充时间", "Slow charge")


def tiles_block(p: Pen, card: CardDTO, compact: bool = False) -> Block | None:
    v = card.vehicle
    specs = [(T_POWER, v.power_kw, "kW"), (T_ACCEL, v.accel_0_100_s, "s")]
    if is_nev(v):
        specs += [
            (T_RANGE, v.range_km, "km"),
            (T_BATTERY, v.battery_kwh, "kWh"),
            (T_FAST, v.fast_charge_minutes, "min"),
            (T_SLOW, v.slow_charge_hours, "h"),
        ]
    if v.powertrain != "BEV":
        specs.append((T_FUEL, v.fuel_l_per_100km, "L/100km"))
    specs = [(t, val, unit) for t, val, unit in specs if val is not None]
    if not specs:
        return None
    per_row = len(specs) if len(specs) <= 6 else (len(specs) + 1) // 2
    rows = [specs[i : i + per_row] for i in range(0, len(specs), per_row)]
    tile_h, gap = (9.5 if compact else 11) * mm, 1.5 * mm
    h = len(rows) * tile_h + (len(rows) - 1) * gap

    def draw(top: float) -> None:
        w = (CW - (per_row - 1) * gap) / per_row
        for r, row in enumerate(rows):
            y0 = top - (r + 1) * tile_h - r * gap
            for i, (label, value, unit) in enumerate(row):
                x0 = M + i * (w + gap)
                p.box(x0, y0, w, tile_h, TILE, 1.2 * mm)
                cx = x0 + w / 2
                number, size = fmt_number(value), 13
                total = p.width(number, size) + p.width(" " + unit, 7.5)
                x = cx - total / 2
                x += p.text(x, y0 + 5.6 * mm, number, size, INK, bold=True)
                p.text(x, y0 + 5.6 * mm, " " + unit, 7.5, INK)
                if p.lang == "bilingual":
                    p.text(cx, y0 + 3.0 * mm, p.fit(label.zh, 7, w - 2 * mm), 7, INK, align="c")
                    p.text(cx, y0 + 1.0 * mm, p.fit(label.en, 5.5, w - 2 * mm), 5.5, GREY, align="c")
                else:
                    p.text(cx, y0 + 2.3 * mm, p.fit(p.pick(label), 7, w - 2 * mm), 7, INK, align="c")

    return Block(h, draw)


def charging_pile_block(p: Pen, card: CardDTO, compact: bool = False) -> Block | None:
    # T/CSCA 120031 4.1.3.5: an NEV's charging-pile installation service and its fee.
    if not is_nev(card.vehicle):
        return None
    pile = card.charging_pile
    if pile is None:
        fee = T_PILE_ASK
        body = p.pick(fee) if p.lang != "bilingual" else f"{fee.zh}（{fee.en}）"
    else:
        fee = T_PILE_INCLUDED if pile.included else T_PILE_FREE if pile.fee_fen == 0 else T_PILE_FEE
        body = f"{pile.service.strip()} · " + (p.pick(fee) if p.lang != "bilingual" else f"{fee.zh} {fee.en}")
        if fee is T_PILE_FEE:
            body += " " + fmt_money(pile.fee_fen)
    head_w = p.label_width(T_PILE, 8) + 2 * mm
    lines = p.wrap(body, 8, CW - 4 * mm - head_w, 2 if compact else 3)
    h = 1.6 * mm + len(lines) * 3.7 * mm + 0.4 * mm

    def draw(top: float) -> None:
        p.box(M, top - h, 1.2 * mm, h, GREEN)
        y = top - 4.2 * mm
        p.label(M + 3 * mm, y, T_PILE, 8, GREEN, bold=True, en_color=GREEN)
        for line in lines:
            p.text(M + 3 * mm + head_w, y, line, 8, INK)
            y -= 3.7 * mm

    return Block(h, draw)


def footer(p: Pen, card: CardDTO) -> float:
    """The store's phones (4.1.3.5) and the card's reference along the foot; returns its top."""
    store, v = card.store, card.vehicle
    phones = ((T_SALES, store.sales_hotline), (T_COMPLAINT, store.complaint_phone))
    need = sum(p.label_width(t, 7.5) + p.width(n, 10.5) + 7.5 * mm for t, n in phones)
    size = 10.5 * min(1.0, (CW + 6 * mm) / need)  # long extension numbers still fit
    y, x = M + 7.5 * mm, M
    for label, number in phones:
        x += p.label(x, y, label, 7.5, GREY) + 1.5 * mm
        x += p.text(x, y, number, size, INK, bold=True) + 6 * mm
    ref = (
        f"{p.pick(T_VIN)} {v.vin} · {p.pick(T_NO)} {card.card_number} v{card.version} · "
        f"{p.pick(T_ISSUED)} {issue_date(card).isoformat()}"
    )
    y = M + 2.5 * mm
    w = p.text(M + CW, y, p.fit(ref, 6.5, CW * 0.75), 6.5, GREY, align="r")
    p.text(M, y, p.fit(store.legal_name, 7, CW - w - 4 * mm), 7, GREY)
    top = M + 12 * mm
    p.line(M, top, M + CW, top, LIGHT_RULE, 0.6)
    return top


def qr_and_configuration(p: Pen, card: CardDTO, payload: str, bottom: float) -> float:
    """The QR code in the bottom-right corner, the configuration list to its left; returns
    the top of this zone (the quiet zone above the code included)."""
    size = qr_draw.SYMBOL_MM
    quiet = qr_draw.quiet_zone_mm(payload, size) * mm
    x, y = M + CW - size * mm, bottom + quiet + 1 * mm
    p.flush_shapes()
    qr_draw.draw_qr(p.c, payload, x, y, size)
    top = y + size * mm + quiet
    # Caption at the foot of the column, next to the code.
    col_right = x - quiet - 1.5 * mm
    if p.lang == "bilingual":
        p.text(col_right, y + 4 * mm, T_SCAN.zh + " ▶", 8.5, INK, bold=True, align="r")
        p.text(col_right, y + 0.8 * mm, T_SCAN.en, 6.5, GREY, align="r")
    else:
        p.text(col_right, y + 1.5 * mm, p.pick(T_SCAN) + " ▶", 8.5, INK, bold=True, align="r")
    col_w = col_right - M
    head_y = top - 4 * mm
    p.label(M, head_y, T_CONFIG, 9.5, INK, bold=True)
    row_h = 4.6 * mm
    first = head_y - 6 * mm
    room = int((first - (y + 8.5 * mm)) // row_h) + 1
    items = [s.strip() for s in card.vehicle.configuration if s.strip()]
    rows = min(room, 8)
    if not items:
        shown, more = [p.pick(T_NO_CONFIG)], None
    elif len(items) <= rows:
        shown, more = items, None
    else:
        shown, more = items[: rows - 1], wording(T_MORE, n=len(items))
    yy = first
    for item in shown:
        p.box(M + 0.35 * mm, yy + 0.45 * mm, 1.3 * mm, 1.3 * mm, GREEN if is_nev(card.vehicle) else SLATE, 0.65 * mm)
        p.text(M + 3.2 * mm, yy, p.fit(item, 8.5, col_w - 3.2 * mm), 8.5, INK)
        yy -= row_h
    if more:
        text = p.pick(more) if p.lang != "bilingual" else f"{more.zh} {more.en}"
        p.text(M + 3.2 * mm, yy, p.fit(text, 8, col_w - 3.2 * mm), 8, GREY)
    return top
