"""The steps a delivery handover must hold (T/CSCA 120031 4.4.2; 《汽车销售管理办法》 art. 16;
三包规定 arts. 9, 13, 18-20), each answered with FieldErrors so the dialog marks every failed step
at once. `record_blockers` are the ones the records decide (shown before anything is ticked);
`input_errors` those of the consultant's ticks. Used by handover.py only."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import FieldError, ShowroomError
from app.core.personal_data import fingerprint, unseal
from app.pdi.api import InspectionStatus, delivery_gate
from app.sales import handover_dto as H
from app.sales.handover_dto import ChecklistDocument, GiftItem, HandoverInput
from app.sales.stages import balance_of
from db.models import Vehicle, VehicleStatus
from db.pdi_models import PdiInspection
from db.sales_models import Contract, ContractStatus, QuoteLine, QuoteLineKind

BUYER_ID_FIELD = "contract.buyer_id"
AGENT_ID_FIELD = "contract.agent_id"
PLUG_IN = frozenset({"BEV", "PHEV", "EREV"})


def is_imported(vin: str) -> bool:
    """A VIN whose WMI does not start with "L" (China's region code, GB 16735) is not made in
    China: 办法 art. 16 then wants the import inspection sheet and import certificate."""
    return not vin.upper().startswith("L")


def applicable_documents(contract: Contract) -> tuple[ChecklistDocument, ...]:
    """办法 art. 16: the documents that apply to this car, with the numbers the records know."""
    known = {H.CERTIFICATE: contract.certificate_no, H.INVOICE: contract.invoice_no or ""}
    codes = H.DOMESTIC_DOCUMENTS + (H.IMPORT_DOCUMENTS if is_imported(contract.vin) else ())
    return tuple(
        ChecklistDocument(code, code in H.NUMBERED, known.get(code, ""), printed_here=code == H.SANBAO)
        for code in codes
    )


def gifts_of(s: Session, contract: Contract) -> tuple[GiftItem, ...]:
    """The gifts and promises of the contract's quote, to be ticked as given (4.4.2)."""
    lines = s.scalars(
        select(QuoteLine)
        .where(QuoteLine.quote_id == contract.quote_id, QuoteLine.kind.in_([QuoteLineKind.GIFT, QuoteLineKind.PROMISE]))
        .order_by(QuoteLine.position)
    )
    return tuple(GiftItem(q.id, q.kind, q.description) for q in lines)


def onboard_items_for(car: Vehicle) -> tuple[str, ...]:
    return H.ONBOARD_ITEMS + ((H.CHARGING_CABLE,) if car.powertrain in PLUG_IN else ())


def record_blockers(s: Session, contract: Contract, car: Vehicle) -> list[FieldError]:
    """What the records still stand against: a live contract, a passed and signed PDI (4.4.1),
    the car of the contract with its configuration, the balance (4.4.2) and the invoice."""
    errors: list[FieldError] = []
    if contract.status == ContractStatus.FULFILLED:
        return [FieldError("contract", "handover_already_done")]
    if contract.status != ContractStatus.SIGNED:
        return [FieldError("contract", "handover_contract_not_live")]
    try:
        delivery_gate(s, car)  # T/CSCA 120031 4.4.1.2-4.4.1.4
    except ShowroomError as e:
        errors.append(FieldError("pdi", f"handover_{e.code}"))
    if car.vin != contract.vin:
        errors.append(FieldError("vin", "handover_car_not_contracted"))
    elif car.status != VehicleStatus.SOLD:
        # Issue #18.4: only the contract's sold car is delivered (inventory's deliver_at_handover
        # refuses any other status too); said here so the dialog shows it before the ticks.
        errors.append(FieldError("vehicle", "handover_car_not_sold", {"status": car.status}))
    if sorted(car.configuration or []) != sorted(contract.configuration or []):
        errors.append(FieldError("configuration", "handover_configuration_mismatch"))
    balance = balance_of(s, contract)
    if not balance.settled:
        errors.append(FieldError("balance", "handover_balance_open", {"open": f"{balance.open_fen / 100:,.2f}"}))
    if not contract.invoice_no:
        errors.append(FieldError("documents.invoice", "handover_invoice_not_recorded"))
    return errors


def passed_inspection_id(s: Session, car: Vehicle) -> int | None:
    """The newest passed PDI of the car (the one delivery_gate let through), for the record."""
    return s.scalar(
        select(PdiInspection.id)
        .where(PdiInspection.vehicle_id == car.id, PdiInspection.status == InspectionStatus.PASSED.value)
        .order_by(PdiInspection.id.desc())
        .limit(1)
    )


def normalised_id(raw: str) -> str:
    """As the contract stores it: no spaces or dashes, upper case (so "e 1234-5678" is E12345678)."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def identity_errors(contract: Contract, id_number: str) -> list[FieldError]:
    """The ID shown now is the buyer's of the contract, or its agent's (4.4.2)."""
    shown = normalised_id(id_number)
    if not shown:
        return [FieldError("id_number", "handover_id_required")]
    if fingerprint(shown, field=BUYER_ID_FIELD) == contract.buyer_id_fingerprint:
        return []
    if contract.agent_id_sealed and unseal(contract.agent_id_sealed, field=AGENT_ID_FIELD).upper() == shown:
        return []
    return [FieldError("id_number", "handover_id_mismatch")]


def document_errors(contract: Contract, ticked: dict[str, str]) -> list[FieldError]:
    """办法 art. 16: every applicable document ticked, with its number where it has one; the
    合格证 and the invoice numbers must be the contract's."""
    errors = []
    known = {H.CERTIFICATE: contract.certificate_no, H.INVOICE: contract.invoice_no}
    for doc in applicable_documents(contract):
        if doc.printed_here or (doc.code == H.INVOICE and not contract.invoice_no):
            continue  # printed by the handover; an unrecorded invoice is a blocker of its own
        name = f"documents.{doc.code}"
        if doc.code not in ticked:
            errors.append(FieldError(name, "handover_document_missing"))
        elif doc.numbered and not ticked[doc.code].strip():
            errors.append(FieldError(name, "handover_document_number_required"))
        elif doc.code in known and known[doc.code] and ticked[doc.code].strip() != known[doc.code]:
            errors.append(FieldError(name, "handover_document_number_mismatch", {"expected": known[doc.code]}))
    return errors


def input_errors(s: Session, contract: Contract, car: Vehicle, data: HandoverInput) -> list[FieldError]:
    """The consultant's ticks: identity, the VIN on the car, documents, gifts, on-board items,
    the explanations (三包规定 art. 9) and the odometer (≤ the contract's maximum)."""
    errors = identity_errors(contract, data.id_number)
    if data.vin.strip().upper() != contract.vin:
        errors.append(FieldError("vin", "handover_vin_mismatch"))
    errors += document_errors(contract, {k: v or "" for k, v in data.documents.items()})
    if {g.line_id for g in gifts_of(s, contract)} - set(data.gifts):
        errors.append(FieldError("gifts", "handover_gifts_unticked"))
    if set(onboard_items_for(car)) - set(data.onboard_items):
        errors.append(FieldError("onboard_items", "handover_onboard_incomplete"))
    if set(H.EXPLANATIONS) - set(data.explanations):
        errors.append(FieldError("explanations", "handover_explanations_incomplete"))
    if data.odometer_km is None:
        errors.append(FieldError("odometer_km", "handover_odometer_required"))
    elif data.odometer_km < 0:
        errors.append(FieldError("odometer_km", "handover_odometer_invalid"))
    elif data.odometer_km > contract.max_delivery_odometer_km:
        errors.append(FieldError("odometer_km", "handover_odometer_over", {"max": contract.max_delivery_odometer_km}))
    return errors


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February goes to 1 March (the longer period, in the
    customer's favour)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def warranty_start(invoice_date: dt.date | None, delivered_on: dt.date) -> tuple[dt.date, str]:
    """三包规定 art. 18: the periods run from the invoice date; where the car is delivered
    later, from the delivery date (the later one, in the customer's favour)."""
    if invoice_date is not None and invoice_date >= delivered_on:
        return invoice_date, "invoice"
    return delivered_on, "delivery"
