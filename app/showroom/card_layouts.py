"""Drawing the vehicle card (vehicle_card.py) with canvas primitives: no platypus, one Canvas
for a whole batch, so 60 cards print in well under a second.

The card is designed once, for A5 portrait (148 x 210 mm), for reading from 1-2 m: the model
and the selling price large, then promotion, disclosure, performance tiles, the configuration
beside the QR code, and the store's phones and the card's reference along the foot.
  A5      one card per A5 page;
  A4      the same card enlarged by sqrt(2) (A4 is A5 doubled), for a floor stand;
  A4_2UP  A4 landscape with two A5 cards side by side and cut marks in the middle: cut in
          half, each is exactly the A5 card, so one stand size and one design serve both.
The QR symbol is 50 mm wide on A5 and on the two-up sheet and 71 mm on A4 (qr.py: read from
about ten times its width, so 50 cm).
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.showroom import qr
from app.documents.fonts import FontSet, register_fonts
from app.documents.layout import GREY, INK, T_COMPLAINT, T_SALES, Text, check_language
from app.showroom.vehicle_card import DOC_TYPE, LAYOUTS, CardDTO, disclosure_parts, fmt_money, is_nev, issue_date
from app.core.errors import ShowroomError

CARD_W, CARD_H = 148 * mm, 210 * mm
M = 7 * mm  # margin inside the card
CW = CARD_W - 2 * M  # content width

BAND, BAND_EN = colors.HexColor("#1f2d3d"), colors.HexColor("#b8c4d0")
RED, DARK_RED = colors.HexColor("#c62828"), colors.HexColor("#8e1b1b")
PANEL, TILE = colors.HexColor("#f4f6f8"), colors.HexColor("#eef1f5")
PROMO_BG, PROMO_EDGE, PROMO_INK = (colors.HexColor("#fff5dc"), colors.HexColor("#e0a100"), colors.HexColor("#7a5200"))
DISC_BG = colors.HexColor("#fdecea")
GREEN, SLATE = colors.HexColor("#1b8a4b"), colors.HexColor("#5b6b7b")
LIGHT_RULE = colors.HexColor("#c5ccd4")
WHITE = colors.white

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
T_NEV = Text("新能源", "NEV")
POWERTRAIN = {
    "ICE": Text("燃油", "Petrol"),
    "HEV": Text("油电混动", "HEV"),
    "PHEV": Text("插电混动", "PHEV"),
    "BEV": Text("纯电动", "BEV"),
}
T_VIN = Text("车架号", "VIN")
T_NO, T_ISSUED = Text("卡号", "Card No."), Text("发布日期", "Issued")
T_POWER, T_ACCEL = Text("最大功率", "Max power"), Text("百公里加速", "0-100 km/h")
T_FUEL, T_RANGE = Text("综合油耗", "Fuel consumption"), Text("CLTC纯电续航", "CLTC range")
T_BATTERY, T_FAST = Text("电池容量", "Battery"), Text("快充时间", "Fast charge")
T_SLOW = Text("慢充时间", "Slow charge")

# Break anywhere between CJK characters, between Latin words only at spaces.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
_NO_LINE_START = set("，。、；：！？）》」』】…,.;:!?)]}%")


@functools.lru_cache(maxsize=4096)
def _units(font: str, s: str) -> float:
    """Width of `s` at size 1000 (cached: card labels repeat on every card of a batch)."""
    return pdfmetrics.getFont(font).stringWidth(s, 1000)


def _rgb(color) -> str:
    return f"{color.red:.3f} {color.green:.3f} {color.blue:.3f}"


class _Pen:
    """Draws one card. Speed matters (60 cards in well under a second, without reportlab's C
    accelerator), so shapes are written as ready-formatted PDF path operators and text goes
    into one text object per stroke weight, drawn after the shapes, so every state change
    (font, size, colour) is written only when it changes. All shapes are backgrounds: text
    always lies on top.

    WenQuanYi has no bold face, so bold is fill-and-stroke (PDF text render mode 2), which
    pdftotext still reads as plain text."""

    def __init__(self, canvas: Canvas, fonts: FontSet, language: str):
        self.c, self.font, self.lang = canvas, fonts.regular, language
        self._shapes: list[str] = []
        self._layers: dict[float, list] = {}  # stroke width (0 = plain) -> [text, font, colour]
        self._wrapped: dict[tuple, list[str]] = {}

    def width(self, s: str, size: float) -> float:
        return _units(self.font, s) * size / 1000

    def text(
        self, x: float, y: float, s: str, size: float, color=INK, *, bold: bool = False, align: str = "l"
    ) -> float:
        w = self.width(s, size)
        x = x - w if align == "r" else x - w / 2 if align == "c" else x
        stroke = round(size * 0.045, 2) if bold else 0.0
        layer = self._layers.get(stroke)
        if layer is None:
            t = self.c.beginText()
            if stroke:
                t.setTextRenderMode(2)
            layer = self._layers[stroke] = [t, None, None]
        t = layer[0]
        if layer[1] != size:
            t.setFont(self.font, size)
            layer[1] = size
        if layer[2] is not color:
            t.setFillColor(color)
            if stroke:
                t.setStrokeColor(color)
            layer[2] = color
        t.setTextOrigin(x, y)
        t.textOut(s)
        return w

    # Shapes, in card coordinates (points).
    def box(self, x: float, y: float, w: float, h: float, color, r: float = 0.0) -> None:
        self._shapes.append(f"{_rgb(color)} rg {_path(x, y, w, h, r)} f")

    def outline(self, x: float, y: float, w: float, h: float, fill, edge, width: float, r: float = 0.0) -> None:
        self._shapes.append(f"{_rgb(fill)} rg {_rgb(edge)} RG {width:.2f} w {_path(x, y, w, h, r)} B")

    def line(self, x0: float, y0: float, x1: float, y1: float, color, width: float) -> None:
        self._shapes.append(f"{_rgb(color)} RG {width:.2f} w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")

    def flush_shapes(self) -> None:
        """Shapes drawn so far go onto the canvas now (before the QR code and the text)."""
        if self._shapes:
            self.c.addLiteral("q\n" + "\n".join(self._shapes) + "\nQ")
            self._shapes = []

    def finish(self) -> None:
        self.flush_shapes()
        for stroke, (t, _, _) in sorted(self._layers.items()):
            self.c.saveState()
            self.c.setLineWidth(stroke or 1)
            self.c.drawText(t)
            self.c.restoreState()
        self._layers = {}

    def pick(self, t: Text) -> str:
        return t.en if self.lang == "en" else t.zh

    def label_width(self, t: Text, size: float) -> float:
        w = self.width(self.pick(t), size)
        if self.lang == "bilingual":
            w += self.width(" " + t.en, size * 0.8)
        return w

    def label(
        self,
        x: float,
        y: float,
        t: Text,
        size: float,
        color=INK,
        *,
        bold: bool = False,
        en_color=GREY,
        align: str = "l",
    ) -> float:
        """A short label on one line: Chinese, then its English smaller and grey."""
        w = self.label_width(t, size)
        x = x - w if align == "r" else x
        x += self.text(x, y, self.pick(t), size, color, bold=bold)
        if self.lang == "bilingual":
            self.text(x, y, " " + t.en, size * 0.8, en_color)
        return w

    def wrap(self, s: str, size: float, width: float, max_lines: int | None = None) -> list[str]:
        """Lines of at most `width`; past `max_lines` the last one ends in …. Memoised: the
        layout is measured once per attempt (card_layouts.draw_card tries several)."""
        if max_lines == 0:
            return []
        key = (s, size, width, max_lines)
        if key not in self._wrapped:
            self._wrapped[key] = self._wrap(s, size, width, max_lines)
        return list(self._wrapped[key])

    def _wrap(self, s: str, size: float, width: float, max_lines: int | None) -> list[str]:
        lines: list[str] = []
        for para in s.splitlines() or [""]:
            lines += self._wrap_para(" ".join(para.split()), size, width)
        lines = [ln for ln in lines if ln] or [""]
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fit(lines[-1] + "…", size, width)
        return lines

    def fit(self, s: str, size: float, width: float) -> str:
        """`s` on one line, cut with … when too wide."""
        if self.width(s, size) <= width:
            return s
        s = s.rstrip("…")
        while s and self.width(s + "…", size) > width:
            s = s[:-1]
        return s.rstrip() + "…"

    def _wrap_para(self, s: str, size: float, width: float) -> list[str]:
        tokens: list[str] = []
        for t in _TOKEN.findall(s):
            if tokens and t[0] in _NO_LINE_START:
                tokens[-1] += t
            else:
                tokens.append(t)
        lines, cur, cur_w = [], "", 0.0
        for t in tokens:
            if not cur and t.isspace():
                continue
            tw = self.width(t, size)
            if cur and cur_w + tw > width and not t.isspace():
                lines.append(cur.rstrip())
                cur, cur_w = "", 0.0
            if not cur and tw > width:  # a word longer than the line: break it anywhere
                for ch in t:
                    cw = self.width(ch, size)
                    if cur and cur_w + cw > width:
                        lines.append(cur)
                        cur, cur_w = "", 0.0
                    cur, cur_w = cur + ch, cur_w + cw
                continue
            cur, cur_w = cur + t, cur_w + tw
        if cur.strip():
            lines.append(cur.rstrip())
        return lines


def _path(x: float, y: float, w: float, h: float, r: float) -> str:
    if r <= 0:
        return f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re"
    k = r * 0.4477  # r * (1 - 0.5523): Bezier quarter circles
    x1, y1 = x + w, y + h
    return (
        f"{x + r:.2f} {y:.2f} m {x1 - r:.2f} {y:.2f} l {x1 - k:.2f} {y:.2f} {x1:.2f} "
        f"{y + k:.2f} {x1:.2f} {y + r:.2f} c {x1:.2f} {y1 - r:.2f} l {x1:.2f} {y1 - k:.2f} "
        f"{x1 - k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c {x + r:.2f} {y1:.2f} l {x + k:.2f} "
        f"{y1:.2f} {x:.2f} {y1 - k:.2f} {x:.2f} {y1 - r:.2f} c {x:.2f} {y + r:.2f} l "
        f"{x:.2f} {y + k:.2f} {x + k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h"
    )


@dataclass
class _Block:
    height: float
    draw: Callable[[float], None]  # called with the block's top y


def _wording(t: Text, **kw) -> Text:
    return Text(t.zh.format(**kw), t.en.format(**kw))


def _num(value: float) -> str:
    return f"{value:g}"


# --- sections -------------------------------------------------------------------------------


def _band(p: _Pen, card: CardDTO, top: float) -> float:
    h = 12 * mm
    p.box(M, top - h, CW, h, BAND, 1.5 * mm)
    ref = f"No. {card.card_number} v{card.version}"
    ref_w = p.width(ref, 8.5)
    p.label(M + CW - 3 * mm, top - 4.8 * mm, T_CARD, 7.5, WHITE, en_color=BAND_EN, align="r")
    p.text(M + CW - 3 * mm, top - 9.3 * mm, ref, 8.5, WHITE, align="r")
    room = CW - 9 * mm - max(ref_w, p.label_width(T_CARD, 7.5))
    p.text(M + 3 * mm, top - 7.6 * mm, p.fit(card.store.legal_name, 10.5, room), 10.5, WHITE, bold=True)
    return top - h


def _chip(p: _Pen, right: float, y: float, text: str, color) -> float:
    w = p.width(text, 7.5) + 3 * mm
    p.box(right - w, y - 1.3 * mm, w, 4.6 * mm, color, 1.2 * mm)
    p.text(right - w / 2, y, text, 7.5, WHITE, align="c")
    return w


# Type sizes by how full the card is: a sparse card gets larger model and price type.
DENSITIES = ("roomy", "normal", "compact")
_TITLE = {"roomy": (30, 11.5, 15, 7), "normal": (24, 9.5, 13, 6), "compact": (20, 8, 11, 5)}
# panel height mm, price pt, guide price pt, guide baseline mm below the panel top
_PRICE = {"roomy": (21, 34, 12, 9.6), "normal": (17, 27, 12, 9.6), "compact": (15, 22, 10, 8.2)}


def _title(p: _Pen, card: CardDTO, density: str) -> _Block:
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
        p.label(x, y, _wording(T_MODEL_YEAR, y=v.model_year), 9.5, GREY)
        right = M + CW
        kind = POWERTRAIN.get(v.powertrain, Text(v.powertrain, v.powertrain))
        chip = p.pick(kind) if lang != "bilingual" else f"{kind.zh} {kind.en}"
        right -= _chip(p, right, y, chip, SLATE) + 1.5 * mm
        if is_nev(v):
            _chip(p, right, y, p.pick(T_NEV) if lang != "bilingual" else "新能源 NEV", GREEN)
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

    return _Block(h, draw)


def _price(p: _Pen, card: CardDTO, density: str) -> _Block:
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

    return _Block(h + 1 * mm, draw)


# How much of a promotion's text the card keeps, most first: (rule lines, condition lines,
# title lines). Cut short, the card points to the promotion posted in the store (4.3.2.1).
PROMO_LEVELS = ((5, 2, 2), (3, 2, 2), (2, 1, 2), (1, 1, 2), (0, 0, 2), (0, 0, 1))


def _promotion(p: _Pen, card: CardDTO, level: tuple[int, int, int]) -> _Block | None:
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

    return _Block(h, draw)


def _disclosure(p: _Pen, card: CardDTO) -> _Block | None:
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

    return _Block(h, draw)


def _tiles(p: _Pen, card: CardDTO, compact: bool = False) -> _Block | None:
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
                number, size = _num(value), 13
                total = p.width(number, size) + p.width(" " + unit, 7.5)
                x = cx - total / 2
                x += p.text(x, y0 + 5.6 * mm, number, size, INK, bold=True)
                p.text(x, y0 + 5.6 * mm, " " + unit, 7.5, INK)
                if p.lang == "bilingual":
                    p.text(cx, y0 + 3.0 * mm, p.fit(label.zh, 7, w - 2 * mm), 7, INK, align="c")
                    p.text(cx, y0 + 1.0 * mm, p.fit(label.en, 5.5, w - 2 * mm), 5.5, GREY, align="c")
                else:
                    p.text(cx, y0 + 2.3 * mm, p.fit(p.pick(label), 7, w - 2 * mm), 7, INK, align="c")

    return _Block(h, draw)


def _charging_pile(p: _Pen, card: CardDTO, compact: bool = False) -> _Block | None:
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

    return _Block(h, draw)


def _footer(p: _Pen, card: CardDTO) -> float:
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


def _qr_and_configuration(p: _Pen, card: CardDTO, payload: str, bottom: float) -> float:
    """The QR code in the bottom-right corner, the configuration list to its left; returns
    the top of this zone (the quiet zone above the code included)."""
    size = qr.SYMBOL_MM
    quiet = qr.quiet_zone_mm(payload, size) * mm
    x, y = M + CW - size * mm, bottom + quiet + 1 * mm
    p.flush_shapes()
    qr.draw_qr(p.c, payload, x, y, size)
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
        shown, more = items[: rows - 1], _wording(T_MORE, n=len(items))
    yy = first
    for item in shown:
        p.box(M + 0.35 * mm, yy + 0.45 * mm, 1.3 * mm, 1.3 * mm, GREEN if is_nev(card.vehicle) else SLATE, 0.65 * mm)
        p.text(M + 3.2 * mm, yy, p.fit(item, 8.5, col_w - 3.2 * mm), 8.5, INK)
        yy -= row_h
    if more:
        text = p.pick(more) if p.lang != "bilingual" else f"{more.zh} {more.en}"
        p.text(M + 3.2 * mm, yy, p.fit(text, 8, col_w - 3.2 * mm), 8, GREY)
    return top


def _attempts():
    """(density, promotion level) from the most generous layout to the tightest: smaller
    type is tried before more promotion text goes."""
    yield "roomy", PROMO_LEVELS[0]
    for level in PROMO_LEVELS:
        for density in ("normal", "compact"):
            yield density, level


def draw_card(canvas: Canvas, card: CardDTO, fonts: FontSet, language: str) -> None:
    """One card in the A5 box whose lower-left corner is the canvas origin. Raises
    `card_content_too_long` when even the compact layout with the shortest promotion does
    not leave room for the disclosure."""
    p = _Pen(canvas, fonts, language)
    top = _band(p, card, CARD_H - M) - 1.5 * mm
    floor = _qr_and_configuration(p, card, qr.card_payload(card), _footer(p, card)) + 1 * mm
    disclosure = _disclosure(p, card)
    # A crowded card takes smaller title and price type, then gives up promotion detail down
    # to its title and a pointer to the rules posted in the store (4.3.2.1). The disclosure
    # is never shortened (4.2.3.4).
    for density, level in _attempts():
        promo = _promotion(p, card, level)
        head = [b for b in (_title(p, card, density), _price(p, card, density), promo, disclosure) if b]
        compact = density == "compact"
        gap = (1.5 if compact else 2) * mm
        tail = [b for b in (_tiles(p, card, compact), _charging_pile(p, card, compact)) if b]
        used = sum(b.height for b in head + tail) + gap * (len(head) + len(tail) - 1)
        if used <= top - floor:
            break
    else:
        raise ShowroomError("card_content_too_long", card_number=card.card_number, vin=card.vehicle.vin)
    # Identity, price, promotion and disclosure from the top; the performance figures sit
    # just above the configuration and QR code; spare room opens up the gaps, then lies
    # between the two groups.
    spare = top - floor - used
    share = spare / (len(head) + len(tail))  # n - 1 gaps and the gap above the QR
    gap += min(share, 2 * mm)
    floor += min(share, 1 * mm)
    for block in head:
        block.draw(top)
        top -= block.height + gap
    bottom = floor
    for block in reversed(tail):
        block.draw(bottom + block.height)
        bottom += block.height + gap
    p.finish()


# --- pages ----------------------------------------------------------------------------------


def _cut_marks(c: Canvas, x: float, height: float) -> None:
    c.setStrokeColor(LIGHT_RULE)
    c.setLineWidth(0.5)
    for y0, y1 in ((0, 5 * mm), (height - 5 * mm, height)):
        c.line(x, y0, x, y1)


def draw_cards(
    cards: list[CardDTO],
    *,
    layout: str,
    language: str,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    invariant: bool,
    fonts: FontSet | None,
) -> bytes:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    check_language(language)
    if not cards:
        raise ValueError("no cards to render")
    fonts = fonts or register_fonts()
    page = {"A5": A5, "A4": A4, "A4_2UP": landscape(A4)}[layout]
    per_page = 2 if layout == "A4_2UP" else 1
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=page,
        invariant=1 if invariant else 0,
        pageCompression=1,
        initialFontName=fonts.regular,
        lang="en" if language == "en" else "zh-CN",
    )
    first = cards[0]
    c.setTitle(f"一车一卡 {first.card_number} v{first.version}" if len(cards) == 1 else f"一车一卡 ×{len(cards)}")
    c.setAuthor(first.store.legal_name)
    c.setSubject(f"{DOC_TYPE} {first.card_number} v{first.version}" if len(cards) == 1 else f"{DOC_TYPE} x{len(cards)}")
    c.setCreator("Showroom")
    total = len(cards)
    for i, card in enumerate(cards):
        if cancelled is not None and cancelled():
            raise ShowroomError("cancelled", done=i, total=total)
        slot = i % per_page
        if i and slot == 0:
            c.showPage()
        c.saveState()
        if layout == "A4":
            scale = min(page[0] / CARD_W, page[1] / CARD_H)
            c.translate((page[0] - CARD_W * scale) / 2, (page[1] - CARD_H * scale) / 2)
            c.scale(scale, scale)
        elif layout == "A4_2UP":
            half = page[0] / 2
            c.translate(slot * half + (half - CARD_W) / 2, (page[1] - CARD_H) / 2)
        draw_card(c, card, fonts, language)
        c.restoreState()
        if layout == "A4_2UP" and slot == 0:
            _cut_marks(c, page[0] / 2, page[1])
        if progress is not None:
            progress(i + 1, total)
    c.showPage()
    c.save()
    return buf.getvalue()
