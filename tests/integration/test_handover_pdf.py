"""The handover's two documents as the customer reads them (pdftotext; issue #18.6): the 三包凭证
(三包规定 arts. 13, 18-20; 办法 art. 16) names the car, seller, buyer, invoice, delivery date and
odometer, both periods with end dates and km and the date they run from, and the repairer's
contacts from the store record; the handover record (4.4.2) the contract, the documents with their
numbers (the 三包凭证's too), the gifts, the on-board items, the explanations and both signatures."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.documents.api import get_document_bytes
from app.sales import api as sales
from db.models import Role, Vehicle
from db.sales_models import Contract
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.handover_factories import (
    CONFORMITY_NO,
    INVOICE_NO,
    add_gifts,
    full_input,
    handover_signatures,
    ready_contract,
)
from tests.integration.test_handover import AFTER_INVOICE, BEFORE_INVOICE
from tests.integration.test_pdi_permissions import technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _text(pdf: bytes) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext not installed")
    return subprocess.run([exe, "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture()
def handed_over(uow):
    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    manager, finance = make_user(uow, Role.SALES_MANAGER), make_user(uow, Role.FINANCE)
    _, cid, vid = ready_contract(uow, consultant, manager, finance, technician(uow))
    gifts = tuple(add_gifts(uow, cid))

    def run(now):
        done = sales.complete_handover(
            uow(), actor=consultant, contract_id=cid, data=full_input(uow, cid, gifts),
            signatures=handover_signatures(), now=now,
        )  # fmt: skip
        with uow() as u:
            c, car = u.session.get(Contract, cid), u.session.get(Vehicle, vid)
            facts = {
                "vin": c.vin,
                "number": c.number,
                "engine": c.engine_no,
                "cert": c.certificate_no,
                "model": car.model,
            }
        warranty = _text(get_document_bytes(uow(), actor=consultant, document_id=done.warranty_document_id))
        record = _text(get_document_bytes(uow(), actor=consultant, document_id=done.document_id))
        return done, facts, warranty, record

    return run


def test_the_sanbao_certificate_states_every_field_sanbao_arts_13_18(handed_over):
    done, f, text, _ = handed_over(BEFORE_INVOICE)
    assert "三包凭证" in text and done.warranty_document_number in text
    # The car: VIN, brand, model, engine no.
    assert f["vin"] in text and "大众" in text and f["model"] in text and f["engine"] in text
    # Seller, buyer, invoice, delivery date and odometer.
    assert "上海测试汽车销售服务有限公司" in text and "王建国" in text
    assert INVOICE_NO in text and "2026-03-20" in text and "2026-03-15" in text and "12 km" in text
    # 三包 ≥ 2 years / 50,000 km and 包修 ≥ 3 years / 60,000 km, with their end dates.
    assert "2028-03-20" in text and "50,000 km" in text
    assert "2029-03-20" in text and "60,000 km" in text
    assert "自开具购车发票之日起计算" in text
    # Where to find the repairer: the store's address and phones.
    assert "上海市闵行区测试路1号" in text and "021-64000000" in text and "021-64000001" in text


def test_a_later_delivery_is_stated_as_the_start_in_the_customers_favour(handed_over):
    _, _, text, _ = handed_over(AFTER_INVOICE)
    assert "自交付之日起计算" in text and "2028-04-02" in text and "2029-04-02" in text


def test_the_handover_record_lists_documents_gifts_items_explanations_and_signatures_4_4_2(handed_over):
    done, f, _, text = handed_over(AFTER_INVOICE)
    assert "交车确认单" in text and done.document_number in text and f["number"] in text
    assert f["vin"] in text and "12 km" in text and "李顾问" in text
    # 办法 art. 16: documents with their numbers, the 三包凭证 with its own.
    for number in (f["cert"], CONFORMITY_NO, INVOICE_NO, done.warranty_document_number):
        assert number in text
    assert "中文使用说明书" in text and "保修手册" in text
    assert "全车贴膜" in text and "首保免费" in text
    assert "三角警示牌" in text and "三包有效期、包修期及使用补偿系数n" in text and "安全注意事项" in text
    assert "客户" in text and "销售顾问" in text and "王建国" in text
