"""Issuing showroom cards (一车一卡, T/CSCA 120031-2023 4.2.1.2): one card, or a batch printed
together. Re-exported by app/showroom/cards.py: callers import that module, not this one.

A card issue, and a whole batch, is all or nothing (issue #15.6):
  1. check: every car exists and is in stock or on display, else a clear refusal naming the
     car, before anything is numbered, signed or written;
  2. render and sign each card, with no transaction open, and render the combined PDF for
     printing; the certificate, the font and a block of new card numbers are taken once for
     the batch (app/documents/signing_session.py, issue #17); `deliver(pdf)` (the CLI's file, written and synced to a
     temporary name beside the target) runs now, so a file that cannot be written stops the
     batch before anything is issued;
  3. ONE transaction archives the signed documents, voids the versions they replace, makes
     the new cards current and supersedes the old ones, after checking again (rows locked on
     PostgreSQL) that no car was sold meanwhile. A crash, a refusal or a conflict anywhere
     leaves the register as it was: never a signed card document without its card record.
Card numbers taken in step 2 for a batch that then fails, or for the cards a cancelled batch
did not reach, are skipped, never reused (like a document whose rendering fails,
app/documents/documents.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core.clock import utcnow
from app.showroom.vehicle_card import CardDTO, is_nev, render_card, render_cards
from app.core.errors import Conflict, NotFound, ShowroomError
from app.core.permissions import Action, require
from app.showroom.cards import (
    ISSUABLE,
    BatchResultDTO,
    IssuedCardDTO,
    _check_options,
    _load,
    _today,
    _void_document,
    card_facts,
    describe,
    fingerprint,
)
from app.core.common import retry_transient
from app.showroom.cards_board import cars_needing_cards
from app.documents.api import PreparedDocument, SigningSession, archive_prepared, open_signing_session, prepare_document
from app.documents.fonts import FontSet, register_fonts
from app.core.dto import Actor, VehicleDTO
from db.card_models import CardStatus, VehicleCard
from db.models import Vehicle
from db.uow import UnitOfWork

Deliver = Callable[[bytes], None]


@dataclass(frozen=True)
class _Planned:
    """One car's card as it will print, with the number it re-issues (None: a new number)."""

    vehicle: VehicleDTO
    card: Callable[[str, int, dt.datetime], CardDTO]
    facts: dict
    replaces: str | None


def not_available(v) -> ShowroomError:
    """The refusal for a car that is not on sale (sold, reserved, in transit...): it names the
    car, so that whoever printed the batch knows which one to take out."""
    return ShowroomError("card_vehicle_not_available", vin=v.vin, status=v.status, car=describe(v))


def _plan(uow: UnitOfWork, vehicle_ids: list[int], now: dt.datetime | None) -> list[_Planned]:
    """Step 1: every car checked and what its card prints, before anything is written."""
    today = _today(now)
    with uow:
        s = uow.session
        found = {v.id: v for v in s.scalars(select(Vehicle).where(Vehicle.id.in_(vehicle_ids)))}
        for vehicle_id in vehicle_ids:
            v = found.get(vehicle_id)
            if v is None:
                raise NotFound(what="vehicle", id=vehicle_id)
            if v.status not in ISSUABLE:
                raise not_available(v)
        vehicles, store, promos, pile = _load(s, vehicle_ids, today)
        latest = dict(
            s.execute(
                select(VehicleCard.vehicle_id, VehicleCard.card_number)
                .where(VehicleCard.vehicle_id.in_(vehicle_ids))
                .order_by(VehicleCard.id)
            ).all()
        )  # the last row wins
    planned = []
    for vehicle_id in vehicle_ids:
        vehicle = vehicles[vehicle_id]
        promotion = promos.get(vehicle_id)
        charging = pile if is_nev(vehicle) else None

        def card(number, version, issued_at, vehicle=vehicle, promotion=promotion, charging=charging) -> CardDTO:
            return CardDTO(
                card_number=number,
                version=version,
                issued_at=issued_at,
                vehicle=vehicle,
                store=store,
                promotion=promotion,
                charging_pile=charging,
                url_template=store.card_url_template or None,
            )

        planned.append(
            _Planned(vehicle, card, card_facts(vehicle, store, promotion, charging, today), latest.get(vehicle_id))
        )
    return planned


def _prepare(
    uow: UnitOfWork, actor: Actor, plan: _Planned, layout: str, language: str, batch: _Batch
) -> tuple[PreparedDocument, CardDTO]:
    """Step 2 for one card: numbered, rendered and signed; nothing archived yet."""
    made: list[CardDTO] = []

    def render(number: str, version: int, issued_at: dt.datetime) -> bytes:
        made.append(plan.card(number, version, issued_at))
        return render_card(made[-1], layout=layout, language=language, fonts=batch.fonts)

    prepared = prepare_document(
        uow,
        actor=actor,
        doc_type="vehicle_card",
        subject_type="vehicle",
        subject_id=plan.vehicle.id,
        language=language,
        render=render,
        replaces=plan.replaces,
        reason="card reissued (一车一卡)" if plan.replaces else "",
        subject_ref=plan.vehicle.vin,
        session=batch.signing,
    )
    return prepared, made[-1]


@dataclass(frozen=True)
class _Batch:
    """What the cards of one batch share: the PDF font, and the certificate made ready to sign
    with the block of new card numbers (issue #17: once per batch, not per card)."""

    fonts: FontSet
    signing: SigningSession


def _open_batch(uow: UnitOfWork, actor: Actor, planned: list[_Planned]) -> _Batch:
    new = sum(1 for plan in planned if plan.replaces is None)
    return _Batch(register_fonts(), open_signing_session(uow, actor=actor, new_numbers=new))


@retry_transient  # one transaction that commits whole or leaves nothing: safe to run again
def _commit(
    uow: UnitOfWork, actor: Actor, items: list[tuple[_Planned, PreparedDocument]], layout: str
) -> list[IssuedCardDTO]:
    """Step 3: archive, make current and supersede, all in one transaction."""
    with uow.act_as(actor):  # who changed the replaced card (issue #17.15)
        s = uow.session
        try:
            # Sold while we rendered? Checked under lock, so no car can be sold until we
            # commit. PostgreSQL: the car rows first, the order vehicles.change_status takes
            # them in (never a deadlock). SQLite: the first INSERT takes the database's write
            # lock (waiting its turn); a read before it could start from a stale snapshot.
            postgres = s.get_bind().dialect.name == "postgresql"
            if postgres:
                _check_still_on_sale(s, items)
            document_ids = [archive_prepared(s, prepared, actor) for _, prepared in items]
            if not postgres:
                _check_still_on_sale(s, items)
            for (plan, prepared), document_id in zip(items, document_ids, strict=True):
                _make_current(s, actor, plan, prepared, document_id, layout)
            s.flush()
        except (IntegrityError, StaleDataError):
            # 一车一卡: another terminal made a card of one of these cars current first.
            s.rollback()
            raise Conflict(table="vehicle_card", vehicle_id=items[0][0].vehicle.id) from None
        uow.commit()
    return [
        IssuedCardDTO(
            plan.vehicle.id,
            plan.vehicle.vin,
            prepared.number,
            prepared.version,
            document_id,
            layout,
            prepared.issued_at,
        )
        for (plan, prepared), document_id in zip(items, document_ids, strict=True)
    ]


def _check_still_on_sale(s, items: list[tuple[_Planned, PreparedDocument]]) -> None:
    for v in s.scalars(
        select(Vehicle)
        .where(Vehicle.id.in_([plan.vehicle.id for plan, _ in items]))
        .order_by(Vehicle.id)
        .with_for_update()
    ):
        if v.status not in ISSUABLE:
            raise not_available(v)


def _make_current(s, actor: Actor, plan: _Planned, prepared: PreparedDocument, document_id: int, layout: str) -> None:
    reason = f"replaced by {prepared.number} v{prepared.version}"
    for old in s.scalars(
        select(VehicleCard).where(
            VehicleCard.vehicle_id == plan.vehicle.id, VehicleCard.status == CardStatus.CURRENT.value
        )
    ):
        old.status, old.ended_at, old.end_reason = CardStatus.VOIDED.value, utcnow(), reason
        if old.card_number != prepared.number:  # its document is not the one replaced
            _void_document(s, old.document_id, actor, reason)
    s.flush()
    s.add(
        VehicleCard(
            vehicle_id=plan.vehicle.id,
            card_number=prepared.number,
            card_version=prepared.version,
            document_id=document_id,
            layout=layout,
            fingerprint=fingerprint(plan.facts),
            facts=plan.facts,
            status=CardStatus.CURRENT.value,
            issued_at=prepared.issued_at,
            issued_by_id=actor.user_id,
        )
    )


def _issue(
    uow: UnitOfWork,
    actor: Actor,
    ids: list[int],
    layout: str,
    language: str,
    now: dt.datetime | None,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    deliver: Deliver | None,
) -> BatchResultDTO:
    planned = _plan(uow, ids, now)
    batch = _open_batch(uow, actor, planned)
    items: list[tuple[_Planned, PreparedDocument]] = []
    made: list[CardDTO] = []
    stopped = False
    for done, plan in enumerate(planned):
        if cancelled is not None and cancelled():
            stopped = True
            break
        prepared, card = _prepare(uow, actor, plan, layout, language, batch)
        items.append((plan, prepared))
        made.append(card)
        if progress is not None:
            progress(done + 1, len(planned))
    if not items:
        return BatchResultDTO((), None, stopped, len(ids))
    pdf = render_cards(made, layout=layout, language=language, fonts=batch.fonts)
    if deliver is not None:
        deliver(pdf)  # raises: nothing is issued
    return BatchResultDTO(tuple(_commit(uow, actor, items, layout)), pdf, stopped, len(ids))


@retry_transient  # issue #8.3: a busy database is retried, never shown
def issue_card(
    uow: UnitOfWork,
    *,
    actor: Actor,
    vehicle_id: int,
    layout: str = "A5",
    language: str = "bilingual",
    now: dt.datetime | None = None,
) -> IssuedCardDTO:
    """Issue the car's card (the next version if it has one) into the archive and make it the
    current card; the previous version is voided, in the same transaction. Only for a car in
    stock or on display (`card_vehicle_not_available`). `Conflict` when another terminal
    issued it meanwhile (then nothing of ours is archived)."""
    require(actor, Action.ISSUE_CARDS)
    _check_options(layout, language)
    return _issue(uow, actor, [vehicle_id], layout, language, now, None, None, None).cards[0]


def issue_cards_batch(
    uow: UnitOfWork,
    *,
    actor: Actor,
    vehicle_ids: Iterable[int] | None = None,
    layout: str = "A5",
    language: str = "bilingual",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    deliver: Deliver | None = None,
    now: dt.datetime | None = None,
) -> BatchResultDTO:
    """Issue (archive) a card for each car, `vehicle_ids` or else every displayed car whose
    card is missing or stale, and return them in one PDF for printing: all of them or, on any
    refusal or failure, none (nothing issued, no card superseded).

    `progress(done, total)` after each card is rendered; `cancelled()` is asked before each:
    on cancel the cards rendered so far are issued together and are the PDF, the rest are
    left as they were. `deliver(pdf)` is called before anything is issued (e.g. to write
    the file): if it raises, nothing is issued."""
    require(actor, Action.ISSUE_CARDS)
    _check_options(layout, language)
    ids = list(dict.fromkeys(vehicle_ids)) if vehicle_ids is not None else cars_needing_cards(uow, actor=actor, now=now)
    if not ids:
        return BatchResultDTO((), None, False, 0)
    return _issue(uow, actor, ids, layout, language, now, progress, cancelled, deliver)
