"""Find and register the embedded CJK TrueType font that every PDF uses.

reportlab embeds only TrueType-outline fonts (toolchain.md "reportlab and CJK"): a missing or
unsuitable font must be a clear error (`cjk_font_missing`), never a PDF full of empty boxes or
silently dropped digits. The candidate list lives in resources/fonts/fonts.json; the environment
variable SHOWROOM_CJK_FONT=path[,index] replaces it (e.g. a font copied next to a portable
install). Tests pass their own `FontConfig`, so no internals need monkeypatching.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import ShowroomError

log = logging.getLogger(__name__)

# reportlab keeps a TrueType font's subset bookkeeping in the one registered font object: two
# threads writing PDFs at once can corrupt each other's subset (KeyError in makeSubset, seen with
# two terminals' sessions issuing cards in one process). Every PDF that embeds our fonts is
# written while holding this lock; a card or a page takes milliseconds, so waiting is short.
PDF_WRITE_LOCK = threading.RLock()

ENV_VAR = "SHOWROOM_CJK_FONT"
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "fonts.json"
# Used when a config omits it: Latin, digits and ¥ are where fallback fonts fail silently.
DEFAULT_REQUIRED = "0123456789ABCabc¥·投诉电话"


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont_index: int = 0


@dataclass(frozen=True)
class FontConfig:
    candidates: tuple[FontCandidate, ...]
    family: str = "ShowroomCJK"
    required_chars: str = DEFAULT_REQUIRED


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names. WenQuanYi has no bold face, so `bold` may equal
    `regular`; `<b>` in a Paragraph then maps to the same face instead of failing."""

    regular: str
    bold: str
    path: Path
    subfont_index: int


def _expand(raw: str, base: Path) -> Path:
    # expandvars handles ${WINDIR} and, on Windows, %WINDIR% too; unset variables stay literal
    # and the path simply does not exist.
    path = Path(os.path.expandvars(raw)).expanduser()
    return path if path.is_absolute() else base / path


def load_config(path: Path | None = None) -> FontConfig:
    """Read a fonts.json. A broken file is a set-up error, reported like a missing font."""
    path = Path(path) if path is not None else DEFAULT_CONFIG
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        candidates = tuple(
            FontCandidate(_expand(c["path"], path.parent), int(c.get("subfont_index", 0))) for c in data["candidates"]
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ShowroomError("font_config_invalid", path=str(path), reason=str(e)) from e
    return FontConfig(
        candidates, str(data.get("family", "ShowroomCJK")), str(data.get("required_chars", DEFAULT_REQUIRED))
    )


def parse_override(value: str) -> FontCandidate:
    """`path[,index]`; a comma followed by digits is the .ttc subfont index."""
    head, sep, tail = value.strip().rpartition(",")
    if sep and tail.strip().isdigit():
        return FontCandidate(Path(head.strip()).expanduser(), int(tail))
    return FontCandidate(Path(value.strip()).expanduser(), 0)


def effective_candidates(
    config: FontConfig | None = None, environ: Mapping[str, str] | None = None
) -> tuple[FontCandidate, ...]:
    """The list actually searched. An explicit override is the only candidate: if it is
    wrong the user must hear so, not get a different font than the one they chose."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_VAR, "").strip():
        return (parse_override(environ[ENV_VAR]),)
    return (config or load_config()).candidates


def _sfnt_problem(candidate: FontCandidate) -> str | None:
    """Cheap check (table directory only, no glyph parsing): None if the file is a TrueType-
    outline font, else why not. Catches CFF fonts such as Noto Sans CJK in microseconds."""
    try:
        with candidate.path.open("rb") as f:
            head = f.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if candidate.subfont_index >= count:
                    return f"subfont index {candidate.subfont_index} >= {count}"
                f.seek(12 + 4 * candidate.subfont_index)
                offset = struct.unpack(">I", f.read(4))[0]
                f.seek(offset)
                head = f.read(12)
            if len(head) < 12:
                return "not a font file"
            num_tables = struct.unpack(">H", head[4:6])[0]
            tags = {f.read(16)[:4] for _ in range(num_tables)}
    except FileNotFoundError:
        return "not found"
    except OSError as e:
        return f"unreadable: {e}"
    if b"glyf" not in tags:
        return "no TrueType outlines (CFF/PostScript fonts cannot be embedded)"
    return None


_lock = threading.Lock()
_registered: dict[tuple[FontCandidate, str, str], FontSet] = {}


def _register(candidate: FontCandidate, family: str, required: str) -> FontSet:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from app.documents.font_subsets import cache_subsets

    # A distinct name per file: two configs in one process (tests) must not clash in
    # reportlab's global registry. The name stays inside reportlab; PDFs name the face.
    digest = hashlib.sha1(f"{candidate.path}|{candidate.subfont_index}".encode()).hexdigest()
    name = f"{family}-{digest[:8]}"
    try:
        font = TTFont(name, str(candidate.path), subfontIndex=candidate.subfont_index)
    except (TTFError, OSError, struct.error, IndexError, ValueError) as e:
        raise _Unusable(str(e)) from e
    missing = [c for c in required if ord(c) not in font.face.charToGlyph]
    if missing:
        raise _Unusable("lacks characters " + "".join(missing))
    pdfmetrics.registerFont(font)
    cache_subsets(font)  # each subset's font file made once per process (font_subsets.py)
    # Binary streams, not ASCII85: reportlab's pure-Python ASCII85 cost 3 ms of a card's 20 ms
    # (the embedded font), and files are smaller. PDF has been 8-bit clean since 1.0.
    rl_config.useA85 = 0
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FontSet(regular=name, bold=name, path=candidate.path, subfont_index=candidate.subfont_index)


class _Unusable(Exception):
    pass


def register_fonts(config: FontConfig | None = None, *, environ: Mapping[str, str] | None = None) -> FontSet:
    """Register the first usable candidate once per process (lazily: parsing a CJK font
    costs ~0.3 s) and return its names. Thread-safe: workers may render concurrently.

    Raises ShowroomError("cjk_font_missing", searched=[paths], reasons={path: why}).
    Failures are not cached, so installing the font and retrying works without a restart.
    """
    config = config or load_config()
    candidates = effective_candidates(config, environ)
    with _lock:
        for candidate in candidates:
            key = (candidate, config.family, config.required_chars)
            if key in _registered:
                return _registered[key]
        reasons: dict[str, str] = {}
        for candidate in candidates:
            problem = _sfnt_problem(candidate)
            if problem is None:
                try:
                    fontset = _register(candidate, config.family, config.required_chars)
                except _Unusable as e:
                    problem = str(e)
                else:
                    _registered[(candidate, config.family, config.required_chars)] = fontset
                    log.info("PDF font: %s (index %d)", candidate.path, candidate.subfont_index)
                    return fontset
            reasons[str(candidate.path)] = problem
            log.debug("PDF font candidate %s rejected: %s", candidate.path, problem)
    raise ShowroomError("cjk_font_missing", searched=[str(c.path) for c in candidates], reasons=reasons)


def check_fonts(
    config: FontConfig | None = None, *, environ: Mapping[str, str] | None = None, thorough: bool = False
) -> Path:
    """Start-up check: return the font file PDFs will use, or raise `cjk_font_missing`.

    By default only the table directory is read (fast enough for the UI thread); the full
    glyph coverage check happens on first render. `thorough=True` registers the font now
    (~0.3 s: run it in a worker), which also warms the cache.
    """
    if thorough:
        return register_fonts(config, environ=environ).path
    config = config or load_config()
    candidates = effective_candidates(config, environ)
    reasons = {}
    for candidate in candidates:
        problem = _sfnt_problem(candidate)
        if problem is None:
            return candidate.path
        reasons[str(candidate.path)] = problem
    raise ShowroomError("cjk_font_missing", searched=[str(c.path) for c in candidates], reasons=reasons)
