"""What the signed papers say, read back with pdftotext (issue #18.4; T/CSCA 120031-2023 4.3.3;
办法 arts. 14-15; domain_reference §4.1; 民法典 586-587): every field of the Shanghai model
contract, 定金 labelled with its legal meaning, the price in figures and in capital, the breach
clause, the buyer's ID masked; the agency services only in the entrustment agreement; the
special terms on their own page naming the contract."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from app.sales.contract_pdf import ContractPrint, render_contract
from app.store.api import get_store
from db.models import Document, Role
from tests.contract_factories import contract_input, ready_deal, sign
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.sales_factories import BUYER_ID

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def pdf_text(pdf: bytes) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext not installed")
    out = subprocess.run([exe, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)  # CJK lines wrap anywhere: compare without whitespace


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture()
def papers(uow):
    """A loan contract with an agent, a 定金, special terms and one agency service."""
    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    manager = make_user(uow, Role.SALES_MANAGER)
    deal_id, _ = ready_deal(uow, consultant, manager)
    data = contract_input(
        payment_method="loan", loan_lender="上汽通用汽车金融", loan_amount_fen=10_000_000,
        deposit_kind="earnest", deposit_fen=2_000_000, agent_name="张代理", agent_id_type="passport",
        agent_id_number="E12345678", special_terms="交车前加装行车记录仪", buyer_address="上海市徐汇区某路1号",
    )  # fmt: skip
    dto = sign(uow, consultant, deal_id, data)
    with uow() as u:
        docs = {d.doc_type: (d.number, pdf_text(d.content)) for d in u.session.scalars(select(Document))}
    return dto, docs


def test_the_contract_prints_every_field_of_the_model_contract(papers):
    """办法 art. 15 / 4.3.3: seller, buyer (ID masked), agent, car, price in figures and 大写,
    payment, deposit, delivery place/date/odometer; the buyer's ID never in clear."""
    dto, docs = papers
    number, text = docs["sales_contract"]
    expected = [
        number, "上海测试汽车销售服务有限公司", "上海市闵行区测试路1号", "021-64000000", "王建国", "居民身份证",
        dto.buyer_id_masked, "张代理", "护照", "*******78", "李顾问", dto.vin, "EA888-123456", "WDA123456789012",
        "¥207,900.00", "人民币贰拾万柒仟玖佰元整", "贷款", "上汽通用汽车金融", "¥100,000.00", "定金", "¥20,000.00",
        "本店交付区", "2026-03-31", "50km", "特别约定",
    ]  # fmt: skip
    missing = [f for f in expected if _squash(f) not in text]
    assert not missing, missing
    assert BUYER_ID not in text and "E12345678" not in text and "上海市徐汇区" in text


def test_earnest_money_is_labelled_with_its_legal_meaning(papers):
    """民法典 586-587: a buyer who fails loses the 定金, a seller returns double; at most 20 %."""
    _, docs = papers
    text = docs["sales_contract"][1]
    assert _squash("不履行合同的，无权请求返还定金") in text and "应当双倍返还定金" in text and "20%" in text


def test_the_breach_clause_lets_the_buyer_terminate_after_30_days_late(papers):
    _, docs = papers
    text = docs["sales_contract"][1]
    assert _squash("逾期超过30日的，买受人有权解除合同") in text and "违约责任" in text


def test_agency_services_are_only_in_the_entrustment_agreement(papers):
    """办法 art. 14 / 4.3.2.3: the services, fee and timing in the separate agreement naming
    the contract; never in the contract."""
    dto, docs = papers
    number, text = docs["entrustment"]
    assert number.startswith("WT-") and "委托服务协议" in text
    for field in (dto.number, "registration", "¥500.00", "本店", "不是购车的条件", dto.buyer_id_masked, dto.vin):
        assert _squash(field) in text, field
    assert "registration" not in docs["sales_contract"][1]


def test_special_terms_are_their_own_document_naming_the_contract(papers):
    dto, docs = papers
    number, text = docs["special_terms"]
    assert number.startswith("ST-") and "交车前加装行车记录仪" in text and dto.number in text


def test_prepayment_is_labelled_as_refundable_not_earnest(uow):
    """民法典 587 applies to 定金 only: a 订金 is printed as an advance payment, refundable."""
    make_store(uow)
    c = ContractPrint(
        buyer_name="王建国", buyer_id_type="business_licence", buyer_id_masked="**************8L46Q",
        buyer_address="", buyer_phone_masked="", agent_name="", agent_id_type=None, agent_id_masked=None,
        consultant_name="李顾问", vehicle="大众 帕萨特", vin="LSVAB2180N2000001", engine_no="E1",
        certificate_no="C1", configuration=(), price_fen=12_345_678, price_words="壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
        payment_method="lump_sum", loan_lender="", loan_amount_fen=0, deposit_kind="prepayment",
        deposit_fen=5_000_000, delivery_place="本店", delivery_date=dt.date(2026, 4, 1),
        max_delivery_odometer_km=20, has_special_terms=False,
    )  # fmt: skip
    pdf = render_contract(
        get_store(uow()),
        c,
        number="HT-2026-000009",
        version=1,
        language="bilingual",
        issued_at=dt.datetime(2026, 3, 10),
    )
    text = pdf_text(pdf)
    assert "订金" in text and _squash("不适用定金罚则") in text and "营业执照" in text
    assert "一次性付款" in text and "¥123,456.78" in text and "壹拾贰万叁仟肆佰伍拾陆元柒角捌分" in text
    english = pdf_text(render_contract(get_store(uow()), dataclasses.replace(c), number="HT-2026-000009", version=1,
                                       language="en", issued_at=dt.datetime(2026, 3, 10)))  # fmt: skip
    assert "Advancepayment" in english and "notearnestmoney" in english
