"""The demo store's sale (issue #18.9): a published price list and a deal in every column of the
deal board, with their signed documents, built through the services; every document verifies
(in the app, with `showroom admin verify-document` and with poppler's pdfsig); a second build
adds nothing; the customers' personal data is sealed like every customer's (PIPL).

One demo is built for the module (the build takes seconds): the tests only read it, except the
last, which builds again to prove nothing is added."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import Counter

import pytest

from app.demo import build_demo
from app.demo.sales_plan import DEALS
from app.documents.documents import DocumentQuery, list_documents, verify_archived_document
from app.sales.board import deal_board
from app.sales.api import price_list_in_force
from app.staff.auth import login
from db.models import Vehicle
from db.sales_models import Contract, Deal, DealStage
from tests.admin_cli import admin_cli
from tests.integration.conftest import DEMO_NOW

NOW = DEMO_NOW  # 14:00 in Shanghai (tests/integration/conftest.py builds the demo on it)
BOARD = ("quote", "contract", "awaiting_payment", "ready", "delivered")  # app/sales/stages.py
# Issue #18.9: the sale's documents in the archive, by their type code.
SALE_DOCUMENTS = {
    "price_list_notice": 1,
    "quote": 5,
    "disclosure": 1,
    "sales_contract": 4,
    "entrustment": 1,
    "payment_receipt": 4,
    "settlement": 1,
    "handover": 1,
    "warranty_certificate": 1,
}


def test_the_demo_board_has_a_deal_in_every_stage(demo_db):
    """Issue #18.7/#18.9: a manager opening the Sales page sees every column filled."""
    manager = login(demo_db.uow(), username="zhou.jianguo", password="demo1234")
    page = deal_board(demo_db.uow(), actor=manager)
    assert all(page.counts[stage] >= 1 for stage in BOARD), page.counts
    assert page.total == len(DEALS)
    # 办法 art. 10: the list in force today holds every model on sale, the fees and a promotion.
    prices = price_list_in_force(demo_db.uow(), actor=manager, on=NOW.date())
    assert prices is not None and prices.notice_number
    kinds = Counter(item.kind for item in prices.items)
    assert kinds["vehicle"] >= 20 and kinds["option"] and kinds["accessory"] and kinds["service_fee"] == 4
    promotion = next(item for item in prices.items if item.kind == "promotion")
    assert promotion.valid_to is not None and promotion.valid_to > NOW.date() + dt.timedelta(days=90)
    with demo_db.uow() as uow:
        delivered = uow.session.query(Deal).filter(Deal.stage == DealStage.DELIVERED).one()
        contract = uow.session.query(Contract).filter(Contract.deal_id == delivered.id).one()
        assert contract.status == "fulfilled" and contract.invoice_no
        assert uow.session.get(Vehicle, contract.vehicle_id).status == "delivered"


def test_every_sale_document_of_the_demo_is_signed_and_verifies(demo_db):
    manager = login(demo_db.uow(), username="zhou.jianguo", password="demo1234")
    for doc_type, count in SALE_DOCUMENTS.items():
        docs = list_documents(demo_db.uow(), actor=manager, query=DocumentQuery(doc_type=doc_type))
        assert len(docs) == count, doc_type
        for doc in docs:
            assert verify_archived_document(demo_db.uow(), actor=manager, document_id=doc.id).status == "intact"


def test_the_demo_buyers_came_through_reception_and_their_ids_are_sealed(demo, demo_db):
    """PIPL: each buyer is a reception customer with a contact consent on record, and the ID
    number on the contract is stored sealed, never in clear (app/core/personal_data.py)."""
    from app.reception.customers import get_customer_history

    manager = login(demo_db.uow(), username="zhou.jianguo", password="demo1234")
    with demo_db.uow() as uow:
        customers = [d.customer_id for d in uow.session.query(Deal).order_by(Deal.id)]
    assert len(customers) == len(DEALS)
    for customer_id in customers:
        assert get_customer_history(demo_db.uow(), actor=manager, customer_id=customer_id).customer.has_consent
    demo_db.dispose()
    raw = b"".join(p.read_bytes() for p in demo[1].parent.glob("demo.sqlite*"))
    for plan in DEALS:
        assert plan.buyer_id.encode() not in raw, plan.key


def test_documents_list_and_export_of_the_sale_kinds_with_pdfsig(demo, demo_db, tmp_path, capsys):
    """Issue #18.9: `documents list` shows the sale's kinds; `documents export NUMBER FILE`
    writes a contract and a 三包凭证 that verify-document and pdfsig both accept."""
    url = demo[0]
    admin = ("admin", "admin1234")
    assert admin_cli("documents", "list", "--database-url", url, user=admin[0], password=admin[1]) == 0
    listing = capsys.readouterr().out
    for doc_type in SALE_DOCUMENTS:
        assert f" {doc_type} " in listing, doc_type
    numbers = {}
    for alias, doc_type in (("contract", "sales_contract"), ("三包凭证", "warranty_certificate")):
        assert (
            admin_cli("documents", "list", "--type", alias, "--database-url", url, user=admin[0], password=admin[1])
            == 0
        )
        rows = capsys.readouterr().out.splitlines()[1:]
        assert rows and all(f" {doc_type} " in row for row in rows)
        numbers[doc_type] = rows[0].split()[0]
    for doc_type, number in numbers.items():
        pdf = tmp_path / f"{doc_type}.pdf"
        assert (
            admin_cli("documents", "export", number, str(pdf), "--database-url", url, user=admin[0], password=admin[1])
            == 0
        )
        assert f"Exported {number} version 1 to {pdf}" in capsys.readouterr().out
        assert admin_cli("verify-document", str(pdf), "--database-url", url, user=admin[0], password=admin[1]) == 0
        assert capsys.readouterr().out.startswith(f"{pdf.name}: intact")
        exe = shutil.which("pdfsig")
        if exe:
            sig = subprocess.run([exe, str(pdf)], capture_output=True, text=True)
            assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
    # Usage: the file once, as FILE or --out FILE.
    assert (
        admin_cli(
            "documents", "export", numbers["sales_contract"], "--database-url", url, user=admin[0], password=admin[1]
        )
        == 2
    )
    assert "FILE or --out FILE" in capsys.readouterr().err


def test_a_second_build_adds_nothing(demo, demo_db):
    with demo_db.uow() as uow:
        before = (uow.session.query(Deal).count(), uow.session.query(Contract).count())
    again = build_demo(demo[0], now=NOW)
    assert not again.created
    with demo_db.uow() as uow:
        assert (uow.session.query(Deal).count(), uow.session.query(Contract).count()) == before
    manager = login(demo_db.uow(), username="zhou.jianguo", password="demo1234")
    for doc_type, count in SALE_DOCUMENTS.items():
        assert len(list_documents(demo_db.uow(), actor=manager, query=DocumentQuery(doc_type=doc_type))) == count
