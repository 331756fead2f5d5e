"""一车一卡 — the showroom vehicle card with its QR code: what goes on it and the rules that
decide it. Drawing is in card_layouts.py, the QR code in qr.py.

From the group standard 乘用车销售服务通用要求 (T/CSCA 120031-2023):
  4.2.1.2  price, model, configuration and performance of each car on display are shown one
           car, one card, on paper or by a QR code;
  4.2.3.4  a car produced more than 2 years ago, or with a defect, is disclosed as such;
  4.3.2.1  promotions state their scope, rules and additional conditions clearly;
  4.1.3.5  the sales hotline and complaint phone are public; for NEVs, the charging-pile
           installation service and its fees.

Pure: (DTOs, layout, language) -> PDF bytes. The card register (numbers, versions,
staleness) is not here; `issued_at` and the number come from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.documents.fonts import FontSet
from app.documents.layout_text import Text, local_time  # not layout: no reportlab to count stale cards
from app.core.dto import StoreDTO, VehicleDTO
from db.models import Powertrain

DOC_TYPE = "vehicle_card"
LAYOUTS = ("A5", "A4", "A4_2UP")


@dataclass(frozen=True)
class PromotionDTO:
    """A promotion as the card publishes it (4.3.2.1): its rules and any additional
    conditions in full sentences, and the last day it applies (None: until withdrawn)."""

    title: str
    rules: str
    valid_until: dt.date | None = None
    conditions: str = ""


@dataclass(frozen=True)
class ChargingPileDTO:
    """The charging-pile installation service offered with an NEV (4.1.3.5). `included`:
    covered by the selling price; otherwise `fee_fen` is charged (0 = free)."""

    service: str
    fee_fen: int = 0
    included: bool = False
    # The offer record's version counter, for editing it (not part of what a card prints).
    version: int = field(default=0, compare=False)

    @property
    def changes(self):
        """Saving the offer changes every NEV card's facts (issue #16)."""
        from app.core.dto import Changes

        return Changes(vehicles=True)


@dataclass(frozen=True)
class CardDTO:
    """One version of one car's card. `issued_at` is naive UTC (app/core/clock.py) or aware; the
    card prints its Shanghai date and judges the car's age on that date. `url_template`, when
    the store set one, makes the QR code a link (qr.card_url) instead of text."""

    card_number: str
    version: int
    issued_at: dt.datetime
    vehicle: VehicleDTO
    store: StoreDTO
    promotion: PromotionDTO | None = None
    charging_pile: ChargingPileDTO | None = None
    url_template: str | None = None


def fmt_money(fen: int) -> str:
    """¥219,900 for whole yuan, ¥219,900.50 otherwise."""
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}" + (f".{rest:02d}" if rest else "")


def is_nev(vehicle: VehicleDTO) -> bool:
    return Powertrain(vehicle.powertrain).is_nev


def issue_date(card: CardDTO) -> dt.date:
    return local_time(card.issued_at).date()


# --- 4.2.3.4 disclosure ---------------------------------------------------------------------


def age_disclosure_from(vehicle: VehicleDTO) -> dt.date | None:
    """The first day on which the car counts as produced more than two years ago (4.2.3.4),
    so a card register can mark earlier cards stale; None without a production date.
    A car made on 29 February reaches two years on 28 February: earlier, never later."""
    made = vehicle.production_date
    if made is None:
        return None
    try:
        anniversary = made.replace(year=made.year + 2)
    except ValueError:  # 29 February
        anniversary = made.replace(year=made.year + 2, day=28)
    return anniversary + dt.timedelta(days=1)


T_DEFECT, T_REPAIR = Text("瑕疵披露", "Defect disclosed"), Text("维修披露", "Repair disclosed")
# 4.2.3.4 cannot be judged without a production date: the card says so rather than nothing.
T_AGE_UNKNOWN = Text(
    "本车生产日期未登记，车龄不详，请向销售顾问核实。",
    "Production date not recorded: the car's age is unknown. Please ask your sales consultant.",
)


def disclosure_parts(vehicle: VehicleDTO, today: dt.date) -> list[tuple[Text, str | None]]:
    """`disclosures` as (wording, notes): the notes (as entered, in whatever language) go
    with the label, so a bilingual card prints them once; None for a full sentence."""
    found: list[tuple[Text, str | None]] = []
    due = age_disclosure_from(vehicle)
    if vehicle.production_date is None:
        found.append((T_AGE_UNKNOWN, None))
    elif due is not None and today >= due:
        made = vehicle.production_date.isoformat()
        found.append(
            (Text(f"本车生产日期为 {made}，距今已超过两年。", f"Produced on {made}, more than two years ago."), None)
        )
    for label, notes in ((T_DEFECT, vehicle.defect_notes), (T_REPAIR, vehicle.repair_notes)):
        if notes.strip():
            found.append((label, notes.strip()))
    return found


def disclosures(vehicle: VehicleDTO, today: dt.date) -> list[Text]:
    """What the card must disclose on `today` (T/CSCA 120031 4.2.3.4): age over two years (or
    that the age is unknown, without a production date), and any recorded defect (瑕疵) or repair. A written defect disclosure at sale also limits
    三包 liability for it (domain_reference §7), so the notes are printed in full."""
    return [
        text if notes is None else Text(f"{text.zh}：{notes}", f"{text.en}: {notes}")
        for text, notes in disclosure_parts(vehicle, today)
    ]


def disclosure_flags(vehicle: VehicleDTO, today: dt.date) -> list[str]:
    """The same facts as `disclosures`, as short words for the QR text."""
    due = age_disclosure_from(vehicle)
    return [
        flag
        for flag, on in (
            ("生产日期不详", vehicle.production_date is None),
            ("生产超两年", due is not None and today >= due),
            ("瑕疵", bool(vehicle.defect_notes.strip())),
            ("维修", bool(vehicle.repair_notes.strip())),
        )
        if on
    ]


# --- rendering ------------------------------------------------------------------------------


def render_card(
    card: CardDTO,
    *,
    layout: str = "A5",
    language: str = "bilingual",
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """One card as a PDF: A5 portrait, A4 portrait (the A5 design enlarged), or A4_2UP (A4
    landscape holding two A5 cards side by side; one card leaves the right half blank)."""
    return render_cards([card], layout=layout, language=language, invariant=invariant, fonts=fonts)


def render_cards(
    cards: Iterable[CardDTO],
    *,
    layout: str = "A5",
    language: str = "bilingual",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """Many cards in one PDF, drawn on one canvas. `progress(done, total)` is called after
    each card; `cancelled()` is asked before each and, when true, ends the run with
    ShowroomError("cancelled", done, total). Raises `card_content_too_long` (card_number,
    vin) when a card's disclosures leave no room for the rest, and the QR errors of qr.py."""
    # card_layouts imports this module for the DTOs and wording, hence the late import.
    from app.showroom.card_layouts import draw_cards

    return draw_cards(
        list(cards),
        layout=layout,
        language=language,
        progress=progress,
        cancelled=cancelled,
        invariant=invariant,
        fonts=fonts,
    )
