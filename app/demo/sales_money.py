"""The demo deal's contract, money and handover (issue #18.9), after its signed quote:
- the disclosure where the car needs one (4.2.3.4; 三包 art. 32), signed before the contract;
- the contract signed on the pads (4.3.3), with the entrustment agreement when the customer
  opted into agency services (4.3.2.3);
- finance's money with its receipt vouchers (4.3.4-4.3.5): the 定金 only, or everything due;
- for a car ready or delivered, the invoice (办法 art. 16) and the delivery appointment;
- for the delivered car, the settlement statement, the PDI passed with its signed report
  (4.4.1) and the handover with its 三包凭证 (4.4.2; 三包 arts. 9, 13).
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import from_store_time, store_today
from app.core.dto import Actor
from app.demo.sales import Clock, People, pad, request_key
from app.demo.sales_plan import DealPlan
from app.finance import api as finance
from app.sales import api as sales
from db.finance_models import MoneyMethod, PaymentKind
from db.models import Vehicle
from db.sales_models import DealStage, DepositKind
from db.uow import Database

INVOICE_CODE = "031002600111"  # 发票代码 of the demo store's invoices; the number follows


def _paper_numbers(db: Database, car_id: int) -> tuple[str, str]:
    """The car's engine number and 合格证 number, as read off the car's papers."""
    with db.uow() as uow:
        vin = uow.session.get_one(Vehicle, car_id).vin
    return f"E{vin[-7:]}", f"WAC{vin[-12:]}"


def contract_deal(db: Database, plan: DealPlan, consultant: Actor, deal_id: int, car_id: int, clock: Clock):
    """Disclosure where needed, then the contract; returns the ContractDTO."""
    if sales.disclosure_items(db.uow(), actor=consultant, deal_id=deal_id, now=clock.at):
        sales.sign_disclosure(
            db.uow(), actor=consultant, deal_id=deal_id, follow_up_staff_id=consultant.user_id,
            signatures=[pad(plan.customer, "customer"), pad(consultant.full_name, "consultant")],
            request_key=request_key(plan.key, "disclosure"), now=clock.tick(),
        )  # fmt: skip
    engine_no, certificate_no = _paper_numbers(db, car_id)
    data = sales.ContractInput(
        buyer_name=plan.customer,
        buyer_id_type="resident_id",
        buyer_id_number=plan.buyer_id,
        engine_no=engine_no,
        certificate_no=certificate_no,
        payment_method=plan.payment_method,
        delivery_place="本店交付区（上海市闵行区浦锦路2288号）",
        delivery_date=store_today(clock.now) + dt.timedelta(days=3 if plan.stage == DealStage.DELIVERED else 10),
        max_delivery_odometer_km=50,
        buyer_address=plan.address,
        buyer_phone=plan.mobile,
        loan_lender="上汽通用汽车金融有限责任公司" if plan.loan_fen else "",
        loan_amount_fen=plan.loan_fen,
        deposit_kind=plan.deposit_kind,
        deposit_fen=plan.deposit_fen,
    )
    pads = [pad(plan.customer, "customer"), pad(consultant.full_name, "consultant")]
    return sales.sign_contract(
        db.uow(), actor=consultant, deal_id=deal_id, data=data, signatures=pads,
        entrustment_signatures=pads if plan.services else (), request_key=request_key(plan.key, "contract"),
        now=clock.tick(),
    )  # fmt: skip


def _receive(db: Database, people: People, plan: DealPlan, contract_id: int, kind: str, amount: int, clock: Clock):
    finance.record_payment(
        db.uow(), actor=people.finance, contract_id=contract_id, kind=kind, amount_fen=amount,
        method=MoneyMethod.TRANSFER if amount > 5_000_000 else MoneyMethod.BANK_CARD,
        request_key=request_key(plan.key, "payment", kind), now=clock.tick(),
    )  # fmt: skip


def pay(db: Database, people: People, plan: DealPlan, contract, clock: Clock) -> None:
    """Awaiting payment: the agreed 定金. Ready or delivered: everything the loan does not cover,
    the agency fees as their own kind (their receipt names the entrusted services)."""
    if plan.deposit_kind == DepositKind.EARNEST and plan.deposit_fen:
        _receive(db, people, plan, contract.id, PaymentKind.EARNEST, plan.deposit_fen, clock)
    if plan.stage == DealStage.AWAITING_PAYMENT:
        return
    ledger = finance.contract_ledger(db.uow(), actor=people.finance, contract_id=contract.id)
    fees = ledger.due_fen - contract.price_fen
    rest = ledger.open_fen - fees
    if rest > 0:
        kind = PaymentKind.DOWN_PAYMENT if plan.loan_fen else PaymentKind.FINAL
        _receive(db, people, plan, contract.id, kind, rest, clock)
    if fees > 0:
        _receive(db, people, plan, contract.id, PaymentKind.AGENCY_FEE, fees, clock)
    finance.record_invoice(
        db.uow(), actor=people.finance, contract_id=contract.id,
        invoice_no=f"{INVOICE_CODE}{contract.id:08d}", invoice_date=store_today(clock.at), now=clock.tick(),
    )  # fmt: skip
    if plan.stage == DealStage.READY:
        tomorrow = from_store_time(dt.datetime.combine(store_today(clock.now) + dt.timedelta(days=1), dt.time(10, 0)))
        _appointment(db, people.consultants[plan.consultant], contract.id, tomorrow, clock.tick())


def _appointment(db: Database, consultant: Actor, contract_id: int, at: dt.datetime, now: dt.datetime) -> None:
    """The delivery appointment (4.4.2), booked at `now` for `at`."""
    version = sales.handover_checklist(db.uow(), actor=consultant, contract_id=contract_id).contract_version
    sales.schedule_delivery(
        db.uow(), actor=consultant, contract_id=contract_id, at=at, expected_version=version, now=now
    )


def _pdi(db: Database, people: People, plan: DealPlan, car_id: int) -> None:
    """The technician passes the car and the customer signs the report (4.4.1.2-4.4.1.4)."""
    from app.demo.pdi import record_inspection
    from app.pdi import inspections as pdi, report as pdi_report

    tech = people.technician
    ins = pdi.start_inspection(db.uow(), actor=tech, vehicle_id=car_id)
    ins = record_inspection(db, tech, ins)
    ins = pdi.complete_inspection(db.uow(), actor=tech, inspection_id=ins.id, expected_version=ins.version)
    pdi_report.issue_pdi_report(
        db.uow(), actor=tech, inspection_id=ins.id, customer_name=plan.customer,
        signatures=[pad(tech.full_name, "technician"), pad(plan.customer, "customer")],
    )  # fmt: skip


def deliver(db: Database, people: People, plan: DealPlan, consultant: Actor, contract, clock: Clock) -> None:
    """Settlement, PDI, appointment and the handover with every step of 4.4.2 ticked."""
    finance.issue_settlement(
        db.uow(), actor=people.finance, contract_id=contract.id,
        signatures=[pad(plan.customer, "customer"), pad(people.finance.full_name, "finance")],
        now=clock.tick(),
    )  # fmt: skip
    _pdi(db, people, plan, contract.vehicle_id)
    booked = clock.tick()
    _appointment(db, consultant, contract.id, clock.later(), booked)
    checklist = sales.handover_checklist(db.uow(), actor=consultant, contract_id=contract.id)
    documents = {
        d.code: d.number or (f"CCC-{contract.vin[-8:]}" if d.numbered else "")
        for d in checklist.documents
        if not d.printed_here
    }
    data = sales.HandoverInput(
        id_number=plan.buyer_id,
        vin=contract.vin,
        documents=documents,
        gifts=tuple(g.line_id for g in checklist.gifts),
        onboard_items=checklist.onboard_items,
        explanations=checklist.explanations,
        odometer_km=8,
    )
    sales.complete_handover(
        db.uow(), actor=consultant, contract_id=contract.id, data=data,
        signatures=[pad(plan.customer, "customer"), pad(consultant.full_name, "consultant")],
        request_key=request_key(plan.key, "handover"), now=clock.tick(),
    )  # fmt: skip
