"""Short cuts in making a PDF (issue #18.11, speed) that must come out as reportlab's own: a
text without markup made into its fragment without the parser (app/documents/layout_flow.py
`_parsed_plain`), and a table cell of paragraphs whose drawings are kept appended at once
(app/documents/draw_replay.py `_drawn_cell`). tests/unit/test_draw_replay.py compares whole
contracts with reportlab's output byte for byte; these say the short cuts are taken."""

from __future__ import annotations

import re

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText

import app.documents.layout  # noqa: F401 - installs the remembered layout
from app.documents import draw_replay, layout_flow
from tests.unit.test_draw_replay import _contract

STYLE = ParagraphStyle("cell", fontSize=9, leading=12)


def _parsed_by_reportlab(text: str, style: ParagraphStyle) -> Paragraph:
    p = Paragraph.__new__(Paragraph)
    p.caseSensitive = 1
    layout_flow._setup(p, text, style, None, None, cleanBlockQuotedText)
    return p


@pytest.mark.parametrize(
    "text",
    [
        "张文军",
        " LSVAB2182N2000105 ",
        "比亚迪 汉 DM-i 125KM 尊贵型 2025 灰色/黑色",
        "a  b\n  c",
        'O\'Neil "Jr"',
        "22 km",
    ],
)
def test_a_value_without_markup_gets_the_parsers_fragment_without_the_parser(monkeypatch, text):
    style = ParagraphStyle("value", parent=STYLE, textColor="#333333")
    Paragraph("X", style)  # the style's fragment, parsed once
    parsed = []
    monkeypatch.setattr(layout_flow, "_setup", lambda *a: parsed.append(a) or _parsed_by_reportlab(*a[1:3]))
    made = Paragraph(text + " ", style)  # a text not seen before
    assert parsed == []
    monkeypatch.undo()
    theirs = _parsed_by_reportlab(text + " ", style)
    assert made.text == theirs.text
    assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in theirs.frags]


@pytest.mark.parametrize(
    "text",
    [
        '姓名 <font color="#666666">Name</font>：张文军',  # a label's markup, then the buyer's value
        "<b>bold</b> 加粗",
        "x > y",
        "R&D",
        "a &amp; b",
        '合同编号 <font color="#666666">No.</font>：HT-1　签订日期 <font color="#666666">Date</font>：2026-12-05',
        "<b>粗</b> <i>斜</i>  <b> 两边 </b>",
        '<font color="#666666">  </font>尾',
        "<greek>a</greek> b",
        "<br/>换行 <b>x</b>",
        "<font size='12'>大</font><font size='12'>大</font>",
    ],
)
def test_markup_then_a_value_gets_the_parsers_fragments(text):
    made = Paragraph(text + " 新", STYLE)  # a text not seen before
    theirs = _parsed_by_reportlab(text + " 新", STYLE)
    assert made.text == theirs.text
    assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in theirs.frags]


def test_markup_left_open_is_refused_as_reportlab_refuses_it():
    with pytest.raises(ValueError, match=re.escape("expected </b>")):
        Paragraph("<b>加粗 新值", STYLE)


def test_a_contracts_cells_of_paragraphs_are_drawn_without_reportlabs_cell_drawing(monkeypatch):
    _contract("欧阳震华")  # keeps the wording's drawing
    by_reportlab = []
    real = draw_replay._draw_cell
    monkeypatch.setattr(draw_replay, "_draw_cell", lambda t, v, *a: by_reportlab.append(v) or real(t, v, *a))
    monkeypatch.setattr(Table, "_drawCell", draw_replay._drawn_cell)
    _contract("诸葛孔明")
    # Only the signature boxes (a pad image, not a paragraph) go through reportlab's own.
    cells = [v if isinstance(v, (list, tuple)) else [v] for v in by_reportlab]
    assert cells and all(any(type(x) is not Paragraph for x in cell) for cell in cells)


def test_the_store_header_is_drawn_once_and_every_page_carries_it(monkeypatch):
    """The header's operators are the same on every page: drawn on the first, repeated after."""
    import io

    from pypdf import PdfReader

    from app.documents import layout

    drawn = []
    real = layout._header_flowables

    def counted(ctx):
        table, height = real(ctx)
        draw_on = table.drawOn
        table.drawOn = lambda *a, **k: drawn.append(1) or draw_on(*a, **k)
        return table, height

    monkeypatch.setattr(layout, "_header_flowables", counted)
    pages = PdfReader(io.BytesIO(_contract("欧阳震华"))).pages
    assert len(pages) >= 3 and drawn == [1]
    for page in pages:
        text = page.extract_text()
        assert "上海测试汽车销售服务有限公司" in text and "021-64000001" in text


def test_a_line_of_fragments_split_at_spaces_is_reportlabs_line():
    """linebreak.para_line asks sameFrag once per piece of a fragment, not per character: the
    line is still reportlab's makeCJKParaLine's, word for word."""
    from reportlab.platypus import paragraph as rl

    from app.documents import linebreak

    p = Paragraph('合同编号 <font color="#666666">Contract no.</font>：HT-2026-000295　签订日期 x', STYLE)
    pieces = []
    for f in p.frags:  # each fragment in pieces, as breakLinesCJK hands them over
        for word in f.text.split(" "):
            piece = f.clone()
            piece.text = word + " "
            pieces.append(piece)
    units = linebreak._glyphs(pieces, "utf8")
    ours = linebreak.para_line(units, 400.0, 200.0, 200.0, False, True)
    theirs = rl.makeCJKParaLine(units, 400.0, 200.0, 200.0, False, True)
    assert [(w.text, w.__dict__) for w in ours.words] == [(w.text, w.__dict__) for w in theirs.words]
    assert {k: v for k, v in ours.__dict__.items() if k != "words"} == {
        k: v for k, v in theirs.__dict__.items() if k != "words"
    }


def test_a_labels_markup_is_parsed_once_for_every_value_after_it(monkeypatch):
    label = '姓名 <font color="#666666">Name</font>：'
    Paragraph(label + "王一", STYLE)
    parsed = []
    real = layout_flow._setup
    monkeypatch.setattr(layout_flow, "_setup", lambda *a: parsed.append(a[1]) or real(*a))
    assert Paragraph(label + "欧阳二", STYLE).frags[-1].text == "：欧阳二"
    assert parsed == []


@pytest.mark.parametrize(
    "markup",
    [
        '合同编号 <font color="#666666">Contract no.</font>：HT-2026-000295　签订日期 2026-12-04 10:30',
        "<b>粗</b><b>体</b> 与 <i>斜体</i>",
        '<font size="12">大</font>小 small',
    ],
)
def test_a_paragraph_on_one_line_is_broken_as_reportlab_breaks_it(monkeypatch, markup):
    """linebreak._one_line (a paragraph that fits on its first line) measures it fragment by
    fragment: the line is the one the character-by-character path makes, and no character
    unit is made for it."""
    from reportlab.platypus import paragraph as rl

    from app.documents import linebreak

    frags = Paragraph(markup, STYLE).frags
    slow = []
    real = linebreak._glyphs
    monkeypatch.setattr(linebreak, "_glyphs", lambda *a: slow.append(a) or real(*a))
    ours = linebreak.cjk_frag_split(frags, [400.0], True)
    assert slow == []
    monkeypatch.undo()
    units = linebreak._glyphs(frags, "utf8")
    used = sum(u.width for u in units)
    theirs = rl.makeCJKParaLine(units, 400.0, used, 400.0 - used, False, True)
    [line] = ours.lines
    assert [(w.text, w.__dict__) for w in line.words] == [(w.text, w.__dict__) for w in theirs.words]
    assert {k: v for k, v in line.__dict__.items() if k != "words"} == {
        k: v for k, v in theirs.__dict__.items() if k != "words"
    }


def test_a_paragraph_too_long_for_one_line_still_breaks_between_characters():
    from app.documents import linebreak

    frags = Paragraph("甲" * 30 + "<b>乙</b>" * 30, STYLE).frags
    assert len(linebreak.cjk_frag_split(frags, [100.0], True).lines) > 1


def test_a_title_line_with_its_number_inside_the_markup_is_not_parsed_again(monkeypatch):
    """The number and the date sit between the labels' markup: the line's skeleton is parsed
    once, and the next document's line takes its fragments (layout_flow._parsed_plain)."""
    line = '合同编号 <font color="#666666">Contract no.</font>：{}　签订日期 <font color="#666666">Date</font>：{}'
    Paragraph(line.format("HT-2026-000001", "2026-12-04 10:30"), STYLE)
    parsed = []
    real = layout_flow._setup
    monkeypatch.setattr(layout_flow, "_setup", lambda *a: parsed.append(a[1]) or real(*a))
    made = Paragraph(line.format("HT-2026-000777", "2026-12-05 09:15"), STYLE)
    assert parsed == []
    monkeypatch.undo()
    theirs = _parsed_by_reportlab(line.format("HT-2026-000777", "2026-12-05 09:15"), STYLE)
    assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in theirs.frags]
