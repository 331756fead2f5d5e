"""交车确认单 — the handover record (T/CSCA 120031 4.4.2; 《汽车销售管理办法》 art. 16), bilingual:
the contract and the car, the documents handed over with their numbers, the gifts and promises of
the quote, the on-board items, what was explained (三包规定 art. 9), the odometer, and the
customer's and consultant's signatures. Digitally signed and archived by handover.py. The 三包凭证
(warranty_pdf.py) takes its title, headings and tables from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import (
    MARGIN_X,
    PAGE,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_datetime,
    grid_style,
    heading,
    pair_table,
    pick,
    render_flowing,
    signed_part,
    stacked,
    title_flowables,
)
from app.documents.layout import fact_table as layout_fact_table

DOC_TYPE = "handover"
TITLE = Text("交车确认单", "Vehicle handover record")
INTRO = Text(
    "依据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.4.2条及《汽车销售管理办法》第十六条，"
    "本店向客户交付下列车辆及随车文件、物品，并已讲解使用、保修与三包事项。",
    "Under clause 4.4.2 of T/CSCA\u00a0120031-2023 and article 16 of the Measures for the "
    "Administration of Automobile Sales, the store hands over the car, its documents and items "
    "below and has explained its use, the warranty and the 三包 terms.",
)

DOCUMENTS = {
    "certificate": Text("机动车整车出厂合格证", "Certificate of conformity (合格证)"),
    "conformity": Text("车辆一致性证书", "Vehicle conformity certificate (CoC)"),
    "manual": Text("中文使用说明书", "Owner's manual in Chinese"),
    "warranty_manual": Text("保修手册", "Warranty manual"),
    "sanbao_certificate": Text("三包凭证", "三包 warranty certificate"),
    "invoice": Text("机动车销售统一发票", "Unified vehicle sales invoice"),
    "import_inspection": Text("进口机动车辆随车检验单", "Imported vehicle inspection sheet"),
    "import_certificate": Text("货物进口证明书", "Certificate of import"),
}
ONBOARD = {
    "keys": Text("车钥匙", "Keys"),
    "spare_wheel_or_kit": Text("备胎或补胎工具", "Spare wheel or repair kit"),
    "tools": Text("随车工具", "On-board tools"),
    "warning_triangle": Text("三角警示牌", "Warning triangle"),
    "charging_cable": Text("随车充电线", "Charging cable"),
}
EXPLAINED = {
    "operation": Text("车辆操作与功能使用", "Operating the car and its functions"),
    "warranty": Text("保修条款与保养要求", "Warranty terms and maintenance"),
    "sanbao": Text("三包有效期、包修期及使用补偿系数n", "三包 and repair-warranty periods, factor n"),
    "repairers": Text("修理者的名称、地址和联系方式", "How to find the repairers"),
    "safety": Text("安全注意事项", "Safety notes"),
}
H_CAR = Text("合同与车辆", "Contract and car")
H_DOCS = Text("随车文件", "Documents handed over")
H_GIFTS = Text("赠品与承诺", "Gifts and promises")
H_ITEMS = Text("随车物品", "On-board items")
H_EXPLAINED = Text("讲解事项", "Explained to the customer")
H_SIGN = Text("签署", "Signatures")
TICK = "✓"


@dataclass(frozen=True)
class HandoverRecordDTO:
    contract_number: str
    buyer_name: str
    buyer_id_masked: str
    agent_name: str
    car: str
    vin: str
    engine_no: str
    colour: str
    delivered_at: dt.datetime
    delivery_place: str
    odometer_km: int
    consultant_name: str
    documents: tuple[tuple[str, str], ...]  # (code, number)
    gifts: tuple[str, ...]
    onboard_items: tuple[str, ...]
    explanations: tuple[str, ...]


def fact_table(ctx: RenderContext, rows: Sequence[tuple[Text, str]], split: float = 0.35) -> Table:
    """The handover papers' label | value table (layout.fact_table), labels a little wider."""
    return layout_fact_table(ctx, rows, split)


def tick_table(ctx: RenderContext, items: Sequence[Text | str], columns: int = 2) -> Table:
    """Ticked items, `columns` a line: what was handed over or explained."""
    st, lang = ctx.styles, ctx.language
    cells: list = [
        Paragraph(f"{TICK} " + (stacked(i, lang, 7.5) if isinstance(i, Text) else esc(i)), st.cell) for i in items
    ]
    cells += [""] * (-len(cells) % columns)
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(
        [cells[i : i + columns] for i in range(0, len(cells), columns)], colWidths=[usable / columns] * columns
    )
    table.setStyle(grid_style(ctx))
    return table


def _label(table: dict[str, Text], code: str) -> Text:
    return table.get(code, Text(code, code))


def _story(ctx: RenderContext, r: HandoverRecordDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    lang = ctx.language
    story = title_flowables(ctx, TITLE)
    story.append(Spacer(1, 2 * mm))
    story += ctx.paragraphs(INTRO)
    story += heading(ctx, H_CAR)
    buyer = r.buyer_name + (f" ({pick(Text('代理人', 'agent'), lang)}: {r.agent_name})" if r.agent_name else "")
    story.append(
        pair_table(
            ctx,
            [
                (Text("合同编号", "Contract no."), r.contract_number),
                (Text("买受人", "Buyer"), buyer),
                (Text("证件号码", "ID number"), r.buyer_id_masked),
                (Text("车辆", "Car"), r.car),
                (Text("车辆识别代号", "VIN"), r.vin),
                (Text("发动机号", "Engine no."), r.engine_no),
                (Text("颜色", "Colour"), r.colour or "—"),
                (Text("交车时间", "Delivered at"), fmt_datetime(r.delivered_at)),
                (Text("交车地点", "Place"), r.delivery_place),
                (Text("交车里程", "Odometer at delivery"), f"{r.odometer_km} km"),
                (Text("销售顾问", "Consultant"), r.consultant_name),
            ],
        )
    )
    story += heading(ctx, H_DOCS)
    story.append(fact_table(ctx, [(_label(DOCUMENTS, c), f"{TICK} {n}".strip()) for c, n in r.documents], 0.5))
    if r.gifts:
        story += heading(ctx, H_GIFTS)
        story.append(tick_table(ctx, list(r.gifts)))
    story += heading(ctx, H_ITEMS)
    story.append(tick_table(ctx, [_label(ONBOARD, c) for c in r.onboard_items], columns=3))
    story += heading(ctx, H_EXPLAINED)
    story.append(tick_table(ctx, [_label(EXPLAINED, c) for c in r.explanations]))
    return story + signed_part(ctx, signatures, heading(ctx, H_SIGN))


def render_handover(
    store: StoreDTO,
    record: HandoverRecordDTO,
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
    return render_flowing(meta, lambda ctx: _story(ctx, record, signatures), invariant=invariant, fonts=fonts)
