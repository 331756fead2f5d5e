"""The tables of the monthly KPI report: the eight 5.2.1 figures against their targets with the
verdict (coloured as on the dashboard: met green, near amber, missed red), the figures per
sales consultant, and what each figure counts (its clause's definition)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.documents.layout import (
    GREY,
    LABEL_BACKGROUND,
    MARGIN_X,
    PAGE,
    RenderContext,
    Text,
    esc,
    grid_style,
    inline,
    stacked,
)
from app.kpis import report_pdf_text as words
from app.kpis.definitions import BY_CODE, KPIS
from app.kpis.dto import GroupFigures, KpiFigure

USABLE = PAGE[0] - 2 * MARGIN_X
VERDICT_COLOURS = {
    "met": colors.HexColor("#dcefdc"),
    "near": colors.HexColor("#fbeccb"),
    "missed": colors.HexColor("#f6d5d2"),
    "none": colors.HexColor("#eeeeee"),
}


def _counts(f: KpiFigure) -> str:
    pending = f" (+{f.pending})" if f.pending else ""
    return f"{f.numerator} / {f.denominator}{pending}"


def summary_table(ctx: RenderContext, figures: tuple[KpiFigure, ...]) -> Table:
    """One row per KPI: letter, clause, names, numerator / denominator, actual, target, verdict."""
    cell, lang = ctx.styles.cell, ctx.language
    head = cell.clone("kpi_head", fontSize=8.5, leading=11)
    header = [
        Paragraph(stacked(t, lang, 7), head)
        for t in (
            words.COL_LETTER,
            words.COL_CLAUSE,
            words.COL_KPI,
            words.COL_COUNTS,
            words.COL_VALUE,
            words.COL_TARGET,
            words.COL_VERDICT,
        )
    ]
    rows: list[list] = [header]
    shading = []
    for i, f in enumerate(figures, 1):
        d = BY_CODE[f.code]
        verdict = words.VERDICTS.get(f.verdict, words.VERDICTS["none"])
        rows.append(
            [
                Paragraph(f"{d.letter})", cell),
                Paragraph(esc(f.code.value), cell),
                Paragraph(stacked(Text(d.name_zh, d.name_en), lang, 7.5), cell),
                Paragraph(esc(_counts(f)), cell),
                Paragraph(esc(words.percent(f.value_bp)), cell),
                Paragraph(esc(words.target_text(d, f)), cell),
                Paragraph(stacked(verdict, lang, 7.5), cell),
            ]
        )
        shading.append(("BACKGROUND", (6, i), (6, i), VERDICT_COLOURS.get(f.verdict, VERDICT_COLOURS["none"])))
    widths = [12 * mm, 14 * mm, 56 * mm, 26 * mm, 20 * mm, 22 * mm]
    table = Table(rows, colWidths=[*widths, USABLE - sum(widths)], repeatRows=1)
    table.setStyle(grid_style(ctx, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BACKGROUND), *shading))
    return table


def consultant_table(ctx: RenderContext, groups: tuple[GroupFigures, ...]) -> list[Flowable]:
    """A row per consultant, a column per KPI: the rate and its numerator / denominator."""
    if not groups:
        return ctx.paragraphs(words.NO_CONSULTANT_ROWS, ctx.styles.small)
    small = ctx.styles.cell.clone("kpi_small", fontSize=7.5, leading=9.5, alignment=1)
    name_style = ctx.styles.cell.clone("kpi_name", fontSize=8.5, leading=11)
    header = [Paragraph(stacked(words.COL_CONSULTANT, ctx.language, 7), name_style)]
    header += [Paragraph(f"{d.letter})<br/>{d.code.value}", small) for d in KPIS]
    rows: list[list] = [header]
    shading = []
    for r, group in enumerate(groups, 1):
        name = esc(group.label) if group.key is not None else stacked(words.NO_CONSULTANT, ctx.language, 7.5)
        row: list = [Paragraph(name, name_style)]
        for c, f in enumerate(group.figures, 1):
            row.append(Paragraph(f"{esc(words.percent(f.value_bp))}<br/>{f.numerator}/{f.denominator}", small))
            if f.verdict != "none":
                shading.append(("BACKGROUND", (c, r), (c, r), VERDICT_COLOURS[f.verdict]))
        rows.append(row)
    first = 34 * mm
    table = Table(rows, colWidths=[first] + [(USABLE - first) / len(KPIS)] * len(KPIS), repeatRows=1)
    table.setStyle(grid_style(ctx, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BACKGROUND), *shading))
    return [table]


def definitions(ctx: RenderContext) -> list[Flowable]:
    """Each KPI's numerator, denominator and definition (docs/kpis_design.md, per clause)."""
    out: list[Flowable] = []
    body = ctx.styles.body.clone("kpi_def", fontSize=9, leading=13)
    english = ctx.styles.english.clone("kpi_def_en", fontSize=8, leading=11)
    for d in KPIS:
        zh = words.DEFINITIONS[d.code]
        name = f"<b>{d.letter}) {d.code.value} {esc(d.name_zh)}</b>"
        counted = (
            f"{inline(words.COL_NUMERATOR, 'zh')}：{esc(d.numerator_zh)}；{inline(words.COL_DENOMINATOR, 'zh')}："
            f"{esc(d.denominator_zh)}。"
        )
        head = Paragraph(f"{name}　{counted}{esc(zh.zh)}", body)
        head.keepWithNext = 1
        out.append(head)
        if ctx.language != "zh":
            counted_en = f"Numerator: {esc(d.numerator_en)}; denominator: {esc(d.denominator_en)}. "
            out.append(Paragraph(f"{esc(d.name_en)}. {counted_en}{esc(zh.en)}", english))
        out.append(Spacer(1, 1.5 * mm))
    out.append(Paragraph(stacked(words.PENDING_NOTE, ctx.language, 7.5), ctx.styles.small))
    out.append(Spacer(1, 2 * mm))
    out.append(Paragraph(stacked(words.NOT_SIGNED, ctx.language, 7.5), ctx.styles.small.clone("ns", textColor=GREY)))
    return out
