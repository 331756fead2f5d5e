"""三包凭证 — the warranty certificate of a new car (《家用汽车产品修理更换退货责任规定》 arts. 13,
18-20; 《汽车销售管理办法》 art. 16), bilingual, printed at the handover and reprinted free on request
(app.documents.api.reprint_copy: the archived bytes, signature intact).

It names the car (VIN, brand, model, engine no.), the seller, the buyer, the invoice, the delivery
date and odometer, the 三包 period (≥ 2 years / 50,000 km) and the 包修 repair-warranty period
(≥ 3 years / 60,000 km) with their end dates, counted from the invoice date or, where the car is
delivered later, from the delivery date (stated on the certificate), and where to find the
repairer (the store's address and its after-sales / complaint phone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import DocumentMeta, RenderContext, Text, render_flowing
from app.sales.handover_pdf import fact_table, heading, pair_table, title_flowables

DOC_TYPE = "warranty_certificate"
TITLE = Text("家用汽车产品三包凭证", "Warranty certificate (三包凭证)")
INTRO = Text(
    "依据《家用汽车产品修理、更换、退货责任规定》，本凭证载明的三包有效期和包修期内，"
    "消费者享有修理、更换、退货的权利。请妥善保管，遗失可凭购车信息免费补打。",
    "Under the Provisions on the Liability for the Repair, Replacement and Return of Household "
    "Automotive Products the buyer has the rights of repair, replacement and return within the "
    "periods below. Keep it safe; a lost copy is reprinted free of charge.",
)
BASIS = {
    "invoice": Text("自开具购车发票之日起计算", "counted from the invoice date"),
    "delivery": Text(
        "交付日期晚于发票日期，自交付之日起计算（从有利于消费者）",
        "counted from the delivery date, later than the invoice date (in the buyer's favour)",
    ),
}
H_CAR = Text("车辆信息", "The car")
H_PARTIES = Text("销售者与消费者", "Seller and buyer")
H_PERIODS = Text("三包有效期与包修期", "Warranty periods")
H_REPAIR = Text("修理者与联系方式", "Repairer and contacts")
# 三包 art. 9 (seller's contacts, how to find repairers): the line the buyer calls about repairs
# and 三包 claims is the store's after-sales / complaint phone, not the sales hotline. The store
# record has no separate service line; the sales hotline only stands in when no complaint phone
# is recorded.
AFTER_SALES_PHONE = Text("售后投诉电话", "After-sales phone")


@dataclass(frozen=True)
class WarrantyDTO:
    vin: str
    brand: str
    model: str
    engine_no: str
    buyer_name: str
    invoice_no: str
    invoice_date: dt.date | None
    delivered_on: dt.date
    odometer_km: int
    start: dt.date
    basis: str  # "invoice" | "delivery"
    sanbao_until: dt.date
    sanbao_km: int
    repair_until: dt.date
    repair_km: int
    contract_number: str


def _period(start: dt.date, until: dt.date, km: int, lang: str) -> str:
    sep = "或" if lang == "zh" else "or" if lang == "en" else "或 or"
    return f"{start.isoformat()} – {until.isoformat()} {sep} {km:,} km"


def _story(ctx: RenderContext, w: WarrantyDTO) -> list[Flowable]:
    lang, store = ctx.language, ctx.meta.store
    story = title_flowables(ctx, TITLE)
    story.append(Spacer(1, 2 * mm))
    story += ctx.paragraphs(INTRO)
    story += heading(ctx, H_CAR)
    story.append(
        pair_table(
            ctx,
            [
                (Text("车辆识别代号", "VIN"), w.vin),
                (Text("品牌", "Brand"), w.brand),
                (Text("车型", "Model"), w.model),
                (Text("发动机号", "Engine no."), w.engine_no),
            ],
        )
    )
    story += heading(ctx, H_PARTIES)
    story.append(
        pair_table(
            ctx,
            [
                (Text("消费者", "Buyer"), w.buyer_name),
                (Text("销售者", "Seller"), store.legal_name),
                (Text("合同编号", "Contract no."), w.contract_number),
                (Text("发票号码", "Invoice no."), w.invoice_no),
                (Text("发票日期", "Invoice date"), w.invoice_date.isoformat() if w.invoice_date else "—"),
                (Text("交付日期", "Delivery date"), w.delivered_on.isoformat()),
                (Text("交付里程", "Odometer at delivery"), f"{w.odometer_km} km"),
            ],
        )
    )
    story += heading(ctx, H_PERIODS)
    basis = BASIS[w.basis]
    story.append(
        fact_table(
            ctx,
            [
                (Text("三包有效期", "三包 period"), _period(w.start, w.sanbao_until, w.sanbao_km, lang)),
                (Text("包修期", "Repair warranty"), _period(w.start, w.repair_until, w.repair_km, lang)),
                (Text("起算日期", "Counted from"), f"{w.start.isoformat()} {_pick(basis, lang)}"),
            ],
        )
    )
    story += heading(ctx, H_REPAIR)
    story.append(
        pair_table(
            ctx,
            [
                (Text("修理者", "Repairer"), store.legal_name),
                (Text("地址", "Address"), store.address),
                (AFTER_SALES_PHONE, store.complaint_phone or store.sales_hotline),
                *([(Text("网址", "Website"), store.website)] if store.website else []),
            ],
        )
    )
    return story


def _pick(text: Text, lang: str) -> str:
    return text.zh if lang == "zh" else text.en if lang == "en" else f"{text.zh} / {text.en}"


def render_warranty(
    store: StoreDTO,
    warranty: WarrantyDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, warranty), invariant=invariant, fonts=fonts)
