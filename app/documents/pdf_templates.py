"""PDF dictionaries formatted once into templates (issue #18.11, speed).

reportlab formats every dictionary of every PDF key by key (each name and number through its
formatter). A dictionary our documents write again and again with the same keys (a font's, a
pad signature's image) is formatted once here with a gap for each value that changes (the
number of an object it refers to, a length, a size), and filled in for each PDF: the bytes are
reportlab's own, as its formatter spaces and breaks a dictionary by the number of its keys
(six a line), never by the lengths of their values.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import NoEncryption, PDFDictionary, PDFObject, PDFObjectReference

_GAP = b"\x00"  # around a gap's name: never in a dictionary of names and numbers
_REF, _VALUE = "R", "V"


class _Gap(PDFObject):
    """Stands for a reference or a value while a dictionary is formatted into a template."""

    def __init__(self, kind: str, name: str) -> None:
        self.tag = _GAP + (kind + name).encode("latin-1") + _GAP

    def format(self, document: Any) -> bytes:
        return self.tag


def template(entries: dict, document: Any, values: tuple[str, ...] = ()) -> tuple[bytes, ...]:
    """`entries` (as PDFDictionary takes them, nested dictionaries included) formatted, split
    at each gap: text, gap, text, ... A reference at the top level is a gap filled with the
    number of the object it names; so is each entry named in `values`, filled with the value
    `filled` is given for it (nested or not: a nested dictionary's entry by its own key)."""

    def gapped(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if k in values:
                v = _Gap(_VALUE, k)
            elif isinstance(v, PDFObjectReference) and d is entries:
                v = _Gap(_REF, v.name)
            elif isinstance(v, PDFDictionary):
                v = PDFDictionary(gapped(v.dict))
            out[k] = v
        return out

    return tuple(PDFDictionary(gapped(entries)).format(document).split(_GAP))


def filled(pieces: tuple[bytes, ...], document: Any, values: dict[str, Any] | None = None) -> bytes:
    """A template with its gaps filled: a reference with the number of its object in
    `document` ("12 0 R", as PDFObjectReference formats it), a value from `values` (an int, as
    reportlab formats numbers, or a reference)."""
    numbers = document.idToObjectNumberAndVersion
    out = list(pieces)
    for i in range(1, len(out), 2):
        kind, name = chr(pieces[i][0]), pieces[i][1:].decode("latin-1")
        v = name if kind == _REF else (values or {})[name]
        if isinstance(v, PDFObjectReference):
            v = v.name
        if isinstance(v, str):  # the name of the object referred to
            number, version = numbers[v]
            out[i] = b"%d %d R" % (number, version)
        else:
            out[i] = b"%d" % v
    return b"".join(out)


class Template(PDFObject):
    """A dictionary registered in one PDF, formatted from its template."""

    def __init__(self, pieces: tuple[bytes, ...], values: dict[str, Any] | None = None) -> None:
        self.pieces, self.values = pieces, values

    def format(self, document: Any) -> bytes:
        return filled(self.pieces, document, self.values)


def stream(head: bytes, content: bytes, document: Any) -> bytes | None:
    """A stream object as PDFStream formats it, its dictionary `head` already formatted (with
    its Length and Filter); None for an encrypted PDF (its content would be encrypted)."""
    if not isinstance(document.encrypt, NoEncryption):
        return None
    return head + b"\nstream\n" + content + b"endstream\n"
