"""A paragraph's lines and drawing kept and replayed (app/documents/layout_flow.py,
draw_replay.py; issue #18.11, speed): the contract's fixed wording is broken into lines and
drawn once per process, and a contract made so is the same bytes as one reportlab makes afresh,
whatever the buyer, the language and the paragraphs drawn before it."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.platypus import Paragraph, Table

from app.documents import draw_replay, layout_flow
from app.sales.contract_pdf import render_contract
from app.sales.handover_pdf import render_handover
from app.sales.quote_pdf import render_quote
from tests.unit.test_page_breaks import AT, CONTRACT, SIGNED, STORE


def _contract(buyer: str, language: str = "bilingual", **changes) -> bytes:
    c = dataclasses.replace(CONTRACT, buyer_name=buyer, **changes)
    return render_contract(
        STORE, c, number="HT-2026-000011", version=1, language=language, issued_at=AT, signatures=SIGNED,
        invariant=True,
    )  # fmt: skip


def _drawn_afresh(monkeypatch, make) -> bytes:
    """`make()` with reportlab's own parsing, line breaking and drawing: nothing remembered."""
    with monkeypatch.context() as m:
        m.setattr(Paragraph, "drawPara", draw_replay._draw_para)
        m.setattr(Table, "_drawCell", draw_replay._draw_cell)
        m.setattr(Paragraph, "_setup", layout_flow._setup)
        m.setattr(Paragraph, "breakLinesCJK", layout_flow._break_lines_cjk)
        m.setattr(Paragraph, "breakLines", layout_flow._break_lines)
        m.setattr(Table, "wrap", layout_flow._table_wrap)
        return make()


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_a_replayed_contract_is_the_same_bytes_as_one_drawn_afresh(monkeypatch, language):
    _contract("欧阳震华", language)  # keeps the wording's drawing
    replays = []
    real = draw_replay._same_codes
    monkeypatch.setattr(draw_replay, "_same_codes", lambda codes, doc: replays.append(1) or real(codes, doc))
    # Another buyer, a new name coded between the wording, an agent more, a longer address.
    later = dict(agent_name="司马相如", buyer_address="上海市浦东新区世纪大道100号环球金融中心")
    replayed = _contract("诸葛孔明", language, **later)
    assert len(replays) > (15 if language == "en" else 40)  # labels, headings, clauses replayed
    assert replayed == _drawn_afresh(monkeypatch, lambda: _contract("诸葛孔明", language, **later))


def test_a_paragraph_whose_characters_have_other_codes_is_drawn_again(monkeypatch):
    """A kept drawing names glyph codes: a PDF that coded one of its characters otherwise (here
    the buyer's name drawn before the wording that shares its characters) draws it anew."""
    _contract("王建国")
    kept = dict(draw_replay._DRAWN)
    other = _contract("违约责任", agent_name="")  # the name's characters coded before the clause's
    assert other == _drawn_afresh(monkeypatch, lambda: _contract("违约责任", agent_name=""))
    assert kept  # drawings were kept to be tried


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_other_papers_replayed_are_the_same_bytes(monkeypatch, language):
    """The handover record and the quote (tables, bullets, signatures) come out the same."""
    from tests.unit.test_page_breaks import QUOTE, _handover

    def papers(gifts: int) -> tuple[bytes, bytes]:
        kw = dict(version=1, language=language, issued_at=AT, invariant=True)
        return (
            render_handover(STORE, _handover(gifts), number="JC-2026-000001", signatures=SIGNED, **kw),
            render_quote(STORE, QUOTE, number="QT-2026-000001", **kw),
        )

    papers(2)
    assert papers(5) == _drawn_afresh(monkeypatch, lambda: papers(5))


def test_drawings_kept_for_each_paper_drawn_in_turn(monkeypatch):
    """A contract's special terms (办法 art. 14) code the store header and the signature labels
    otherwise than the contract: signed together, they are drawn in turn. Both papers' drawings
    are kept, so the next contract replays its header instead of drawing it again, and is the
    same bytes as one drawn afresh."""
    from app.sales.entrustment_pdf import render_special_terms

    def special_terms() -> bytes:
        return render_special_terms(
            STORE, "HT-2026-000011", "客户自备脚垫，本店不另收费。", number="ST-2026-000001", version=1,
            language="bilingual", issued_at=AT, signatures=SIGNED,
        )  # fmt: skip

    _contract("王建国")
    special_terms()
    drawn_again: list[str] = []
    real = draw_replay._draw_para
    monkeypatch.setattr(
        draw_replay, "_draw_para", lambda p, debug=0: drawn_again.append(p.getPlainText()) or real(p, debug)
    )
    replayed = _contract("诸葛孔明")
    assert STORE.legal_name not in drawn_again  # the header, replayed in the contract's codes
    assert "姓名 Name：李顾问" in drawn_again  # a line coded otherwise after the new name is drawn
    assert replayed == _drawn_afresh(monkeypatch, lambda: _contract("诸葛孔明"))
