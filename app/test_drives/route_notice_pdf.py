"""试乘试驾路线公示 — the one-page public notice of the active test-drive routes (T/CSCA
120031-2023 4.2.4.3: routes filed with the district traffic police are published).

A plain render like the store notice (app/documents/sample_notice.py): header, bilingual
intro, one table row per route with distance, typical time and the filing reference and
date, and the weather advice of 4.2.4.7. Not archived; reprinted whenever a route changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepInFrame, Paragraph, Spacer, Table

from app.documents.layout import (
    GREY,
    MARGIN_X,
    PAGE,
    DocumentMeta,
    RenderContext,
    Text,
    esc,
    fmt_date,
    labelled,
    stacked,
    render_flowing,
    table_style,
)
from app.core.dto import StoreDTO

DOC_TYPE = "test_drive_routes"
TITLE = Text("试乘试驾路线公示", "Test-drive routes")
INTRO = Text(
    "根据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.2.4.3条，本店试乘试驾路线"
    "已向交警部门备案，公示如下。试驾须按约定路线和时间进行。",
    "Under clause 4.2.4.3 of T/CSCA\u00a0120031-2023 our test-drive routes are filed with "
    "the traffic police and published here. Test drives keep to the agreed route and time.",
)
WEATHER = Text(
    "遇暴风雨、大雨、大雪、大雾等恶劣天气，不建议进行试乘试驾（第4.2.4.7条）。",
    "We advise against test drives in storm, heavy rain, heavy snow or dense fog (clause 4.2.4.7).",
)
ISSUED = Text("公示日期", "Issued")
MAPS = Text("路线图", "Route maps")
MAP_HEIGHT = 70 * mm
HEAD = (
    Text("路线", "Route"),
    Text("里程", "Distance"),
    Text("约需时间", "Typical time"),
    Text("备案编号", "Filing ref."),
    Text("备案日期", "Filed on"),
)


def _table(ctx: RenderContext, routes: Sequence) -> Table:
    st, lang = ctx.styles, ctx.language
    head = [Paragraph(stacked(h, lang, 7), st.cell.clone("h", fontSize=8.5)) for h in HEAD]
    rows = [head]
    for r in routes:
        name = esc(r.name) + (
            f'<br/><font size="8" color="#666666">{esc(r.description)}</font>' if r.description else ""
        )
        minutes = f"{r.typical_minutes} 分钟" if lang == "zh" else f"{r.typical_minutes} min"
        rows.append(
            [
                Paragraph(name, st.cell),
                Paragraph(f"{r.distance_km:g} km", st.cell),
                Paragraph(minutes, st.cell),
                Paragraph(esc(r.filing_ref), st.cell),
                Paragraph(r.filing_date.isoformat(), st.cell),
            ]
        )
    usable = PAGE[0] - 2 * MARGIN_X
    widths = [0.34, 0.11, 0.13, 0.26, 0.16]
    table = Table(rows, colWidths=[usable * w for w in widths], repeatRows=1)
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )
    )
    return table


def _maps(ctx: RenderContext, routes: Sequence, maps: dict[int, bytes]) -> list[Flowable]:
    """The routes' maps side by side under the table, shrunk so the notice stays one page."""
    import io

    from reportlab.lib.utils import ImageReader

    shown = [(r, maps[r.id]) for r in routes if maps.get(r.id)][:3]
    if not shown:
        return []
    usable = PAGE[0] - 2 * MARGIN_X
    width = usable / len(shown) - 4 * mm
    cells = []
    for route, data in shown:
        try:
            w, h = ImageReader(io.BytesIO(data)).getSize()
        except Exception:  # noqa: BLE001 - a damaged map must not stop the notice
            continue
        scale = min(width / w, MAP_HEIGHT / h)
        cells.append(
            [
                Image(io.BytesIO(data), w * scale, h * scale),
                Paragraph(esc(route.name), ctx.styles.small.clone("map", alignment=1)),
            ]
        )
    if not cells:
        return []
    table = Table([cells], colWidths=[usable / len(cells)] * len(cells))
    table.setStyle(table_style(ctx.fonts, ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")))
    heading = ctx.paragraphs(MAPS, ctx.styles.heading, ctx.styles.english.clone("maps_en", spaceBefore=-2))
    return heading + [KeepInFrame(usable, MAP_HEIGHT + 20 * mm, [table], mode="shrink")]


def _story(ctx: RenderContext, routes: Sequence, maps: dict[int, bytes] | None = None) -> list[Flowable]:
    st, lang = ctx.styles, ctx.language
    story: list[Flowable] = [Paragraph(esc(TITLE.zh if lang != "en" else TITLE.en), st.title)]
    if lang == "bilingual":
        story.append(Paragraph(esc(TITLE.en), st.title.clone("title_en", fontSize=11, leading=15, textColor=GREY)))
    story.append(Paragraph(labelled(ISSUED, fmt_date(ctx.meta.issued_at), lang), st.small.clone("issued", alignment=1)))
    story.append(Spacer(1, 4 * mm))
    story += ctx.paragraphs(INTRO)
    story.append(Spacer(1, 3 * mm))
    story.append(_table(ctx, routes))
    story.append(Spacer(1, 4 * mm))
    story += ctx.paragraphs(WEATHER)
    story += _maps(ctx, routes, maps or {})
    return story


def notice_number(routes: Sequence, issued_at: dt.datetime) -> str:
    """The footer's number (issue #17.20; it read "No. —"): the notice is not archived, so
    the number names what it publishes, RN-<Shanghai date>-<6 hex of the routes as filed>.
    The same routes give the same number all day; any change to a route, its filing or the
    set of active routes gives another, so the copy on the wall can be checked against the
    routes in force."""
    import hashlib

    filed = sorted(
        f"{r.id}|{r.name}|{r.distance_km:g}|{r.typical_minutes}|{r.filing_ref}|{r.filing_date.isoformat()}"
        for r in routes
    )
    digest = hashlib.sha256("\n".join(filed).encode("utf-8")).hexdigest()[:6].upper()
    return f"RN-{fmt_date(issued_at).replace('-', '')}-{digest}"


def render_route_notice(
    store: StoreDTO,
    routes: Sequence,
    *,
    language: str,
    issued_at: dt.datetime,
    maps: dict[int, bytes] | None = None,
    invariant: bool = False,
) -> bytes:
    """`routes` are RouteDTOs (the active ones); `maps` their map images by route id."""
    meta = DocumentMeta(DOC_TYPE, notice_number(routes, issued_at), 1, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, routes, maps), invariant=invariant)
