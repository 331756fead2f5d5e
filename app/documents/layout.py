"""Building blocks shared by every Showroom PDF: running store header, numbered footer,
bilingual text and the signature block, plus `render_flowing` that ties them together.

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
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Paragraph, Table, TableStyle

from app.documents import linebreak
from app.documents.fonts import PDF_WRITE_LOCK, FontSet, register_fonts
from app.documents.layout_footer import _draw_footer, _NumberedCanvas, footer_text
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO

LANGUAGES = ("zh", "en", "bilingual")
linebreak.install()  # 避头尾: no line of a paragraph starts with a closing mark (issue #17.20)
# Shanghai has had no daylight saving since 1991: a fixed offset avoids needing tzdata on Windows.
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")
INK, GREY, RULE = colors.HexColor("#1a1a1a"), colors.HexColor("#666666"), colors.HexColor("#4a5a6a")
PAGE = A4
MARGIN_X, MARGIN_BOTTOM, HEADER_TOP = 18 * mm, 22 * mm, 12 * mm


class Text(NamedTuple):
    """One piece of document wording in both languages."""

    zh: str
    en: str


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


def esc(value: object) -> str:
    return escape(str(value))


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def local_time(moment: dt.datetime) -> dt.datetime:
    """Naive datetimes are UTC (the app convention); customers read Shanghai time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI)


def fmt_datetime(moment: dt.datetime) -> str:
    return local_time(moment).strftime("%Y-%m-%d %H:%M")


def fmt_date(moment: dt.datetime) -> str:
    return local_time(moment).strftime("%Y-%m-%d")


def pick(text: Text, language: str) -> str:
    """Plain text for metadata and one-line spots: 'zh en' when bilingual."""
    if language == "zh":
        return text.zh
    if language == "en":
        return text.en
    return f"{text.zh} {text.en}"


def inline(text: Text, language: str) -> str:
    """Markup for a short label (table headers, 'label: value'): English stays on the same
    line, grey, so a bilingual label does not double the row height."""
    if language == "bilingual":
        return f'{esc(text.zh)} <font color="#666666">{esc(text.en)}</font>'
    return esc(pick(text, language))


def stacked(text: Text, language: str, en_size: float = 8) -> str:
    """Markup for a sentence or a cell: Chinese first, the English beneath, smaller and grey."""
    if language == "bilingual":
        return f'{esc(text.zh)}<br/><font size="{en_size}" color="#666666">{esc(text.en)}</font>'
    return esc(pick(text, language))


def labelled(label: Text, value: str, language: str) -> str:
    """'标签：值' with the full-width colon, 'Label: value' in English-only documents."""
    colon = ": " if language == "en" else "："
    return f"{inline(label, language)}{colon}{esc(value)}"


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    english: ParagraphStyle  # the grey English line under a Chinese paragraph
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle


def make_styles(fonts: FontSet, language: str = "bilingual") -> Styles:
    # wordWrap="CJK" breaks between Chinese characters yet keeps Latin words whole (the default
    # moves a long mixed run to the next line whole). English-only text keeps the default wrap:
    # it honours no-break spaces, CJK mode does not. bulletFontName: the default is Helvetica.
    wrap = None if language == "en" else "CJK"
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=10,
        leading=15,
        textColor=INK,
        wordWrap=wrap,
        bulletFontName=fonts.regular,
    )
    return Styles(
        body=body,
        english=ParagraphStyle("english", body, fontSize=8.5, leading=12, textColor=GREY, spaceAfter=4, wordWrap=None),
        small=ParagraphStyle("small", body, fontSize=8, leading=11, textColor=GREY),
        title=ParagraphStyle("title", body, fontName=fonts.bold, fontSize=17, leading=23, alignment=1, spaceAfter=2),
        heading=ParagraphStyle(
            "heading", body, fontName=fonts.bold, fontSize=12, leading=17, spaceBefore=10, spaceAfter=4, textColor=RULE
        ),
        cell=ParagraphStyle("cell", body, fontSize=9.5, leading=13),
    )


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
    """A TableStyle whose plain-string cells (even empty padding cells) use the CJK font:
    Table's default is Helvetica, which pdffonts would then list as an unembedded font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.regular), *commands])


def _signature_cell(ctx: RenderContext, sig: SignatureDTO, width: float) -> Table:
    st, lang = ctx.styles, ctx.language
    try:
        role = SignerRole(sig.role)
    except ValueError:
        raise ValueError(f"unknown signer role {sig.role!r}") from None
    try:
        img_w, img_h = ImageReader(io.BytesIO(sig.png)).getSize()
    except Exception as e:  # PIL raises many types for junk bytes
        raise ShowroomError("signature_image_invalid", signer=sig.signer_name, role=role.value) from e
    box_w, box_h = width - 6 * mm, 18 * mm
    scale = min(box_w / img_w, box_h / img_h)
    image = Image(io.BytesIO(sig.png), img_w * scale, img_h * scale, mask="auto")
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


def _header_flowables(ctx: RenderContext) -> tuple[Table, float]:
    store, lang, st = ctx.meta.store, ctx.language, ctx.styles
    name = ParagraphStyle("hname", st.body, fontName=ctx.fonts.bold, fontSize=11.5, leading=15)
    small = ParagraphStyle("hsmall", st.small, textColor=INK)
    phones = (
        f"{inline(T_SALES, lang)} {esc(store.sales_hotline)}　·　"
        f"{inline(T_COMPLAINT, lang)} {esc(store.complaint_phone)}"
    )
    left = [Paragraph(esc(store.legal_name), name), Paragraph(esc(store.address), small), Paragraph(phones, small)]
    right = (
        Paragraph(stacked(ctx.meta.title, lang, 7), ParagraphStyle("htitle", st.small, alignment=TA_RIGHT))
        if any(ctx.meta.title)
        else ""
    )
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


def _body_frame(top_margin: float) -> Frame:
    """The one frame the story flows through, between the header and the footer."""
    height = PAGE[1] - top_margin - MARGIN_BOTTOM
    return Frame(
        MARGIN_X, MARGIN_BOTTOM, PAGE[0] - 2 * MARGIN_X, height, id="body",
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


def _unsplit(story: list[Flowable], page_height: float) -> list[Flowable]:
    """Every paragraph of the story on one page (issue #17.20): a bilingual clause (Chinese
    with its English beneath) is often one paragraph, and half of it on the next page reads
    as two clauses."""
    return [_Whole(f, page_height) if isinstance(f, Paragraph) else f for f in story]


def render_flowing(
    meta: DocumentMeta,
    story_builder: Callable[[RenderContext], list[Flowable]],
    *,
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """Lay out `story_builder(ctx)` on A4 with the store header and the numbered footer on
    every page. `invariant=True` fixes the creation date and file ID (reportlab
    rl_settings.py: "repeatable, identical PDFs") so golden files can be byte-compared."""
    check_language(meta.language)
    fonts = fonts or register_fonts()
    ctx = RenderContext(meta, fonts, make_styles(fonts, meta.language))
    header, header_h = _header_flowables(ctx)
    top_margin = HEADER_TOP + header_h + 8 * mm

    def draw_header(canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        header.drawOn(canv, MARGIN_X, PAGE[1] - HEADER_TOP - header_h)
        canv.restoreState()

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
    body = _body_frame(top_margin)
    doc.addPageTemplates([PageTemplate("page", [body], onPage=draw_header)])
    with PDF_WRITE_LOCK:  # shared TrueType subsets (app/documents/fonts.py)
        doc.build(
            _unsplit(story_builder(ctx), body._aH), canvasmaker=functools.partial(_NumberedCanvas, footer=draw_footer)
        )
    return buf.getvalue()
