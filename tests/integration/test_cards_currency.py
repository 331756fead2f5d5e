"""一车一卡 (T/CSCA 120031-2023 4.2.1.2): a current card says only what is true today.

4.1.3.6 (information kept current) and 4.3.2.1 (promotions with their scope and period): a
promotion past its last day comes off the card; the card that printed it goes stale that day,
is listed with what changed and is reissued with the missing/stale batch, without it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from app.core.clock import from_store_time, store_today
from app.documents import documents
from app.inventory import vehicles
from app.showroom import cards, cards_floor
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user, vehicle_input  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def manager(uow):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    return make_user(uow, Role.SALES_MANAGER, full_name="周建国")


@pytest.fixture()
def consultant(uow, manager):
    return make_user(uow, Role.CONSULTANT, full_name="李娜")


def displayed(uow, manager, **overrides):
    return vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display", **overrides))


def row_of(uow, actor, vehicle_id, now):
    return next(r for r in cards.board(uow(), actor=actor, now=now) if r.vehicle_id == vehicle_id)


def store_noon(day: dt.date) -> dt.datetime:
    """Noon in Shanghai on `day`, as the naive UTC the services take."""
    return from_store_time(dt.datetime.combine(day, dt.time(12)))


def pdf_text(pdf: bytes) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext not installed")
    return subprocess.run([exe, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


def test_4_3_2_1_an_expired_promotion_makes_the_card_stale_the_day_after_its_last_day(uow, consultant, manager):
    today = store_today()
    v = displayed(uow, manager)
    cards_floor.set_promotion(
        uow(), actor=manager, vehicle_id=v.id, title="国庆置换补贴", rules="旧车置换补贴 5,000 元", valid_until=today
    )
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    last_day = row_of(uow, consultant, v.id, store_noon(today))
    day_after = row_of(uow, consultant, v.id, store_noon(today + dt.timedelta(days=1)))
    assert (last_day.card_state, last_day.changed) == ("current", ())
    assert (day_after.card_state, day_after.changed) == ("stale", ("promotion",))


def test_4_1_3_6_the_stale_batch_reprints_the_card_without_the_expired_promotion(uow, consultant, manager):
    today = store_today()
    v = displayed(uow, manager)
    cards_floor.set_promotion(
        uow(), actor=manager, vehicle_id=v.id, title="国庆置换补贴", rules="旧车置换补贴 5,000 元", valid_until=today
    )
    first = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    later = store_noon(today + dt.timedelta(days=3))
    assert cards.cars_needing_cards(uow(), actor=consultant, now=later) == [v.id]
    batch = cards.issue_cards_batch(uow(), actor=consultant, now=later)
    assert [c.vehicle_id for c in batch.cards] == [v.id]
    assert (batch.cards[0].card_number, batch.cards[0].card_version) == (first.card_number, 2)
    assert "国庆置换补贴" not in pdf_text(batch.pdf)
    old = documents.get_document_bytes(uow(), actor=consultant, document_id=first.document_id)
    assert "国庆置换补贴" in pdf_text(old)
    assert row_of(uow, consultant, v.id, later).card_state == "current"


def test_4_3_2_1_a_promotion_without_an_end_date_stays_on_the_card(uow, consultant, manager):
    v = displayed(uow, manager)
    cards_floor.set_promotion(uow(), actor=manager, vehicle_id=v.id, title="到店礼", rules="到店即送车载香氛")
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    far = store_noon(store_today() + dt.timedelta(days=30))
    assert row_of(uow, consultant, v.id, far).card_state == "current"


# --- 4.2.3.4: a displayed car without a production date ---------------------------------


def test_4_2_3_4_a_car_without_production_date_gets_a_card_saying_its_age_is_unknown(uow, consultant, manager):
    v = displayed(uow, manager, production_date=None)
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    text = pdf_text(documents.get_document_bytes(uow(), actor=consultant, document_id=card.document_id))
    flat = " ".join(text.split())
    assert "车龄不详" in flat and "age is unknown" in flat  # bilingual, in the red disclosure box
    assert "车辆情况披露" in flat
    row = row_of(uow, consultant, v.id, None)
    assert row.card_state == "current" and row.production_date_missing


def test_4_2_3_4_entering_the_production_date_later_makes_that_card_stale(uow, consultant, manager):
    from tests.integration.test_cards import edit

    v = displayed(uow, manager, production_date=None)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    edit(uow, manager, v.id, production_date=store_today() - dt.timedelta(days=90))
    row = row_of(uow, consultant, v.id, None)
    assert (row.card_state, row.changed, row.production_date_missing) == ("stale", ("disclosure",), False)


def test_4_2_3_4_a_car_with_a_recent_production_date_has_no_age_disclosure(uow, consultant, manager):
    v = displayed(uow, manager, production_date=store_today() - dt.timedelta(days=90))
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    text = pdf_text(documents.get_document_bytes(uow(), actor=consultant, document_id=card.document_id))
    assert "车龄不详" not in text and "车辆情况披露" not in text
