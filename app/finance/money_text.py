"""Money as finance prints it (issue #18.5): figures (¥207,900.00), 大写 (人民币贰拾万柒仟玖佰元整,
via cn2an's "rmb" mode) and the bilingual names of payment kinds and methods. Shared by the
receipt voucher, the settlement statement and the cash report."""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    """A name in both languages (the same shape as app.documents.layout.Text, without loading
    reportlab where only the names are needed: the finance page, the cash report)."""

    zh: str
    en: str


KIND_LABELS: dict[str, Text] = {
    "earnest": Text("定金", "Earnest money (dingjin)"),
    "prepayment": Text("订金", "Advance payment (dingjin, refundable)"),
    "down_payment": Text("首付款", "Down payment"),
    "final": Text("尾款", "Final payment"),
    "agency_fee": Text("代办服务费", "Agency service fee"),
    "refund": Text("退款", "Refund"),
}

METHOD_LABELS: dict[str, Text] = {
    "cash": Text("现金", "Cash"),
    "bank_card": Text("银行卡", "Bank card"),
    "transfer": Text("银行转账", "Bank transfer"),
    "wechat": Text("微信支付", "WeChat Pay"),
    "alipay": Text("支付宝", "Alipay"),
}


def yuan(fen: int) -> str:
    """18980000 -> '¥189,800.00' (a negative amount keeps its sign before the symbol)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100:,}.{fen % 100:02d}"


def amount_words(fen: int) -> str:
    """The amount in capital numerals, as on a receipt: 人民币贰拾万柒仟玖佰元整."""
    if fen == 0:
        return "人民币零元整"
    import cn2an  # 4.6 MB: loaded when an amount is first written in words (issue #17, memory)

    words = cn2an.an2cn(f"{abs(fen) // 100}.{abs(fen) % 100:02d}", "rmb")
    return ("负" if fen < 0 else "") + "人民币" + words


def label(table: dict[str, Text], code: str, language: str) -> str:
    """A kind's or method's name in the document's language ('定金 Earnest money' bilingual)."""
    text = table.get(code, Text(code, code))
    if language == "zh":
        return text.zh
    if language == "en":
        return text.en
    return f"{text.zh} {text.en}"
