"""The pen that draws a vehicle card (一车一卡, T/CSCA 120031-2023 4.2.1.2): the card's
geometry and palette, and `Pen`, which writes shapes and text as ready-made PDF operators and
wraps lines by the Chinese line-breaking rules. The card's sections are card_head.py and
card_foot.py; putting them on pages is card_layouts.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import FontSet
from app.documents.layout import GREY, INK, Text

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


class Pen:
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
class Block:
    height: float
    draw: Callable[[float], None]  # called with the block's top y


def wording(t: Text, **kw) -> Text:
    return Text(t.zh.format(**kw), t.en.format(**kw))


def fmt_number(value: float | None) -> str:
    return f"{value:g}"
