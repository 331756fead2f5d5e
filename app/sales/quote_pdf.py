"""销售方案 — the sales proposal (T/CSCA 120031 4.3.1.2-4.3.1.3), bilingual: the car, every line
(vehicle, options, accessories, promotions, the discount, gifts and promises, the agency services
the customer chose with provider, fee and timing), the total in yuan, its validity and the
sentence that agency services are optional (办法 art. 14; 4.3.2.3-4.3.2.5). Signed by the customer
on the pad; issued by app/sales/quote_sign.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import (
    centred_small,
    signed_part,
    title_flowables,
    MARGIN_X,
    PAGE,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_datetime,
    inline,
    labelled,
    render_flowing,
    table_style,
)
from app.sales.quote_dto import QuoteLineDTO

DOC_TYPE = "quote"
TITLE = Text("销售方案", "Sales proposal")
H_CAR, H_LINES, H_SIGN = Text("车辆", "Vehicle"), Text("方案明细", "Items"), Text("客户确认", "Customer confirmation")
OPTIONAL_SERVICES = Text(
    "上牌、保险、贷款等代办服务均由客户自愿选择，客户可自行选择服务提供方；本店不强制客户购买保险或委托办理上牌"
    "（《汽车销售管理办法》第十四条）。",
    "Agency services such as registration, insurance and loans are optional: the customer chooses whether to use "
    "them and is free to choose the provider; the store never makes insurance or registration through it a "
    "condition of the sale (Measures for the Administration of Automobile Sales, art. 14).",
)
CONFIRM = Text(
    "客户已阅读并确认以上方案。所列价格均为本店公示价格；赠品与承诺事项将在交车时逐项确认。",
    "The customer has read and confirms this proposal. Every price is the store's published price; gifts "
    "and promises are ticked one by one at the handover.",
)
KINDS = {
    "vehicle": Text("车辆", "Vehicle"),
    "option": Text("选装", "Option"),
    "accessory": Text("精品", "Accessory"),
    "promotion": Text("促销", "Promotion"),
    "discount": Text("优惠", "Discount"),
    "gift": Text("赠品", "Gift"),
    "promise": Text("承诺", "Promise"),
    "service": Text("代办服务", "Agency service"),
}


@dataclass(frozen=True)
class QuotePdfDTO:
    customer_name: str
    consultant_name: str
    car: str  # brand model trim
    vin: str | None  # None: to order
    revision: int
    price_list_title: str
    lines: tuple[QuoteLineDTO, ...]
    total_fen: int
    discount_fen: int
    discount_approved_by: str | None
    valid_until: dt.date | None


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def _rows(ctx: RenderContext, q: QuotePdfDTO) -> list[tuple[Text, str]]:
    lang = ctx.language
    vin = q.vin or {"zh": "订购车辆", "en": "to order"}.get(lang, "订购车辆 to order")
    rows = [
        (Text("客户", "Customer"), q.customer_name),
        (Text("销售顾问", "Sales consultant"), q.consultant_name),
        (Text("车型", "Model"), q.car),
        (Text("车架号", "VIN"), vin),
        (Text("方案版本", "Revision"), str(q.revision)),
        (Text("价格依据", "Price list"), q.price_list_title),
        (Text("有效期至", "Valid until"), q.valid_until.isoformat() if q.valid_until else "—"),
    ]
    if q.discount_approved_by:
        rows.append((Text("优惠审批", "Discount approved by"), q.discount_approved_by))
    return rows


def two_columns(ctx: RenderContext, rows: list[tuple[Text, str]]) -> Table:
    st = ctx.styles
    data = [[Paragraph(inline(label, ctx.language), st.cell), Paragraph(esc(v), st.cell)] for label, v in rows]
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(data, colWidths=[usable * 0.3, usable * 0.7])
    grid = ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0"))
    table.setStyle(table_style(ctx.fonts, grid, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f4"))))
    return table


def dated(ctx: RenderContext) -> list[Flowable]:
    """The date line under the title, and room before the first section."""
    issued = labelled(Text("日期", "Date"), fmt_datetime(ctx.meta.issued_at), ctx.language)
    return [centred_small(ctx, issued), Spacer(1, 3 * mm)]


def _line_text(line: QuoteLineDTO, lang: str) -> str:
    text = line.description if lang != "en" else (line.description_en or line.description)
    if lang == "bilingual" and line.description_en:
        text = f"{line.description} {line.description_en}"
    if line.kind == "service":
        extra = [f"{'服务方' if lang != 'en' else 'Provider'}: {line.provider}"]
        if line.timing:
            extra.append(f"{'办理时间' if lang != 'en' else 'Timing'}: {line.timing}")
        text += " (" + "; ".join(extra) + ")"
    return esc(text)


def _lines_table(ctx: RenderContext, q: QuotePdfDTO) -> Table:
    st, lang = ctx.styles, ctx.language
    head = [Text("类别", "Kind"), Text("项目", "Item"), Text("数量", "Qty"), Text("金额", "Amount")]
    data = [[Paragraph(inline(h, lang), st.cell) for h in head]]
    for line in q.lines:
        amount = yuan(line.amount_fen) if line.kind not in ("gift", "promise") else "—"
        kind = KINDS.get(line.kind, Text(line.kind, line.kind))
        cells = [inline(kind, lang), _line_text(line, lang), str(line.quantity), esc(amount)]
        data.append([Paragraph(c, st.cell) for c in cells])
    total = [
        Paragraph(inline(Text("合计", "Total"), lang), st.cell),
        "",
        "",
        Paragraph(esc(yuan(q.total_fen)), st.cell),
    ]
    data.append(total)
    usable = PAGE[0] - 2 * MARGIN_X
    # The kind column holds its longest label on one line ("代办服务 Agency service" needs about
    # 23 % bilingual): narrower, reportlab cut "Agency" in two.
    first = 0.24 if lang == "bilingual" else 0.16
    widths = [usable * first, usable * (0.72 - first), usable * 0.08, usable * 0.2]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("SPAN", (0, -1), (2, -1)),
            ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        )
    )
    return table


def _story(ctx: RenderContext, q: QuotePdfDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    st = ctx.styles
    story = title_flowables(ctx, TITLE) + dated(ctx)
    story += ctx.paragraphs(H_CAR, st.heading) + [two_columns(ctx, _rows(ctx, q))]
    story += ctx.paragraphs(H_LINES, st.heading) + [_lines_table(ctx, q), Spacer(1, 2 * mm)]
    story += ctx.paragraphs(OPTIONAL_SERVICES) + ctx.paragraphs(CONFIRM)
    return story + signed_part(ctx, signatures, ctx.paragraphs(H_SIGN, st.heading))


def render_quote(
    store: StoreDTO,
    quote: QuotePdfDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    signatures: Sequence[SignatureDTO] = (),
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, quote, signatures), invariant=invariant, fonts=fonts)
