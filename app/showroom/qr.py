"""What a vehicle card's QR code says (一车一卡, T/CSCA 120031-2023 4.2.1.2): the payload
(`card_payload`: the store's URL, or the card's facts as text) and how a scanned code is
recognised again (`parse_card_reference`). The symbol is encoded by qr_symbol.py and drawn by
qr_draw.py.

Text payloads are capped at `MAX_PAYLOAD_BYTES` = 330 bytes: at error correction M that is at
most version 13 (69 modules), so the modules stay 0.72 mm or more on the 50 mm symbol.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from app.core.errors import ShowroomError
from app.showroom.vehicle_card import CardDTO, disclosure_flags, fmt_money, is_nev, issue_date
from db.models import Powertrain

MAX_PAYLOAD_BYTES = 330  # version 13 at level M holds 331


# "No. <card number> v<version>" is ASCII on purpose: a USB scanner acting as a keyboard often
# garbles Chinese, and the reference must still be found in what it types.
_TEXT_REF = re.compile(r"No\.\s*([A-Za-z0-9][A-Za-z0-9._/-]*)\s+v(\d+)\b")


def check_url_template(template: str) -> None:
    """Raise `card_url_template_invalid` (template, reason) unless `template` makes an
    http(s) URL from {vin}, {card_number} and {version} only. For the settings form."""
    card_url(template, vin="LSVAU2180N2184291", card_number="SC-2026-000001", version=1)


def card_url(template: str, *, vin: str, card_number: str, version: int) -> str:
    """The store's page for this car. The URL always carries `card=<number>&v=<version>`
    (appended unless the template already puts exactly those there), so a scanned old card
    is recognisable whatever the template looks like."""

    def invalid(reason: str) -> ShowroomError:
        return ShowroomError("card_url_template_invalid", template=template, reason=reason)

    try:
        url = template.strip().format(vin=quote(vin, safe=""), card_number=quote(card_number, safe=""), version=version)
    except (KeyError, IndexError, AttributeError) as e:
        raise invalid("unknown_field") from e
    except ValueError as e:
        raise invalid("syntax") from e
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise invalid("not_http_url")
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not (dict(query).get("card") == card_number and dict(query).get("v") == str(version)):
        query = [(k, v) for k, v in query if k not in ("card", "v")]
        query += [("card", card_number), ("v", str(version))]
        url = urlunsplit(parts._replace(query=urlencode(query, quote_via=quote, safe="")))
    if len(url.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise ShowroomError("card_url_too_long", length=len(url.encode("utf-8")), limit=MAX_PAYLOAD_BYTES)
    return url


def parse_card_reference(scanned: str) -> tuple[str, int] | None:
    """(card number, version) from a scanned card code, URL or text form; None if it is not
    one of ours (a USB scanner types it like a keyboard, trailing newline and all)."""
    scanned = (scanned or "").strip()
    parts = urlsplit(scanned)
    if parts.scheme in ("http", "https"):
        query = dict(parse_qsl(parts.query))
        card, version = query.get("card", ""), query.get("v", "")
        if card and version.isdigit():
            return card, int(version)
        return None
    m = _TEXT_REF.search(scanned)
    return (m.group(1), int(m.group(2))) if m else None


def card_payload(card: CardDTO) -> str:
    """What the card's QR code says: the store's URL when it configured a template, else the
    card's facts as short UTF-8 lines that any phone camera shows as text. Text payloads are
    shortened to MAX_PAYLOAD_BYTES (promotion title, then model line, then store name; the
    reference, price, VIN, phones and disclosure flags are never dropped)."""
    v = card.vehicle
    if card.url_template:
        return card_url(card.url_template, vin=v.vin, card_number=card.card_number, version=card.version)
    for limits in _SHRINK_STEPS:
        text = "\n".join(line for line in payload_lines(card, *limits) if line)
        if len(text.encode("utf-8")) <= MAX_PAYLOAD_BYTES:
            break
    return text  # the last step drops the optional lines; longer only with absurd data


# (model line, promotion title, store name): the most characters each may keep; 0 = omit.
_SHRINK_STEPS = ((80, 40, 40), (80, 16, 40), (40, 16, 40), (40, 16, 0), (40, 0, 0), (28, 0, 0))


def _cut(text: str, keep: int) -> str:
    """`text` on one line, at most `keep` characters (ending in …); "" when keep is 0."""
    text = " ".join(text.split())
    if keep == 0:
        return ""
    return text if len(text) <= keep else text[: keep - 1] + "…"


def _performance(v) -> str:
    if Powertrain(v.powertrain) == Powertrain.BEV:
        parts = [f"续航{v.range_km}km" if v.range_km else "", f"电池{v.battery_kwh:g}kWh" if v.battery_kwh else ""]
    elif is_nev(v):  # PHEV: electric range and fuel
        parts = [
            f"纯电{v.range_km}km" if v.range_km else "",
            f"油耗{v.fuel_l_per_100km:g}L/100km" if v.fuel_l_per_100km else "",
        ]
    else:
        parts = [
            f"功率{v.power_kw}kW" if v.power_kw else "",
            f"油耗{v.fuel_l_per_100km:g}L/100km" if v.fuel_l_per_100km else "",
        ]
    return " ".join(p for p in parts if p)


def payload_lines(card: CardDTO, model_chars: int = 80, promo_chars: int = 40, store_chars: int = 40) -> list[str]:
    """The text payload's lines ("" = left out). Line 1 carries the ASCII reference that
    `parse_card_reference` finds."""
    v, store, issued = card.vehicle, card.store, issue_date(card).isoformat()
    promo = ""
    if card.promotion and promo_chars:
        promo = "促销 " + _cut(card.promotion.title, promo_chars)
        if card.promotion.valid_until:
            promo += f" 至{card.promotion.valid_until.isoformat()}"
    flags = disclosure_flags(v, issue_date(card))  # 4.2.3.4
    return [
        f"一车一卡 No. {card.card_number} v{card.version} {issued}",
        _cut(f"{v.brand} {v.model} {v.trim} {v.model_year}款 {v.exterior_color}", model_chars),
        f"售价 {fmt_money(v.price_fen)} 指导价 {fmt_money(v.guide_price_fen)}",
        promo,
        _performance(v),
        ("披露 " + " ".join(flags)) if flags else "",
        f"VIN {v.vin}",
        _cut(store.legal_name, store_chars),
        f"销售 {store.sales_hotline} 投诉 {store.complaint_phone}",
    ]
