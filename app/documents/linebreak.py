"""Chinese line breaking for the documents' flowing text (避头尾, issue #17.20; GB/T 15834 and the
W3C "Requirements for Chinese Text Layout" §3.1.7): no line starts with a closing mark such as
，。、；：？！）》」”’… , and none ends with an opening one such as （《“ .

reportlab's CJK wrap (`wordWrap="CJK"`) breaks between any two Chinese characters. It already
refuses a line start for some marks (reportlab.lib.textsplit.ALL_CANNOT_START), but its list
misses the full-width comma, colon, semicolon, question and exclamation marks, 》〉 and the
closing quotes, and it hangs only ONE mark in the margin, so in "好。”" the ” could still open
the next line. `install()` replaces its two splitters (cjkFragSplit for a paragraph of several
fragments, wordSplit for one) with `cjk_frag_split` and `word_split`: the same algorithm (from
reportlab 5.1's paragraph.py and textsplit.py, BSD licence) that hangs a whole run of closing
marks at the end of the line they belong to. Idempotent; layout.py calls it when imported.

Speed (issue #18.11): a character's width is measured once per font and size (`char_widths`),
not once per character of every paragraph, and a line's fragments are grouped per run of one
fragment (`para_line`) rather than compared character by character: the lines and the PDF are
byte for byte reportlab's.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paragraph import FragLine, cjkU, imgNormV, imgVRange
from reportlab.rl_config import _FUZZ

# Marks that close something or end a clause: never the first character of a line.
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕］｝”’…‥·％‰℃°′″,.;:?!)]}%" + _rl.ALL_CANNOT_START)

# Marks that open something: never the last character of a line (避尾).
NO_LINE_END = frozenset("（《〈「『【〔［｛“‘([{")


_WIDTHS: dict[tuple[object, float], dict[str, float]] = {}


def char_widths(font_name: str, font_size: float) -> dict[str, float]:
    """Width of each character met so far in this font (the font object, so a font registered
    again under the same name is measured anew) and size; fill with `width_of`."""
    return _WIDTHS.setdefault((getFont(font_name), font_size), {})


def width_of(widths: dict[str, float], c: str, font_name: str, font_size: float) -> float:
    w = widths.get(c)
    if w is None:
        w = widths[c] = _rl.stringWidth(c, font_name, font_size)
    return w


def _glyphs(frags, encoding: str) -> list:
    """One reportlab cjkU per character (an empty one for an empty fragment), its width taken
    from `char_widths` (what cjkU itself would measure)."""
    units = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if not text or hasattr(f, "cbDefn"):
            units.extend([cjkU(t, f, encoding) for t in text] if text else [cjkU(text, f, encoding)])
            continue
        name, size = f.fontName, f.fontSize
        widths = char_widths(name, size)
        for t in text:
            u = str.__new__(cjkU, t)
            u._frag, u._width = f, width_of(widths, t, name, size)
            units.append(u)
    return units


def _latin_break(chars, start: int, i: int) -> int | None:
    """Inside a Latin word that overflows: the index just after the last space or Chinese
    character in the second half of the line, where the line may end instead; None if none."""
    for j in range(i - 1, (start + i) >> 1, -1):
        cj = chars[j]
        if cj and _rl.category(cj) == "Zs" or ord(cj) >= 0x3000:
            return j + 1 if j + 1 < i else None
    return None


def _line_end(chars, start: int, i: int) -> int:
    """Where the line that overflowed at chars[i-1] ends: before that character (or, inside a
    Latin word, before the word), unless the character there cannot start a line: then it,
    and any closing marks right after it, hang at the end of this line."""
    if chars[i - 1] and ord(chars[i - 1]) < 0x3000:
        k = _latin_break(chars, start, i)
        if k is not None:
            i = k + 1
    if chars[i - 1] in NO_LINE_START or i <= start + 1:
        while i < len(chars) and chars[i] and chars[i] in NO_LINE_START:
            i += 1  # the run of closing marks stays on this line
        return i
    end = i - 1
    while end - 1 > start and chars[end - 1] and chars[end - 1] in NO_LINE_END:
        end -= 1  # an opening mark goes down with what it opens
    return end


def split_lines(chars, width, max_widths, hard=lambda i: False) -> list[tuple[int, int, float, bool]]:
    """(start, end, line width, ends with a hard break) per line: as many characters as fit,
    by reportlab's rules (cut between Chinese characters, before a Latin word) and the
    closing-mark rule above. `width(i, line_width)` is a character's width."""
    lines: list[tuple[int, int, float, bool]] = []
    i = start = 0
    used = 0.0
    line_width = max_widths[0]
    while i < len(chars):
        used += width(i, line_width)
        i += 1
        if hard(i - 1):
            lines.append((start, i, line_width, True))
        elif used > line_width + _FUZZ and used > 0:
            i = _line_end(chars, start, i)
            lines.append((start, i, line_width, False))
        else:
            continue
        line_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start, used = i, 0.0
    if used > 0:
        lines.append((start, len(chars), line_width, False))
    return lines


def _unit_width(u, line_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = line_width
        w = w.normalizedValue(line_width)
    return w


def _bounds(f, calc_bounds) -> tuple[float, float]:
    """A fragment's ascent and descent, as reportlab's makeCJKParaLine measures them."""
    cb: Any = getattr(f, "cbDefn", None) if calc_bounds else None
    if cb is not None and getattr(cb, "width", None):
        return imgVRange(imgNormV(cb.height, f.fontSize), cb.valign, f.fontSize)
    return getAscentDescent(f.fontName, f.fontSize)


def para_line(units, max_width, used, extra, hard, calc_bounds) -> FragLine:
    """reportlab's makeCJKParaLine with the same result: consecutive characters of one fragment
    are one run, measured and compared once (reportlab compares every character with the
    previous fragment; a fragment with an image or a line break stays one word per character)."""
    words: list = []
    chars: list = []
    f0 = FragLine()
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    last = alike = None
    for u in units:
        f = u._frag
        if f is not last:
            last = f
            ascent, descent = _bounds(f, calc_bounds)
            max_size, max_ascent, min_descent = (
                max(max_size, f.fontSize),
                max(max_ascent, ascent),
                min(min_descent, descent),
            )
        # `alike`: a fragment found the same as f0 already (a piece of one fragment split at
        # its spaces is another object): sameFrag (~5 µs) is not asked again for each of its
        # characters. Images and line breaks are never alike (sameFrag says so).
        if f is alike:
            pass
        elif (f is not f0 or "cbDefn" in f.__dict__ or "lineBreak" in f.__dict__) and not sameFrag(f0, f):
            f0 = f0.clone()
            f0.text = "".join(chars)
            words.append(f0)
            chars, f0, alike = [], f, None
        elif f is not f0:
            alike = f
        chars.append(u)
    if chars:
        f0 = f0.clone()
        f0.text = "".join(chars)
        words.append(f0)
    return FragLine(
        kind=1, extraSpace=extra, wordCount=1, words=words[1:], fontSize=max_size, ascent=max_ascent,
        descent=min_descent, maxWidth=max_width, currentWidth=used, lineBreak=hard,
    )  # fmt: skip


def _one_line(frags, line_width: float, calc_bounds, encoding: str) -> FragLine | None:
    """`para_line` of the whole paragraph when it fits on its first line with no break in it
    (a document's title line, a value): measured fragment by fragment, with no unit made per
    character. The sum is taken character by character in order, as `split_lines` takes it,
    so the width is the same float. None for anything else (an image, a line break, an empty
    fragment, no width at all, or more than one line)."""
    texts = []
    used = 0.0
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if not text or hasattr(f, "cbDefn") or hasattr(f, "lineBreak"):
            return None
        name, size = f.fontName, f.fontSize
        widths = char_widths(name, size)
        for t in text:
            used += width_of(widths, t, name, size)
        texts.append(text)
    if not used > 0 or used > line_width + _FUZZ:
        return None
    words: list = []
    run: list[str] = []
    f0 = FragLine()
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    last = alike = None
    for f, text in zip(frags, texts, strict=True):  # para_line's loop, a fragment at a time
        if f is not last:
            last = f
            ascent, descent = _bounds(f, calc_bounds)
            max_size, max_ascent, min_descent = (
                max(max_size, f.fontSize),
                max(max_ascent, ascent),
                min(min_descent, descent),
            )
        if f is alike:
            pass
        elif f is not f0 and not sameFrag(f0, f):
            f0 = f0.clone()
            f0.text = "".join(run)
            words.append(f0)
            run, f0, alike = [], f, None
        elif f is not f0:
            alike = f
        run.append(text)
    f0 = f0.clone()
    f0.text = "".join(run)
    words.append(f0)
    return FragLine(
        kind=1, extraSpace=line_width - used, wordCount=1, words=words[1:], fontSize=max_size, ascent=max_ascent,
        descent=min_descent, maxWidth=line_width, currentWidth=used, lineBreak=False,
    )  # fmt: skip


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803 - reportlab's API
    """reportlab's cjkFragSplit (paragraphs of several fragments) by `split_lines`; a
    paragraph that fits on one line by `_one_line` (issue #18.11, speed)."""
    widths = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    line = _one_line(frags, widths[0], calcBounds, encoding)
    if line is not None:
        return _rl.ParaLines(kind=1, lines=[line])
    units = _glyphs(frags, encoding)
    lines = []
    for a, b, line_width, hard in split_lines(
        units, lambda i, lw: _unit_width(units[i], lw), widths, lambda i: hasattr(units[i].frag, "lineBreak")
    ):
        used = sum(_unit_width(u, line_width) for u in units[a:b])
        lines.append(para_line(units[a:b], line_width, used, line_width - used, hard, calcBounds))
    return _rl.ParaLines(kind=1, lines=lines)


def word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803 - reportlab's API
    """reportlab's wordSplit (a paragraph of one fragment) by `split_lines`: [[free, text]]."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    known = char_widths(fontName, fontSize)
    widths = [width_of(known, c, fontName, fontSize) for c in word]
    max_widths = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    return [
        [line_width - sum(widths[a:b]), word[a:b].strip()]
        for a, b, line_width, _hard in split_lines(word, lambda i, _lw: widths[i], max_widths)
    ]


def install() -> None:
    """Make every reportlab Paragraph with wordWrap="CJK" break by these rules."""
    _rl.cjkFragSplit = cjk_frag_split
    _rl.wordSplit = word_split
