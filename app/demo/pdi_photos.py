"""Small stand-in photos for the demo PDI (issue #17.9): the checklist asks for photos of the
finished car (F01: four corners and the odometer), and the service refuses a pass without
them, so the demo's technician attaches these. Plain PNG written with zlib: the app needs no
imaging library for it."""

from __future__ import annotations

import struct
import zlib

WIDTH, HEIGHT = 64, 48
# One colour per shot, so the five photos of a demo PDI are told apart on screen.
COLOURS = ((52, 101, 164), (78, 154, 6), (196, 160, 0), (204, 0, 0), (117, 80, 123))
CAPTIONS = ("左前 front left", "右前 front right", "左后 rear left", "右后 rear right", "里程表 odometer")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def demo_photo(n: int) -> bytes:
    """PNG n (0-based): a shaded block in the n-th colour, darker towards the bottom."""
    r, g, b = COLOURS[n % len(COLOURS)]
    rows = bytearray()
    for y in range(HEIGHT):
        shade = 1 - y / (2 * HEIGHT)
        rows += b"\x00" + bytes((int(r * shade), int(g * shade), int(b * shade))) * WIDTH
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows)))
        + _chunk(b"IEND", b"")
    )


def demo_caption(n: int) -> str:
    return CAPTIONS[n % len(CAPTIONS)]
