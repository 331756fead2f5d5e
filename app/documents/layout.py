"""Building blocks shared by every Showroom PDF: running store header, numbered footer,
bilingual text (app/documents/layout_text.py), titles, headings, label | value tables,
numbered clauses and the signature block, plus `render_flowing` that ties them together.

Pure: (DTOs, language, timestamps) -> PDF bytes; no Qt, no database, no files written.
Document wording lives beside each document type (style guide §14 allows Chinese in
document texts); user data always goes through `esc` because Paragraph parses markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import linebreak
from app.documents.fonts import PDF_WRITE_LOCK, FontSet, register_fonts
from app.documents.draw_replay import remember_layout
from app.documents.layout_flow import body_frame, keep_with_next, unsplit
from app.documents.layout_text import (
    LANGUAGES as LANGUAGES,
    SHANGHAI as SHANGHAI,
    Text,
    check_language,
    esc,
    fmt_date as fmt_date,
    fmt_datetime,
    inline,
    labelled,
    local_time as local_time,
    pick,
    stacked,
)
from app.documents.layout_styles import GREY as GREY, INK as INK, RULE as RULE, Styles, make_styles
from app.documents.pad_image import PadImage, pad_alpha
from app.documents.layout_footer import _draw_footer, _NumberedCanvas, footer_text
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO

linebreak.install()  # 避头尾: no line of a paragraph starts with a closing mark (issue #17.20)
remember_layout()  # lines broken and drawn once per process where the same (issue #18.11, speed)
PAGE = A4
MARGIN_X, MARGIN_BOTTOM, HEADER_TOP = 18 * mm, 22 * mm, 12 * mm


class SignerRole(StrEnum):
    CUSTOMER = "customer"
    CONSULTANT = "consultant"
    ESCORT = "escort"
    TECHNICIAN = "technician"
    MANAGER = "manager"
    FINANCE = "finance"  # the cashier (issue #18.5)


ROLE_LABELS = {
    SignerRole.CUSTOMER: Text("客户", "Customer"),
    SignerRole.CONSULTANT: Text("销售顾问", "Sales consultant"),
    SignerRole.ESCORT: Text("陪同人员", "Escort"),
    SignerRole.TECHNICIAN: Text("技师", "Technician"),
    SignerRole.MANAGER: Text("经理", "Manager"),
    SignerRole.FINANCE: Text("财务", "Finance"),
}

T_NAME, T_TIME = Text("姓名", "Name"), Text("时间", "Time")
T_SALES, T_COMPLAINT = Text("销售热线", "Sales hotline"), Text("投诉电话", "Complaint phone")


@dataclass(frozen=True)
class SignatureDTO:
    """A captured signature: `png` is the pad's image (transparent background expected).
    `signed_at` is naive UTC like every app timestamp (app/core/clock.py) or timezone-aware."""

    signer_name: str
    role: SignerRole
    signed_at: dt.datetime
    png: bytes


@dataclass(frozen=True)
class DocumentMeta:
    doc_type: str  # machine code, e.g. "store_notice"; goes into the PDF subject
    number: str  # 文件编号, printed in every footer
    version: int
    language: str  # "zh" | "en" | "bilingual"
    issued_at: dt.datetime  # naive UTC or aware; printed in Shanghai time
    store: StoreDTO
    title: Text = Text("", "")


@dataclass(frozen=True)
class RenderContext:
    """What a story builder gets: the metadata, registered fonts and ready-made styles."""

    meta: DocumentMeta
    fonts: FontSet
    styles: Styles

    @property
    def language(self) -> str:
        return self.meta.language

    def paragraphs(
        self, text: Text, style: ParagraphStyle | None = None, english: ParagraphStyle | None = None
    ) -> list[Flowable]:
        """Bilingual: a Chinese paragraph, then its English in grey beneath; else one."""
        style = style or self.styles.body
        if self.language == "bilingual":
            # The clause and its translation stay on one page (issue #17.20): keepWithNext
            # makes the document keep the Chinese paragraph with the English one after it.
            zh = Paragraph(esc(text.zh), style)
            zh.keepWithNext = 1
            return [zh, Paragraph(esc(text.en), english or self.styles.english)]
        return [Paragraph(esc(pick(text, self.language)), style)]


def table_style(fonts: FontSet, *commands: tuple) -> TableStyle:
    """Plain-string cells in the CJK font: reportlab's Helvetica would be an unembedded font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.regular), *commands])


GRID, LABEL_BACKGROUND = colors.HexColor("#b0b8c0"), colors.HexColor("#eef1f4")


def title_flowables(ctx: RenderContext, title: Text) -> list[Flowable]:
    """The document's title, centred; its English beneath, smaller and grey, when bilingual."""
    st, lang = ctx.styles, ctx.language
    out: list[Flowable] = [Paragraph(esc(title.en if lang == "en" else title.zh), st.title)]
    if lang == "bilingual":
        out.append(Paragraph(esc(title.en), st.title_en))
    return out


def centred_small(ctx: RenderContext, markup: str) -> Paragraph:
    """A small centred line under the title (date, document number)."""
    return Paragraph(markup, ctx.styles.issued)


def heading(ctx: RenderContext, text: Text) -> list[Flowable]:
    """A section heading, its English beneath, pulled up close to it."""
    return ctx.paragraphs(text, ctx.styles.heading, ctx.styles.heading_en)


def _label_cells(ctx: RenderContext, rows: Sequence[tuple[Text, str]]) -> list[list[Paragraph]]:
    label_style = ctx.styles.label
    return [
        [Paragraph(stacked(label, ctx.language, 7.5), label_style), Paragraph(esc(value), ctx.styles.cell)]
        for label, value in rows
    ]


def grid_style(ctx: RenderContext, *commands: tuple, padding: tuple[float, float] | None = (2, 3)) -> TableStyle:
    """A thin grid, cells centred vertically; `padding`: (top, bottom) of a cell, or None."""
    top, bottom = padding or (None, None)
    pads = [("TOPPADDING", (0, 0), (-1, -1), top), ("BOTTOMPADDING", (0, 0), (-1, -1), bottom)] if padding else []
    return table_style(
        ctx.fonts, ("GRID", (0, 0), (-1, -1), 0.5, GRID), *commands, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *pads
    )


def fact_table(
    ctx: RenderContext,
    rows: Sequence[tuple[Text, str]],
    split: float = 0.3,
    padding: tuple[float, float] | None = (2, 3),
) -> Table:
    """Label | value rows, the label stacked in both languages on a shaded column. `split`: the
    labels' share of the width; `padding`: (top, bottom) of each cell, None for reportlab's."""
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(_label_cells(ctx, rows), colWidths=[usable * split, usable * (1 - split)])
    table.setStyle(grid_style(ctx, ("BACKGROUND", (0, 0), (0, -1), LABEL_BACKGROUND), padding=padding))
    return table


def pair_table(ctx: RenderContext, rows: Sequence[tuple[Text, str]]) -> Table:
    """Two label | value pairs a line, for short facts (keeps a one-page paper on one page)."""
    cells: list[list] = _label_cells(ctx, rows)
    cells += [["", ""]] * (len(cells) % 2)
    usable = PAGE[0] - 2 * MARGIN_X
    data = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(data, colWidths=[usable * 0.17, usable * 0.33] * 2)
    shade = [("BACKGROUND", (col, 0), (col, -1), LABEL_BACKGROUND) for col in (0, 2)]
    table.setStyle(grid_style(ctx, *shade))
    return table


def numbered(ctx: RenderContext, items: Sequence[Text], start: int = 1) -> list[Flowable]:
    """Numbered clauses (1. 2. …), each stacked in both languages."""
    out: list[Flowable] = []
    for i, item in enumerate(items, start):
        out.append(Paragraph(stacked(item, ctx.language, 8.5), ctx.styles.item, bulletText=f"{i}."))
        out.append(Spacer(1, 1 * mm))
    return out


def _signature_cell(ctx: RenderContext, sig: SignatureDTO, width: float) -> Table:
    st, lang = ctx.styles, ctx.language
    try:
        role = SignerRole(sig.role)
    except ValueError:
        raise ValueError(f"unknown signer role {sig.role!r}") from None
    pad = pad_alpha(sig.png)  # the pad's own form: its size read without opening the image
    try:
        img_w, img_h = (pad.width, pad.height) if pad else ImageReader(io.BytesIO(sig.png)).getSize()
    except Exception as e:  # PIL raises many types for junk bytes
        raise ShowroomError("signature_image_invalid", signer=sig.signer_name, role=role.value) from e
    box_w, box_h = width - 6 * mm, 18 * mm
    scale = min(box_w / img_w, box_h / img_h)
    image = PadImage(sig.png, img_w * scale, img_h * scale)
    rows = [
        [Paragraph(inline(ROLE_LABELS[role], lang), st.cell)],
        [image],
        [Paragraph(labelled(T_NAME, sig.signer_name, lang), st.cell)],
        [Paragraph(labelled(T_TIME, fmt_datetime(sig.signed_at), lang), st.cell)],
    ]
    table = Table(rows, colWidths=[width], rowHeights=[None, box_h + 4 * mm, None, None])
    table.setStyle(
        table_style(
            ctx.fonts,
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LINEBELOW", (0, 1), (0, 1), 0.4, colors.HexColor("#b0b8c0")),
            ("ALIGN", (0, 1), (0, 1), "CENTER"),
            ("VALIGN", (0, 1), (0, 1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#eef1f4")),
        )
    )
    return table


def signature_block(ctx: RenderContext, signatures: Sequence[SignatureDTO], columns: int = 2) -> Table | None:
    """Signers side by side, `columns` per row, each box with role, image, name and time.
    A lone signature sits on the right, where a manager's sign-off is expected."""
    if not signatures:
        return None
    usable, gap = PAGE[0] - 2 * MARGIN_X, 6 * mm
    columns = max(1, min(columns, len(signatures)))
    width = (usable - (columns - 1) * gap) / columns if columns > 1 else usable / 2
    cells: list = [_signature_cell(ctx, s, width) for s in signatures]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    # Columns after the first are one gap wider and padded by it on the left.
    table = Table(rows, colWidths=[width] + [width + gap] * (columns - 1), hAlign="RIGHT")
    table.showroom_signatures = True  # layout_flow.keep_with_next keeps it with what precedes it
    table.setStyle(
        table_style(
            ctx.fonts,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (-1, -1), gap),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        )
    )
    return table


def signed_part(ctx: RenderContext, signatures: Sequence[SignatureDTO], head: list[Flowable]) -> list[Flowable]:
    """The signature boxes kept together with their heading `head` (a lone heading at a page
    foot reads as unsigned); nothing when there are no signatures."""
    block = signature_block(ctx, signatures)
    return [] if block is None else [KeepTogether([*head, block])]


def _header_flowables(ctx: RenderContext) -> tuple[Table, float]:
    store, lang, st = ctx.meta.store, ctx.language, ctx.styles
    name, small = st.header_name, st.header_small
    phones = (
        f"{inline(T_SALES, lang)} {esc(store.sales_hotline)}　·　"
        f"{inline(T_COMPLAINT, lang)} {esc(store.complaint_phone)}"
    )
    left = [Paragraph(esc(store.legal_name), name), Paragraph(esc(store.address), small), Paragraph(phones, small)]
    right = Paragraph(stacked(ctx.meta.title, lang, 7), st.header_title) if any(ctx.meta.title) else ""
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table([[left, right]], colWidths=[usable * 0.68, usable * 0.32])
    table.setStyle(
        table_style(
            ctx.fonts,
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, -1), 0.8, RULE),
        )
    )
    _, height = table.wrap(usable, PAGE[1])
    return table, height


def render_flowing(
    meta: DocumentMeta,
    story_builder: Callable[[RenderContext], list[Flowable]],
    *,
    invariant: bool = False,
    fonts: FontSet | None = None,
    fixed: str = "",
) -> bytes:
    """Lay out `story_builder(ctx)` on A4 with the store header and the numbered footer on
    every page. `invariant=True`: repeatable, identical PDFs (golden files); `fixed`: the
    characters of the document's fixed wording, coded first (font_subsets.glyphs_first)."""
    check_language(meta.language)
    fonts = fonts or register_fonts()
    ctx = RenderContext(meta, fonts, make_styles(fonts, meta.language))
    header, header_h = _header_flowables(ctx)
    top_margin = HEADER_TOP + header_h + 8 * mm

    drawn: list[str] = []  # the header's operators, the same on every page (issue #18.11)

    def draw_header(canv: Canvas, doc: BaseDocTemplate) -> None:
        # Each page starts from the same canvas state, and the header's characters keep the
        # codes the first page gave them: later pages take its operators as they are.
        if drawn:
            canv._code.extend(drawn)
            return
        start = len(canv._code)
        canv.saveState()
        header.drawOn(canv, MARGIN_X, PAGE[1] - HEADER_TOP - header_h)
        canv.restoreState()
        drawn.extend(canv._code[start:])

    def draw_footer(canv: Canvas, page: int, total: int) -> None:
        _draw_footer(canv, fonts, footer_text(meta, page, total))

    buf = io.BytesIO()
    lang = "en" if meta.language == "en" else "zh-CN"
    doc = BaseDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=top_margin,
        bottomMargin=MARGIN_BOTTOM,
        title=pick(meta.title, meta.language) or meta.doc_type,
        author=meta.store.legal_name,
        subject=f"{meta.doc_type} {meta.number} v{meta.version}",
        creator="Showroom",
        invariant=1 if invariant else 0,
        lang=lang,
        # Without it the canvas starts in Helvetica and pdffonts lists it, unembedded.
        initialFontName=fonts.regular,
    )
    body = body_frame(MARGIN_X, MARGIN_BOTTOM, PAGE[0] - 2 * MARGIN_X, PAGE[1] - top_margin - MARGIN_BOTTOM)
    doc.addPageTemplates([PageTemplate("page", [body], onPage=draw_header)])
    with PDF_WRITE_LOCK:  # shared TrueType subsets (app/documents/fonts.py)
        doc.build(
            keep_with_next(unsplit(story_builder(ctx), body._aH), body._aH),
            canvasmaker=functools.partial(_NumberedCanvas, footer=draw_footer, first=(fonts.regular, fixed)),
        )
    return buf.getvalue()
