"""How a flowing document's story breaks across pages (app/documents/layout.py): the one body
frame between the header and the footer, paragraphs that move to the next page whole (issue
#17.20), and each paragraph's lines broken once per width.

reportlab breaks a paragraph's lines again at every wrap: a table cell is wrapped to measure its
row and again to draw it, a paragraph kept whole is wrapped to see whether it fits and again by
the frame. Breaking Chinese lines goes character by character (app/documents/linebreak.py), about
a third of a contract's rendering (issue #18.11). `remember_line_breaks` keeps the last lines
broken for each paragraph and width; the PDF is byte for byte the same.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Frame, Paragraph
from reportlab.platypus import paragraph as _rl

_break_lines_cjk = Paragraph.breakLinesCJK


def _remembered_break(self: Paragraph, maxWidths):  # noqa: N803 - reportlab's API
    """Paragraph.breakLinesCJK, broken once per paragraph and widths. A paragraph's text and
    style do not change once it is made (split makes new paragraphs). reportlab narrows the
    first line's width for a bullet in place: done again on a remembered answer too."""
    key = tuple(maxWidths) if isinstance(maxWidths, list | tuple) else maxWidths
    seen = self.__dict__.get("_showroom_lines")
    if seen is not None and seen[0] == key and seen[1] is self.frags:
        if isinstance(maxWidths, list):
            _rl._handleBulletWidth(self.bulletText, self.style, maxWidths)
        self.height = 0
        return seen[2]
    lines = _break_lines_cjk(self, maxWidths)
    self._showroom_lines = (key, self.frags, lines)
    return lines


def remember_line_breaks() -> None:
    """Install `_remembered_break` for every CJK-wrapped Paragraph; idempotent."""
    Paragraph.breakLinesCJK = _remembered_break


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
        return [] if self.content.wrap(aW, aH)[1] <= self.page_height else self.content.split(aW, aH)

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)

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
