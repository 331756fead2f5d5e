"""How a flowing document's story breaks across pages (app/documents/layout.py): the one body
frame between the header and the footer, paragraphs that move to the next page whole (issue
#17.20), and each paragraph's lines broken once per width.

reportlab breaks a paragraph's lines again at every wrap: a table cell is wrapped to measure its
row and again to draw it, a paragraph kept whole is wrapped to see whether it fits and again by
the frame. Breaking Chinese lines goes character by character (app/documents/linebreak.py), about
a third of a contract's rendering (issue #18.11). `remember_line_breaks` keeps the lines
broken for each paragraph's fragments and width, and the fragments parsed for each text and
style settings, once per process: a contract's fixed wording is laid out once per session, not
once per contract. The PDF is byte for byte the same.
"""

from __future__ import annotations

import copy
import re
import threading
import weakref

from reportlab.platypus import Flowable, Frame, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus import paragraph as _rl

_break_lines_cjk, _break_lines = Paragraph.breakLinesCJK, Paragraph.breakLines
_table_wrap = Table.wrap
_setup = Paragraph._setup
_KEPT = 4096  # paragraphs (text and style) kept per process: a few documents' worth
_PARSED: dict[tuple, tuple] = {}
_LINES: dict[tuple, tuple] = {}
_KEEP_LOCK = threading.Lock()


def _keep(cache: dict, key: tuple, value: tuple) -> None:
    # A lock: paragraphs are also made outside PDF_WRITE_LOCK (a document's header), and
    # another thread's insert between iter() and next() would raise.
    with _KEEP_LOCK:
        if len(cache) >= _KEPT:
            cache.pop(next(iter(cache)))  # the oldest: dicts keep insertion order
        cache[key] = value


# Each style's key with the settings it was made from: ~80 paragraphs a contract share a
# handful of styles (a third are clones made for one heading or table), and making the key
# setting by setting took ~26 µs a paragraph.
_STYLE_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_STYLE_NUMBERS: dict[tuple, int] = {}  # each distinct settings seen: a few dozen per process


def style_key(style) -> int:
    """A paragraph style's settings (a style is a plain attribute dictionary, its parent's
    copied in): equal settings lay text out the same, whichever render made the style. Kept
    per style object while its settings are the ones the key was made from (a style changed
    after a paragraph used it gets a new key). The key is a number per distinct settings:
    hashing the settings (colours hash in Python) for every paragraph made and drawn was slow."""
    settings = style.__dict__
    seen = _STYLE_KEYS.get(style)
    if seen is not None and seen[0] == settings:
        return seen[1]
    plain = settings.copy()
    plain.pop("name", None)
    plain.pop("parent", None)
    key: tuple = tuple(plain.items())
    try:
        hash(key)  # settings are numbers, strings, None and colours (equal colours hash equal)
    except TypeError:
        key = tuple((k, v if isinstance(v, str | int | float | None) else repr(v)) for k, v in plain.items())
    with _KEEP_LOCK:
        number = _STYLE_NUMBERS.setdefault(key, len(_STYLE_NUMBERS))
        _STYLE_KEYS[style] = (dict(settings), number)
    return number


def _parsed_once(self: Paragraph, text, style, bulletText, frags, cleaner):  # noqa: N803 - reportlab's API
    """Paragraph._setup, parsed once per process for the same text, bullet and style settings:
    a document's fixed wording (clauses, labels, headings) is the same in every contract.
    The fragments are shared read-only; the paragraph keeps the caller's style object."""
    # Plain Paragraphs only: XPreformatted (a subclass) keeps the spaces a Paragraph collapses.
    plain = type(self) is Paragraph and frags is None and isinstance(text, str)
    if not plain or not isinstance(bulletText, str | None):
        return _setup(self, text, style, bulletText, frags, cleaner)
    key = (cleaner, text, bulletText, self.caseSensitive, style_key(style))
    hit = _PARSED.get(key)
    if hit is None:
        if not _parsed_plain(self, text, style, bulletText, cleaner, (cleaner, bulletText, key[3], key[4])):
            _setup(self, text, style, bulletText, frags, cleaner)
        if self.style is style:  # no <para> markup changed the style
            _keep(_PARSED, key, (self.text, self.frags, self.bulletText))
        return None
    self.text, self.frags, self.bulletText = hit
    self.style, self.debug = style, 0
    return None


_MARKUP = frozenset("<>&")
_TAG = re.compile(r"(<[^<>]*>)")
_PLAIN: dict[tuple, tuple] = {}  # the fragments of a markup's skeleton, per style settings


def _skeleton_fragments(style, bulletText, cleaner, key: tuple, skeleton: str, holes: int) -> tuple | None:  # noqa: N803
    """The fragments reportlab's parser makes of `skeleton` (the markup with one letter for
    each plain text in it) in this style: one per text, found once by parsing the skeleton.
    None when the style or the markup makes anything else of it (a transform of the text, a
    style changed by <para> markup, a tag left open, an error)."""
    kept = _PLAIN.get(key)
    if kept is None:
        probe = Paragraph.__new__(Paragraph)
        probe.caseSensitive = key[2]
        try:
            _setup(probe, skeleton, style, bulletText, None, cleaner)
        except (ValueError, IndexError):  # the real parse says what is wrong
            probe.frags = None
        frags = probe.frags
        plain = (
            bool(frags) and probe.text == skeleton and probe.style is style and probe.bulletText == bulletText
            and not getattr(style, "textTransform", None) and len(frags) == holes
            and all(f.text == "X" for f in frags)
        )  # fmt: skip
        kept = (tuple(frags) if plain else None,)
        _keep(_PLAIN, key, kept)
    return kept[0]


def _parsed_plain(self: Paragraph, text: str, style, bulletText, cleaner, key: tuple) -> bool:  # noqa: N803
    """Paragraph._setup without the parser (~90 µs a paragraph) for a text whose pieces between
    tags are plain (a buyer's value, a fixed label's markup then the value, a title line with
    its number inside the markup): the fragments of its skeleton (each piece one letter) are
    parsed once, and each, a copy holding its piece, is what the parser's handle_data makes
    of it. False (nothing done) otherwise."""
    cleaned = cleaner(text)
    parts = _TAG.split(cleaned)  # text, tag, text, ..., text
    pieces = [t for t in parts[::2] if t]
    if not pieces or any(not _MARKUP.isdisjoint(t) for t in pieces):
        return False
    skeleton = "".join("X" if i % 2 == 0 and t else t for i, t in enumerate(parts))
    frags = _skeleton_fragments(style, bulletText, cleaner, (*key, skeleton), skeleton, len(pieces))
    if frags is None:
        return False
    made = []
    for frag, piece in zip(frags, pieces, strict=True):
        frag = copy.copy(frag)
        frag.text = piece
        made.append(frag)
    self.text, self.frags, self.style, self.bulletText, self.debug = cleaned, made, style, bulletText, 0
    return True


def _remembered(self: Paragraph, maxWidths, breaker, kind: str):  # noqa: N803 - reportlab's API
    """`breaker`'s lines, broken once per paragraph fragments and widths (per process:
    fragments parsed once are shared, see `_parsed_once`). A paragraph's text and style do not
    change once it is made (split makes new paragraphs). reportlab narrows the first line's
    width for a bullet in place: done again on a remembered answer too."""
    if self.__dict__.get("_showroom_private"):  # being split: lines of its own (see _Whole.split)
        return breaker(self, maxWidths)
    key = (kind, id(self.frags), tuple(maxWidths) if isinstance(maxWidths, list | tuple) else maxWidths)
    seen = self.__dict__.get("_showroom_lines") or _LINES.get(key)
    if seen is not None and seen[0] == key and seen[1] is self.frags:
        if isinstance(maxWidths, list):
            _rl._handleBulletWidth(self.bulletText, self.style, maxWidths)
        self.height = 0
        return seen[2]
    frags = self.frags
    lines = breaker(self, maxWidths)
    if kind == "cjk" or (lines.kind == 0 and self.frags is frags):
        self._showroom_lines = (key, self.frags, lines)
        _keep(_LINES, key, self._showroom_lines)
    return lines


def _remembered_break(self: Paragraph, maxWidths):  # noqa: N803 - reportlab's API
    """Paragraph.breakLinesCJK, remembered (`_remembered`)."""
    return _remembered(self, maxWidths, _break_lines_cjk, "cjk")


def _remembered_plain_break(self: Paragraph, width):
    """Paragraph.breakLines (English, wordWrap=None), remembered for a paragraph of one plain
    fragment whose lines come out as one (kind 0): its other paths rewrite the fragments."""
    if len(self.frags) != 1 or not hasattr(self.frags[0], "text"):
        return _break_lines(self, width)
    return _remembered(self, width, _break_lines, "plain")


def _table_wrapped_once(self: Table, availWidth, availHeight):  # noqa: N803 - reportlab's API
    """Table.wrap, answered again for the same width when the table fitted before and fits
    again: a table is measured for the room after its heading (`_RoomFor`) and again by the
    frame, every cell wrapped each time (~0.1 ms a table). reportlab measures a table that
    does not fit for splitting, so only a measurement that fitted is reused; the sizes it left
    on the table (rows, columns) are those of the same width."""
    seen = self.__dict__.get("_showroom_wrap")
    if seen is not None and seen[0] == availWidth and seen[2] <= availHeight and type(self) is Table:
        self.availWidth = availWidth
        return seen[1], seen[2]
    width, height = _table_wrap(self, availWidth, availHeight)
    self._showroom_wrap = (availWidth, width, height) if height <= availHeight else None
    return width, height


def remember_line_breaks() -> None:
    """Install `_parsed_once`, `_remembered_break` and `_remembered_plain_break` for every
    Paragraph, and `_table_wrapped_once` for every Table; idempotent."""
    Paragraph._setup = _parsed_once
    Paragraph.breakLinesCJK = _remembered_break
    Paragraph.breakLines = _remembered_plain_break
    Table.wrap = _table_wrapped_once


def body_frame(left: float, bottom: float, width: float, height: float) -> Frame:
    """The one frame the story flows through, between the header and the footer."""
    return Frame(
        left, bottom, width, height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip


class _Whole(Flowable):
    """A paragraph that moves to the next page whole rather than split (issue #17.20), unless
    it is taller than a page. Not a KeepTogether: that one measures itself as endless inside
    another KeepTogether, and cannot take part in keepWithNext."""

    def __init__(self, content: Flowable, page_height: float) -> None:
        super().__init__()
        self.content, self.page_height = content, page_height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        self.width, self.height = self.content.wrap(aW, aH)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        p = self.content
        if p.wrap(aW, aH)[1] <= self.page_height:
            return []
        if isinstance(p, Paragraph):
            # Splitting may edit its lines' words in place (reportlab adds the trailing space):
            # never the lines shared with other paragraphs of the same text (`_LINES`).
            p._showroom_private = True
            p.__dict__.pop("_showroom_lines", None)
            p.wrap(aW, aH)
        return p.split(aW, aH)

    def draw(self) -> None:
        # Drawn where this wrapper stands: not through drawOn, whose state saved and origin
        # moved by (0, 0) would only add operators to the page (a paragraph saves its own).
        self.content._drawOn(self.canv)

    def getKeepWithNext(self):  # noqa: N802 - reportlab API
        # reportlab clears keepWithNext on this wrapper once it has grouped it: honour that.
        return self.__dict__.get("keepWithNext", self.content.getKeepWithNext())

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return self.content.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return self.content.getSpaceAfter()


def unsplit(story: list[Flowable], page_height: float) -> list[Flowable]:
    """Every paragraph of the story on one page (issue #17.20): a bilingual clause (Chinese
    with its English beneath) is often one paragraph, and half of it on the next page reads
    as two clauses."""
    return [_Whole(f, page_height) if isinstance(f, Paragraph) else f for f in story]


class _RoomFor(Flowable):
    """Nothing drawn: a new page unless `keep` and the first piece of `then` fit on this one
    (issue #18, layout review): a heading never ends a page alone, and the signatures never
    start the last page alone. Nothing happens at the top of a page, or when they would not
    fit on a whole page either: no blank page is made. A frame action, so that the frame
    neither draws it nor counts it as content (the PDF of a page it does not move is the
    same)."""

    def __init__(self, keep: list[Flowable], then: Flowable | None, page_height: float) -> None:
        super().__init__()
        self.keep, self.then, self.page_height = keep, then, page_height

    def frameAction(self, frame: Frame) -> None:  # noqa: N802 - reportlab API
        if getattr(frame, "_atTop", 0):
            return
        width, canv = frame._getAvailableWidth(), self.canv
        need = sum(_height(f, width, self.page_height, canv) for f in self.keep)
        if self.then is not None:
            need += _first_piece(self.then, width, self.page_height, canv)
        if frame._y - frame._y1p < need <= self.page_height:
            from reportlab.platypus.doctemplate import FrameBreak

            frame.add_generated_content(FrameBreak)


def _height(f: Flowable, width: float, height: float, canv) -> float:
    h = f.wrapOn(canv, width, height)[1]
    if isinstance(f, KeepTogether):  # it answers "endless" to force a split: its content's height
        h = f._H
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def _first_piece(f: Flowable, width: float, height: float, canv) -> float:
    """The height of what must follow a heading on its page: a table's first row (with the
    rows it repeats), or the whole of anything else (a paragraph moves whole)."""
    if isinstance(f, Table):
        f.wrapOn(canv, width, height)
        repeat = f.repeatRows if isinstance(f.repeatRows, int) else len(f.repeatRows)
        return sum(f._rowHeights[: repeat + 1]) + f.getSpaceBefore()
    return _height(f, width, height, canv)


def _inner(f: Flowable) -> Flowable:
    return f.content if isinstance(f, _Whole) else f


def _is_heading(f: Flowable) -> bool:
    p = _inner(f)
    return isinstance(p, Paragraph) and p.style.name == "heading"


def _heading_end(story: list[Flowable], i: int) -> int:
    """The index after the heading starting at i: its English line goes with it."""
    return i + 2 if story[i].getKeepWithNext() and i + 1 < len(story) else i + 1


def _is_signatures(f: Flowable) -> bool:
    return isinstance(f, KeepTogether) and any(getattr(c, "showroom_signatures", False) for c in f._content)


def _group_start(story: list[Flowable], i: int) -> int:
    """Where the run before story[i] starts: its last table or paragraph (and the spacers
    after it), the paragraphs kept with it and the heading right before it."""
    while i > 0 and isinstance(story[i - 1], Spacer):
        i -= 1
    i = max(i - 1, 0)
    while i > 0 and story[i - 1].getKeepWithNext():
        i -= 1
    for back in (1, 2):
        if i >= back and _is_heading(story[i - back]) and _heading_end(story, i - back) == i:
            return i - back
    return i


def keep_with_next(story: list[Flowable], page_height: float) -> list[Flowable]:
    """The story with a `_RoomFor` before every heading (room for it and the first row or
    paragraph after it) and before what precedes the signatures (room for both)."""
    guards: dict[int, list[Flowable]] = {}
    paired: list[Flowable] = []
    for i, f in enumerate(story):
        if _is_heading(f):
            end = _heading_end(story, i)
            then = next((g for g in story[end:] if not isinstance(g, Spacer)), None)
            guards.setdefault(i, []).append(_RoomFor(story[i:end], then, page_height))
            paired += story[i : end - 1]
        elif _is_signatures(f) and i > 0:
            start = _group_start(story, i)
            guards.setdefault(start, []).insert(0, _RoomFor(story[start : i + 1], None, page_height))
    for f in paired:
        # The guard keeps the heading with its English line (and more): reportlab's own
        # keepWithNext would measure the two again in a KeepTogether (~0.1 ms a heading).
        f.keepWithNext = 0
    out: list[Flowable] = []
    for i, f in enumerate(story):
        out += guards.get(i, [])
        out.append(f)
    return out
