"""Pieces the sale's contract papers share (购车合同, 特别约定, 委托服务协议): the title block
with the paper's number and date, and the signature section with the note that the store signs
digitally. Tables, headings and numbered clauses are app.documents.layout's (fact_table,
heading, numbered). Kept apart so each document module reads as its wording."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.documents.layout import (
    RenderContext,
    SignatureDTO,
    Text,
    centred_small,
    fmt_datetime,
    heading,
    labelled,
    signature_block,
    title_flowables,
)

H_SIGN = Text("签署", "Signatures")
SIGNING_DATE = Text("签订日期", "Date")


def title_block(ctx: RenderContext, title: Text, number_label: Text, number: str) -> list[Flowable]:
    lang = ctx.language
    line = f"{labelled(number_label, number, lang)}　{labelled(SIGNING_DATE, fmt_datetime(ctx.meta.issued_at), lang)}"
    return [*title_flowables(ctx, title), centred_small(ctx, line), Spacer(1, 3 * mm)]


def signature_section(ctx: RenderContext, drawn: Sequence[SignatureDTO], note: Text) -> list[Flowable]:
    """The pad signatures, and the note that the store signs digitally (PAdES) for the seller."""
    block = signature_block(ctx, drawn)
    parts = heading(ctx, H_SIGN) + ctx.paragraphs(note, ctx.styles.small)
    return [KeepTogether(parts + ([block] if block is not None else []))]
