"""The embedded font subsets made once per process (app/documents/font_subsets.py; issue #18.11,
speed): a contract for another buyer reuses the first subset of the one before, the PDF made
from a remembered subset is the same bytes as the one that made it, and the contract reads
back the same whatever codes its characters got."""

from __future__ import annotations

import dataclasses
import subprocess

from reportlab.pdfbase import pdfmetrics

from app.documents.fonts import register_fonts
from app.sales import contract_pdf
from app.sales.contract_pdf import render_contract
from tests.unit.test_documents_render import tool
from tests.unit.test_page_breaks import AT, CONTRACT, SIGNED, STORE


def _contract(buyer: str, language: str = "bilingual", **kw) -> bytes:
    c = dataclasses.replace(CONTRACT, buyer_name=buyer, agent_name="")
    return render_contract(
        STORE, c, number="HT-2026-000009", version=1, language=language, issued_at=AT, signatures=SIGNED, **kw
    )


def _kept() -> dict:
    return pdfmetrics.getFont(register_fonts().regular).face._showroom_subsets


def _text(pdf: bytes) -> str:
    out = subprocess.run([tool("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return "".join(out.decode("utf-8").split())


def test_a_contract_for_another_buyer_reuses_the_first_font_subset():
    _contract("欧阳震华")
    before = set(_kept())
    _contract("司马相如")  # a name none of the wording uses, printed on the first page
    made = set(_kept()) - before
    assert len(made) == 1  # only the subset of the names and numbers, the new name in it, was made
    (names,) = made
    assert len(names) < 128 and not set(map(chr, names)) & set(contract_pdf.FIXED_WORDING)


def test_a_remembered_subset_writes_the_same_bytes():
    _kept().clear()
    made = _contract("欧阳震华", invariant=True)
    remembered = _contract("欧阳震华", invariant=True)
    assert remembered == made


def test_the_contract_reads_the_same_with_its_wording_coded_first(monkeypatch):
    coded_first = _text(_contract("司马相如"))
    monkeypatch.setattr(contract_pdf, "FIXED_WORDING", "")
    assert _text(_contract("司马相如")) == coded_first
    assert "司马相如" in coded_first and "汽车买卖合同" in coded_first


def test_an_english_contract_embeds_no_chinese_wording():
    """Its fixed wording is not coded first: the English page prints none of it."""
    before = set(_kept())
    english = _contract("Wang Jianguo", language="en")
    assert "买卖合同" not in _text(english)
    made = set(_kept()) - before
    assert not {ord(c) for c in "买卖合同"} & {code for subset in made for code in subset}


def test_the_subsets_every_document_uses_outlive_each_documents_own():
    """The memory drops the least recently used subset: the fixed wording's, used by every
    contract, stay however many buyers' own subsets come and go."""
    from app.documents import font_subsets

    kept = font_subsets._Kept()
    kept.value("wording", lambda: "made")
    for buyer in range(3 * font_subsets._KEPT):
        kept.value(buyer, lambda: "made")
        assert kept.value("wording", lambda: "made again") == "made"
    assert len(kept) == font_subsets._KEPT


def test_the_contract_s_own_subset_holds_only_its_own_characters():
    """The store's name and address, the capital amount's characters and the words of the
    ID type, payment and deposit are coded with the wording (not with each buyer's name): the
    subset made for a new buyer holds little more than the name."""
    _contract("上官婉儿")
    before = set(_kept())
    _contract("东方朔望")
    (names,) = set(_kept()) - before
    made = set(map(chr, names))
    assert not made & set(STORE.legal_name + STORE.address + CONTRACT.price_words + "人民币贷款居民身份证定金")
    assert set("东方朔望") - set(contract_pdf.FIXED_WORDING) <= made


def test_a_contract_is_the_same_bytes_in_every_process():
    """The fixed wording's order (its glyph codes) does not depend on Python's hash seed: the
    same contract made in two processes is the same file (a set of labels once ordered it)."""
    import hashlib
    import os
    import sys

    script = (
        "import hashlib, sys; from tests.unit.test_font_subsets import _contract; "
        "sys.stdout.write(hashlib.sha256(_contract('欧阳震华', invariant=True)).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(digests) == 1 and hashlib.sha256(_contract("欧阳震华", invariant=True)).hexdigest() in digests


def _reportlabs_font_objects(monkeypatch) -> None:
    """reportlab's own TTFont.addObjects and FontDescriptor, with the streams deflated at our
    level as before (font_subsets.LEVEL): what app/documents/font_objects.py must write."""
    import types

    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    from app.documents import font_subsets

    font = pdfmetrics.getFont(register_fonts().regular)

    def add_subset_objects(self, doc, fontname, subset):
        ref = TTFontFace.addSubsetObjects(self, doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        stream.filters = [font_subsets.deflated(stream.content)]
        return ref

    def add_objects(doc):
        TTFont.addObjects(font, doc)
        for name in doc.idToObject:
            if name.startswith("toUnicodeCMap:"):
                cmap = doc.idToObject[name]
                cmap.filters = [font_subsets.deflated(cmap.content)]

    monkeypatch.setattr(font, "addObjects", add_objects)
    monkeypatch.setattr(font.face, "addSubsetObjects", types.MethodType(add_subset_objects, font.face))


def test_the_font_objects_are_made_once_and_written_as_reportlab_writes_them(monkeypatch):
    """A subset's font dictionary, ToUnicode map and FontDescriptor are formatted once per
    process (issue #18.11): the next contract's fixed subsets make none of them again, and
    the PDF is byte for byte the one reportlab's own objects make."""
    from reportlab.pdfbase import ttfonts

    from app.documents import font_objects

    _contract("欧阳震华", invariant=True)
    maps = []
    real = ttfonts.makeToUnicodeCMap
    monkeypatch.setattr(font_objects, "makeToUnicodeCMap", lambda *a: maps.append(a[0]) or real(*a))
    ours = [_contract(name, invariant=True) for name in ("欧阳震华", "慕容复")]
    assert len(maps) == 1 and maps[0].startswith("AAAAAC+")  # only the new buyer's own subset
    monkeypatch.undo()
    _reportlabs_font_objects(monkeypatch)
    assert [_contract(name, invariant=True) for name in ("欧阳震华", "慕容复")] == ours


def test_a_new_pdf_takes_the_wordings_codes_without_coding_it_again(monkeypatch):
    """glyphs_first (issue #18.11): the codes the fixed wording got in one PDF are handed to
    the next one as they are; the PDF is the one coding it afresh makes."""
    from reportlab.pdfbase.ttfonts import TTFont

    from app.documents import font_subsets

    _contract("欧阳震华", invariant=True)
    coded = []
    real = TTFont.splitString
    monkeypatch.setattr(TTFont, "splitString", lambda self, text, *a: coded.append(text) or real(self, text, *a))
    kept = _contract("慕容复", invariant=True)
    assert coded and max(map(len, coded)) < 100  # only what is drawn, never the wording at once
    monkeypatch.undo()
    font_subsets._FIRST_CODES.clear()
    assert _contract("慕容复", invariant=True) == kept
