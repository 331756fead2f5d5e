"""A paragraph's drawing kept once per process and replayed (issue #18.11, speed).

Drawing a laid-out paragraph (reportlab's `Paragraph.drawPara`) turns its lines into PDF text
operators, glyph by glyph through the font's subsets: about a third of a contract's rendering.
The operators depend only on the paragraph's lines and style, its box, and the codes its
characters have in the PDF's fonts. A contract's fixed wording (clauses, labels, headings)
has the same lines in every copy (app/documents/layout_flow.py keeps them per process) and the
same glyph codes (app/documents/font_subsets.py `glyphs_first` codes it first), so its
operators are the same too.

`replay_paragraph_drawing` keeps each paragraph's operators the first time it is drawn, with
the glyph codes they used, and appends them again for a paragraph laid out the same (the same
remembered lines, box and style) in a later PDF whose fonts give every one of its characters
the same code. Anything else (a buyer's name in a subset of its own, a font registered in
another order, a link) is drawn as before. The PDF is byte for byte the same. A paragraph keeps a
few drawings, one per set of codes: a contract and its special terms, signed together and drawn
in turn, code the store header and the signature labels each their own way.

A table cell of such paragraphs (`_drawn_cell`, Table._drawCell) appends their kept drawings
at once, at the place reportlab's drawOn would put them, with the heights the table measured
its rows with: the fact tables of a contract are mostly labels kept this way.
"""

from __future__ import annotations

import threading
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Paragraph, Table

from app.documents.layout_flow import remember_line_breaks, style_key

_draw_para = Paragraph.drawPara
_draw_cell = Table._drawCell
_split_string = TTFont.splitString
_KEPT = 4096  # paragraphs' drawings kept per process: a few documents' worth
_VARIANTS = 4  # drawings kept per paragraph, one per set of codes (see the module docstring)
_DRAWN: dict[tuple, tuple[tuple, ...]] = {}
_LOCK = threading.Lock()
_DYNAMIC: dict[str, bool] = {}
_recording = threading.local()  # the characters each font coded while a paragraph is drawn


def _recorded_split(self: TTFont, text, doc, encoding: str = "utf-8"):
    seen = getattr(_recording, "fonts", None)
    if seen is not None:  # first use order: the order the draw codes new characters in
        seen.setdefault(self, {}).update(dict.fromkeys(text))
    return _split_string(self, text, doc, encoding)


def _subset_font(name: str) -> bool:
    """Whether `name` is a TrueType font coded in subsets (the codes `_codes` checks)."""
    if not name:
        return False
    dynamic = _DYNAMIC.get(name)
    if dynamic is None:
        dynamic = _DYNAMIC[name] = isinstance(pdfmetrics.getFont(name), TTFont)
    return dynamic


def _key(p: Paragraph, canv: Any) -> tuple | None:
    """What drawPara reads, or None for a paragraph that is not a plain Paragraph (a subclass
    draws otherwise) or has no lines yet."""
    lines = p.__dict__.get("blPara")
    if type(p) is not Paragraph or p.debug or lines is None:
        return None
    offsets = p.__dict__.get("_offsets")
    return (
        id(lines), p.width, p.height, p.bulletText, style_key(p.style), canv.bottomup,
        tuple(offsets) if offsets else None, p.__dict__.get("_JustifyLast"), p.__dict__.get("autoLeading"),
    )  # fmt: skip


def _keepable(p: Paragraph) -> bool:
    """Whether the drawing is only operators in subset fonts: a link also annotates the page,
    and a standard font is named in the PDF when first drawn."""
    if any(getattr(f, "link", None) or not _subset_font(getattr(f, "fontName", "")) for f in p.frags):
        return False
    return not p.bulletText or _subset_font(p.style.bulletFontName)


def _codes(fonts: dict[TTFont, dict[str, None]], doc: Any) -> tuple | None:
    """Per font, in the order the draw first used them: its name in this PDF, and the
    characters drawn (in the order first drawn) with their codes. ASCII keeps its own code in
    a readable font and is left out."""
    out = []
    for font, chars in fonts.items():
        state = font.state.get(doc)
        if state is None or state.internalName is None:
            return None
        ords = tuple(ord(c) for c in chars if ord(c) > 127 or not font._asciiReadable)
        out.append((font, state.internalName, ords, tuple(map(state.assignments.get, ords))))
    return tuple(out)


def _same_codes(codes: tuple, doc: Any) -> bool:
    """Whether this PDF's fonts give the kept drawing's characters the codes it used. What the
    draw would do first is done here: name a font the PDF has not used yet and code the
    characters it has not coded yet, in the draw's order; so when the answer is no, the
    draw that follows finds them as it would have made them."""
    for font, name, ords, assigned in codes:
        state = font._assignState(doc)
        if state.internalName is None:
            font.getSubsetInternalName(0, doc)
        if state.internalName != name:
            return False
        now = tuple(map(state.assignments.get, ords))
        if now != assigned:
            new = "".join(chr(o) for o, code in zip(ords, now, strict=True) if code is None)
            if new:
                _split_string(font, new, doc)
                now = tuple(map(state.assignments.get, ords))
            if now != assigned:
                return False
    return True


def _kept_ops(p: Paragraph, key: tuple, doc: Any) -> tuple | None:
    """The operators kept for `p` (`key`: its `_key`) when the PDF `doc` can take them as
    they are."""
    for lines, ops, codes in _DRAWN.get(key, ()):
        # Each check codes what the draw would code first, the same characters in the same
        # order for every variant: a variant that fails leaves the next one a plain check.
        if lines is p.blPara and _same_codes(codes, doc):
            return ops
    return None


def _replayed(self: Paragraph, debug: int = 0) -> None:
    """Paragraph.drawPara, its operators appended again when kept (see the module docstring)."""
    canv = self.canv
    key = None if debug else _key(self, canv)
    if key is None:
        return _draw_para(self, debug)
    ops = _kept_ops(self, key, canv._doc)
    if ops is not None:
        canv._code.extend(ops)
        return None
    if not _keepable(self):
        return _draw_para(self, debug)
    start = len(canv._code)
    _recording.fonts = {}
    try:
        _draw_para(self, debug)
        fonts = _recording.fonts
    finally:
        _recording.fonts = None
    codes = _codes(fonts, canv._doc)
    if codes is not None:
        with _LOCK:
            variants = _DRAWN.pop(key, ())  # the newest first; and last in the eviction order
            if len(_DRAWN) >= _KEPT:  # another paragraph's only when this one was not kept yet
                _DRAWN.pop(next(iter(_DRAWN)))  # the oldest
            _DRAWN[key] = ((self.blPara, tuple(canv._code[start:]), codes), *variants[: _VARIANTS - 1])
    return None


def _plain_cell(cellval, cellstyle) -> tuple[Paragraph, ...] | None:
    """The paragraphs of a cell `_drawn_cell` draws itself: plain Paragraphs, left aligned,
    no link, no boundary drawn."""
    paras = tuple(cellval) if isinstance(cellval, (list, tuple)) else (cellval,)
    if not paras or cellstyle.alignment != "LEFT" or cellstyle.href or cellstyle.destination:
        return None
    if any(type(p) is not Paragraph or getattr(p, "_showBoundary", None) for p in paras):
        return None
    return paras


def _cell_height(table: Table, paras: tuple[Paragraph, ...], colwidth, cellstyle, rowheight, heights: list) -> float:
    """Table._listCellGeom's height of the cell's paragraphs, each one's height put in
    `heights`. A paragraph the table measured at this width already (its rows' heights) keeps
    that height: wrapping depends on the width alone, so it is not broken into lines again."""
    width = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
    if width <= 0:  # reportlab's own complaint
        return table._listCellGeom(paras, colwidth, cellstyle, H=heights, aH=rowheight)[1]
    total, first, after = 0.0, paras[0].getSpaceBefore(), 0.0
    for p in paras:
        d = p.__dict__
        if d.get("width") == width and "blPara" in d and "height" in d:
            h = d["height"]
        else:
            h = p.wrapOn(table.canv, width, rowheight - cellstyle.topPadding - cellstyle.bottomPadding)[1]
        before, after = p.getSpaceBefore(), p.getSpaceAfter()
        heights.append(h)
        total += h + after + before
    return total - first - after


def _drawn_cell(self: Table, cellval, cellstyle, pos, size) -> None:
    """Table._drawCell, a cell of paragraphs with kept drawings appended at once: the same
    operators as each paragraph's drawOn (q, its place, its drawing, Q), without the canvas
    state saved and restored around it, which leaves the canvas as it was (issue #18.11)."""
    paras = _plain_cell(cellval, cellstyle)
    if paras is None:
        return _draw_cell(self, cellval, cellstyle, pos, size)
    canv = self.canv
    cur = self._curcellstyle
    if cur is not cellstyle:  # as _drawCell: the cell's colour and font first
        if cur is None or cellstyle.color != cur.color:
            canv.setFillColor(cellstyle.color)
        if cur is None or (cellstyle.leading, cellstyle.fontname, cellstyle.fontsize) != (
            cur.leading, cur.fontname, cur.fontsize,
        ):  # fmt: skip
            canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        self._curcellstyle = cellstyle
    (colpos, rowpos), (colwidth, rowheight) = pos, size
    heights: list[float] = []
    h = _cell_height(self, paras, colwidth, cellstyle, rowheight, heights)
    if cellstyle.valign == "TOP":
        y = rowpos + rowheight - cellstyle.topPadding
    elif cellstyle.valign == "BOTTOM":
        y = rowpos + cellstyle.bottomPadding + h
    else:
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
    y += paras[0].getSpaceBefore()
    x = colpos + cellstyle.leftPadding
    for p, ph in zip(paras, heights, strict=True):
        y -= p.getSpaceBefore()
        y -= ph
        key = _key(p, canv)
        ops = None if key is None else _kept_ops(p, key, canv._doc)
        if ops is None:
            p.drawOn(canv, x, y)
        else:
            canv._code.extend(("q", f"{fp_str(1, 0, 0, 1, x, y)} cm", *ops, "Q"))
        y -= p.getSpaceAfter()
    return None


def remember_layout() -> None:
    """Each paragraph's lines broken once per width (app/documents/layout_flow.py) and its
    drawing replayed (`_replayed`) for every Paragraph; idempotent."""
    remember_line_breaks()
    Paragraph.drawPara = _replayed
    Table._drawCell = _drawn_cell
    TTFont.splitString = _recorded_split
