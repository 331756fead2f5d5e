"""购车合同 — the sales contract (T/CSCA 120031-2023 4.3.3; 《汽车销售管理办法》 art. 15;
domain_reference §4.1), with the fields of the Shanghai model contract (上海市汽车买卖合同示范
文本): seller from the store record, buyer and agent (ID numbers masked: the archive can never
be erased), the car (VIN, engine number, 合格证 number), the price in figures and in capital
(大写, app/sales/amounts.py), payment, the deposit labelled 定金 or 订金 with its legal meaning
(民法典 586-587), delivery place, date and maximum odometer, and the breach terms. Special terms
are a separate, separately signed page (special_terms_pdf); agency services never appear here
but in the entrustment agreement (entrustment_pdf, 办法 art. 14).

Bilingual, signed on the pad by the customer and the consultant; the store signs digitally
(PAdES, app.documents prepare_document). An amendment is the next version of the same number.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from app.core.dto import StoreDTO
from app.documents.font_subsets import fixed_wording
from app.documents.fonts import FontSet
from app.documents.layout import (
    ROLE_LABELS,
    T_NAME,
    T_TIME,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    SignerRole,
    Text,
)
from app.documents.layout import fact_table, heading, numbered, pick, render_flowing
from app.sales.amounts import yuan_figures
from app.sales.pdf_parts import H_SIGN, SIGNING_DATE, signature_section, title_block

DOC_TYPE = "sales_contract"
TITLE = Text("汽车买卖合同", "Motor vehicle sales contract")
NUMBER = Text("合同编号", "Contract no.")
INTRO = Text(
    "根据《中华人民共和国民法典》《汽车销售管理办法》及《乘用车销售服务通用要求》（T/CSCA 120031-2023），"
    "买卖双方在平等、自愿的基础上，就买受人购买下列车辆达成如下合同。",
    "Under the Civil Code, the Measures for the Administration of Automobile Sales and the "
    "Shanghai standard T/CSCA\u00a0120031-2023, the parties, freely and as equals, agree the "
    "following sale of the vehicle below.",
)

ID_TYPES = {
    "resident_id": Text("居民身份证", "Resident ID card"),
    "business_licence": Text("营业执照（统一社会信用代码）", "Business licence (USCC)"),
    "passport": Text("护照", "Passport"),
    "residence_permit": Text("港澳台居民居住证", "Residence permit (HK/Macao/Taiwan)"),
    "permanent_residence": Text("外国人永久居留身份证", "Foreign permanent residence ID"),
}
PAYMENT_METHODS = {
    "lump_sum": Text("一次性付款", "Lump sum"),
    "loan": Text("贷款", "Loan"),
    "instalments": Text("分期付款", "Instalments"),
}
DEPOSIT_KINDS = {
    "none": Text("无", "None"),
    "earnest": Text("定金", "Earnest money (定金)"),
    "prepayment": Text("订金（预付款）", "Advance payment (订金)"),
}
DEPOSIT_MEANING = {
    "earnest": Text(
        "本合同约定的定金适用《民法典》第586-587条：买受人不履行合同的，无权请求返还定金；出卖人不履行合同的，"
        "应当双倍返还定金。定金数额不超过合同标的额的20%。",
        "The earnest money follows Civil Code arts. 586-587: a buyer who fails to perform loses it; "
        "a seller who fails to perform returns double. It is at most 20 % of the contract value.",
    ),
    "prepayment": Text(
        "订金为预付款，不适用定金罚则；合同履行时抵作价款，合同解除时如数退还。",
        "The advance payment (订金) is not earnest money: it counts towards the price and is "
        "refunded in full if the contract ends.",
    ),
    "none": Text("本合同不约定定金或订金。", "No deposit is agreed."),
}

H_PARTIES = Text("一、合同当事人", "1. Parties")
H_VEHICLE = Text("二、车辆", "2. Vehicle")
H_PRICE = Text("三、价款与付款", "3. Price and payment")
H_DEPOSIT = Text("四、定金/订金", "4. Deposit")
H_DELIVERY = Text("五、交付", "5. Delivery")
H_BREACH = Text("六、违约责任", "6. Breach")
H_OTHER = Text("七、其他约定", "7. Other terms")

BREACH = (
    Text(
        "出卖人逾期交付车辆的，每逾期一日按车辆价款的万分之五向买受人支付违约金；逾期超过30日的，"
        "买受人有权解除合同，出卖人应退还已付全部款项，约定定金的双倍返还定金。",
        "If the seller delivers late it pays the buyer 0.05 % of the price per day of delay; "
        "more than 30 days late, the buyer may terminate the contract and the seller refunds all "
        "money paid, an earnest money returned double.",
    ),
    Text(
        "买受人逾期付款超过30日的，出卖人有权解除合同；约定定金的，买受人无权要求返还定金。",
        "If the buyer pays more than 30 days late, the seller may terminate the contract; an "
        "earnest money is then not returned.",
    ),
    Text(
        "车辆质量问题按《家用汽车产品修理更换退货责任规定》（三包规定）及三包凭证处理。",
        "Quality problems are handled under the Household Motor Vehicle Three Guarantees "
        "Regulations and the warranty certificate.",
    ),
)
OTHER = (
    Text(
        "价款不含代办服务费用；买受人自愿选择的代办服务另行签订《委托服务协议》，本店不强制买受人购买保险或接受代办服务。",
        "The price excludes agency services; any the buyer chooses are agreed in a separate "
        "entrustment agreement. The store never makes insurance or agency services a condition "
        "of the sale.",
    ),
    Text(
        "交车时出卖人交付机动车销售统一发票、合格证、三包凭证、使用说明书等随车文件。",
        "At delivery the seller hands over the vehicle sales invoice, the certificate of "
        "conformity, the warranty certificate, the owner's manual and the other documents.",
    ),
    Text(
        "因本合同发生争议，双方协商解决；协商不成的，可向消费者权益保护组织投诉或依法向人民法院起诉。",
        "Disputes are settled by negotiation; failing that, either party may complain to a "
        "consumer association or sue in the people's court.",
    ),
)
SIGN_NOTE = Text(
    "买受人（或其代理人）与出卖人销售顾问在下方手写签名；出卖人以数字签名盖章。",
    "The buyer (or agent) and the seller's consultant sign by hand below; the seller signs digitally.",
)


# The labels of the contract's tables, in the order printed (the optional rows' too).
LABELS = {
    "seller": Text("出卖人", "Seller"),
    "seller_address": Text("出卖人地址", "Seller's address"),
    "hotlines": Text("销售热线 / 投诉电话", "Sales / complaints"),
    "buyer": Text("买受人", "Buyer"),
    "id_type": Text("证件类型", "ID document"),
    "id_number": Text("证件号码", "ID number"),
    "buyer_address": Text("买受人地址", "Buyer's address"),
    "phone": Text("联系电话", "Phone"),
    "agent": Text("代理人", "Agent"),
    "agent_id": Text("代理人证件", "Agent's ID"),
    "consultant": Text("销售顾问", "Sales consultant"),
    "vehicle": Text("品牌型号", "Vehicle"),
    "vin": Text("车辆识别代号（VIN）", "VIN"),
    "engine_no": Text("发动机号", "Engine no."),
    "certificate_no": Text("合格证编号", "Certificate of conformity no."),
    "configuration": Text("配置", "Configuration"),
    "price_figures": Text("车辆价款（小写）", "Price (figures)"),
    "price_words": Text("车辆价款（大写）", "Price (in words, 大写)"),
    "payment": Text("付款方式", "Payment method"),
    "loan": Text("贷款机构 / 金额", "Lender / amount"),
    "deposit_kind": Text("类型", "Kind"),
    "deposit_amount": Text("金额", "Amount"),
    "delivery_place": Text("交付地点", "Delivery place"),
    "delivery_date": Text("交付日期", "Delivery date"),
    "odometer": Text("交付时最大里程", "Maximum odometer at delivery"),
}
OPTIONAL_ROWS = {"buyer_address", "phone", "agent", "agent_id", "configuration", "loan", "deposit_amount"}


@dataclass(frozen=True)
class ContractPrint:
    """What the contract says (personal numbers masked)."""

    buyer_name: str
    buyer_id_type: str
    buyer_id_masked: str
    buyer_address: str
    buyer_phone_masked: str
    agent_name: str
    agent_id_type: str | None
    agent_id_masked: str | None
    consultant_name: str
    vehicle: str  # brand model trim, colours
    vin: str
    engine_no: str
    certificate_no: str
    configuration: tuple[str, ...]
    price_fen: int
    price_words: str
    payment_method: str
    loan_lender: str
    loan_amount_fen: int
    deposit_kind: str
    deposit_fen: int
    delivery_place: str
    delivery_date: dt.date
    max_delivery_odometer_km: int
    has_special_terms: bool  # special terms signed separately (their own document)
    revision: int = 1
    amendment_reason: str = ""


def _parties(ctx: RenderContext, c: ContractPrint, store: StoreDTO) -> list[tuple[Text, str]]:
    lang = ctx.language
    rows = [
        (LABELS["seller"], store.legal_name),
        (LABELS["seller_address"], store.address),
        (LABELS["hotlines"], f"{store.sales_hotline} / {store.complaint_phone}"),
        (LABELS["buyer"], c.buyer_name),
        (LABELS["id_type"], pick(ID_TYPES[c.buyer_id_type], lang)),
        (LABELS["id_number"], c.buyer_id_masked),
    ]
    if c.buyer_address:
        rows.append((LABELS["buyer_address"], c.buyer_address))
    if c.buyer_phone_masked:
        rows.append((LABELS["phone"], c.buyer_phone_masked))
    if c.agent_name:
        rows.append((LABELS["agent"], c.agent_name))
        if c.agent_id_type:
            rows.append((LABELS["agent_id"], f"{pick(ID_TYPES[c.agent_id_type], lang)} {c.agent_id_masked}"))
    rows.append((LABELS["consultant"], c.consultant_name))
    return rows


def _money(ctx: RenderContext, c: ContractPrint) -> list[tuple[Text, str]]:
    lang = ctx.language
    rows = [
        (LABELS["price_figures"], yuan_figures(c.price_fen)),
        (LABELS["price_words"], f"人民币{c.price_words}"),
        (LABELS["payment"], pick(PAYMENT_METHODS[c.payment_method], lang)),
    ]
    if c.payment_method == "loan":
        rows.append((LABELS["loan"], f"{c.loan_lender} / {yuan_figures(c.loan_amount_fen)}"))
    return rows


def _story(ctx: RenderContext, c: ContractPrint, store: StoreDTO, drawn: Sequence[SignatureDTO]) -> list[Flowable]:
    lang = ctx.language
    story = title_block(ctx, TITLE, NUMBER, ctx.meta.number)
    if c.revision > 1:
        story += ctx.paragraphs(
            Text(
                f"第{c.revision}版（变更）：{c.amendment_reason}",
                f"Revision {c.revision} (amendment): {c.amendment_reason}",
            )
        )
    story += ctx.paragraphs(INTRO)
    story += heading(ctx, H_PARTIES) + [fact_table(ctx, _parties(ctx, c, store))]
    vehicle_rows = [
        (LABELS["vehicle"], c.vehicle),
        (LABELS["vin"], c.vin),
        (LABELS["engine_no"], c.engine_no),
        (LABELS["certificate_no"], c.certificate_no),
    ]
    if c.configuration:
        vehicle_rows.append((LABELS["configuration"], "、".join(c.configuration)))
    story += heading(ctx, H_VEHICLE) + [fact_table(ctx, vehicle_rows)]
    story += heading(ctx, H_PRICE) + [fact_table(ctx, _money(ctx, c))]
    deposit = [(LABELS["deposit_kind"], pick(DEPOSIT_KINDS[c.deposit_kind], lang))]
    if c.deposit_kind != "none":
        deposit.append((LABELS["deposit_amount"], yuan_figures(c.deposit_fen)))
    story += heading(ctx, H_DEPOSIT) + [fact_table(ctx, deposit)] + ctx.paragraphs(DEPOSIT_MEANING[c.deposit_kind])
    delivery = [
        (LABELS["delivery_place"], c.delivery_place),
        (LABELS["delivery_date"], c.delivery_date.isoformat()),
        (LABELS["odometer"], f"{c.max_delivery_odometer_km} km"),
    ]
    story += heading(ctx, H_DELIVERY) + [fact_table(ctx, delivery)]
    story += heading(ctx, H_BREACH) + numbered(ctx, BREACH)
    other = list(OTHER)
    if c.has_special_terms:
        other.append(
            Text(
                "双方另行签署的《特别约定》（注明本合同编号）为本合同组成部分。",
                "The special terms signed separately (naming this contract's number) form part of this contract.",
            )
        )
    story += heading(ctx, H_OTHER) + numbered(ctx, other)
    return story + signature_section(ctx, drawn, SIGN_NOTE)


# The wording every contract prints, and the words its fields are printed with (ID types,
# payment methods, deposit kinds and their meaning, the capital amount's characters), coded
# first in its font: its first font subsets are the same for every buyer and made once per
# process (app/documents/font_subsets.py), and the subset of each contract's own characters
# (names, numbers, the car) is small.
FIXED_WORDING = fixed_wording(
    TITLE, NUMBER, INTRO, H_PARTIES, H_VEHICLE, H_PRICE, H_DEPOSIT, H_DELIVERY, H_BREACH, BREACH, H_OTHER, OTHER, SIGN_NOTE,
    [text for key, text in LABELS.items() if key not in OPTIONAL_ROWS], SIGNING_DATE, H_SIGN, T_NAME, T_TIME,
    ROLE_LABELS[SignerRole.CUSTOMER], ROLE_LABELS[SignerRole.CONSULTANT],
    [text for key, text in LABELS.items() if key in OPTIONAL_ROWS], ID_TYPES, PAYMENT_METHODS, DEPOSIT_KINDS, DEPOSIT_MEANING,
    "¥人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整",
)  # fmt: skip


@functools.lru_cache(maxsize=8)
def _fixed_for(legal_name: str, address: str) -> str:
    """The fixed wording, then the store's name and address, on every contract it makes."""
    return fixed_wording(FIXED_WORDING, legal_name, address)


def render_contract(
    store: StoreDTO,
    contract: ContractPrint,
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
    fixed = "" if language == "en" else _fixed_for(store.legal_name, store.address)  # English: none of it
    return render_flowing(
        meta, lambda ctx: _story(ctx, contract, store, signatures), invariant=invariant, fonts=fonts, fixed=fixed
    )
