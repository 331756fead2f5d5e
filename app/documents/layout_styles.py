"""The paragraph styles of every flowing Showroom PDF (app/documents/layout.py), made once per
fonts and language and shared by every render (issue #18.11, speed).

A paragraph's layout and drawing are kept per process under its style's settings
(app/documents/layout_flow.py `style_key`): a style made afresh for every document, or cloned
for every heading and clause, had its settings read and compared for each. Styles here are
never changed once made; a document that needs another one clones it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.documents.fonts import FontSet

INK, GREY, RULE = colors.HexColor("#1a1a1a"), colors.HexColor("#666666"), colors.HexColor("#4a5a6a")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    english: ParagraphStyle  # the grey English line under a Chinese paragraph
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    title_en: ParagraphStyle  # the title's English line, smaller and grey
    issued: ParagraphStyle  # the small centred line under the title
    heading_en: ParagraphStyle  # a heading's English line, pulled up close to it
    label: ParagraphStyle  # the label column of a label | value table
    item: ParagraphStyle  # a numbered clause
    header_name: ParagraphStyle  # the store's name in the running header
    header_small: ParagraphStyle  # its address and phones
    header_title: ParagraphStyle  # the document's title on the header's right


@functools.lru_cache(maxsize=8)
def make_styles(fonts: FontSet, language: str = "bilingual") -> Styles:
    # wordWrap="CJK" breaks between Chinese characters yet keeps Latin words whole (the default
    # moves a long mixed run to the next line whole). English-only text keeps the default wrap:
    # it honours no-break spaces, CJK mode does not. bulletFontName: the default is Helvetica.
    wrap = None if language == "en" else "CJK"
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=10,
        leading=15,
        textColor=INK,
        wordWrap=wrap,
        bulletFontName=fonts.regular,
    )
    english = ParagraphStyle("english", body, fontSize=8.5, leading=12, textColor=GREY, spaceAfter=4, wordWrap=None)
    small = ParagraphStyle("small", body, fontSize=8, leading=11, textColor=GREY)
    title = ParagraphStyle("title", body, fontName=fonts.bold, fontSize=17, leading=23, alignment=1, spaceAfter=2)
    cell = ParagraphStyle("cell", body, fontSize=9.5, leading=13)
    return Styles(
        body=body,
        english=english,
        small=small,
        title=title,
        heading=ParagraphStyle(
            "heading", body, fontName=fonts.bold, fontSize=12, leading=17, spaceBefore=10, spaceAfter=4, textColor=RULE
        ),
        cell=cell,
        title_en=title.clone("title_en", fontSize=11, leading=15, textColor=GREY),
        issued=small.clone("issued", alignment=1),
        heading_en=english.clone("h_en", spaceBefore=-2),
        label=cell.clone("label", textColor=RULE),
        item=body.clone("item", leftIndent=6 * mm, bulletIndent=0),
        header_name=ParagraphStyle("hname", body, fontName=fonts.bold, fontSize=11.5, leading=15),
        header_small=ParagraphStyle("hsmall", small, textColor=INK),
        header_title=ParagraphStyle("htitle", small, alignment=TA_RIGHT),
    )
