"""投诉受理回执 — the printed receipt a complainant takes home (T/CSCA 120031 5.2.7; issue #19.3):
the complaint's number (also as a QR code), when it was received, what about, both deadlines
(3.17: first response within 72 hours; 办法 art. 18: told how it was handled within 7 working
days), and how to ask about progress: the number plus the last four digits of the mobile, at
the front desk or on the store's complaint phone. Bilingual A4 on the documents' PDF kit.

The receipt is a view of the complaint record, printed again from it whenever asked; it is not
archived as a document of its own (the complaint and its materials are the record, 4.5.2.2).
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.core.dto import Actor, StoreDTO
from app.core.permissions import Action, require
from app.customer_care.complaint_board import get_complaint
from app.customer_care.complaint_dto import ComplaintDTO
from app.documents.layout import (
    GREY,
    MARGIN_X,
    PAGE,
    RULE,
    DocumentMeta,
    RenderContext,
    Text,
    esc,
    fmt_datetime,
    pick,
    render_flowing,
    stacked,
    table_style,
)
from db.uow import UnitOfWork

DOC_TYPE = "complaint_receipt"
TITLE = Text("投诉受理回执", "Complaint receipt")
CHANNELS = {
    "front_desk": Text("前台", "Front desk"),
    "phone": Text("电话", "Phone"),
    "hotline_12345": Text("12345市民服务热线", "12345 citizen hotline"),
    "brand": Text("品牌厂家转来", "Referred by the brand"),
    "online": Text("网络", "Online"),
    "consumer_association": Text("消费者权益保护委员会", "Consumer association"),
}
CATEGORIES = {
    "sales_service": Text("销售服务", "Sales service"),
    "price_and_fees": Text("价格与收费", "Prices and fees"),
    "vehicle_quality": Text("车辆质量", "Vehicle quality"),
    "delivery": Text("交车", "Delivery"),
    "paperwork": Text("手续与证照", "Paperwork"),
    "other": Text("其他", "Other"),
}
QR_MM = 32


def _how_to_ask(store: StoreDTO) -> Text:
    phone = store.complaint_phone or store.sales_hotline
    return Text(
        f"凭本回执的投诉编号及登记手机号码后四位，可在展厅前台或拨打投诉电话 {phone} 查询处理进度。",
        f"Ask about progress at the front desk or on the complaint phone {phone}, giving the number "
        "above and the last four digits of the mobile you registered.",
    )


def _rows(c: ComplaintDTO, lang: str) -> list[tuple[Text, str]]:
    return [
        (Text("投诉编号", "Complaint no."), c.number),
        (Text("受理时间", "Received"), fmt_datetime(c.received_at)),
        (Text("投诉渠道", "Channel"), pick(CHANNELS[c.channel], lang)),
        (Text("投诉类别", "Category"), pick(CATEGORIES[c.category], lang)),
        (Text("投诉人", "Complainant"), f"{c.contact_name}  {c.contact_mobile}"),
        (Text("投诉内容", "What about"), c.summary),
        (Text("首次答复期限（72小时）", "First response by (72 h)"), fmt_datetime(c.first_response_due)),
        (
            Text("告知处理情况期限（7个工作日）", "Told how it is handled by (7 working days)"),
            fmt_datetime(c.reply_due),
        ),
    ]


def _table(ctx: RenderContext, rows: list[tuple[Text, str]]) -> Table:
    st, lang = ctx.styles, ctx.language
    label_style = st.cell.clone("label", textColor=RULE)
    data = [[Paragraph(stacked(k, lang, 7.5), label_style), Paragraph(esc(v), st.cell)] for k, v in rows]
    usable = PAGE[0] - 2 * MARGIN_X
    table = Table(data, colWidths=[usable * 0.34, usable * 0.66])
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )
    )
    return table


def qr_flowable(payload: str) -> Drawing:
    """The complaint number as a QR code, QR_MM wide (the 4-module quiet zone included)."""
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = QR_MM * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def render_receipt(store: StoreDTO, c: ComplaintDTO, language: str = "bilingual", invariant: bool = False) -> bytes:
    meta = DocumentMeta(DOC_TYPE, c.number, 1, language, c.received_at, store, TITLE)

    def story(ctx: RenderContext) -> list[Flowable]:
        st = ctx.styles
        out: list[Flowable] = [Paragraph(esc(TITLE.en if ctx.language == "en" else TITLE.zh), st.title)]
        if ctx.language == "bilingual":
            out.append(Paragraph(esc(TITLE.en), st.title.clone("title_en", fontSize=11, leading=15, textColor=GREY)))
        out += [Spacer(1, 3 * mm), _table(ctx, _rows(c, ctx.language)), Spacer(1, 5 * mm), qr_flowable(c.number)]
        return out + [Spacer(1, 3 * mm), *ctx.paragraphs(_how_to_ask(store), st.small)]

    return render_flowing(meta, story, invariant=invariant)


def complaint_receipt_pdf(uow: UnitOfWork, actor: Actor, complaint_id: int, language: str = "bilingual") -> bytes:
    """The receipt of one complaint, as PDF bytes to print or hand over."""
    from app.store.api import get_store

    require(actor, Action.VIEW_COMPLAINTS)
    complaint = get_complaint(uow, actor=actor, complaint_id=complaint_id)
    return render_receipt(get_store(uow), complaint, language)
