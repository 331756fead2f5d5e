"""门店公示信息 — the store information notice, a small real document that exercises the layout
machinery (header, bilingual text, table, signature block, footer) until the test-drive
agreement, PDI report and vehicle card exist.

What it shows comes from the group standard 乘用车销售服务通用要求 (T/CSCA 120031-2023):
  4.1.3.5  publicly show the service hotline, the complaint phone and the dealer's website;
  4.1.3.6  published information is kept current (hence the version and issue date);
  4.5.2.1  publish the complaint-handling process; complaints are recorded and archived;
  3.15     complaints are also counted via the Shanghai "12345" citizen hotline;
  3.17, 5.2.1 h)  every complaint is answered within 72 hours (response rate target 100 %).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.documents.fonts import FontSet
from app.documents.layout import (
    GREY,
    PAGE,
    MARGIN_X,
    RULE,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_date,
    labelled,
    render_flowing,
    signature_block,
    stacked,
    table_style,
)
from app.core.dto import StoreDTO

DOC_TYPE = "store_notice"
SHANGHAI_HOTLINE = "12345"  # 3.15: the Shanghai citizen service hotline

TITLE = Text("门店公示信息", "Store information notice")
INTRO = Text(
    "根据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.1.3.5条和第4.5.2.1条，本店公示以下服务信息及投诉渠道。",
    # \u00a0 (no-break space) keeps the standard's number on one line.
    "Published under clauses 4.1.3.5 and 4.5.2.1 of the Shanghai passenger-car sales service "
    "standard T/CSCA\u00a0120031-2023: our service contacts and how to make a complaint.",
)
ISSUED = Text("公示日期", "Issued")
ROWS = (  # (label, StoreDTO attribute or None for the 12345 line)
    (Text("门店名称", "Store"), "legal_name"),
    (Text("门店地址", "Address"), "address"),
    (Text("销售热线", "Sales hotline"), "sales_hotline"),
    (Text("投诉电话", "Complaint phone"), "complaint_phone"),
    (Text("门店网站", "Website"), "website"),
    (Text("上海市民服务热线", "Shanghai citizen hotline"), None),
)
CHANNELS_HEADING = Text("投诉渠道与处理流程", "Complaint channels and handling")
CHANNELS = (
    Text(
        "拨打本店投诉电话 {phone}，或在展厅内向销售经理当面反映。",
        "Call our complaint phone {phone}, or speak to the sales manager in the showroom.",
    ),
    Text("拨打上海市民服务热线 12345。", "Call the Shanghai citizen service hotline 12345."),
    Text(
        "本店对每一项投诉均作记录，并在72小时内答复处理意见；投诉材料归档保存，您可随时查询处理进度。",
        "Every complaint is recorded and answered within 72 hours; complaint records are "
        "archived and you may ask about progress at any time.",
    ),
)
SIGN_HEADING = Text("门店负责人确认", "Confirmed by store management")


def _info_table(ctx: RenderContext, store: StoreDTO) -> Table:
    st, lang = ctx.styles, ctx.language
    label_style = st.cell.clone("label", textColor=RULE)
    rows = []
    for label, attr in ROWS:
        value = SHANGHAI_HOTLINE if attr is None else (getattr(store, attr) or "—")
        rows.append([Paragraph(stacked(label, lang, 7.5), label_style), Paragraph(esc(value), st.cell)])
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(rows, colWidths=[usable * 0.3, usable * 0.7])
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return table


def _story(ctx: RenderContext, store: StoreDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    st, lang, meta = ctx.styles, ctx.language, ctx.meta
    story: list[Flowable] = []
    story.append(Paragraph(esc(TITLE.zh if lang != "en" else TITLE.en), st.title))
    if lang == "bilingual":
        story.append(Paragraph(esc(TITLE.en), st.title.clone("title_en", fontSize=11, leading=15, textColor=GREY)))
    story.append(Paragraph(labelled(ISSUED, fmt_date(meta.issued_at), lang), st.small.clone("issued", alignment=1)))
    story.append(Spacer(1, 4 * mm))
    story += ctx.paragraphs(INTRO)
    story.append(Spacer(1, 3 * mm))
    story.append(_info_table(ctx, store))
    story += ctx.paragraphs(CHANNELS_HEADING, st.heading, st.english.clone("heading_en", spaceBefore=-2))
    for i, channel in enumerate(CHANNELS, 1):
        text = Text(channel.zh.format(phone=store.complaint_phone), channel.en.format(phone=store.complaint_phone))
        item = st.body.clone(f"item{i}", leftIndent=6 * mm, bulletIndent=0)
        story.append(Paragraph(stacked(text, lang, 8.5), item, bulletText=f"{i}."))
        story.append(Spacer(1, 1 * mm))
    block = signature_block(ctx, signatures)
    if block is not None:
        # Keep the heading with its boxes: a lone heading at a page foot reads as unsigned.
        story.append(
            KeepTogether(
                ctx.paragraphs(SIGN_HEADING, st.heading, st.english.clone("sign_en", spaceBefore=-2)) + [block]
            )
        )
    return story


def render_store_notice(
    store: StoreDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    signatures: Sequence[SignatureDTO] = (),
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """The notice as PDF bytes. `signatures` is normally the manager's (4.1.3.5 notices are
    the store's own statement); `invariant=True` gives byte-identical output for golden tests."""
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, store, signatures), invariant=invariant, fonts=fonts)
