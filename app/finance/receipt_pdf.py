"""收款收据 / 退款凭证 — the receipt voucher finance prints for every amount received or refunded
(T/CSCA 120031-2023 4.3.4-4.3.5; issue #18.5). Its document number (SK-YYYY-NNNNNN) IS the
receipt number kept on the payment. Bilingual: payer, contract number, kind, method, the
amount in figures and in capital numerals (大写), and the cashier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import (
    fact_table,
    title_flowables,
    DocumentMeta,
    RenderContext,
    Text,
    fmt_datetime,
    render_flowing,
)
from app.finance.money_text import KIND_LABELS, METHOD_LABELS, amount_words, label, yuan

DOC_TYPE = "payment_receipt"
RECEIPT_TITLE = Text("收款收据", "Receipt")
REFUND_TITLE = Text("退款凭证", "Refund voucher")
NOTE = Text(
    "本收据由财务部出具，经电子签章，凭此核对款项。销售人员无权代收款项。",
    "Issued and digitally sealed by the finance office; sales staff may not receive money.",
)


@dataclass(frozen=True)
class ReceiptDTO:
    """What the voucher prints."""

    payer: str
    contract_no: str
    vin: str
    kind: str
    method: str
    amount_fen: int
    received_at: dt.datetime
    cashier: str
    note: str = ""
    reason: str = ""  # a refund's approved reason


def receipt_rows(r: ReceiptDTO, lang: str) -> list[tuple[Text, str]]:
    rows = [
        (Text("付款人" if r.kind != "refund" else "收款人", "Payer" if r.kind != "refund" else "Payee"), r.payer),
        (Text("合同编号", "Contract no."), r.contract_no),
        (Text("车架号", "VIN"), r.vin),
        (Text("款项类别", "Kind"), label(KIND_LABELS, r.kind, lang)),
        (Text("支付方式", "Method"), label(METHOD_LABELS, r.method, lang)),
        (Text("金额（小写）", "Amount"), yuan(r.amount_fen)),
        (Text("金额（大写）", "Amount in words"), amount_words(r.amount_fen)),
        (Text("时间", "Time"), fmt_datetime(r.received_at)),
        (Text("经办财务", "Cashier"), r.cashier),
    ]
    if r.reason:
        rows.append((Text("退款原因", "Reason"), r.reason))
    if r.note:
        rows.append((Text("备注", "Note"), r.note))
    return rows


def render_receipt(
    store: StoreDTO,
    receipt: ReceiptDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    title = REFUND_TITLE if receipt.kind == "refund" else RECEIPT_TITLE
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, title)

    def story(ctx: RenderContext) -> list[Flowable]:
        out = [*title_flowables(ctx, title), Spacer(1, 3 * mm)]
        out.append(
            fact_table(ctx, [(Text("收据编号", "Receipt no."), number), *receipt_rows(receipt, language)], padding=None)
        )
        out.append(Spacer(1, 4 * mm))
        return out + ctx.paragraphs(NOTE, ctx.styles.small)

    return render_flowing(meta, story, invariant=invariant, fonts=fonts)
