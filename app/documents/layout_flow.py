"""How a flowing document's story breaks across pages (app/documents/layout.py): the one body
frame between the header and the footer, and paragraphs that move to the next page whole
(issue #17.20)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Frame, Paragraph


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
