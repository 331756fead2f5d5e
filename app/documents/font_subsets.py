"""The embedded font subsets of our PDFs, built once per process for the same glyphs (issue
#18.11, speed).

reportlab embeds a TrueType font as subsets of at most 256 glyphs, in the order the document
first draws its characters, and builds and deflates each subset for every PDF: ~2 ms to copy
the glyphs and ~3 ms of zlib for a full CJK subset, two subsets a contract. `cache_subsets`
keeps each subset's font file (raw and deflated) keyed by its
exact list of characters, so a subset identical to one made before costs nothing.

A contract draws its buyer's name within its first 256 characters, so its first subset
differed for every buyer. `glyphs_first` hands the font a document's fixed wording before the
first page is drawn: that wording then fills the first subsets the same way in every copy of
the document, whatever the buyer, and the names and numbers start a subset of their own. The
page shows the same text; only the glyph codes inside the PDF differ.

What a subset adds besides its font file is kept too (app/documents/font_objects.py): its font
dictionary with the Widths (256 numbers through reportlab's formatter, ~0.5 ms a full subset),
its ToUnicode map deflated and its FontDescriptor, formatted once. The subset made anew for
each document (the names and numbers) is cheaper as well: the font's tables are copied out of the TrueType file once per process, not for each
subset (reportlab slices the 3.5 MB glyf table of WenQuanYi Micro Hei every time), and what
this module deflates is deflated at zlib level 1 (a third of the time of the default level, a
few hundred bytes more a subset).
"""

from __future__ import annotations

import threading
import types
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFStream

from app.documents import font_objects
from app.documents.pdf_templates import Template

_KEPT = 64  # of each kind, per font (a subset's font file is ~100 kB, raw and deflated)
LEVEL = 1  # zlib level of the streams deflated here (see the module docstring)
_lock = threading.Lock()


class _Deflated:
    """reportlab's FlateDecode filter with the deflated bytes already made."""

    pdfname = "FlateDecode"

    def __init__(self, packed: bytes) -> None:
        self.packed = packed

    def encode(self, text: bytes) -> bytes:
        return self.packed


def deflated(data: str | bytes) -> _Deflated:
    """A stream's filter that writes `data` deflated at LEVEL (a str as UTF-8, as reportlab)."""
    return _Deflated(zlib.compress(data.encode("utf8") if isinstance(data, str) else data, LEVEL))


class _Kept(OrderedDict):
    """At most _KEPT values, the least recently used dropped first (the fixed wording's
    subsets, used by every document, stay while each document's own come and go)."""

    def value(self, key: Any, make: Callable[[], Any]) -> Any:
        with _lock:
            hit = self.get(key)
            if hit is not None:
                self.move_to_end(key)
                return hit
        made = make()
        with _lock:
            if len(self) >= _KEPT:
                self.popitem(last=False)
            self[key] = made
        return made


def _keep_tables(face: Any) -> None:
    """Each TrueType table copied out of the font file once (the file's bytes never change)."""
    tables: dict[str, bytes] = {}
    get_table = face.get_table

    def table(tag: str) -> bytes:
        hit = tables.get(tag)
        if hit is None:
            hit = tables[tag] = get_table(tag)
        return hit

    face.get_table = table


def cache_subsets(font: Any) -> None:
    """Install the subset memory on a registered reportlab TTFont and its face (once)."""
    face = font.face
    if getattr(face, "_showroom_subsets", None) is not None:
        return
    kept, descriptors, objects = _Kept(), _Kept(), _Kept()
    face._showroom_subsets = kept
    make_subset = face.makeSubset
    _keep_tables(face)
    font.addObjects = lambda doc: font_objects.add_objects(font, doc, objects)

    def subset_file(subset: list[int]) -> tuple[bytes, bytes]:
        def make() -> tuple[bytes, bytes]:
            raw = make_subset(subset)
            return raw, zlib.compress(raw, LEVEL)

        return kept.value(tuple(subset), make)

    def add_subset_objects(self, doc, fontname: str, subset: list[int]):
        # TTFontFace.addSubsetObjects with the font file and the FontDescriptor's template kept.
        raw, packed = subset_file(subset)
        stream = PDFStream()
        stream.content = raw
        stream.dictionary["Length1"] = len(raw)
        if doc.compression:  # the deflated bytes are ready
            stream.filters = [_Deflated(packed)]
        ref = doc.Reference(stream, f"fontFile:{self.filename}({fontname})")
        pieces = descriptors.value(fontname, lambda: font_objects.descriptor(self, fontname, ref, doc))
        return doc.Reference(Template(pieces), "fontDescriptor:" + fontname)

    face.makeSubset = lambda subset: subset_file(subset)[0]
    face.addSubsetObjects = types.MethodType(add_subset_objects, face)


def fixed_wording(*wording: object) -> str:
    """The characters beyond ASCII of a document's fixed wording (Text pieces, or dicts,
    lists and tuples of them), each once, in the order given."""
    seen: dict[str, None] = {}

    def walk(value: object) -> None:
        if isinstance(value, str):
            seen.update((c, None) for c in value if ord(c) > 127)
        elif isinstance(value, Mapping):
            for v in value.values():
                walk(v)
        elif isinstance(value, Iterable):
            for v in value:
                walk(v)

    walk(wording)
    return "".join(seen)


def glyphs_first(canv: Any, font_name: str, characters: str) -> None:
    """Give `characters` the font's first codes in this PDF (before anything is drawn), and
    start the characters drawn later (names, numbers) in a subset of their own: the subsets
    of the fixed wording are then the same in every copy, the later one small."""
    from reportlab.pdfbase import pdfmetrics

    if not characters:
        return
    font, doc = pdfmetrics.getFont(font_name), canv._doc
    if doc in font.state:  # something was coded already: code these after it
        _code_first(font, doc, characters)
        return
    # A new PDF: the codes the same wording got before (issue #18.11: ~500 characters coded
    # one by one took ~0.15 ms a contract).
    assignments, subsets, next_code = _FIRST_CODES.value((font, characters), lambda: _first_codes(font, characters))
    state = font._assignState(doc)
    state.assignments, state.subsets, state.nextCode = dict(assignments), [list(s) for s in subsets], next_code


_FIRST_CODES = _Kept()


class _Scratch:
    """A stand-in for a PDF (reportlab keeps a font's codes per document, weakly)."""


def _code_first(font: Any, doc: Any, characters: str) -> None:
    font.splitString(characters, doc)
    state = font.state[doc]
    if state.nextCode & 0xFF:  # reportlab opens subset n at code 256 * n (ttfonts.splitString)
        state.nextCode = 256 * len(state.subsets)


def _first_codes(font: Any, characters: str) -> tuple[dict, tuple, int]:
    """The codes `_code_first` gives `characters` in a new PDF."""
    doc = _Scratch()
    try:
        _code_first(font, doc, characters)
        state = font.state[doc]
        return dict(state.assignments), tuple(tuple(s) for s in state.subsets), state.nextCode
    finally:
        font.state.pop(doc, None)
