"""Drawing the vehicle card (vehicle_card.py) with canvas primitives: no platypus, one Canvas
for a whole batch, so 60 cards print in well under a second.

The card is designed once, for A5 portrait (148 x 210 mm), for reading from 1-2 m: the model
and the selling price large, then promotion, disclosure, performance tiles, the configuration
beside the QR code, and the store's phones and the card's reference along the foot.
  A5      one card per A5 page;
  A4      the same card enlarged by sqrt(2) (A4 is A5 doubled), for a floor stand;
  A4_2UP  A4 landscape with two A5 cards side by side and cut marks in the middle: cut in
          half, each is exactly the A5 card, so one stand size and one design serve both.
The QR symbol is 50 mm wide on A5 and on the two-up sheet and 71 mm on A4 (qr_draw.py: read from
about ten times its width, so 50 cm).

The card's sections: card_head.py (identity, price, promotion, disclosure) and card_foot.py
(performance, charging pile, configuration and QR, phones), drawn with card_pen.py.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.errors import ShowroomError
from app.documents.fonts import PDF_WRITE_LOCK, FontSet, register_fonts
from app.documents.layout import check_language
from app.showroom import qr
from app.showroom.card_foot import charging_pile_block, footer, qr_and_configuration, tiles_block
from app.showroom.card_head import PROMO_LEVELS, band, disclosure_block, price_block, promotion_block, title_block
from app.showroom.card_pen import CARD_H, CARD_W, LIGHT_RULE, M, Pen
from app.showroom.vehicle_card import DOC_TYPE, LAYOUTS, CardDTO


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
    p = Pen(canvas, fonts, language)
    top = band(p, card, CARD_H - M) - 1.5 * mm
    floor = qr_and_configuration(p, card, qr.card_payload(card, language), footer(p, card)) + 1 * mm
    disclosure = disclosure_block(p, card)
    # A crowded card takes smaller title and price type, then gives up promotion detail down
    # to its title and a pointer to the rules posted in the store (4.3.2.1). The disclosure
    # is never shortened (4.2.3.4).
    for density, level in _attempts():
        promo = promotion_block(p, card, level)
        head = [b for b in (title_block(p, card, density), price_block(p, card, density), promo, disclosure) if b]
        compact = density == "compact"
        gap = (1.5 if compact else 2) * mm
        tail = [b for b in (tiles_block(p, card, compact), charging_pile_block(p, card, compact)) if b]
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
    with PDF_WRITE_LOCK:  # the font subsets are written here (app/documents/fonts.py)
        c.save()
    return buf.getvalue()
