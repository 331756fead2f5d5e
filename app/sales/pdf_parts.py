"""Pieces the sale's contract papers share (购车合同, 特别约定, 委托服务协议): a label/value
table, headings, numbered clauses and the title block, all bilingual through
app.documents.layout. Kept apart so each document module reads as its wording."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.documents.layout import (
    GREY,
    MARGIN_X,
    PAGE,
    RULE,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_datetime,
    labelled,
    signature_block,
    stacked,
    table_style,
)

H_SIGN = Text("签署", "Signatures")


def pick_both(text: Text, language: str) -> str:
    """A value printed in the document's language(s): '定金 Earnest money' when bilingual."""
    if language == "zh":
        return text.zh
    if language == "en":
        return text.en
    return f"{text.zh} {text.en}"


def table(ctx: RenderContext, rows: Sequence[tuple[Text, str]]) -> Table:
    st, lang = ctx.styles, ctx.language
    label_style = st.cell.clone("label", textColor=RULE)
    data = [
        [Paragraph(stacked(label, lang, 7.5), label_style), Paragraph(esc(value), st.cell)] for label, value in rows
    ]
    usable = PAGE[0] - 2 * MARGIN_X
    out = Table(data, colWidths=[usable * 0.3, usable * 0.7])
    out.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return out


def heading(ctx: RenderContext, text: Text) -> list[Flowable]:
    return ctx.paragraphs(text, ctx.styles.heading, ctx.styles.english.clone("h_en", spaceBefore=-2))


def numbered(ctx: RenderContext, items: Sequence[Text], start: int = 1) -> list[Flowable]:
    out: list[Flowable] = []
    for i, item in enumerate(items, start):
        style = ctx.styles.body.clone(f"item{i}", leftIndent=6 * mm, bulletIndent=0)
        out.append(Paragraph(stacked(item, ctx.language, 8.5), style, bulletText=f"{i}."))
        out.append(Spacer(1, 1 * mm))
    return out


def title_block(ctx: RenderContext, title: Text, number_label: Text, number: str) -> list[Flowable]:
    st, lang = ctx.styles, ctx.language
    story: list[Flowable] = [Paragraph(esc(title.zh if lang != "en" else title.en), st.title)]
    if lang == "bilingual":
        story.append(Paragraph(esc(title.en), st.title.clone("title_en", fontSize=11, leading=15, textColor=GREY)))
    line = f"{labelled(number_label, number, lang)}　{labelled(Text('签订日期', 'Date'), fmt_datetime(ctx.meta.issued_at), lang)}"
    story.append(Paragraph(line, st.small.clone("issued", alignment=1)))
    story.append(Spacer(1, 3 * mm))
    return story


def signature_section(ctx: RenderContext, drawn: Sequence[SignatureDTO], note: Text) -> list[Flowable]:
    """The pad signatures, and the note that the store signs digitally (PAdES) for the seller."""
    block = signature_block(ctx, drawn)
    parts = heading(ctx, H_SIGN) + ctx.paragraphs(note, ctx.styles.small)
    return [KeepTogether(parts + ([block] if block is not None else []))]
