"""The PDF objects that name a TrueType subset (its font dictionary, FontDescriptor, Widths and
ToUnicode map), made once per process for the same subset (issue #18.11, speed).

reportlab's TTFont.addObjects makes them for every PDF: each subset's 256 widths looked up and
formatted, its ToUnicode map written out and deflated, its two dictionaries formatted key by
key. A contract's fixed wording gives the same first subsets in every copy
(app/documents/font_subsets.py `glyphs_first`), so all of that is the same from one contract
to the next, except the numbers of the objects the dictionaries refer to. Here each dictionary
is formatted once into a template (app/documents/pdf_templates.py) whose references are
filled in with the numbers of the PDF being written. The objects are made and registered in reportlab's order,
so the PDF is byte for byte reportlab's (the code follows reportlab 4's ttfonts.py, BSD
licence).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFObjectReference, PDFStream
from reportlab.pdfbase.pdfdoc import PDFTrueTypeFont as _PDFTrueTypeFont
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

from app.documents.pdf_templates import filled, template


class _Font(_PDFTrueTypeFont):
    """reportlab's font dictionary, formatted from the template kept for its subset."""

    pieces: tuple[bytes, ...] = ()

    def format(self, document: Any) -> bytes:
        return filled(self.pieces, document)


def descriptor(face: Any, fontname: str, font_file: PDFObjectReference, document: Any) -> tuple[bytes, ...]:
    """The template of a subset's FontDescriptor (TTFontFace.addSubsetObjects)."""
    flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
    entries = {
        "Type": "/FontDescriptor",
        "Ascent": face.ascent,
        "CapHeight": face.capHeight,
        "Descent": face.descent,
        "Flags": flags,
        "FontBBox": PDFArray(face.bbox),
        "FontName": PDFName(fontname),
        "ItalicAngle": face.italicAngle,
        "StemV": face.stemV,
        "FontFile2": font_file,
        "MissingWidth": face.defaultWidth,
    }
    return template(entries, document)


def _font_template(font: TTFont, internal: str, base: str, subset: list[int], doc: Any) -> tuple:
    """(font dictionary template, ToUnicode map, the map deflated) of a subset."""
    from app.documents.font_subsets import deflated

    cmap = makeToUnicodeCMap(base, subset)
    entries = {
        "Type": PDFName("Font"),
        "Subtype": PDFName("TrueType"),
        "BaseFont": PDFName(base),
        "Name": PDFName(internal),
        "FirstChar": 0,
        "LastChar": len(subset) - 1,
        "Widths": PDFArray(list(map(font.face.getCharWidth, subset))),
        "ToUnicode": PDFObjectReference("toUnicodeCMap:" + base),
        "FontDescriptor": PDFObjectReference("fontDescriptor:" + base),
    }
    return template(entries, doc), cmap, deflated(cmap)


def add_objects(font: TTFont, doc: Any, kept: Any) -> None:
    """TTFont.addObjects with each subset's objects from `kept` (font_subsets._Kept): the
    same objects, registered in the same order."""
    state = font.state.get(doc)
    if state is None:
        state = font.state[doc] = TTFont.State(font._asciiReadable)
    state.frozen = 1
    face = font.face
    fonts = doc.idToObject["BasicFonts"].dict
    for n, subset in enumerate(state.subsets):
        internal = font.getSubsetInternalName(n, doc)[1:]
        base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        pieces, cmap, packed = kept.value(
            (internal, base, tuple(subset)), lambda: _font_template(font, internal, base, subset, doc)
        )
        pdf_font = _Font()
        pdf_font.__Comment__ = f"Font {font.fontName} subset {n}"
        pdf_font.Name, pdf_font.BaseFont, pdf_font.FirstChar, pdf_font.LastChar = internal, base, 0, len(subset) - 1
        pdf_font.pieces = pieces
        stream = PDFStream()
        stream.content = cmap
        if doc.compression:
            stream.filters = [packed]
        pdf_font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base)
        pdf_font.FontDescriptor = face.addSubsetObjects(doc, base, subset)
        doc.Reference(pdf_font, internal)
        fonts[internal] = pdf_font
    del font.state[doc]
