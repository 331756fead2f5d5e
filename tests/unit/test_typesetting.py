"""Typesetting of the flowing documents (issue #17.20), read back from the PDF:
- no line starts with a closing mark (Chinese line-breaking rules, 避头尾: GB/T 15834 and the
  W3C "Requirements for Chinese Text Layout" 3.1.7), also for a run such as 。” , and none
  ends with an opening mark such as “ ;
- a bilingual clause (Chinese with its English) is never split across two pages;
- the route notice's footer shows a number, not "No. —".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from app.documents import linebreak
from app.documents.fonts import register_fonts
from app.documents.layout import PAGE, DocumentMeta, Text, render_flowing, stacked
from app.test_drives.dto import RouteDTO
from app.test_drives.route_notice_pdf import render_route_notice
from tests.unit.test_documents_render import ISSUED, STORE, pdftotext

CLOSING = "，。、；：？！）》」”’…"
# Sentences whose closing marks fall at the end of a line at some length of the run before them.
CLAUSES = ["字" * k + "，顾客说：“好。”随后（按规定）完成《试驾路线》确认；是否同意？同意！" for k in range(40, 53)]


OPENING = "（《「“‘"


def _lines_start_well(text: str) -> list[str]:
    """Lines that start with a closing mark or end with an opening one (both wrong)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines if line[0] in CLOSING or line[-1] in OPENING]


@pytest.mark.parametrize("language", ["zh", "bilingual"])
def test_no_line_of_a_document_starts_with_a_closing_mark(language, tmp_path):
    def story(ctx):
        out = []
        for zh in CLAUSES:
            out += ctx.paragraphs(Text(zh, "The customer said: fine."))
        return out

    meta = DocumentMeta("store_notice", "SN-2026-000001", 1, language, ISSUED, STORE, Text("排版", "Typesetting"))
    text = pdftotext(render_flowing(meta, story, invariant=True), tmp_path)
    assert text.count("是否同意？同意！") == len(CLAUSES)  # every clause is there, whole
    assert _lines_start_well(text) == []


@pytest.mark.parametrize("markup", [False, True])  # one text run, or several (bold start)
def test_reportlab_paragraphs_hang_closing_marks_at_every_width(markup):
    fonts = register_fonts()
    style = ParagraphStyle("b", fontName=fonts.regular, fontSize=10, leading=14, wordWrap="CJK")
    text = CLAUSES[0] + "T/CSCA 120031-2023（第4.2.4条）规定，试驾车辆应当投保。"
    source = f"<b>{text[:2]}</b>{text[2:]}" if markup else text
    for width in range(60, 400, 7):
        para = Paragraph(source, style)
        para.wrap(width, 10_000)
        lines = para.blPara.lines
        texts = (
            ["".join(ln[1]) for ln in lines]
            if para.blPara.kind == 0
            else ["".join(f.text for f in ln.words) for ln in lines]
        )
        assert "".join(texts).replace(" ", "") == text.replace(" ", ""), width
        assert [t for t in texts[1:] if t[:1] in linebreak.NO_LINE_START] == [], width
        assert [t for t in texts[:-1] if t[-1:] in linebreak.NO_LINE_END] == [], width


def test_a_bilingual_clause_moves_to_the_next_page_whole():
    body_zh = "本店对每一项投诉作记录，并在72小时内答复处理意见；投诉材料归档保存，您可随时查询处理进度。" * 3
    body_en = "Every complaint is recorded and answered within 72 hours; you may ask about progress. " * 3
    first = Text("甲条：" + body_zh + "（甲完）", "Clause A: " + body_en + "(end A)")
    second = Text("乙条：" + body_zh + "（乙完）", "Clause B: " + body_en + "(end B)")

    def story(ctx, room):
        return [
            Spacer(1, room),  # nearly a page of other content before the clauses
            *ctx.paragraphs(first),  # the Chinese and English paragraphs of RenderContext.paragraphs
            Spacer(1, 8),
            Paragraph(stacked(second, "bilingual"), ctx.styles.body),  # one paragraph, as in the agreement
        ]

    meta = DocumentMeta("store_notice", "SN-2026-000002", 1, "bilingual", ISSUED, STORE, Text("条款", "Clauses"))
    for shift in range(0, 240, 12):  # the page break at many places in the two clauses
        pdf = render_flowing(meta, lambda ctx, shift=shift: story(ctx, PAGE[1] - 420 + shift))
        pages = [p.extract_text().replace("\n", "") for p in PdfReader(io.BytesIO(pdf)).pages]
        for markers in (("甲条", "甲完", "Clause A", "(end A)"), ("乙条", "乙完", "Clause B", "(end B)")):
            on = {i for i, page in enumerate(pages) for m in markers if m in page}
            assert len(on) == 1, (shift, markers[0], on)


def _route(**kw) -> RouteDTO:
    base = RouteDTO(1, "莘庄环线", "", False, 8.5, 25, "沪公交闵备2026-018", dt.date(2026, 3, 2), True, 1)
    return dataclasses.replace(base, **kw)


def test_route_notice_footer_shows_a_number_that_follows_the_routes(tmp_path):
    at = dt.datetime(2026, 12, 3, 2, 0)
    text = pdftotext(render_route_notice(STORE, [_route()], language="bilingual", issued_at=at), tmp_path)
    assert "No. —" not in text and "No. RN-20261203-" in text
    same = pdftotext(render_route_notice(STORE, [_route()], language="en", issued_at=at), tmp_path)
    number = next(w for w in text.split() if w.startswith("RN-"))
    assert f"No. {number}" in same
    moved = render_route_notice(STORE, [_route(distance_km=9.0)], language="en", issued_at=at)
    assert number not in pdftotext(moved, tmp_path)
