"""The numbered footer of every page of a flowing document (app/documents/layout.py): number,
version and "page x of y" in the document's language, stamped once the page count is known.
The pages' content streams are deflated at zlib level 1 as they are finished (issue #18.11,
speed: half the time of reportlab's default level, ~15 % larger streams, ~1 kB a contract)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas

from app.documents.font_subsets import deflated, glyphs_first
from app.documents.fonts import FontSet

if TYPE_CHECKING:
    from app.documents.layout import DocumentMeta


def footer_text(meta: DocumentMeta, page: int, total: int) -> str:
    no = f"No. {meta.number}"
    if meta.language == "zh":
        return f"文件编号 {meta.number} · 版本 v{meta.version} · 第 {page} / {total} 页"
    if meta.language == "en":
        return f"{no} · Version {meta.version} · Page {page} of {total}"
    return f"文件编号 {no} · 版本 v{meta.version} · 第 {page} / {total} 页 Page {page} of {total}"


class _NumberedCanvas(Canvas):
    """'Page x of y' needs y before any page is written: keep each finished page's state,
    then stamp every footer at save() (the reportlab NumberedCanvas recipe, one pass)."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None], first=("", ""), **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        if first[1]:  # (font, characters) given their codes before anything is drawn
            glyphs_first(self, *first)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(self, self._pageNumber, total)
            super().showPage()
            page = self._doc.Pages.pages[-1]
            if page.compression:  # reportlab would make the stream with its default level
                page.Contents = PDFStream(content=page.stream, filters=[deflated(page.stream)])
        super().save()


def _draw_footer(canv: Canvas, fonts: FontSet, text: str) -> None:
    """The rule and the centred footer line (number, version, page x of y) of every page."""
    from app.documents.layout import GREY, MARGIN_X, PAGE, RULE  # layout imports this module

    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, 14 * mm, PAGE[0] - MARGIN_X, 14 * mm)
    canv.setFont(fonts.regular, 7.5)
    canv.setFillColor(GREY)
    canv.drawCentredString(PAGE[0] / 2, 9.5 * mm, text)
    canv.restoreState()
