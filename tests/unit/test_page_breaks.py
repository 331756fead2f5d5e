"""Where the flowing documents break their pages (issue #18, layout review), read back per page
with pdftotext -layout, at many lengths of the content before the break:
- a heading is never the last line of a page: it goes with the table or paragraph it heads
  (the contract's "三、价款与付款", "七、其他约定", the handover record's "随车物品" were seen alone
  at a page foot);
- the signatures never stand alone on the last page: the paragraph or table before them goes
  along (quote, settlement statement);
- the quote's kind column holds "Agency service" on one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess

import pytest

from app.core.dto import StoreDTO
from app.documents.layout import SignatureDTO, SignerRole, Text
from app.finance import settlement_pdf
from app.finance.settlement_pdf import SettlementLine, SettlementMoney, StatementDTO, render_settlement
from app.sales import contract_pdf, handover_pdf, quote_pdf
from app.sales.contract_pdf import ContractPrint, render_contract
from app.sales.handover_pdf import HandoverRecordDTO, render_handover
from app.sales.quote_dto import QuoteLineDTO
from app.sales.quote_pdf import render_quote
from tests.unit.test_documents_render import GOLDEN, tool
from tests.unit.test_quote_pdfs import QUOTE

STORE = StoreDTO(1, "上海测试汽车销售服务有限公司", "上海市闵行区测试路1号", "021-64000000", "021-64000001", "", 1)
AT = dt.datetime(2026, 3, 10, 2, 0)
PNG = (GOLDEN / "signature_manager.png").read_bytes()
SIGNED = [SignatureDTO("王建国", SignerRole.CUSTOMER, AT, PNG), SignatureDTO("李顾问", SignerRole.CONSULTANT, AT, PNG)]
CONTRACT = ContractPrint(
    buyer_name="王建国", buyer_id_type="resident_id", buyer_id_masked="**************8L46Q",
    buyer_address="上海市徐汇区某路1号", buyer_phone_masked="138****0000", agent_name="张代理",
    agent_id_type="passport", agent_id_masked="*******78", consultant_name="李顾问", vehicle="大众 帕萨特",
    vin="LSVAB2180N2000001", engine_no="E1", certificate_no="C1", configuration=(), price_fen=12_345_678,
    price_words="壹拾贰万叁仟肆佰伍拾陆元柒角捌分", payment_method="loan", loan_lender="上汽通用汽车金融",
    loan_amount_fen=10_000_000, deposit_kind="earnest", deposit_fen=2_000_000, delivery_place="本店",
    delivery_date=dt.date(2026, 4, 1), max_delivery_odometer_km=20, has_special_terms=True,
)  # fmt: skip


def _pages(pdf: bytes, number: str) -> list[list[str]]:
    """Each page's text lines, without the footer (it names the document number)."""
    out = subprocess.run([tool("pdftotext"), "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").rstrip("\f").split("\f")
    return [[s.strip() for s in p.splitlines() if s.strip() and number not in s] for p in pages]


def _headings(module) -> set[str]:
    texts = [getattr(module, n) for n in dir(module) if n.startswith("H_")]
    return {"".join(t.split()) for h in texts if isinstance(h, Text) for t in h}


def _pages_ending_with_a_heading(pdf: bytes, number: str, headings: set[str]) -> list[tuple[int, str]]:
    pages = _pages(pdf, number)
    return [(i + 1, p[-1]) for i, p in enumerate(pages[:-1]) if p and "".join(p[-1].split()) in headings]


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_no_contract_page_ends_with_a_heading(language):
    heads = _headings(contract_pdf)
    for n in range(0, 14):  # the page break at many places: longer configuration lists
        c = dataclasses.replace(CONTRACT, configuration=tuple(f"配置项目{i}号" for i in range(n)))
        pdf = render_contract(STORE, c, number="HT-2026-000009", version=1, language=language, issued_at=AT,
                              signatures=SIGNED)  # fmt: skip
        assert _pages_ending_with_a_heading(pdf, "HT-2026-000009", heads) == [], n


def _handover(gifts: int) -> HandoverRecordDTO:
    return HandoverRecordDTO(
        "HT-2026-000009", "王建国", "**************8L46Q", "", "大众 帕萨特", "LSVAB2180N2000001", "E1", "白", AT,
        "本店交付区", 12, "李顾问", tuple((c, f"N{i}") for i, c in enumerate(list(handover_pdf.DOCUMENTS)[: 3 + gifts % 6])),
        tuple(f"赠品{i}" for i in range(gifts)), tuple(list(handover_pdf.ONBOARD)[: 2 + gifts % 5]),
        tuple(handover_pdf.EXPLAINED),
    )  # fmt: skip


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_no_handover_record_page_ends_with_a_heading(language):
    heads = _headings(handover_pdf)
    for gifts in range(0, 12):
        pdf = render_handover(STORE, _handover(gifts), number="JC-2026-000001", version=1, language=language,
                              issued_at=AT, signatures=SIGNED)  # fmt: skip
        assert _pages_ending_with_a_heading(pdf, "JC-2026-000001", heads) == [], gifts


def _last_page_has_more_than_the_signatures(pdf: bytes, number: str, sign_heading: Text, before: str) -> bool:
    last = "".join("".join(_pages(pdf, number)[-1]).split())
    return "".join(sign_heading.zh.split()) in last and before in last


def test_the_quote_signatures_keep_the_confirmation_with_them():
    for n in range(1, 14, 2):
        extra = tuple(
            QuoteLineDTO(i, "accessory", None, f"项目{i}", f"Item {i}", 1, 10_000 * i) for i in range(1, n + 1)
        )
        quote = dataclasses.replace(QUOTE, lines=QUOTE.lines + extra)
        pdf = render_quote(STORE, quote, number="QT-2026-000001", version=1, language="zh", issued_at=AT,
                           signatures=SIGNED)  # fmt: skip
        assert _last_page_has_more_than_the_signatures(pdf, "QT-2026-000001", quote_pdf.H_SIGN, "客户已阅读并确认"), n


def test_the_settlement_signatures_keep_the_payments_with_them():
    for n in range(1, 40, 3):
        statement = StatementDTO(
            "HT-2026-000009", "王建国", "LSVAB2180N2000001",
            tuple(SettlementLine("vehicle", f"项目{i}", 100_000) for i in range(n)),
            tuple(SettlementMoney(f"SK-2026-{i:06d}", "payment", "cash", 100_000, AT) for i in range(n // 2 + 1)),
            100_000 * n, 100_000 * n, 0, "", "",
        )  # fmt: skip
        pdf = render_settlement(STORE, statement, number="JS-2026-000001", version=1, language="zh", issued_at=AT,
                                signatures=SIGNED)  # fmt: skip
        assert _last_page_has_more_than_the_signatures(pdf, "JS-2026-000001", settlement_pdf.H_SIGN, "SK-2026-"), n


def test_the_quote_prints_agency_service_on_one_line():
    pdf = render_quote(STORE, QUOTE, number="QT-2026-000001", version=1, language="bilingual", issued_at=AT)
    lines = [line for page in _pages(pdf, "QT-2026-000001") for line in page]
    assert any("代办服务 Agency service" in line for line in lines), [s for s in lines if "代办" in s]
