"""The contract's terms as typed, checked and cleaned before anything is signed (购车合同,
T/CSCA 120031-2023 4.3.3; 办法 art. 15; domain_reference §4.1; 民法典 586-587).

Every bad field is reported at once, each by a FieldError code the contract form shows beside
the field (ui/sales/errors_contract.py). The deposit rule: a 定金 (earnest money, forfeited by
the buyer or returned double by the seller, 民法典 587) may not exceed 20 % of the contract's
value (民法典 586: the excess is not earnest money); a 订金 is an advance payment, refundable,
and at most the price.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.errors import FieldError, ValidationFailed
from app.core.validation import check_length, clean_line, clean_text
from app.sales.contract_dto import ContractInput
from app.sales.identity import ID_TYPES, normalise_id
from db.sales_models import DepositKind, PaymentMethod

MAX_ODOMETER_KM = 1_000  # a new car's delivery mileage; more is a typing error
MAX_SPECIAL_TERMS = 2_000
EARNEST_SHARE = 5  # 1/5 = 20 % (民法典 586)


def earnest_limit_fen(price_fen: int) -> int:
    """The largest 定金 allowed for a contract of `price_fen` (民法典 586: 20 % of its value)."""
    return price_fen // EARNEST_SHARE


@dataclass(frozen=True)
class CleanTerms:
    """ContractInput as stored: text cleaned, IDs normalised (still in clear: sealed next)."""

    buyer_name: str
    buyer_id_type: str
    buyer_id: str
    buyer_address: str
    buyer_phone: str
    agent_name: str
    agent_id_type: str | None
    agent_id: str | None
    engine_no: str
    certificate_no: str
    payment_method: str
    loan_lender: str
    loan_amount_fen: int
    deposit_kind: str
    deposit_fen: int
    delivery_place: str
    delivery_date: dt.date
    max_delivery_odometer_km: int
    special_terms: str


def _required_line(raw: str, field: str, limit: int, errors: list[FieldError]) -> str:
    value = clean_line(raw)
    if not value:
        errors.append(FieldError(field, "required"))
    return check_length(value, field, limit, errors)


def _identity(id_type: str, raw: str, field: str, type_field: str, errors: list[FieldError]) -> str:
    try:
        return normalise_id(id_type, raw, field=field, type_field=type_field)
    except ValidationFailed as e:
        errors += e.errors
        return ""


def _agent(data: ContractInput, errors: list[FieldError]) -> tuple[str, str | None, str | None]:
    """代理人: only where one signs for the buyer; then name, ID type and number all needed."""
    name = clean_line(data.agent_name)
    if not (name or (data.agent_id_number or "").strip()):
        return "", None, None
    if not name:
        errors.append(FieldError("agent_name", "required"))
    check_length(name, "agent_name", 100, errors)
    number = _identity(data.agent_id_type, data.agent_id_number, "agent_id", "agent_id_type", errors)
    return name, data.agent_id_type if data.agent_id_type in ID_TYPES else None, number or None


def _payment(data: ContractInput, price_fen: int, errors: list[FieldError]) -> tuple[str, int]:
    if data.payment_method not in tuple(PaymentMethod):
        errors.append(FieldError("payment_method", "unknown_value"))
    lender = clean_line(data.loan_lender)
    if data.payment_method != PaymentMethod.LOAN:
        return "", 0
    if not lender:
        errors.append(FieldError("loan_lender", "required"))
    check_length(lender, "loan_lender", 120, errors)
    if not 0 < data.loan_amount_fen <= price_fen:
        errors.append(FieldError("loan_amount", "loan_amount_range", {"max_fen": price_fen}))
    return lender, data.loan_amount_fen


def deposit_errors(kind: str, deposit_fen: int, price_fen: int) -> list[FieldError]:
    """定金 vs 订金 (民法典 586-587): a named kind with an amount, 定金 at most 20 % of the price."""
    if kind not in tuple(DepositKind):
        return [FieldError("deposit_kind", "unknown_value")]
    if kind == DepositKind.NONE:
        return [FieldError("deposit_kind", "deposit_kind_required")] if deposit_fen else []
    if deposit_fen <= 0:
        return [FieldError("deposit", "deposit_amount_required")]
    if kind == DepositKind.EARNEST and deposit_fen > earnest_limit_fen(price_fen):
        return [FieldError("deposit", "earnest_over_20_percent", {"max_fen": earnest_limit_fen(price_fen)})]
    if deposit_fen > price_fen:
        return [FieldError("deposit", "deposit_over_price", {"max_fen": price_fen})]
    return []


def _delivery(data: ContractInput, today: dt.date, errors: list[FieldError]) -> tuple[str, dt.date, int]:
    place = _required_line(data.delivery_place, "delivery_place", 200, errors)
    day = data.delivery_date
    if day is None:
        errors.append(FieldError("delivery_date", "required"))
    elif day < today:
        errors.append(FieldError("delivery_date", "delivery_date_past"))
    km = data.max_delivery_odometer_km
    if km is None:
        errors.append(FieldError("max_delivery_odometer", "required"))
    elif not 0 <= km <= MAX_ODOMETER_KM:
        errors.append(FieldError("max_delivery_odometer", "odometer_range", {"max": MAX_ODOMETER_KM}))
    return place, day or today, km or 0


def clean_terms(data: ContractInput, *, price_fen: int, today: dt.date) -> CleanTerms:
    """The terms as stored, or ValidationFailed listing every bad field."""
    errors: list[FieldError] = []
    buyer_name = _required_line(data.buyer_name, "buyer_name", 100, errors)
    buyer_id = _identity(data.buyer_id_type, data.buyer_id_number, "buyer_id", "buyer_id_type", errors)
    address = check_length(clean_line(data.buyer_address), "buyer_address", 200, errors)
    phone = check_length(clean_line(data.buyer_phone), "buyer_phone", 20, errors)
    agent_name, agent_type, agent_id = _agent(data, errors)
    engine_no = _required_line(data.engine_no, "engine_no", 40, errors).upper()
    certificate_no = _required_line(data.certificate_no, "certificate_no", 40, errors).upper()
    lender, loan = _payment(data, price_fen, errors)
    errors += deposit_errors(data.deposit_kind, data.deposit_fen, price_fen)
    place, day, km = _delivery(data, today, errors)
    special = check_length(clean_text(data.special_terms), "special_terms", MAX_SPECIAL_TERMS, errors)
    if errors:
        raise ValidationFailed(errors)
    return CleanTerms(
        buyer_name, data.buyer_id_type, buyer_id, address, phone, agent_name, agent_type, agent_id,
        engine_no, certificate_no, data.payment_method, lender, loan, data.deposit_kind, data.deposit_fen,
        place, day, km, special,
    )  # fmt: skip


def terms_record(t: CleanTerms, *, price_fen: int, price_words: str, vin: str) -> dict:
    """What contract_revision.terms keeps of a signed revision: every term, no ID numbers."""
    return {
        "buyer_name": t.buyer_name,
        "buyer_id_type": t.buyer_id_type,
        "agent_name": t.agent_name,
        "vin": vin,
        "engine_no": t.engine_no,
        "certificate_no": t.certificate_no,
        "price_fen": price_fen,
        "price_words": price_words,
        "payment_method": t.payment_method,
        "loan_lender": t.loan_lender,
        "loan_amount_fen": t.loan_amount_fen,
        "deposit_kind": t.deposit_kind,
        "deposit_fen": t.deposit_fen,
        "delivery_place": t.delivery_place,
        "delivery_date": t.delivery_date.isoformat(),
        "max_delivery_odometer_km": t.max_delivery_odometer_km,
        "special_terms": t.special_terms,
    }
