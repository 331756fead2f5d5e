"""结算单 — the itemised settlement statement of a contract (T/CSCA 120031-2023 4.3.5; issue
#18.5): the quote's lines (vehicle, options, accessories, discounts, promotions, agency
services), every payment and refund with its receipt number, the loan, and the balance; signed
on the pad by the customer and by finance. Bilingual."""

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
    fact_table,
    heading,
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
    render_flowing,
    table_style,
)
from app.finance.money_text import KIND_LABELS, METHOD_LABELS, amount_words, label, yuan
from app.finance.money_text import Text as Label

DOC_TYPE = "settlement"
TITLE = Text("结算单", "Settlement statement")
LINE_KINDS: dict[str, Label] = {
    "vehicle": Label("车辆", "Vehicle"),
    "option": Label("选装", "Option"),
    "accessory": Label("精品附件", "Accessory"),
    "discount": Label("优惠", "Discount"),
    "promotion": Label("促销", "Promotion"),
    "service": Label("代办服务", "Agency service"),
    "gift": Label("赠品", "Gift"),
    "promise": Label("承诺", "Promise"),
}
H_ITEMS, H_MONEY = Text("结算明细", "Items"), Text("收退款记录", "Payments and refunds")
H_SIGN = Text("双方签字确认", "Signed by both sides")


@dataclass(frozen=True)
class SettlementLine:
    kind: str
    description: str
    amount_fen: int


@dataclass(frozen=True)
class SettlementMoney:
    receipt_no: str
    kind: str
    method: str
    amount_fen: int  # refunds negative
    at: dt.datetime


@dataclass(frozen=True)
class StatementDTO:
    contract_no: str
    buyer_name: str
    vin: str
    lines: tuple[SettlementLine, ...]
    money: tuple[SettlementMoney, ...]
    due_fen: int
    paid_fen: int
    loan_fen: int
    loan_lender: str
    invoice_no: str

    @property
    def balance_fen(self) -> int:
        return self.due_fen - self.paid_fen - self.loan_fen


def _grid(ctx: RenderContext, header: list[Text], rows: list[list[str]], widths: list[float]) -> Table:
    st, lang = ctx.styles, ctx.language
    usable = PAGE[0] - 2 * MARGIN_X
    data = [[Paragraph(inline(h, lang), st.cell) for h in header]]
    data += [[Paragraph(esc(c), st.cell) for c in row] for row in rows]
    table = Table(data, colWidths=[usable * w for w in widths], repeatRows=1)
    table.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
        )
    )
    return table


def _items(ctx: RenderContext, s: StatementDTO) -> Table:
    lang = ctx.language
    rows = [[label(LINE_KINDS, ln.kind, lang), ln.description, yuan(ln.amount_fen)] for ln in s.lines]
    return _grid(ctx, [Text("类别", "Kind"), Text("项目", "Item"), Text("金额", "Amount")], rows, [0.25, 0.5, 0.25])


def _money(ctx: RenderContext, s: StatementDTO) -> Table:
    lang = ctx.language
    rows = [
        [m.receipt_no, fmt_datetime(m.at), label(KIND_LABELS, m.kind, lang), label(METHOD_LABELS, m.method, lang),
         yuan(m.amount_fen)]
        for m in s.money
    ]  # fmt: skip
    header = [Text("收据编号", "Receipt no."), Text("时间", "Time"), Text("类别", "Kind"), Text("方式", "Method"),
              Text("金额", "Amount")]  # fmt: skip
    return _grid(ctx, header, rows, [0.24, 0.2, 0.2, 0.16, 0.2])


def _totals(s: StatementDTO) -> list[tuple[Text, str]]:
    rows = [
        (Text("合同编号", "Contract no."), s.contract_no),
        (Text("买受人", "Buyer"), s.buyer_name),
        (Text("车架号", "VIN"), s.vin),
        (Text("应付合计", "Total due"), f"{yuan(s.due_fen)}  {amount_words(s.due_fen)}"),
        (Text("已付合计（扣除退款）", "Paid, net of refunds"), f"{yuan(s.paid_fen)}  {amount_words(s.paid_fen)}"),
    ]
    if s.loan_fen:
        rows.append((Text("贷款金额", "Loan"), f"{yuan(s.loan_fen)}  {s.loan_lender}"))
    rows.append((Text("余额", "Balance"), yuan(max(s.balance_fen, 0))))
    if s.invoice_no:
        rows.append((Text("发票号码", "Invoice no."), s.invoice_no))
    return rows


def render_settlement(
    store: StoreDTO,
    statement: StatementDTO,
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

    def story(ctx: RenderContext) -> list[Flowable]:
        out = [*title_flowables(ctx, TITLE), Spacer(1, 3 * mm), fact_table(ctx, _totals(statement), padding=None)]
        out += heading(ctx, H_ITEMS) + [_items(ctx, statement)]
        out += heading(ctx, H_MONEY) + [_money(ctx, statement), Spacer(1, 4 * mm)]
        return out + signed_part(ctx, signatures, heading(ctx, H_SIGN))

    return render_flowing(meta, story, invariant=invariant, fonts=fonts)
