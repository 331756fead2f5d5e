"""Handover test data (issue #18.6): a contract ready to hand over, from the sale's factory rows
(tests/sales_factories.py: contract, payment) and a real passed PDI with its signed report (the PDI
services), plus the ticks of a complete handover. Used by the handover's integration, permission
and UI tests."""

from __future__ import annotations

import datetime as dt

from app.core.dto import Actor
from app.pdi import report as pdi_report
from app.sales.handover_dto import HandoverInput
from db.models import Vehicle
from db.sales_models import Contract, QuoteLine, QuoteLineKind
from tests.factories import signature_capture
from tests.integration.test_pdi_permissions import passed_inspection, signatures as pdi_signatures
from tests.sales_factories import BUYER_ID, make_contract, make_payment, make_price_list

INVOICE_NO = "031002600111-00012345"
CONFORMITY_NO = "CCC-2026-0001"


def record_invoice(uow_factory, contract_id: int, day: dt.date = dt.date(2026, 3, 20)) -> None:
    """What finance's record_invoice writes (机动车销售统一发票 no. and date)."""
    with uow_factory() as uow:
        c = uow.session.get(Contract, contract_id)
        c.invoice_no, c.invoice_date = INVOICE_NO, day
        uow.commit()


def add_gifts(uow_factory, contract_id: int) -> list[int]:
    """A gift and a promise on the contract's quote (as the quote part writes them)."""
    with uow_factory() as uow:
        c = uow.session.get(Contract, contract_id)
        lines = [
            QuoteLine(quote_id=c.quote_id, position=90, kind=QuoteLineKind.GIFT, description="全车贴膜"),
            QuoteLine(quote_id=c.quote_id, position=91, kind=QuoteLineKind.PROMISE, description="首保免费"),
        ]
        uow.session.add_all(lines)
        uow.commit()
        return [line.id for line in lines]


def pass_pdi(uow_factory, tech: Actor, vehicle_id: int) -> None:
    """A passed PDI with its signed report (T/CSCA 120031 4.4.1.2-4.4.1.4), through the PDI services."""
    ins = passed_inspection(uow_factory, tech, vehicle_id)
    pdi_report.issue_pdi_report(
        uow_factory(), actor=tech, inspection_id=ins.id, customer_name="王建国", signatures=pdi_signatures("王建国")
    )


def ready_contract(uow_factory, consultant: Actor, manager: Actor, finance: Actor, tech: Actor | None, *,
                   pdi: bool = True, paid: bool = True, invoice: bool = True) -> tuple[int, int, int]:  # fmt: skip
    """(deal_id, contract_id, vehicle_id): a live contract whose car may be handed over."""
    make_price_list(uow_factory, manager)
    deal_id, contract_id = make_contract(uow_factory, consultant, manager)
    with uow_factory() as uow:
        vehicle_id = uow.session.get(Contract, contract_id).vehicle_id
    if paid:
        make_payment(uow_factory, finance, contract_id, 20_790_000 + 50_000)  # price + registration fee
    if invoice:
        record_invoice(uow_factory, contract_id)
    if pdi and tech is not None:
        pass_pdi(uow_factory, tech, vehicle_id)
    return deal_id, contract_id, vehicle_id


def make_imported(uow_factory, contract_id: int, vin: str) -> None:
    """The contract's car re-labelled as made abroad (a WMI not starting with "L")."""
    with uow_factory() as uow:
        c = uow.session.get(Contract, contract_id)
        uow.session.get(Vehicle, c.vehicle_id).vin = vin
        c.vin = vin
        uow.commit()


def full_input(uow_factory, contract_id: int, gifts: tuple[int, ...] = (), **over) -> HandoverInput:
    with uow_factory() as uow:
        c = uow.session.get(Contract, contract_id)
        vin, certificate = c.vin, c.certificate_no
    data = dict(
        id_number=BUYER_ID,
        vin=vin,
        documents={
            "certificate": certificate,
            "conformity": CONFORMITY_NO,
            "manual": "",
            "warranty_manual": "",
            "invoice": INVOICE_NO,
        },
        gifts=gifts,
        onboard_items=("keys", "spare_wheel_or_kit", "tools", "warning_triangle"),
        explanations=("operation", "warranty", "sanbao", "repairers", "safety"),
        odometer_km=12,
    )
    data.update(over)
    return HandoverInput(**data)  # type: ignore[arg-type]


def handover_signatures():
    return [signature_capture("王建国", "customer", seed=7), signature_capture("李顾问", "consultant", seed=8)]
