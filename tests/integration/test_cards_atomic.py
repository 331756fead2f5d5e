"""Issue #15.6: a card issue, and a card batch, is all or nothing (一车一卡, T/CSCA 120031-2023
4.2.1.2: one current card per car, and the board must say which). A batch with a car that is not
on sale, or one sold while the cards were being rendered, issues nothing and supersedes nothing;
a terminal killed between archiving a card and recording it leaves no signed card without its
card record, and the board still shows the old card."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.errors import ShowroomError
from app.showroom import cards, cards_floor
from app.documents import documents
from app.inventory import vehicles
from db.card_models import VehicleCard
from db.models import Role
from tests.factories import (
    isolated_data_dir,
    make_store,
    make_user,  # noqa: F401
    vehicle_input,
)
from tests.integration.test_cards import displayed, edit

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def manager(uow):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    return make_user(uow, Role.SALES_MANAGER, full_name="周建国", username="zhou")


def archive(uow, manager) -> list[tuple[str, int, bool]]:
    """Every card document in the archive: (number, version, voided)."""
    docs = documents.list_documents(
        uow(), actor=manager, query=documents.DocumentQuery(doc_type="vehicle_card", include_voided=True)
    )
    return sorted((d.number, d.version, d.voided_at is not None) for d in docs)


def floor(uow, manager) -> dict[int, tuple]:
    return {
        r.vehicle_id: (r.card_state, r.card_number, r.card_version, r.document_id)
        for r in cards.board(uow(), actor=manager)
        if r.vehicle_id is not None
    }


@pytest.fixture()
def stale_and_missing(uow, manager):
    """A displayed car whose card is stale and one without a card: what a default run prints."""
    stale = displayed(uow, manager)
    cards.issue_card(uow(), actor=manager, vehicle_id=stale.id)
    edit(uow, manager, stale.id, price_fen=17_000_000)
    missing = displayed(uow, manager)
    return stale, missing


def test_4_2_1_2_batch_with_a_later_car_not_on_sale_issues_nothing(uow, manager, stale_and_missing):
    stale, missing = stale_and_missing
    reserved = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="reserved"))
    before_archive, before_floor = archive(uow, manager), floor(uow, manager)
    with pytest.raises(ShowroomError) as e:
        cards.issue_cards_batch(uow(), actor=manager, vehicle_ids=[stale.id, missing.id, reserved.id])
    assert archive(uow, manager) == before_archive  # nothing signed, the old card not voided
    assert floor(uow, manager) == before_floor
    assert e.value.code == "card_vehicle_not_available"
    assert (e.value.params["vin"], e.value.params["status"]) == (reserved.vin, "reserved")
    assert "帕萨特" in e.value.params["car"]  # names the car, not just an id
    assert floor(uow, manager)[stale.id][0] == "stale"
    assert set(cards.cars_needing_cards(uow(), actor=manager)) == {stale.id, missing.id}


def test_4_2_1_2_batch_with_a_car_sold_while_rendering_issues_nothing(uow, manager, stale_and_missing):
    """Checked again in the issuing transaction: the car reserved on another desk after the
    first card was rendered makes the whole batch refuse, not half of it."""
    stale, missing = stale_and_missing
    before_archive, before_floor = archive(uow, manager), floor(uow, manager)

    def sell_the_second(done: int, _total: int) -> None:
        if done == 1:
            v = vehicles.get_vehicle(uow(), actor=manager, vehicle_id=missing.id)
            vehicles.change_status(
                uow(), actor=manager, vehicle_id=missing.id, expected_version=v.version, new_status="reserved"
            )

    with pytest.raises(ShowroomError) as e:
        cards.issue_cards_batch(uow(), actor=manager, vehicle_ids=[stale.id, missing.id], progress=sell_the_second)
    assert (e.value.code, e.value.params["vin"]) == ("card_vehicle_not_available", missing.vin)
    assert archive(uow, manager) == before_archive
    assert floor(uow, manager)[stale.id] == before_floor[stale.id]


def test_4_2_1_2_a_failed_delivery_of_the_pdf_issues_nothing(uow, manager, stale_and_missing):
    """`deliver` (the CLI's file write) fails: no card issued, the old one still current."""
    before_archive, before_floor = archive(uow, manager), floor(uow, manager)

    def full_disk(pdf: bytes) -> None:
        assert pdf.startswith(b"%PDF")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        cards.issue_cards_batch(uow(), actor=manager, deliver=full_disk)
    assert archive(uow, manager) == before_archive
    assert floor(uow, manager) == before_floor


CRASH = """
import os, sys
from sqlalchemy import event, select
from app.staff import auth
from app.showroom import cards
from db.models import StaffUser
from db.uow import Database

db = Database(sys.argv[1])
with db.uow() as u:
    actor = auth.actor_of(u.session.scalar(select(StaffUser).where(StaffUser.username == "zhou")))

@event.listens_for(db.engine, "before_cursor_execute")
def power_cut(conn, cursor, statement, parameters, context, executemany):
    # The card's document is archived; the terminal dies as it records the card.
    if statement.lstrip().upper().startswith("INSERT INTO") and "vehicle_card" in statement:
        os._exit(9)

cards.issue_card(db.uow(), actor=actor, vehicle_id=int(sys.argv[2]))
print("issued")
"""


def test_4_2_1_2_terminal_killed_between_archive_and_card_record_leaves_no_orphan(
    uow, manager, db_url, stale_and_missing
):
    stale, _ = stale_and_missing
    before_archive, before_floor = archive(uow, manager), floor(uow, manager)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, db_url, str(stale.id)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 9, proc.stderr  # it really died at that point
    # No signed card without its card record, and the old card still the one that counts.
    assert archive(uow, manager) == before_archive
    assert floor(uow, manager)[stale.id] == before_floor[stale.id]
    with uow() as u:
        recorded = set(u.session.scalars(select(VehicleCard.document_id)))
    card_docs = documents.list_documents(
        uow(), actor=manager, query=documents.DocumentQuery(doc_type="vehicle_card", include_voided=True)
    )
    assert {d.id for d in card_docs} <= recorded
    # And the card can still be issued afterwards, as the next version of the same number.
    again = cards.issue_card(uow(), actor=manager, vehicle_id=stale.id)
    assert (again.card_number, again.card_version) == (before_floor[stale.id][1], 2)
