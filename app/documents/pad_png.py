"""The pad's PNG read as it is, without decoding its pixels (app/documents/pad_image.py; issue
#18.11, speed).

The pad saves a signature as one ink under an alpha (ui/widgets/signature_ink.py render_png)
in PNG's palette form: 8-bit indices, all 256 palette entries the ink, and a transparency
table that gives index i the alpha i (PNG 2nd edition, §11.2.2 PLTE and §11.3.2.1 tRNS). Its
image data is then the alpha itself: deflated rows, each starting with its PNG filter byte,
which is what a PDF stream reads with /FlateDecode and the PNG predictors (ISO 32000-1
§7.4.4.4, /Predictor 15). So the signature goes into the PDF as the PNG holds it: no decode,
no deflate. The rows are inflated once to check them (a PDF must not embed a signature that no
reader can draw); any other PNG, or one that fails a check, is decoded as before.
"""

from __future__ import annotations

import functools
import struct
import zlib
from dataclasses import dataclass

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PAETH = 4  # the highest PNG filter type (§9.2)


@dataclass(frozen=True)
class PadAlpha:
    """A one-ink palette PNG: its size, its ink (RGB bytes) and its IDAT data joined."""

    width: int
    height: int
    ink: bytes
    rows: bytes  # deflated, each row its filter byte then `width` alpha bytes


def _chunks(png: bytes) -> dict[bytes, list[bytes]] | None:
    """Each chunk's data by type, in order, up to IEND; None when a length or CRC is wrong."""
    chunks: dict[bytes, list[bytes]] = {}
    pos = len(_SIGNATURE)
    while pos + 12 <= len(png):
        length, kind = struct.unpack_from(">I4s", png, pos)
        end = pos + 8 + length
        if end + 4 > len(png):
            return None
        data = png[pos + 8 : end]
        if zlib.crc32(kind + data) != struct.unpack_from(">I", png, end)[0]:
            return None
        if kind == b"IEND":
            return chunks
        chunks.setdefault(kind, []).append(data)
        pos = end + 4
    return None


@functools.lru_cache(maxsize=16)
def pad_alpha(png: bytes) -> PadAlpha | None:
    """The PNG as one ink under its alpha when it is the pad's palette form (see the module
    docstring), else None. Kept for the last few PNGs: a signature is measured for its box
    (app/documents/layout.py) and then drawn."""
    if not png.startswith(_SIGNATURE):
        return None
    chunks = _chunks(png)
    if chunks is None or [len(c) for c in chunks.get(b"IHDR", [])] != [13]:
        return None
    width, height, *form = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    if form != [8, 3, 0, 0, 0] or not width or not height:  # 8-bit indexed, deflate, not interlaced
        return None
    palette, alphas = chunks.get(b"PLTE", [b""])[0], chunks.get(b"tRNS", [b""])[0]
    if len(palette) != 768 or palette != palette[:3] * 256:  # every index is the ink
        return None
    if len(alphas) < 255 or alphas != bytes(range(len(alphas))):  # index i has alpha i (past it: 255)
        return None
    rows = b"".join(chunks.get(b"IDAT", []))
    try:
        raw = zlib.decompress(rows)
    except zlib.error:
        return None
    if len(raw) != height * (width + 1) or max(raw[:: width + 1]) > _PAETH:
        return None
    return PadAlpha(width, height, palette[:3], rows)
