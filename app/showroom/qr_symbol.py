"""The QR code symbol itself: a fast byte-mode encoder (ISO/IEC 18004) for the vehicle card's
code (一车一卡, T/CSCA 120031-2023 4.2.1.2). What the code says is qr.py; drawing it is
qr_draw.py.

Why an encoder here although `qrcode` is a dependency: `qrcode` needs ~45 ms per 300-byte code
(most of it choosing the mask), so 60 cards could not print in under a second. This encoder
(byte mode, ISO/IEC 18004 rules, the structure of Project Nayuki's reference implementation;
the mask penalty computed with big-integer bit operations) needs ~2 ms, and
tests/unit/test_vehicle_card.py checks it bit for bit against `qrcode` for every mask and
many versions, and decodes printed cards with zxing-cpp.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from app.core.errors import ShowroomError

DEFAULT_EC = "M"

_EC_ORDER = "LMQH"
_EC_FORMAT_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
# Per version 1..40 (index 0 unused), per level L, M, Q, H (ISO/IEC 18004 table 9).
# fmt: off
_ECC_PER_BLOCK = (
    (-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
     28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
     26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28),
    (-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
     28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
     30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
)
_NUM_BLOCKS = (
    (-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
     8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25),
    (-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
     17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49),
    (-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
     23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68),
    (-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
     25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81),
)
# fmt: on

_EXP = [0] * 512
_LOG = [0] * 256
_v = 1
for _i in range(255):
    _EXP[_i] = _v
    _LOG[_v] = _i
    _v <<= 1
    if _v & 0x100:
        _v ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def _gf_mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.lru_cache(maxsize=None)
def _rs_rows(degree: int) -> tuple[int, ...]:
    """For each factor 0..255: the generator polynomial's coefficients times that factor,
    packed big-endian into one int, so a division step is a shift and an XOR."""
    gen = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            gen[j] = _gf_mul(gen[j], root)
            if j + 1 < degree:
                gen[j] ^= gen[j + 1]
        root = _gf_mul(root, 2)
    return tuple(int.from_bytes(bytes(_gf_mul(c, f) for c in gen), "big") for f in range(256))


def _rs_remainder(data: bytes, degree: int) -> bytes:
    rows, top, full = _rs_rows(degree), 8 * (degree - 1), (1 << 8 * degree) - 1
    rem = 0
    for b in data:
        rem = ((rem << 8) & full) ^ rows[b ^ (rem >> top)]
    return rem.to_bytes(degree, "big")


def _raw_modules(ver: int) -> int:
    result = (16 * ver + 128) * ver + 64
    if ver >= 2:
        n = ver // 7 + 2
        result -= (25 * n - 10) * n - 55
        if ver >= 7:
            result -= 36
    return result


def data_capacity(ver: int, ec: str) -> int:
    """Data codewords (bytes) of a version at an error-correction level."""
    e = _EC_ORDER.index(ec)
    return _raw_modules(ver) // 8 - _ECC_PER_BLOCK[e][ver] * _NUM_BLOCKS[e][ver]


def alignment_positions(ver: int) -> list[int]:
    if ver == 1:
        return []
    n = ver // 7 + 2
    step = (ver * 8 + n * 3 + 5) // (n * 4 - 4) * 2
    return [6] + sorted(4 * ver + 17 - 7 - i * step for i in range(n - 1))


def choose_version(nbytes: int, ec: str) -> int:
    for ver in range(1, 41):
        if 4 + (8 if ver < 10 else 16) + 8 * nbytes <= data_capacity(ver, ec) * 8:
            return ver
    raise ShowroomError("qr_payload_too_long", bytes=nbytes, limit=data_capacity(40, ec))


_MASKS = (
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
)

# The symbol is handled as ONE int so that the mask penalty is a few dozen big-int shifts and
# ANDs instead of a loop over modules. Row y occupies "slot" y + 4 of W = size + 8 bits; column
# x is bit slot*W + 4 + (size - 1 - x). The 4 empty slots above and below and the 4 empty bits
# either side of each row are the light surroundings the finder-like rule looks at, and keep
# a pattern from running from one row into the next.


@dataclass(frozen=True)
class _Template:
    size: int
    width: int  # W
    base: int  # dark function modules
    masks: tuple[int, ...]  # each mask pattern on the data modules only
    gather: operator.itemgetter  # packed bits, MSB first, as indexes into the data bits
    data_bits: int  # data modules (codeword bits + remainder bits)
    real: int  # all module positions of the symbol
    inner: int  # modules with a right-hand and a lower neighbour
    every: int  # every bit of every slot (light surroundings included)


def _bit(size: int, width: int, x: int, y: int) -> int:
    return (y + 4) * width + 4 + (size - 1 - x)


def _function_patterns(ver: int) -> tuple[list[list[bool]], list[list[bool]]]:
    """(dark, function) per module: timing, finder, alignment and version patterns, the
    reserved format cells and the dark module; everything the data must go around."""
    size = 4 * ver + 17
    dark = [[False] * size for _ in range(size)]
    func = [[False] * size for _ in range(size)]

    def put(x: int, y: int, on: bool) -> None:
        dark[y][x] = on
        func[y][x] = True

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                if 0 <= cx + dx < size and 0 <= cy + dy < size:
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    pos = alignment_positions(ver)
    last = len(pos) - 1
    for i, ax in enumerate(pos):
        for j, ay in enumerate(pos):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1)
    for x, y in _format_cells(size):  # reserved; the bits depend on level and mask
        put(x, y, False)
    put(8, size - 8, True)  # the dark module
    if ver >= 7:
        rem = ver
        for _ in range(12):
            rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
        bits = ver << 12 | rem
        for i in range(18):
            a, b, on = size - 11 + i % 3, i // 3, bool(bits >> i & 1)
            put(a, b, on)
            put(b, a, on)
    return dark, func


def _placement_order(size: int, func: list[list[bool]]) -> list[tuple[int, int]]:
    """The data modules in the zigzag placement order (two columns at a time, from the right)."""
    order = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for vert in range(size):
            y = size - 1 - vert if upward else vert
            order += [(x, y) for x in (right, right - 1) if not func[y][x]]
        right -= 2
    return order


def _on_data(func: list[list[bool]], mask: Callable[[int, int], bool]) -> Callable[[int, int], bool]:
    """A mask pattern restricted to the data modules (function patterns are never masked)."""
    return lambda x, y: not func[y][x] and mask(x, y)


@functools.lru_cache(maxsize=None)
def _template(ver: int) -> _Template:
    """Everything about a version that does not depend on the data: function patterns, the
    data modules in placement order, and the eight masks."""
    size = 4 * ver + 17
    dark, func = _function_patterns(ver)
    width = size + 8
    nbits = (size + 8) * width
    order = _placement_order(size, func)
    source = [len(order)] * nbits  # index len(order) is a constant "0"
    for i, (x, y) in enumerate(order):
        source[nbits - 1 - _bit(size, width, x, y)] = i

    def pack(pred: Callable[[int, int], bool]) -> int:
        bits = ["0"] * nbits
        for y in range(size):
            for x in range(size):
                if pred(x, y):
                    bits[nbits - 1 - _bit(size, width, x, y)] = "1"
        return int("".join(bits), 2)

    return _Template(
        size=size,
        width=width,
        base=pack(lambda x, y: dark[y][x]),
        masks=tuple(pack(_on_data(func, m)) for m in _MASKS),
        gather=operator.itemgetter(*source),
        data_bits=len(order),
        real=pack(lambda x, y: True),
        inner=pack(lambda x, y: x < size - 1 and y < size - 1),
        every=(1 << nbits) - 1,
    )


def _format_cells(size: int) -> list[tuple[int, int]]:
    """Format-bit cells in bit order 0..14, first copy then second copy."""
    first = [(8, i) for i in range(6)] + [(8, 7), (8, 8), (7, 8)] + [(14 - i, 8) for i in range(9, 15)]
    second = [(size - 1 - i, 8) for i in range(8)] + [(8, size - 15 + i) for i in range(8, 15)]
    return first + second


@functools.lru_cache(maxsize=None)
def _format_bits(size: int, ec: str, mask: int) -> int:
    data = _EC_FORMAT_BITS[ec] << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    bits = (data << 10 | rem) ^ 0x5412
    return sum(1 << _bit(size, size + 8, x, y) for i, (x, y) in enumerate(_format_cells(size)) if bits >> (i % 15) & 1)


def _codewords(data: bytes, ver: int, ec: str) -> bytes:
    e = _EC_ORDER.index(ec)
    capacity = data_capacity(ver, ec)
    bits = "0100" + format(len(data), "016b" if ver >= 10 else "08b")
    if data:
        bits += format(int.from_bytes(data, "big"), f"0{8 * len(data)}b")
    bits += "0" * min(4, capacity * 8 - len(bits))
    bits += "0" * (-len(bits) % 8)
    body = int(bits, 2).to_bytes(len(bits) // 8, "big")
    body += bytes((0xEC, 0x11)) * ((capacity - len(body)) // 2 + 1)
    body = body[:capacity]
    nblocks, ecc = _NUM_BLOCKS[e][ver], _ECC_PER_BLOCK[e][ver]
    raw = _raw_modules(ver) // 8
    short = nblocks - raw % nblocks
    short_len = raw // nblocks - ecc
    blocks, eccs, k = [], [], 0
    for i in range(nblocks):
        n = short_len + (0 if i < short else 1)
        blocks.append(body[k : k + n])
        eccs.append(_rs_remainder(body[k : k + n], ecc))
        k += n
    out = bytearray()
    for i in range(short_len + 1):
        out.extend(b[i] for b in blocks if i < len(b))
    for i in range(ecc):
        out.extend(c[i] for c in eccs)
    return bytes(out)


_FINDER_LIKE = ("00001011101", "10111010000")


def _penalty(t: _Template, sym: int) -> int:
    """ISO/IEC 18004 mask penalty N1..N4, on the packed symbol."""
    w = t.width
    light = ~sym & t.real
    outside_light = ~sym & t.every  # for N3 the surroundings count as light
    score = 0
    for plane in (sym, light):
        # N1: runs of 5+ one colour score 3 + (run - 5) = windows of five + 2 per run.
        h = plane & plane >> 1 & plane >> 2 & plane >> 3 & plane >> 4
        v = plane & plane >> w & plane >> 2 * w & plane >> 3 * w & plane >> 4 * w
        score += h.bit_count() + 2 * (h & ~(h >> 1)).bit_count() + v.bit_count() + 2 * (v & ~(v >> w)).bit_count()
    # N2: 2x2 blocks of one colour.
    same_down = ~(sym ^ (sym >> w))
    score += 3 * (same_down & same_down >> 1 & ~(sym ^ (sym >> 1)) & t.inner).bit_count()
    # N3: 1:1:3:1:1 finder-like runs with four light modules on one side.
    for pattern in _FINDER_LIKE:
        h = v = t.every
        for i, ch in enumerate(pattern):
            plane = sym if ch == "1" else outside_light
            h &= plane >> (10 - i)
            v &= plane >> (i * w)
        score += 40 * (h.bit_count() + (v & t.real).bit_count())
    # N4: balance of dark and light, 10 per 5 % away from half.
    total = t.size * t.size
    dark = sym.bit_count()
    score += 10 * ((abs(dark * 20 - total * 10) + total - 1) // total - 1)
    return score


def encode_rows(
    data: bytes, ec: str = DEFAULT_EC, *, version: int | None = None, mask: int | None = None
) -> tuple[int, list[int]]:
    """(size, rows): each row an int whose bit size-1-x is column x (1 = dark). `version`
    and `mask` are chosen (smallest version; lowest ISO penalty) unless given (tests)."""
    if ec not in _EC_FORMAT_BITS:
        raise ValueError(f"error correction must be one of L, M, Q, H, not {ec!r}")
    ver = version or choose_version(len(data), ec)
    t = _template(ver)
    cw = _codewords(data, ver, ec)
    bits = format(int.from_bytes(cw, "big"), f"0{8 * len(cw)}b")
    bits = (bits + "0" * (t.data_bits - len(bits)))[: t.data_bits] + "0"
    placed = int("".join(t.gather(bits)), 2)
    symbols = {
        m: (placed ^ t.masks[m]) | t.base | _format_bits(t.size, ec, m) for m in (range(8) if mask is None else (mask,))
    }
    # The lowest penalty wins; on a tie the lower mask number (min keeps the first).
    sym = symbols[min(symbols, key=lambda m: _penalty(t, symbols[m]))] if mask is None else symbols[mask]
    row_mask = (1 << t.size) - 1
    return t.size, [(sym >> (y + 4) * t.width + 4) & row_mask for y in range(t.size)]
