"""The embedded font subsets of our PDFs, built once per process for the same glyphs (issue
#18.11, speed).

reportlab embeds a TrueType font as subsets of at most 256 glyphs, in the order the document
first draws its characters, and builds and deflates each subset for every PDF: ~2 ms to copy
the glyphs and ~3 ms of zlib for a full CJK subset, two subsets a contract. `cache_subsets`
keeps each subset's font file (raw and deflated, the same bytes reportlab makes) keyed by its
exact list of characters, so a subset identical to one made before costs nothing.

A contract draws its buyer's name within its first 256 characters, so its first subset
differed for every buyer. `glyphs_first` hands the font a document's fixed wording before the
first page is drawn: that wording then fills the first subsets the same way in every copy of
the document, whatever the buyer, and the names and numbers start a subset of their own. The
page shows the same text; only the glyph codes inside the PDF differ.
"""

from __future__ import annotations

import threading
import types
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

_KEPT = 64  # subsets per font (~100 kB each, raw and deflated)
_lock = threading.Lock()


class _Deflated:
    """reportlab's FlateDecode filter with the deflated bytes already made (zlib's default
    level on the same bytes, so the stream is what PDFZCompress would write)."""

    pdfname = "FlateDecode"

    def __init__(self, packed: bytes) -> None:
        self.packed = packed

    def encode(self, text: bytes) -> bytes:
        return self.packed


def cache_subsets(font: Any) -> None:
    """Install the subset memory on a registered reportlab TTFont's face (once)."""
    face = font.face
    if getattr(face, "_showroom_subsets", None) is not None:
        return
    kept: dict[tuple[int, ...], tuple[bytes, bytes]] = {}
    face._showroom_subsets = kept
    make_subset, add_objects = face.makeSubset, face.addSubsetObjects

    def subset_file(subset: list[int]) -> tuple[bytes, bytes]:
        key = tuple(subset)
        hit = kept.get(key)
        if hit is None:
            raw = make_subset(subset)
            hit = (raw, zlib.compress(raw))
            with _lock:
                if len(kept) >= _KEPT:
                    kept.pop(next(iter(kept)))  # the oldest
                kept[key] = hit
        return hit

    def add_subset_objects(self, doc, fontname: str, subset: list[int]):
        ref = add_objects(doc, fontname, subset)  # embeds self.makeSubset(subset): kept below
        stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
        if stream.filters:  # the document compresses: the deflated bytes are ready
            stream.filters = [_Deflated(subset_file(subset)[1])]
        return ref

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
    font = pdfmetrics.getFont(font_name)
    font.splitString(characters, canv._doc)
    state = font.state[canv._doc]
    if state.nextCode & 0xFF:  # reportlab opens subset n at code 256 * n (ttfonts.splitString)
        state.nextCode = 256 * len(state.subsets)
