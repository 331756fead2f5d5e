"""价格公示 — the bilingual public notice of the price and fee list (《汽车销售管理办法》 art. 10,
T/CSCA 120031-2023 4.3.2.1-4.3.2.2; issue #18.1).

Printed and archived when a list is published (price_list.publish_price_list): the store
header, the effective date, then one table per kind of line: vehicle prices by brand, model
and trim; options; accessories; the service fees with when each service is done and the
sentence that agency services are optional and the customer may choose any provider (办法
art. 14, 4.3.2.3-4.3.2.5); the promotions with their public rules and validity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.core.dto import StoreDTO
from app.documents.layout import (
    GREY,
    MARGIN_X,
    PAGE,
    DocumentMeta,
    RenderContext,
    Text,
    esc,
    labelled,
    render_flowing,
    stacked,
    table_style,
)
from app.sales.price_dto import PriceItemDTO, PriceListDTO
from db.sales_models import PriceItemKind

DOC_TYPE = "price_list_notice"
TITLE = Text("价格公示", "Published prices and fees")
INTRO = Text(
    "根据《汽车销售管理办法》第十条及《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.3.2.1、4.3.2.2条，"
    "本店明码标价，公示车辆价格、选装、精品、服务收费及促销活动如下。除本表所列外，本店不收取任何其他费用。",
    "Under article 10 of the Measures for the Administration of Automobile Sales and clauses 4.3.2.1 and "
    "4.3.2.2 of T/CSCA\u00a0120031-2023 we publish our vehicle prices, options, accessories, service fees "
    "and promotions below. We charge nothing beyond this list.",
)
OPTIONAL = Text(
    "上牌、保险、贷款等代办服务均为自愿选择，客户可自行办理或选择任何服务机构，本店不强制捆绑（《汽车销售管理办法》"
    "第十四条，第4.3.2.3–4.3.2.5条）。",
    "Registration, insurance, loan and other agency services are optional: the customer may do it "
    "themselves or choose any provider; nothing is tied to the purchase (Measures art. 14; clauses "
    "4.3.2.3-4.3.2.5).",
)
EFFECTIVE = Text("生效日期", "Effective from")
NONE = Text("（无）", "(none)")
VEHICLES, OPTIONS = Text("一、车辆价格", "1. Vehicle prices"), Text("二、选装配置", "2. Factory options")
ACCESSORIES, SERVICES = Text("三、精品附件", "3. Accessories"), Text("四、服务收费", "4. Service fees")
PROMOTIONS = Text("五、促销活动", "5. Promotions")
H_BRAND, H_MODEL, H_TRIM = Text("品牌", "Brand"), Text("车型", "Model"), Text("版本", "Trim")
H_ITEM, H_CODE, H_PRICE = Text("项目", "Item"), Text("编号", "Code"), Text("价格（元）", "Price (CNY)")
H_FEE, H_TIMING = Text("收费（元）", "Fee (CNY)"), Text("办理时限", "When done")
H_VALUE, H_RULES, H_VALID = Text("优惠（元）", "Value (CNY)"), Text("活动规则", "Rules"), Text("有效期", "Valid")


def yuan(fen: int) -> str:
    """189,800 for whole yuan, 189,800.50 otherwise (the heading says the currency)."""
    whole, rest = divmod(fen, 100)
    return f"{whole:,}" + (f".{rest:02d}" if rest else "")


def _name(item: PriceItemDTO, lang: str) -> str:
    if lang == "zh" or not item.name_en:
        return esc(item.name_zh)
    if lang == "en":
        return esc(item.name_en)
    return f'{esc(item.name_zh)}<br/><font size="8" color="#666666">{esc(item.name_en)}</font>'


def _valid(item: PriceItemDTO) -> str:
    start = item.valid_from.isoformat() if item.valid_from else ""
    end = item.valid_to.isoformat() if item.valid_to else ""
    return f"{start} – {end}" if start or end else ""


Column = tuple[Text, float, Callable[[PriceItemDTO, str], str]]
COLUMNS: dict[str, tuple[Column, ...]] = {
    PriceItemKind.VEHICLE: (
        (H_BRAND, 0.16, lambda i, lang: esc(i.brand)),
        (H_MODEL, 0.20, lambda i, lang: esc(i.model)),
        (H_TRIM, 0.24, lambda i, lang: esc(i.trim)),
        (H_ITEM, 0.24, _name),
        (H_PRICE, 0.16, lambda i, lang: yuan(i.amount_fen)),
    ),
    PriceItemKind.OPTION: (
        (H_CODE, 0.2, lambda i, lang: esc(i.code)),
        (H_ITEM, 0.6, _name),
        (H_PRICE, 0.2, lambda i, lang: yuan(i.amount_fen)),
    ),
    PriceItemKind.SERVICE_FEE: (
        (H_ITEM, 0.34, _name),
        (H_FEE, 0.18, lambda i, lang: yuan(i.amount_fen)),
        (H_TIMING, 0.48, lambda i, lang: esc(i.timing)),
    ),
    PriceItemKind.PROMOTION: (
        (H_ITEM, 0.22, _name),
        (H_VALUE, 0.14, lambda i, lang: yuan(i.amount_fen)),
        (H_RULES, 0.40, lambda i, lang: esc(i.rules).replace("\n", "<br/>")),
        (H_VALID, 0.24, lambda i, lang: _valid(i)),
    ),
}
COLUMNS[PriceItemKind.ACCESSORY] = COLUMNS[PriceItemKind.OPTION]
SECTIONS = (
    (PriceItemKind.VEHICLE, VEHICLES),
    (PriceItemKind.OPTION, OPTIONS),
    (PriceItemKind.ACCESSORY, ACCESSORIES),
    (PriceItemKind.SERVICE_FEE, SERVICES),
    (PriceItemKind.PROMOTION, PROMOTIONS),
)


def _table(ctx: RenderContext, columns: Sequence[Column], items: Sequence[PriceItemDTO]) -> Table:
    st, lang = ctx.styles, ctx.language
    rows = [[Paragraph(stacked(h, lang, 7), st.cell.clone("h", fontSize=8.5)) for h, _, _ in columns]]
    rows += [[Paragraph(cell(i, lang), st.cell) for _, _, cell in columns] for i in items]
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(rows, colWidths=[usable * w for _, w, _ in columns], repeatRows=1)
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )
    )
    return table


def _section(ctx: RenderContext, kind: str, heading: Text, items: Sequence[PriceItemDTO]) -> list[Flowable]:
    st = ctx.styles
    head = ctx.paragraphs(heading, st.heading, st.english.clone("h_en", spaceBefore=-2))
    shown = [i for i in items if i.kind == kind]
    body: list[Flowable] = [_table(ctx, COLUMNS[kind], shown)] if shown else ctx.paragraphs(NONE)
    if kind == PriceItemKind.SERVICE_FEE:
        body += [Spacer(1, 2 * mm), *ctx.paragraphs(OPTIONAL)]
    return [KeepTogether(head + body[:1]), *body[1:]]


def _story(ctx: RenderContext, price_list: PriceListDTO) -> list[Flowable]:
    st, lang = ctx.styles, ctx.language
    story: list[Flowable] = [Paragraph(esc(TITLE.zh if lang != "en" else TITLE.en), st.title)]
    if lang == "bilingual":
        story.append(Paragraph(esc(TITLE.en), st.title.clone("title_en", fontSize=11, leading=15, textColor=GREY)))
    story.append(Paragraph(esc(price_list.title), st.small.clone("list_title", alignment=1)))
    effective = labelled(EFFECTIVE, price_list.effective_from.isoformat(), lang)
    story.append(Paragraph(effective, st.body.clone("effective", alignment=1)))
    story.append(Spacer(1, 4 * mm))
    story += ctx.paragraphs(INTRO)
    for kind, heading in SECTIONS:
        story += _section(ctx, kind, heading, price_list.items)
    return story


def render_price_list_notice(
    store: StoreDTO,
    price_list: PriceListDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    invariant: bool = False,
) -> bytes:
    """The notice of `price_list` (a PriceListDTO with its items), as PDF bytes."""
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, price_list), invariant=invariant)
