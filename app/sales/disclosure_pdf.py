"""披露告知书 — the disclosure before the contract (T/CSCA 120031 4.2.3.4; 三包规定 art. 32),
bilingual: the car (VIN, production date), every item disclosed (age over 2 years or unknown,
recorded defects, repairs, PDI assembly repairs), the customer's acknowledgement and the
follow-up person with the date they follow up. Signed by the customer and the consultant; issued
by app/sales/disclosure_sign.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import (
    signed_part,
    title_flowables,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_date,
    inline,
    render_flowing,
    stacked,
)
from app.sales.quote_dto import DisclosureItem
from app.sales.quote_pdf import dated, two_columns

DOC_TYPE = "disclosure"
TITLE = Text("车辆情况披露告知书", "Vehicle disclosure before contract")
H_CAR, H_ITEMS = Text("车辆", "Vehicle"), Text("告知事项", "What is disclosed")
H_FOLLOW, H_SIGN = Text("跟进", "Follow-up"), Text("签署", "Signatures")
INTRO = Text(
    "根据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.2.3.4条及《家用汽车产品修理更换退货责任规定》第三十二条，"
    "本店在签订购车合同前，就该车辆的下列情况向客户如实告知。",
    "Under clause 4.2.3.4 of T/CSCA\u00a0120031-2023 and art. 32 of the Provisions on the Liability for the "
    "Repair, Replacement and Return of Household Automotive Products, the store discloses the following about "
    "this car before the sales contract.",
)
ACK = Text(
    "客户已知悉上述全部事项，并在此基础上自愿决定购买该车辆。",
    "The customer has been told all of the above and decides freely to buy this car knowing it.",
)
KINDS = {
    "age": Text("车龄", "Age"),
    "age_unknown": Text("车龄", "Age"),
    "defect": Text("已知缺陷", "Known defect"),
    "repair": Text("维修记录", "Repair"),
    "pdi_repair": Text("交车前检查总成维修", "PDI assembly repair"),
}


@dataclass(frozen=True)
class DisclosurePdfDTO:
    customer_name: str
    consultant_name: str
    car: str
    vin: str
    production_date: dt.date | None
    items: tuple[DisclosureItem, ...]
    follow_up_name: str
    follow_up_due: dt.datetime


def _age_text(kind: str, produced: dt.date | None) -> Text | None:
    """The age items in each language (4.2.3.4): the stored item text carries both at once, so
    a Chinese-only or English-only document would show the other language too."""
    if kind == "age_unknown":
        return Text("生产日期未知", "Production date unknown")
    if kind == "age" and produced is not None:
        day = produced.isoformat()
        return Text(f"生产日期 {day}，已超过2年", f"Produced on {day}, more than 2 years ago")
    return None


def _item_text(item: DisclosureItem, produced: dt.date | None, lang: str) -> str:
    """Markup of one item: the age in the document's language(s), the English beneath the
    Chinese when bilingual like every other sentence; notes as the staff recorded them."""
    age = _age_text(item.kind, produced)
    return stacked(age, lang, en_size=9) if age is not None else esc(item.text)


def _story(ctx: RenderContext, d: DisclosurePdfDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    st, lang = ctx.styles, ctx.language
    story = title_flowables(ctx, TITLE) + dated(ctx)
    story += ctx.paragraphs(INTRO)
    produced = d.production_date.isoformat() if d.production_date else "—"
    car_rows = [
        (Text("客户", "Customer"), d.customer_name),
        (Text("销售顾问", "Sales consultant"), d.consultant_name),
        (Text("车型", "Model"), d.car),
        (Text("车架号", "VIN"), d.vin),
        (Text("生产日期", "Production date"), produced),
    ]
    story += ctx.paragraphs(H_CAR, st.heading) + [two_columns(ctx, car_rows)]
    story += ctx.paragraphs(H_ITEMS, st.heading)
    colon = ": " if lang == "en" else "："
    for n, item in enumerate(d.items, 1):
        kind = KINDS.get(item.kind, Text(item.kind, item.kind))
        text = f"{inline(kind, lang)}{colon}{_item_text(item, d.production_date, lang)}"
        story.append(Paragraph(text, st.body.clone(f"item{n}", leftIndent=6 * mm), bulletText=f"{n}."))
    story += ctx.paragraphs(ACK)
    follow = [
        (Text("跟进人", "Follow-up by"), d.follow_up_name),
        (Text("跟进日期", "Follow-up by date"), fmt_date(d.follow_up_due)),
    ]
    story += ctx.paragraphs(H_FOLLOW, st.heading) + [two_columns(ctx, follow)]
    return story + signed_part(ctx, signatures, ctx.paragraphs(H_SIGN, st.heading))


def render_disclosure(
    store: StoreDTO,
    disclosure: DisclosurePdfDTO,
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
    return render_flowing(meta, lambda ctx: _story(ctx, disclosure, signatures), invariant=invariant, fonts=fonts)
