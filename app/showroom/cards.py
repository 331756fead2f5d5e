"""一车一卡 (T/CSCA 120031-2023 4.2.1.2): the card register of the showroom.

Each card is an archived, signed document (doc_type "vehicle_card", documents.issue_document);
a car keeps one card number for life and each re-issue is the next version of it, so that the
QR code (number + version) of an old card is recognisable when scanned. The register row
(`vehicle_card`) says which version is current and keeps the facts it printed: when the car's
price, guide price, promotion, configuration, performance, disclosures (4.2.3.4, including the
day the car turns two years old) or the store's phones change, the card is stale and the
board names what changed. A car leaving the display floor retires its card.

The floor (zones, positions, moves), promotions and the charging-pile offer: cards_floor.py.
Issuing, one card or a batch, each in one transaction (issue #15.6): cards_issue.py,
re-exported here.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, select

from app.core.clock import store_today, utcnow
from app.showroom.vehicle_card import LAYOUTS, CardDTO, ChargingPileDTO, PromotionDTO, age_disclosure_from, is_nev
from app.core.errors import FieldError, ValidationFailed
from app.showroom.cards_floor import charging_pile_dto, free_position, promotion_dtos
from app.core.dto import Actor, Changes, StoreDTO, VehicleDTO
from db.card_models import CardStatus, VehicleCard
from db.models import Document, Vehicle, VehicleStatus
from db.uow import UnitOfWork

ISSUABLE = (VehicleStatus.IN_STOCK.value, VehicleStatus.ON_DISPLAY.value)

# What the card prints, grouped into the kinds of change the board names. A fact not listed
# (internal notes, status, ...) is not on the card and never makes it stale.
FACT_GROUPS: dict[str, tuple[str, ...]] = {
    "price": ("price_fen",),
    "guide_price": ("guide_price_fen",),
    "promotion": ("promotion",),
    "configuration": ("configuration",),
    "performance": (
        "power_kw",
        "accel_0_100_s",
        "fuel_l_per_100km",
        "range_km",
        "battery_kwh",
        "fast_charge_minutes",
        "slow_charge_hours",
    ),
    "disclosure": ("age_disclosed_from", "age_unknown", "defect_notes", "repair_notes"),
    "model": ("vin", "brand", "model", "trim", "model_year", "exterior_color", "interior_color", "powertrain"),
    "charging_pile": ("charging_pile",),
    "store": ("store_name", "sales_hotline", "complaint_phone", "qr_url_template"),
}


@dataclass(frozen=True)
class CardDTOs:
    """What one card of a car would print now (internal)."""

    vehicle: VehicleDTO
    store: StoreDTO
    card: Callable[[str, int, dt.datetime], CardDTO]


@dataclass(frozen=True)
class IssuedCardDTO:
    vehicle_id: int
    vin: str
    card_number: str
    card_version: int
    document_id: int
    layout: str
    issued_at: dt.datetime


@dataclass(frozen=True)
class BoardRowDTO:
    """One place on the board: a position (possibly empty) or a displayed car without one.
    `card_state` is "no_card", "stale" or "current" (None for an empty position)."""

    zone_id: int | None
    zone_name: str | None
    is_nev_zone: bool
    position_id: int | None
    position_code: str | None
    vehicle_id: int | None
    vin: str | None
    description: str
    powertrain: str | None
    price_fen: int | None
    card_state: str | None
    changed: tuple[str, ...]
    card_number: str | None
    card_version: int | None
    document_id: int | None
    nev_outside_zone: bool  # 4.2.1.5: an NEV displayed outside the NEV zone
    # 4.2.3.4: no production date, so the card can only say the age is unknown.
    production_date_missing: bool = False


@dataclass(frozen=True)
class ScanResultDTO:
    vehicle_id: int
    vin: str
    description: str
    card_number: str | None
    scanned_version: int | None  # None: a VIN was scanned
    current_version: int | None  # None: the car has no current card
    is_current: bool


@dataclass(frozen=True)
class BatchResultDTO:
    cards: tuple[IssuedCardDTO, ...]
    pdf: bytes | None  # all issued cards in one file, for printing (not archived itself)
    cancelled: bool
    total: int

    @property
    def changes(self) -> Changes:
        """New card documents, and the cars whose card state they change (issue #16)."""
        return Changes(
            documents=bool(self.cards), vehicles=bool(self.cards), ids=frozenset(c.vehicle_id for c in self.cards)
        )


# --- facts and staleness -----------------------------------------------------------------------


def card_facts(vehicle: VehicleDTO, store: StoreDTO, promotion, charging_pile, today: dt.date) -> dict:
    """The card-relevant facts, JSON-ready. The production date counts only from the day the
    car turns two years old (4.2.3.4): that day the card must say so, so it goes stale."""
    due = age_disclosure_from(vehicle)
    nev = is_nev(vehicle)
    return (
        {
            "vin": vehicle.vin,
            "brand": vehicle.brand,
            "model": vehicle.model,
            "trim": vehicle.trim,
            "model_year": vehicle.model_year,
            "exterior_color": vehicle.exterior_color,
            "interior_color": vehicle.interior_color,
            "powertrain": vehicle.powertrain,
            "price_fen": vehicle.price_fen,
            "guide_price_fen": vehicle.guide_price_fen,
            "configuration": list(vehicle.configuration),
            "power_kw": vehicle.power_kw,
            "accel_0_100_s": vehicle.accel_0_100_s,
            "fuel_l_per_100km": vehicle.fuel_l_per_100km,
            "range_km": vehicle.range_km,
            "battery_kwh": vehicle.battery_kwh,
            "fast_charge_minutes": vehicle.fast_charge_minutes,
            "slow_charge_hours": vehicle.slow_charge_hours,
            "age_disclosed_from": due.isoformat() if due is not None and today >= due else None,
            "defect_notes": vehicle.defect_notes.strip(),
            "repair_notes": vehicle.repair_notes.strip(),
            "promotion": None
            if promotion is None
            else {
                "title": promotion.title,
                "rules": promotion.rules,
                "conditions": promotion.conditions,
                "valid_until": promotion.valid_until.isoformat() if promotion.valid_until else None,
            },
            "charging_pile": None
            if charging_pile is None or not nev
            else {
                "service": charging_pile.service,
                "fee_fen": charging_pile.fee_fen,
                "included": charging_pile.included,
            },
            "store_name": store.legal_name,
            "sales_hotline": store.sales_hotline,
            "complaint_phone": store.complaint_phone,
        }
        | ({"qr_url_template": store.card_url_template} if store.card_url_template else {})
        | ({"age_unknown": True} if vehicle.production_date is None else {})
    )
    # (The template and age_unknown keys are left out while unset so that cards issued before
    # they existed keep their fingerprint; setting the template changes what the QR says, and a
    # production date entered later changes the disclosure, so the card is stale.)


def fingerprint(facts: dict) -> str:
    return hashlib.sha256(
        json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    ).hexdigest()


def changed_groups(old: dict, new: dict) -> tuple[str, ...]:
    """Which kinds of fact differ, in FACT_GROUPS order."""
    return tuple(group for group, keys in FACT_GROUPS.items() if any(old.get(k) != new.get(k) for k in keys))


def _today(now: dt.datetime | None) -> dt.date:
    return store_today(now or utcnow())


def _load(
    session, vehicle_ids: list[int], today: dt.date
) -> tuple[dict[int, VehicleDTO], StoreDTO, dict[int, PromotionDTO], ChargingPileDTO | None]:
    """What the cards of these cars print on `today`: the cars, the store, the promotions
    still running (one past its last day is off the card: 4.3.2.1, 4.1.3.6) and the NEV
    charging-pile offer."""
    from app.store.api import store_dto
    from app.inventory.api import vehicle_dto
    from db.models import Store

    store = session.scalar(select(Store))
    if store is None:
        from app.core.errors import SetupRequired

        raise SetupRequired()
    vehicles = {v.id: vehicle_dto(v) for v in session.scalars(select(Vehicle).where(Vehicle.id.in_(vehicle_ids)))}
    return vehicles, store_dto(store), promotion_dtos(session, vehicle_ids, today), charging_pile_dto(session)


def describe(v: VehicleDTO) -> str:
    return " ".join(p for p in (v.brand, v.model, v.trim, str(v.model_year)) if p)


# --- issuing -------------------------------------------------------------------------------------


def _void_document(session, document_id: int, actor: Actor, reason: str) -> None:
    table = cast(Table, Document.__table__)
    session.execute(
        table.update()
        .where(table.c.id == document_id, table.c.voided_at.is_(None))
        .values(voided_at=utcnow(), voided_by_id=actor.user_id, void_reason=reason)
    )


def _check_options(layout: str, language: str) -> None:
    from app.documents.api import LANGUAGES

    errors = []
    if layout not in LAYOUTS:
        errors.append(FieldError("layout", "unknown_value"))
    if language not in LANGUAGES:
        errors.append(FieldError("language", "unknown_value"))
    if errors:
        raise ValidationFailed(errors)


@functools.cache
def _current_card_query():
    # Built once, the car bound at each call: every contract signed asks it (issue #18.11).
    return select(VehicleCard).where(
        VehicleCard.vehicle_id == bindparam("vehicle_id"), VehicleCard.status == CardStatus.CURRENT.value
    )


def retire_for_vehicle(uow: UnitOfWork, *, actor: Actor, vehicle_id: int) -> None:
    """Internal, inside the caller's transaction (vehicles.change_status): the car left the
    display floor, so its card comes off the car and no longer counts (4.2.1.2), and its
    position is freed. The archive keeps the document, voided."""
    s = uow.session
    for card in s.scalars(_current_card_query(), {"vehicle_id": vehicle_id}):
        card.status, card.ended_at, card.end_reason = (CardStatus.RETIRED.value, utcnow(), "vehicle left display")
        _void_document(s, card.document_id, actor, "vehicle left display")
    free_position(s, vehicle_id)


@dataclass(frozen=True)
class PrintsRecordedDTO:
    count: int
    # The documents page shows each document's print ledger (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(documents=True), compare=False)


def record_card_prints(
    uow: UnitOfWork, *, actor: Actor, document_ids: Iterable[int], printer: str, kind: str | None = None
) -> PrintsRecordedDTO:
    """The print ledger gets one line per card printed in a batch."""
    from app.documents.api import record_print

    count = 0
    for document_id in document_ids:
        record_print(uow, actor=actor, document_id=document_id, printer=printer, kind=kind)
        count += 1
    return PrintsRecordedDTO(count)


# The board and scanning (cards_board.py) and issuing, one card or a batch, each all or
# nothing (issue #15.6, cards_issue.py), are re-exported here; imported last because they
# build on the helpers above.
from app.showroom.cards_board import board, cars_needing_cards, looks_scannable, reprint_card, scan  # noqa: E402, F401

if TYPE_CHECKING:
    from app.showroom.cards_issue import issue_card, issue_cards_batch  # noqa: F401
else:

    def __getattr__(name: str):
        # Issuing draws and signs (reportlab, pyHanko): loaded when a card is first issued, not
        # when the board or the navigation's count of cards to print is read (issue #17, memory).
        if name in ("issue_card", "issue_cards_batch"):
            from app.showroom import cards_issue

            return getattr(cards_issue, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
