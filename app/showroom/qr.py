"""What a vehicle card's QR code says (一车一卡, T/CSCA 120031-2023 4.2.1.2): the payload
(`card_payload`: the store's URL, or the card's facts as text) and how a scanned code is
recognised again (`parse_card_reference`). The symbol is encoded by qr_symbol.py and drawn by
qr_draw.py.

Payloads are capped at `MAX_PAYLOAD_BYTES` = 500 bytes (issue #17.18: the text now carries the
configuration and the promotion's rules): at error correction M that is at most version 17 (85
modules), so the modules stay 0.58 mm or more on the 50 mm symbol, above qr_draw.MIN_MODULE_MM.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from app.core.errors import ShowroomError
from app.showroom.vehicle_card import CardDTO

MAX_PAYLOAD_BYTES = 500  # version 17 at level M holds 504


# "No. <card number> v<version>" is ASCII on purpose: a USB scanner acting as a keyboard often
# garbles Chinese, and the reference must still be found in what it types.
_TEXT_REF = re.compile(r"No\.\s*([A-Za-z0-9][A-Za-z0-9._/-]*)\s+v(\d+)\b")


def check_url_template(template: str) -> None:
    """Raise `card_url_template_invalid` (template, reason) unless `template` makes an
    http(s) URL from {vin}, {card_number}, {version} and {language} only. For the settings form."""
    card_url(template, vin="LSVAU2180N2184291", card_number="SC-2026-000001", version=1, language="bilingual")


def card_url(template: str, *, vin: str, card_number: str, version: int, language: str | None = None) -> str:
    """The store's page for this car. The URL always carries `card=<number>&v=<version>`
    (appended unless the template already puts exactly those there), so a scanned old card
    is recognisable whatever the template looks like; and, given a `language`, the card's
    language as `lang=` unless the template places {language} itself (issue #17.18)."""

    def invalid(reason: str) -> ShowroomError:
        return ShowroomError("card_url_template_invalid", template=template, reason=reason)

    try:
        url = template.strip().format(
            vin=quote(vin, safe=""), card_number=quote(card_number, safe=""), version=version, language=language or ""
        )
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
    if language and "{language}" not in template:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        url = urlunsplit(parts._replace(query=urlencode([*query, ("lang", language)], quote_via=quote, safe="")))
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


def card_payload(card: CardDTO, language: str = "bilingual") -> str:
    """What the card's QR code says (issue #17.18): the store's URL when it configured a
    template (with the card's language), else what the card promises behind "scan for
    details" as short UTF-8 lines in the card's language, at most MAX_PAYLOAD_BYTES
    (qr_text.py says what is kept and what is cut first)."""
    from app.showroom.qr_text import text_payload

    v = card.vehicle
    if card.url_template:
        return card_url(
            card.url_template, vin=v.vin, card_number=card.card_number, version=card.version, language=language
        )
    return text_payload(card, language, MAX_PAYLOAD_BYTES)
