"""The quote (销售方案, 4.3.1.3) and disclosure (4.2.3.4) PDFs in each document language, read
back with pdftotext: every line, the total, the validity, the optional-services sentence (办法
art. 14), every disclosed item and the follow-up person."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.dto import StoreDTO
from app.sales.disclosure_pdf import DisclosurePdfDTO, render_disclosure
from app.sales.quote_dto import DisclosureItem, QuoteLineDTO
from app.sales.quote_pdf import QuotePdfDTO, render_quote
from tests.integration.test_cards_currency import pdf_text

STORE = StoreDTO(1, "上海测试汽车销售服务有限公司", "上海市闵行区测试路1号", "021-64000000", "021-64000001", "", 1)
ISSUED = dt.datetime(2026, 3, 10, 2, 0)
QUOTE = QuotePdfDTO(
    customer_name="王先生",
    consultant_name="李顾问",
    car="大众 帕萨特 330TSI 豪华版",
    vin="LSVAB2180N2000001",
    revision=2,
    price_list_title="2026 价格公示 (2026-01-01)",
    lines=(
        QuoteLineDTO(1, "vehicle", 1, "帕萨特 330TSI 豪华版", "Passat 330TSI Luxury", 1, 19_990_000),
        QuoteLineDTO(2, "discount", None, "优惠：老客户", "Discount", 1, -600_000),
        QuoteLineDTO(3, "gift", None, "行车记录仪", "", 1, 0),
        QuoteLineDTO(4, "service", 4, "上牌代办", "Registration agency", 1, 50_000, "本店", "交车后10个工作日内"),
    ),
    total_fen=19_440_000,
    discount_fen=600_000,
    discount_approved_by="周经理",
    valid_until=dt.date(2026, 3, 31),
)


def _flat(pdf: bytes) -> str:
    return "".join(pdf_text(pdf).split())


@pytest.mark.parametrize(
    "language, words",
    [
        ("bilingual", ("销售方案", "Salesproposal", "第十四条", "art.14", "LSVAB2180N2000001")),
        ("zh", ("销售方案", "第十四条", "上牌代办", "本店")),
        ("en", ("Salesproposal", "art.14", "Registrationagency")),
    ],
)
def test_4_3_1_3_the_proposal_prints_every_line_the_total_and_its_validity(language, words):
    text = _flat(render_quote(STORE, QUOTE, number="QT-2026-000001", version=1, language=language, issued_at=ISSUED))
    for needle in ("¥194,400.00", "-¥6,000.00", "2026-03-31", "周经理", "QT-2026-000001", *words):
        assert needle in text, (language, needle)


def test_4_2_3_4_the_disclosure_prints_every_item_and_the_follow_up():
    d = DisclosurePdfDTO(
        customer_name="王先生", consultant_name="李顾问", car="大众 帕萨特", vin="LSVAB2180N2000001",
        production_date=dt.date(2023, 6, 1),
        items=(DisclosureItem("age", "生产日期 2023-06-01，已超过2年"), DisclosureItem("pdi_repair", "空调压缩机：更换")),
        follow_up_name="周经理", follow_up_due=dt.datetime(2026, 3, 17, 2, 0),
    )  # fmt: skip
    for language in ("bilingual", "zh", "en"):
        text = _flat(
            render_disclosure(STORE, d, number="DS-2026-000001", version=1, language=language, issued_at=ISSUED)
        )
        for needle in ("2023-06-01", "空调压缩机", "周经理", "2026-03-17", "LSVAB2180N2000001"):
            assert needle in text, (language, needle)
