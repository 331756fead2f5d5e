"""The lines of a quote from the price list in force (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3;
价格公示 办法 art. 10, 4.3.2.1-4.3.2.2): every amount comes from a listed item, so a quote can
never charge more than the list; the discount is an explicit negative line; promotions count only
inside their validity; agency services appear only as the customer chose them, with the provider
of their choice (4.3.2.3-4.3.2.5; 办法 art. 14). Pure reads: nothing here writes."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import replace

from sqlalchemy import select

from app.core.errors import FieldError, ValidationFailed
from app.core.validation import check_length, clean_line
from app.sales.quote_dto import QuoteInput, QuoteLineDTO, QuotePreviewDTO
from db.models import Store
from db.sales_models import Deal, PriceItemKind, PriceList, PriceListItem, PriceListStatus, QuoteLineKind, ServiceCode

MAX_QUANTITY = 99
MAX_LINE_TEXT = 200  # quote_line.description, .timing
MAX_PROVIDER = 120  # quote_line.provider
MAX_REASON = 150  # "优惠：<reason>" fits the line's description


def _price_list_module():
    """The price part's module (issue #18.1) when it is there; this part was built beside it."""
    try:
        return importlib.import_module("app.sales.price_list")
    except ImportError:
        return None


def list_in_force(s, day: dt.date) -> PriceList | None:
    """The published list in force on the store day: the price part's `list_in_force_row`."""
    module = _price_list_module()
    if module is not None:
        return module.list_in_force_row(s, day)
    return s.scalar(
        select(PriceList)
        .where(PriceList.status == PriceListStatus.PUBLISHED, PriceList.effective_from <= day)
        .order_by(PriceList.effective_from.desc(), PriceList.published_at.desc(), PriceList.id.desc())
        .limit(1)
    )


def listed(s, price_list_id: int, item_id: int) -> PriceListItem:
    """A line of that list, or price_not_listed: the price part's `listed_item`."""
    module = _price_list_module()
    if module is not None:
        return module.listed_item(s, price_list_id, item_id)
    item = s.get(PriceListItem, item_id) if item_id is not None else None
    if item is None or item.price_list_id != price_list_id:
        raise ValidationFailed([FieldError("item", "price_not_listed", {"item_id": item_id})])
    return item


def discount_threshold_fen(s) -> int:
    store = s.scalar(select(Store).limit(1))
    return store.discount_approval_fen if store is not None else 500_000


def _line(kind: str, item: PriceListItem | None, amount: int, text: str = "", **kw) -> QuoteLineDTO:
    return QuoteLineDTO(
        0, kind, item.id if item else None, text or (item.name_zh if item else ""),
        (item.name_en or "") if item else kw.pop("en", ""), kw.pop("quantity", 1), amount, **kw,
    )  # fmt: skip


def _of_kind(s, pl_id: int, item_id: int, kinds: tuple[str, ...], field: str, errors: list) -> PriceListItem | None:
    try:
        item = listed(s, pl_id, item_id)
    except ValidationFailed:
        errors.append(FieldError(field, "price_not_listed", {"item_id": item_id}))
        return None
    if item.kind not in kinds:
        errors.append(FieldError(field, "price_item_wrong_kind", {"item_id": item_id, "kind": item.kind}))
        return None
    return item


def _vehicle_line(s, pl_id: int, deal: Deal, data: QuoteInput, errors: list) -> list[QuoteLineDTO]:
    item = _of_kind(s, pl_id, data.vehicle_item_id, (PriceItemKind.VEHICLE,), "vehicle_item", errors)
    if item is None:
        return []
    trim_ok = not deal.trim or (item.trim or "") == deal.trim
    if (item.brand, item.model) != (deal.brand, deal.model) or not trim_ok:
        model = f"{deal.brand} {deal.model} {deal.trim}".strip()
        errors.append(FieldError("vehicle_item", "vehicle_not_the_model", {"model": model}))
        return []
    return [_line(QuoteLineKind.VEHICLE, item, item.amount_fen)]


def _extra_lines(s, pl_id: int, data: QuoteInput, errors: list) -> list[QuoteLineDTO]:
    lines = []
    for item_id, quantity in data.items:
        item = _of_kind(s, pl_id, item_id, (PriceItemKind.OPTION, PriceItemKind.ACCESSORY), "items", errors)
        if not 1 <= quantity <= MAX_QUANTITY:
            errors.append(FieldError("items", "quantity_out_of_range", {"max": MAX_QUANTITY}))
        elif item is not None:
            lines.append(_line(item.kind, item, item.amount_fen * quantity, quantity=quantity))
    return lines


def _promotion_lines(s, pl_id: int, data: QuoteInput, day: dt.date, errors: list) -> list[QuoteLineDTO]:
    """Public promotions, each only inside its validity (4.3.2.1), as negative lines."""
    lines = []
    for item_id in dict.fromkeys(data.promotion_item_ids):
        item = _of_kind(s, pl_id, item_id, (PriceItemKind.PROMOTION,), "promotions", errors)
        if item is None:
            continue
        if (item.valid_from and day < item.valid_from) or (item.valid_to and day > item.valid_to):
            errors.append(FieldError("promotions", "promotion_not_valid", {"name": item.name_zh}))
            continue
        lines.append(_line(QuoteLineKind.PROMOTION, item, -item.amount_fen))
    return lines


def _texts(kind: str, texts: tuple[str, ...], errors: list) -> list[QuoteLineDTO]:
    """Gifts and promises: no amount; each is ticked at the handover (4.4.2)."""
    lines = []
    for raw in texts:
        text = clean_line(raw)
        if len(text) > MAX_LINE_TEXT:  # refused with its limit, never cut (issue #17.3)
            check_length(text, f"{kind}s", MAX_LINE_TEXT, errors)
        elif text:
            lines.append(_line(kind, None, 0, text))
    return lines


def _service_lines(s, pl: PriceList, data: QuoteInput, errors: list) -> list[QuoteLineDTO]:
    """Only the services the customer opted into, each with the provider they chose (办法 art.
    14: insurance and registration are never compulsory; 4.3.2.3-4.3.2.5) and the listed fee."""
    lines, seen = [], set()
    for choice in data.services:
        code, provider = choice.code, clean_line(choice.provider)
        item = s.scalar(
            select(PriceListItem).where(
                PriceListItem.price_list_id == pl.id,
                PriceListItem.kind == PriceItemKind.SERVICE_FEE,
                PriceListItem.code == code,
            )
        )
        if code not in set(ServiceCode) or item is None or code in seen:
            errors.append(FieldError("services", "service_not_listed", {"code": code}))
            continue
        seen.add(code)
        if not provider:
            errors.append(FieldError("services", "service_provider_required", {"code": code}))
            continue
        timing = clean_line(choice.timing) or item.timing or ""
        if len(provider) > MAX_PROVIDER or len(timing) > MAX_LINE_TEXT:
            check_length(provider, "services", MAX_PROVIDER, errors)
            check_length(timing, "services", MAX_LINE_TEXT, errors)
            continue
        lines.append(_line(QuoteLineKind.SERVICE, item, item.amount_fen, provider=provider, timing=timing))
    return lines


def _discount_line(data: QuoteInput, subtotal: int, errors: list) -> list[QuoteLineDTO]:
    """The discount is its own line, never hidden in a price (4.3.2.1)."""
    if data.discount_fen < 0:
        errors.append(FieldError("discount", "discount_negative"))
    elif data.discount_fen > subtotal:
        errors.append(FieldError("discount", "discount_too_large"))
    elif data.discount_fen:
        reason = clean_line(data.discount_reason)
        if len(reason) > MAX_REASON:
            check_length(reason, "discount_reason", MAX_REASON, errors)
            return []
        text = f"优惠：{reason}" if reason else "优惠"
        return [_line(QuoteLineKind.DISCOUNT, None, -data.discount_fen, text, en="Discount")]
    return []


def build_quote(s, deal: Deal, data: QuoteInput, day: dt.date) -> QuotePreviewDTO:
    """The lines and total a quote would have on `day`; every bad choice at once."""
    pl = list_in_force(s, day)
    if pl is None:
        raise ValidationFailed([FieldError("price_list", "no_price_list_in_force")])
    errors: list[FieldError] = []
    priced = _vehicle_line(s, pl.id, deal, data, errors) + _extra_lines(s, pl.id, data, errors)
    priced += _promotion_lines(s, pl.id, data, day, errors)
    priced += _discount_line(data, sum(line.amount_fen for line in priced), errors)
    gifts = _texts(QuoteLineKind.GIFT, data.gifts, errors) + _texts(QuoteLineKind.PROMISE, data.promises, errors)
    lines = priced + gifts + _service_lines(s, pl, data, errors)
    if data.valid_until is not None and data.valid_until < day:
        errors.append(FieldError("valid_until", "quote_valid_until_past"))
    if errors:
        raise ValidationFailed(errors)
    numbered = tuple(replace(line, position=i) for i, line in enumerate(lines, 1))
    return QuotePreviewDTO(
        pl.id, numbered, sum(line.amount_fen for line in lines), max(0, data.discount_fen), discount_threshold_fen(s)
    )
