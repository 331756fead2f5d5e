"""The showroom board and scanning (一车一卡, T/CSCA 120031-2023 4.2.1.2): every display
position with its car and the state of the car's card ("no_card", "stale" with what changed,
or "current"), and what a scanned card QR code or windscreen VIN refers to. Re-exported by
app/showroom/cards.py: callers import that module, not this one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sqlalchemy import select

from app.core.dto import Actor, StoreDTO, VehicleDTO
from app.core.errors import NotFound, ShowroomError
from app.core.permissions import Action, require
from app.showroom.cards import (
    BoardRowDTO,
    ScanResultDTO,
    _load,
    _today,
    card_facts,
    changed_groups,
    describe,
    fingerprint,
)
from app.showroom.qr import parse_card_reference
from app.showroom.vehicle_card import ChargingPileDTO, PromotionDTO, is_nev
from db.card_models import CardStatus, DisplayPosition, DisplayZone, VehicleCard
from db.models import Vehicle, VehicleStatus
from db.uow import UnitOfWork


def _current_cards(session, vehicle_ids: Iterable[int]) -> dict[int, VehicleCard]:
    ids = list(vehicle_ids)
    if not ids:
        return {}
    return {
        c.vehicle_id: c
        for c in session.scalars(
            select(VehicleCard).where(VehicleCard.vehicle_id.in_(ids), VehicleCard.status == CardStatus.CURRENT.value)
        )
    }


def _card_state(card: VehicleCard | None, facts: dict) -> tuple[str, tuple[str, ...]]:
    if card is None:
        return "no_card", ()
    if card.fingerprint == fingerprint(facts):
        return "current", ()
    return "stale", changed_groups(card.facts or {}, facts) or ("unknown",)


def _empty_row(zone: DisplayZone, position: DisplayPosition) -> BoardRowDTO:
    return BoardRowDTO(
        zone.id, zone.name, zone.is_nev_zone, position.id, position.code, None, None, "", None, None, None, (), None,
        None, None, False,
    )  # fmt: skip


class _Floor:
    """What the board's rows are made of, loaded once: the cars, the store, promotions, the
    charging-pile offer and each car's current card."""

    def __init__(self, session, ids: list[int], today: dt.date) -> None:
        self.vehicles: dict[int, VehicleDTO]
        self.store: StoreDTO
        self.promos: dict[int, PromotionDTO]
        self.pile: ChargingPileDTO | None
        self.vehicles, self.store, self.promos, self.pile = _load(session, ids, today)
        self.cards = _current_cards(session, ids)
        self.today = today

    def row(self, zone: DisplayZone | None, position: DisplayPosition | None, vid: int | None) -> BoardRowDTO:
        v = self.vehicles.get(vid) if vid is not None else None
        if v is None or vid is None:
            assert zone is not None and position is not None  # only a position can be empty
            return _empty_row(zone, position)
        card = self.cards.get(vid)
        pile = self.pile if is_nev(v) else None
        state, changed = _card_state(card, card_facts(v, self.store, self.promos.get(vid), pile, self.today))
        return BoardRowDTO(
            zone.id if zone else None,
            zone.name if zone else None,
            bool(zone and zone.is_nev_zone),
            position.id if position else None,
            position.code if position else None,
            vid,
            v.vin,
            describe(v),
            v.powertrain,
            v.price_fen,
            state,
            changed,
            card.card_number if card else None,
            card.card_version if card else None,
            card.document_id if card else None,
            # T/CSCA 120031 4.2.1.5: NEVs are displayed in a separate zone.
            is_nev(v) and not (zone and zone.is_nev_zone),
            v.production_date is None,
        )


def board(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> list[BoardRowDTO]:
    """The showroom floor: every position zone by zone (empty ones too), then displayed cars
    without a position; for each car its card state and, when stale, what changed."""
    require(actor, Action.VIEW_SHOWROOM)
    with uow:
        s = uow.session
        positions = s.execute(
            select(DisplayPosition, DisplayZone)
            .join(DisplayZone)
            .order_by(DisplayZone.sort, DisplayZone.id, DisplayPosition.sort, DisplayPosition.code)
        ).all()
        displayed = list(
            s.scalars(
                select(Vehicle.id)
                .where(Vehicle.status == VehicleStatus.ON_DISPLAY.value)
                .order_by(Vehicle.brand, Vehicle.model, Vehicle.vin)
            )
        )
        placed = {p.vehicle_id for p, _ in positions if p.vehicle_id is not None}
        floor = _Floor(s, sorted(placed | set(displayed)), _today(now))
        rows = [floor.row(zone, position, position.vehicle_id) for position, zone in positions]
        rows.extend(floor.row(None, None, vid) for vid in displayed if vid not in placed)
        return rows


def cars_needing_cards(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> list[int]:
    """Displayed cars with no card or a stale one, in board order."""
    seen: list[int] = []
    for r in board(uow, actor=actor, now=now):
        if r.vehicle_id is not None and r.card_state in ("no_card", "stale") and r.vehicle_id not in seen:
            seen.append(r.vehicle_id)
    return seen


_VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")


def looks_scannable(text: str) -> bool:
    """Cheap check for the UI's scan catcher: a card reference or something VIN-shaped."""
    text = (text or "").strip()
    return bool(_VIN.match(text.upper())) or parse_card_reference(text) is not None


def scan(uow: UnitOfWork, *, actor: Actor, text: str) -> ScanResultDTO:
    """What a scanned card QR code or windscreen VIN barcode refers to: the car, and whether
    the scanned card is its current version. `scan_not_recognised` for anything else,
    NotFound for a card number or VIN not in this store."""
    require(actor, Action.VIEW_SHOWROOM)
    text = (text or "").strip()
    ref = parse_card_reference(text)
    vin = text.upper() if ref is None and _VIN.match(text.upper()) else None
    if ref is None and vin is None:
        raise ShowroomError("scan_not_recognised")
    with uow:
        s = uow.session
        if ref is not None:
            vehicle_id = s.scalar(select(VehicleCard.vehicle_id).where(VehicleCard.card_number == ref[0]).limit(1))
            if vehicle_id is None:
                raise NotFound(what="vehicle_card", number=ref[0])
            v = s.get(Vehicle, vehicle_id)
            if v is None:  # the card row's foreign key keeps its car
                raise NotFound(what="vehicle", id=vehicle_id)
        else:
            v = s.scalar(select(Vehicle).where(Vehicle.vin == vin))
            if v is None:
                raise NotFound(what="vehicle", vin=vin)
        from app.inventory.api import vehicle_dto

        dto = vehicle_dto(v)
        card = _current_cards(s, [v.id]).get(v.id)
        current = card.card_version if card is not None else None
        number = ref[0] if ref else (card.card_number if card else None)
        scanned = ref[1] if ref else None
        is_current = card is not None and (ref is None or (card.card_number == ref[0] and current == scanned))
        return ScanResultDTO(v.id, v.vin, describe(dto), number, scanned, current, is_current)


def reprint_card(uow: UnitOfWork, *, actor: Actor, vehicle_id: int, now: dt.datetime | None = None):
    """The car's current card, for printing again as archived (a damaged or lost card, issue
    #17.17): no new version. Refused when the car has no current card (`card_reprint_no_card`)
    and when its card is stale (`card_reprint_stale`, with what changed): 一车一卡 (4.2.1.2)
    wants the card to say what is true now, so a stale card is re-issued, not reprinted.
    Returns app.documents' ReprintDTO (the document and its exact bytes)."""
    from app.documents.api import reprint_copy

    require(actor, Action.VIEW_SHOWROOM)
    with uow:
        s = uow.session
        floor = _Floor(s, [vehicle_id], _today(now))
        if vehicle_id not in floor.vehicles:
            raise NotFound(what="vehicle", id=vehicle_id)
        row = floor.row(None, None, vehicle_id)
    if row.card_state == "no_card" or row.document_id is None:
        raise ShowroomError("card_reprint_no_card", vin=row.vin)
    if row.card_state == "stale":
        raise ShowroomError("card_reprint_stale", vin=row.vin, number=row.card_number, changed=list(row.changed))
    return reprint_copy(uow, actor=actor, document_id=row.document_id)
