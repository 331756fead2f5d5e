"""One deal walked end to end through the real services (issue #18.10): a visitor on the reception
queue becomes a lead (T/CSCA 120031 4.3.1), the lead a deal and a quote from the published list
(办法 art. 10; 4.3.2.1) with a discount a sales manager approves, the signed quote (4.3.1.3), the
disclosure of an old car (4.2.3.4; 三包 art. 32), the contract (4.3.3; 办法 art. 15) signed on
the pads and by the store (PAdES), finance's 定金 and 尾款 with their receipt vouchers (4.3.4;
民法典 586), the settlement statement (4.3.5), the invoice (办法 art. 16), the PDI (4.4.1) and
the handover (4.4.2; 三包 arts. 9, 13, 18): the car delivered, the contract fulfilled (KPI 3.11)
and the 三包凭证 printed. Each step asserts what the people at the desk see: the deal board's
stage, the balance, the document numbers. Only the preconditions the walk is not about (store,
staff, stock, the price list) come from factories."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.core.dto import Actor
from app.core.errors import ValidationFailed
from app.documents.api import get_document_bytes, verify_document_bytes
from app.finance import api as finance
from app.reception.duty import set_roster
from app.reception.visits import end_visit, start_visit
from app.sales import api as sales
from app.sales.board import deal_board, deal_detail
from db.models import Document, Role, Vehicle
from db.sales_models import Contract, PriceListItem
from tests.contract_factories import contract_input, pads
from tests.factories import (
    add_models,
    isolated_data_dir,  # noqa: F401  (fixture)
    make_store,
    make_user,
    reception_defaults,
    signature_capture,
    walk_in,
)
from tests.handover_factories import CONFORMITY_NO, handover_signatures, pass_pdi
from tests.integration.test_cards_currency import pdf_text
from tests.integration.test_pdi_permissions import technician
from tests.sales_factories import BUYER_ID, SALE_NOW, make_price_list, make_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

INVOICE_NO = "03100260011100012345"  # 发票代码 (12 digits) and 发票号码 (8)
INVOICE_DAY = dt.date(2026, 3, 20)
FINAL_AT = dt.datetime(2026, 3, 20, 3, 0)
DELIVERY_AT = dt.datetime(2026, 3, 25, 2, 0)  # after the invoice: the periods run from delivery
VEHICLE, SUNROOF, MATS = 19_990_000, 800_000, 120_000
DISCOUNT = 800_000  # 8,000 yuan: above the store's 5,000 yuan threshold (4.3.2.1)
REGISTRATION = 50_000  # the one agency service the customer chose (办法 art. 14)
PRICE = VEHICLE + SUNROOF + MATS - DISCOUNT  # 201,100.00 yuan
EARNEST = 4_000_000  # 定金 40,000 yuan: under 20 % of the price (民法典 586)


@dataclass
class Desk:
    consultant: Actor
    manager: Actor
    cashier: Actor
    tech: Actor
    items: dict[str, int]
    vehicle_id: int
    lead_id: int


@pytest.fixture()
def desk(uow) -> Desk:
    """The store, its staff, an old car in stock (produced 2023: disclosure needed) and the list."""
    make_store(uow)
    reception_defaults(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周经理")
    consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
    cashier = make_user(uow, Role.FINANCE, full_name="赵会计")
    reception = make_user(uow, Role.RECEPTION, full_name="前台小王")
    tech = technician(uow)
    add_models(uow, manager, ("大众", "帕萨特"))
    vehicle_id = make_vehicle(uow, manager, production_date=dt.date(2023, 6, 1))
    price_list_id = make_price_list(uow, manager)
    with uow() as u:
        rows = u.session.scalars(select(PriceListItem).where(PriceListItem.price_list_id == price_list_id))
        items = {i.code: i.id for i in rows}
    lead_id = _lead_from_the_queue(uow, reception, consultant)
    return Desk(consultant, manager, cashier, tech, items, vehicle_id, lead_id)


def _lead_from_the_queue(uow, reception: Actor, consultant: Actor) -> int:
    """4.3.1: the visitor checks in, is served and leaves with a quote requested: a lead."""
    set_roster(uow(), actor=reception, consultant_ids=[consultant.user_id], now=SALE_NOW)
    visit = walk_in(
        uow, reception, now=SALE_NOW, name="王建国", mobile="13912345678", interested_models=[("大众", "帕萨特")]
    ).visit
    visit = start_visit(uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, now=SALE_NOW)
    ended = end_visit(
        uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, outcome="quote",
        intent_level="A", now=SALE_NOW,
    )  # fmt: skip
    return ended.leads[0].id


def _board_row(uow, actor: Actor, deal_id: int):
    return next(r for r in deal_board(uow(), actor=actor).rows if r.id == deal_id)


def _text(uow, actor: Actor, document_id: int) -> str:
    return re.sub(r"\s+", "", pdf_text(get_document_bytes(uow(), actor=actor, document_id=document_id)))


def _intact(uow, actor: Actor, document_id: int) -> None:
    """Signed by the store (PAdES) and unchanged since (issue #3)."""
    pdf = get_document_bytes(uow(), actor=actor, document_id=document_id)
    assert verify_document_bytes(uow(), actor=actor, pdf_bytes=pdf).status == "intact"


def _quote(uow, desk: Desk, deal_id: int) -> int:
    """4.3.1.2-4.3.1.3: listed prices only, the discount as its own line needing approval."""
    data = sales.QuoteInput(
        vehicle_item_id=desk.items["VEH-大众-帕萨特-330TSI 豪华版"],
        items=((desk.items["OPT-SUNROOF"], 1), (desk.items["ACC-MATS"], 1)),
        discount_fen=DISCOUNT,
        discount_reason="老客户推荐",
        gifts=("全车贴膜",),
        services=(sales.ServiceChoice("registration", "本店", "交车后10个工作日内"),),
        valid_until=dt.date(2026, 3, 31),
    )
    q = sales.save_quote(uow(), actor=desk.consultant, deal_id=deal_id, data=data, now=SALE_NOW)
    assert q.revision == 1 and q.total_fen == PRICE + REGISTRATION
    assert [line.amount_fen for line in q.lines if line.kind == "vehicle"] == [VEHICLE]  # the listed price
    assert q.needs_approval  # 8,000 yuan is above the store's 5,000 yuan
    with pytest.raises(ValidationFailed) as refused:
        sales.sign_quote(uow(), actor=desk.consultant, quote_id=q.id, signatures=[_customer()], now=SALE_NOW)
    assert "discount_not_approved" in [e.code for e in refused.value.errors]
    approved = sales.approve_discount(uow(), actor=desk.manager, quote_id=q.id, reason="老客户推荐，同意", now=SALE_NOW)
    assert approved.discount_approved_by_id == desk.manager.user_id and not approved.needs_approval
    signed = sales.sign_quote(uow(), actor=desk.consultant, quote_id=q.id, signatures=[_customer()], now=SALE_NOW)
    assert signed.document_number.startswith("QT-") and signed.signed_at == SALE_NOW
    return signed.document_id


def _customer():
    return signature_capture("王建国", "customer", seed=1)


def _sign_contract(uow, desk: Desk, deal_id: int):
    """4.3.3: refused until the disclosure is signed (4.2.3.4), then signed with a 定金."""
    data = contract_input(deposit_kind="earnest", deposit_fen=EARNEST)
    blockers = sales.contract_blockers(uow(), actor=desk.consultant, deal_id=deal_id, data=data, now=SALE_NOW)
    assert "disclosure_required" in [e.code for e in blockers]
    items = sales.disclosure_items(uow(), actor=desk.consultant, deal_id=deal_id, now=SALE_NOW)
    assert [i.kind for i in items] == ["age"]  # produced 2023-06-01: over 2 years (三包 art. 32)
    disclosed = sales.sign_disclosure(
        uow(), actor=desk.consultant, deal_id=deal_id, follow_up_staff_id=desk.consultant.user_id,
        signatures=pads(), now=SALE_NOW,
    )  # fmt: skip
    assert disclosed.document_number.startswith("DS-") and disclosed.follow_up_task_id is not None
    assert sales.contract_blockers(uow(), actor=desk.consultant, deal_id=deal_id, data=data, now=SALE_NOW) == []
    contract = sales.sign_contract(
        uow(), actor=desk.consultant, deal_id=deal_id, data=data, signatures=pads(),
        entrustment_signatures=pads(), now=SALE_NOW,
    )  # fmt: skip
    return contract


def _check_contract_paper(uow, desk: Desk, contract) -> None:
    """办法 art. 15 / domain_reference §4.1: the fields read back from the signed PDF."""
    _intact(uow, desk.consultant, contract.document_id)
    text = _text(uow, desk.consultant, contract.document_id)
    for field in (contract.number, "王建国", contract.vin, "EA888-123456", "WDA123456789012", "201,100.00",
                  contract.price_words, "定金", "40,000.00", "本店交付区", "2026-03-31"):  # fmt: skip
        assert field in text, field
    assert BUYER_ID not in text  # the ID number only masked on paper (PIPL)
    # 办法 art. 14: the agency service chosen goes only into the separate entrustment agreement.
    assert "上牌代办" not in text
    _intact(uow, desk.consultant, contract.entrustment_document_id)
    entrustment = _text(uow, desk.consultant, contract.entrustment_document_id)
    assert "上牌代办" in entrustment and "¥500.00" in entrustment and contract.number in entrustment


def test_one_deal_from_the_reception_queue_to_the_delivered_car(uow, desk):
    c, m, cashier = desk.consultant, desk.manager, desk.cashier
    # 4.3.1: the consultant opens the deal from the lead the queue left, for the car in stock.
    deal = sales.open_deal(uow(), actor=c, lead_id=desk.lead_id, vehicle_id=desk.vehicle_id, now=SALE_NOW)
    assert (deal.customer_name, deal.stage) == ("王建国", "quote")
    assert _board_row(uow, c, deal.id).stage == "quote"

    quote_doc = _quote(uow, desk, deal.id)
    _intact(uow, c, quote_doc)
    quote_text = _text(uow, c, quote_doc)
    assert "8,000.00" in quote_text and "全车贴膜" in quote_text  # the discount line and the gift
    assert _board_row(uow, c, deal.id).quote_total_fen == PRICE + REGISTRATION

    contract = _sign_contract(uow, desk, deal.id)
    assert contract.number.startswith("HT-") and contract.price_fen == PRICE
    assert contract.price_words == "贰拾万壹仟壹佰元整"  # 大写 (办法 art. 15)
    _check_contract_paper(uow, desk, contract)
    row = _board_row(uow, m, deal.id)
    assert (row.stage, row.contract_number, row.open_fen) == ("contract", contract.number, PRICE + REGISTRATION)
    with uow() as u:
        assert u.session.get(Vehicle, desk.vehicle_id).status == "sold"  # reserved by the live contract

    # 4.3.4: finance takes the 定金, then the 尾款; each prints a receipt voucher (SK-).
    earnest = finance.record_payment(
        uow(), actor=cashier, contract_id=contract.id, kind="earnest", amount_fen=EARNEST, method="transfer",
        now=SALE_NOW,
    )  # fmt: skip
    assert earnest.receipt_no.startswith("SK-")
    _intact(uow, cashier, earnest.document_id)
    assert "定金" in _text(uow, cashier, earnest.document_id)
    row = _board_row(uow, c, deal.id)
    assert (row.stage, row.open_fen) == ("awaiting_payment", PRICE + REGISTRATION - EARNEST)
    final = finance.record_payment(
        uow(), actor=cashier, contract_id=contract.id, kind="final", amount_fen=PRICE + REGISTRATION - EARNEST,
        method="bank_card", now=FINAL_AT,
    )  # fmt: skip
    assert final.receipt_no.startswith("SK-") and final.receipt_no != earnest.receipt_no
    ledger = finance.contract_ledger(uow(), actor=cashier, contract_id=contract.id)
    assert (ledger.paid_fen, ledger.open_fen) == (PRICE + REGISTRATION, 0)
    assert _board_row(uow, c, deal.id).stage == "ready"

    # 4.3.5: the itemised statement signed by both sides; 办法 art. 16: the invoice recorded.
    statement = finance.issue_settlement(
        uow(), actor=cashier, contract_id=contract.id,
        signatures=(signature_capture("王建国", "customer"), signature_capture("赵会计", "finance")), now=FINAL_AT,
    )  # fmt: skip
    assert statement.number.startswith("JS-") and statement.total_paid_fen == PRICE + REGISTRATION
    _intact(uow, cashier, statement.document_id)
    finance.record_invoice(
        uow(), actor=cashier, contract_id=contract.id, invoice_no=INVOICE_NO, invoice_date=INVOICE_DAY,
        now=FINAL_AT,
    )  # fmt: skip

    # 4.4.1: the technician passes the PDI; 4.4.2: the delivery appointment, then the handover.
    pass_pdi(uow, desk.tech, desk.vehicle_id)
    with uow() as u:
        version = u.session.get(Contract, contract.id).version
    sales.schedule_delivery(uow(), actor=c, contract_id=contract.id, at=DELIVERY_AT, expected_version=version,
                            now=FINAL_AT)  # fmt: skip
    checklist = sales.handover_checklist(uow(), actor=c, contract_id=contract.id)
    gifts = tuple(g.line_id for g in checklist.gifts)
    assert len(gifts) == 1  # the gift promised on the quote is ticked at handover
    done = sales.complete_handover(
        uow(), actor=c, contract_id=contract.id, signatures=handover_signatures(), now=DELIVERY_AT,
        data=sales.HandoverInput(
            id_number=BUYER_ID, vin=contract.vin,
            documents={"certificate": contract.certificate_no, "conformity": CONFORMITY_NO, "manual": "",
                       "warranty_manual": "", "invoice": INVOICE_NO},
            gifts=gifts, onboard_items=("keys", "spare_wheel_or_kit", "tools", "warning_triangle"),
            explanations=("operation", "warranty", "sanbao", "repairers", "safety"), odometer_km=12,
        ),
    )  # fmt: skip
    assert done.document_number.startswith("JC-") and done.warranty_document_number.startswith("SB-")
    # 三包 art. 18: from the delivery date, later than the invoice's: 2 years / 3 years.
    assert (done.warranty_start, done.warranty_start_basis) == (DELIVERY_AT.date(), "delivery")
    assert (done.sanbao_until, done.sanbao_km) == (dt.date(2028, 3, 25), 50_000)
    assert (done.repair_warranty_until, done.repair_warranty_km) == (dt.date(2029, 3, 25), 60_000)
    _check_delivered(uow, desk, deal.id, contract, done)


def _check_delivered(uow, desk: Desk, deal_id: int, contract, done) -> None:
    """3.11: the car delivered, the contract fulfilled, every paper of the deal on its page."""
    row = _board_row(uow, desk.manager, deal_id)
    assert (row.stage, row.contract_status, row.open_fen) == ("delivered", "fulfilled", 0)
    with uow() as u:
        assert u.session.get(Vehicle, desk.vehicle_id).status == "delivered"
        warranty_id = u.session.scalar(select(Document.id).where(Document.number == done.warranty_document_number))
        handover_id = u.session.scalar(select(Document.id).where(Document.number == done.document_number))
    for doc_id in (warranty_id, handover_id):
        _intact(uow, desk.consultant, doc_id)
    card = _text(uow, desk.consultant, warranty_id)
    for field in (contract.vin, "王建国", "2026-03-25", "2028-03-25", "2029-03-25", "50,000", "60,000"):
        assert field in card, field
    detail = deal_detail(uow(), actor=desk.consultant, deal_id=deal_id)
    kinds = {d.doc_type for d in detail.documents}
    assert {"quote", "disclosure", "sales_contract", "entrustment", "payment_receipt", "settlement", "handover",
            "warranty_certificate"} <= kinds  # fmt: skip
    assert len(detail.payments) == 2 and detail.handover is not None
