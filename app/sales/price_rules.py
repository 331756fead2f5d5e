"""What a line of the price and fee list must say (价格公示, 《汽车销售管理办法》 art. 10, T/CSCA
120031 4.3.2.1-4.3.2.2; issue #18.1): the checks shared by saving an item and publishing a
list. Pure functions over plain values; the services in price_list.py call them."""

from __future__ import annotations

from dataclasses import replace

from app.core.errors import FieldError
from app.core.validation import check_length, clean_line, clean_text
from app.sales.price_dto import PriceItemInput
from db.sales_models import PriceItemKind, ServiceCode

# 100,000,000 yuan in fen: anything at or above it is a typing slip, not a price.
MAX_AMOUNT_FEN = 100_000_000 * 100
MAX_TITLE = 120
_LIMITS = {"code": 80, "brand": 60, "model": 80, "trim": 120, "name_zh": 120, "name_en": 120, "timing": 200}
MAX_RULES = 2000
KINDS = tuple(k.value for k in PriceItemKind)
SERVICE_CODES = tuple(c.value for c in ServiceCode)


def vehicle_code(brand: str, model: str, trim: str) -> str:
    """A vehicle's code on every list version: "VEH-<brand>-<model>-<trim>" (db/sales_models)."""
    return "-".join(["VEH", brand, model] + ([trim] if trim else []))


def clean_item(data: PriceItemInput) -> PriceItemInput:
    """As pasted: one-line fields on one line, the rules keep their lines (issue #17.3); a
    vehicle without a code gets its standard one, a service fee's code is lower case."""
    data = replace(
        data,
        kind=clean_line(data.kind),
        code=clean_line(data.code),
        brand=clean_line(data.brand),
        model=clean_line(data.model),
        trim=clean_line(data.trim),
        name_zh=clean_line(data.name_zh),
        name_en=clean_line(data.name_en),
        timing=clean_line(data.timing),
        rules=clean_text(data.rules),
    )
    if data.kind == PriceItemKind.VEHICLE and not data.code and data.brand and data.model:
        data = replace(data, code=vehicle_code(data.brand, data.model, data.trim))
    if data.kind == PriceItemKind.SERVICE_FEE:
        data = replace(data, code=data.code.lower())
    return data


def _kind_errors(data: PriceItemInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if data.kind == PriceItemKind.VEHICLE:
        # 4.3.2.1: a vehicle price is for a named model (and trim) of a brand.
        errors += [FieldError(f, "required") for f in ("brand", "model") if not getattr(data, f)]
    elif data.kind == PriceItemKind.SERVICE_FEE:
        # 4.3.2.2: the agency and delivery fees, each with when the service is done.
        if data.code not in SERVICE_CODES:
            errors.append(FieldError("code", "service_code_unknown", {"codes": ", ".join(SERVICE_CODES)}))
        if not data.timing:
            errors.append(FieldError("timing", "required"))
    elif data.kind == PriceItemKind.PROMOTION:
        # 4.3.2.1: a promotion is public with its rules and validity.
        if not data.rules:
            errors.append(FieldError("rules", "promotion_rules_required"))
        errors += [FieldError(f, "required") for f in ("valid_from", "valid_to") if getattr(data, f) is None]
    return errors


def item_errors(data: PriceItemInput) -> list[FieldError]:
    """Every problem of one (cleaned) line at once; empty: it may stand on a list."""
    if data.kind not in KINDS:
        return [FieldError("kind", "unknown_value")]
    errors: list[FieldError] = []
    if not data.name_zh:
        errors.append(FieldError("name_zh", "required"))
    if not data.code and data.kind != PriceItemKind.VEHICLE:
        errors.append(FieldError("code", "required"))
    for name, limit in _LIMITS.items():
        check_length(getattr(data, name), name, limit, errors)
    check_length(data.rules, "rules", MAX_RULES, errors)
    amount = data.amount_fen
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount < MAX_AMOUNT_FEN:
        errors.append(FieldError("amount_fen", "price_amount_range", {"max_yuan": MAX_AMOUNT_FEN // 100}))
    errors += _kind_errors(data)
    if data.valid_from and data.valid_to and data.valid_from > data.valid_to:
        errors.append(FieldError("valid_to", "validity_reversed"))
    return errors


def list_errors(title: str, items: list[PriceItemInput]) -> list[FieldError]:
    """What publishing checks beyond the date: a title, at least one vehicle price, every line
    valid and every code once (4.3.2.1-4.3.2.2). Items named by their code."""
    errors: list[FieldError] = []
    if not title:
        errors.append(FieldError("title", "required"))
    if not any(i.kind == PriceItemKind.VEHICLE for i in items):
        errors.append(FieldError("items", "price_list_no_vehicle"))
    seen: set[str] = set()
    for item in items:
        if item_errors(item):
            errors.append(FieldError("items", "price_item_invalid", {"item": item.code or item.name_zh}))
        if item.code in seen:
            errors.append(FieldError("items", "price_code_taken", {"code": item.code}))
        seen.add(item.code)
    return errors
