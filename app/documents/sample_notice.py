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

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from app.documents.fonts import FontSet
from app.documents.layout import (
    centred_small,
    fact_table,
    heading,
    numbered,
    signed_part,
    title_flowables,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    fmt_date,
    labelled,
    render_flowing,
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
    rows = [(label, SHANGHAI_HOTLINE if attr is None else (getattr(store, attr) or "—")) for label, attr in ROWS]
    return fact_table(ctx, rows, padding=(3, 4))


def _story(ctx: RenderContext, store: StoreDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    story = title_flowables(ctx, TITLE)
    story += [centred_small(ctx, labelled(ISSUED, fmt_date(ctx.meta.issued_at), ctx.language)), Spacer(1, 4 * mm)]
    story += ctx.paragraphs(INTRO)
    story.append(Spacer(1, 3 * mm))
    story.append(_info_table(ctx, store))
    story += heading(ctx, CHANNELS_HEADING)
    phone = store.complaint_phone
    story += numbered(ctx, [Text(c.zh.format(phone=phone), c.en.format(phone=phone)) for c in CHANNELS])
    return story + signed_part(ctx, signatures, heading(ctx, SIGN_HEADING))


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
