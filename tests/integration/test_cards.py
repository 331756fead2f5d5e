"""一车一卡 (T/CSCA 120031-2023 4.2.1.2): the card register. Issued cards are archived signed
documents; re-issuing is the next version of the same number; every kind of change to what
the card prints makes it stale (and nothing else does); cars not in stock or on display get no
card; leaving the display retires the card; two terminals issuing at once leave one current."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import threading

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, ShowroomError
from app.showroom import cards, cards_floor
from app.documents import documents
from app.store import store
from app.inventory import vehicles
from db.card_models import VehicleCard
from db.models import Role
from db.uow import Database
from tests.factories import (
    isolated_data_dir,
    make_store,
    make_user,  # noqa: F401
    vehicle_input,
)
from tests.sales_factories import make_sold_vehicle

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
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display", **overrides))
    return v


def edit(uow, manager, vehicle_id, **changes):
    v = vehicles.get_vehicle(uow(), actor=manager, vehicle_id=vehicle_id)
    data = vehicle_input(
        **{
            f.name: getattr(v, f.name)
            for f in dataclasses.fields(vehicles.VehicleInput)
            if hasattr(v, f.name) and f.name != "status"
        }
    )
    data.configuration = list(v.configuration)
    for k, value in changes.items():
        setattr(data, k, value)
    return vehicles.update_vehicle(uow(), actor=manager, vehicle_id=vehicle_id, expected_version=v.version, data=data)


def state(uow, actor, vehicle_id, now=None):
    row = next(r for r in cards.board(uow(), actor=actor, now=now) if r.vehicle_id == vehicle_id)
    return row.card_state, row.changed


def test_issued_card_is_an_archived_signed_document_with_price_and_model(uow, consultant, manager):
    v = displayed(uow, manager, price_fen=18_880_000)
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    doc = documents.get_document_by_id(uow(), actor=consultant, document_id=card.document_id)
    assert (doc.doc_type, doc.subject_type, doc.subject_id, doc.signed) == ("vehicle_card", "vehicle", v.id, True)
    assert (card.card_number, card.card_version) == (doc.number, 1)
    assert doc.number.startswith("VC-") and doc.subject_ref == v.vin
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext not installed")
    pdf = documents.get_document_bytes(uow(), actor=consultant, document_id=doc.id)
    text = subprocess.run([exe, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode("utf-8")
    assert "帕萨特" in text and "188,800" in text and doc.number in text
    assert state(uow, consultant, v.id) == ("current", ())


def test_reissue_keeps_the_number_with_the_next_version_and_voids_the_old_one(uow, consultant, manager):
    v = displayed(uow, manager)
    first = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    second = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id, layout="A4")
    assert (second.card_number, second.card_version) == (first.card_number, 2)
    old = documents.get_document_by_id(uow(), actor=manager, document_id=first.document_id)
    assert old.voided_at is not None and old.replaced_by_version == 2
    assert old.voided_by_id == consultant.user_id
    with uow() as u:
        rows = u.session.scalars(select(VehicleCard).order_by(VehicleCard.id)).all()
        assert [(r.card_version, r.status) for r in rows] == [(1, "voided"), (2, "current")]


CHANGES = [
    ("price", dict(price_fen=18_000_000)),
    ("guide_price", dict(guide_price_fen=22_990_000)),
    ("configuration", dict(configuration=["全景天窗"])),
    ("performance", dict(power_kw=150)),
    ("performance", dict(accel_0_100_s=7.9)),
    ("disclosure", dict(defect_notes="左后门漆面轻微划痕，已补漆")),
    ("disclosure", dict(repair_notes="更换前保险杠")),
    ("model", dict(exterior_color="黑色")),
    ("model", dict(interior_color="棕色")),
]


@pytest.mark.parametrize("group,change", CHANGES, ids=[f"{g}-{next(iter(c))}" for g, c in CHANGES])
def test_4_2_1_2_card_goes_stale_on_each_printed_fact(uow, consultant, manager, group, change):
    v = displayed(uow, manager)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    edit(uow, manager, v.id, **change)
    assert state(uow, consultant, v.id) == ("stale", (group,))


def test_nev_performance_range_and_battery_make_the_card_stale(uow, consultant, manager):
    v = displayed(uow, manager, powertrain="BEV", power_kw=None, range_km=550, battery_kwh=75.0)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    edit(uow, manager, v.id, range_km=600)
    assert state(uow, consultant, v.id) == ("stale", ("performance",))
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    edit(uow, manager, v.id, battery_kwh=80.0)
    assert state(uow, consultant, v.id) == ("stale", ("performance",))


def test_4_3_2_1_promotion_change_makes_the_card_stale(uow, consultant, manager):
    v = displayed(uow, manager)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    p = cards_floor.set_promotion(
        uow(), actor=manager, vehicle_id=v.id, title="置换补贴", rules="旧车置换补贴 5,000 元"
    )
    assert state(uow, consultant, v.id) == ("stale", ("promotion",))
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    assert state(uow, consultant, v.id) == ("current", ())
    cards_floor.set_promotion(
        uow(),
        actor=manager,
        vehicle_id=v.id,
        title="置换补贴",
        rules="旧车置换补贴 5,000 元",
        valid_until=dt.date.today() + dt.timedelta(days=365),  # running on any day the test runs
        expected_version=p.version,
    )
    assert state(uow, consultant, v.id) == ("stale", ("promotion",))
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    cards_floor.clear_promotion(uow(), actor=manager, vehicle_id=v.id)
    assert state(uow, consultant, v.id) == ("stale", ("promotion",))


def test_4_1_3_5_charging_pile_offer_change_makes_nev_cards_stale_only(uow, consultant, manager):
    nev = displayed(uow, manager, powertrain="PHEV", range_km=100)
    ice = displayed(uow, manager)
    for v in (nev, ice):
        cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    cards_floor.set_charging_pile_offer(uow(), actor=manager, service="免费安装7kW家用充电桩", included=True)
    assert state(uow, consultant, nev.id) == ("stale", ("charging_pile",))
    assert state(uow, consultant, ice.id) == ("current", ())


def test_4_1_3_5_store_hotline_change_makes_the_card_stale(uow, consultant, manager):
    v = displayed(uow, manager)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    admin = make_user(uow, Role.ADMIN)
    s = store.get_store(uow())
    store.update_store(
        uow(),
        actor=admin,
        expected_version=s.version,
        legal_name=s.legal_name,
        address=s.address,
        sales_hotline="021-64009999",
        complaint_phone=s.complaint_phone,
    )
    assert state(uow, consultant, v.id) == ("stale", ("store",))


def test_4_2_3_4_card_goes_stale_the_day_the_car_turns_two_years_old(uow, consultant, manager):
    today = dt.datetime.now(dt.UTC).date()
    made = today - dt.timedelta(days=700)
    v = displayed(uow, manager, production_date=made)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    due = cards.age_disclosure_from(vehicles.get_vehicle(uow(), actor=manager, vehicle_id=v.id))
    before = dt.datetime.combine(due - dt.timedelta(days=1), dt.time(4))
    after = dt.datetime.combine(due, dt.time(4))
    assert state(uow, consultant, v.id, now=before) == ("current", ())
    assert state(uow, consultant, v.id, now=after) == ("stale", ("disclosure",))


def test_unprinted_facts_do_not_make_the_card_stale(uow, consultant, manager):
    v = displayed(uow, manager)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    edit(uow, manager, v.id, notes="钥匙在前台抽屉")
    assert state(uow, consultant, v.id) == ("current", ())


@pytest.mark.parametrize("status", ["in_transit", "reserved", "test_drive_fleet"])
def test_no_card_for_a_car_not_in_stock_or_on_display(uow, consultant, manager, status):
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status=status))
    with pytest.raises(ShowroomError) as e:
        cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    assert e.value.code == "card_vehicle_not_available"


def test_no_card_for_a_sold_car(uow, consultant, manager):
    v = make_sold_vehicle(uow, manager)
    with pytest.raises(ShowroomError, match="card_vehicle_not_available"):
        cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)


def test_leaving_display_retires_the_card_and_frees_the_position(uow, consultant, manager):
    v = displayed(uow, manager)
    position = cards_floor.list_positions(uow(), actor=manager)[0]
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=v.id, position_id=position.id)
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    v = vehicles.get_vehicle(uow(), actor=manager, vehicle_id=v.id)
    vehicles.change_status(uow(), actor=consultant, vehicle_id=v.id, expected_version=v.version, new_status="reserved")
    rows = cards.board(uow(), actor=consultant)
    assert all(r.vehicle_id != v.id for r in rows)
    with uow() as u:
        assert u.session.scalar(select(VehicleCard.status)) == "retired"
    doc = documents.get_document_by_id(uow(), actor=manager, document_id=card.document_id)
    assert doc.voided_at is not None
    scanned = cards.scan(uow(), actor=consultant, text=f"一车一卡 No. {card.card_number} v1")
    assert not scanned.is_current and scanned.current_version is None


@pytest.mark.parametrize("first_time", [True, False], ids=["new", "reissue"])
def test_concurrent_issuing_from_two_sessions_leaves_one_current_card(
    uow, database, db_url, consultant, manager, first_time
):
    v = displayed(uow, manager)
    if not first_time:
        cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    else:  # certificate and fonts ready before the race
        warm = displayed(uow, manager)
        cards.issue_card(uow(), actor=consultant, vehicle_id=warm.id)
    other = Database(db_url)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue(db):
        try:
            barrier.wait()
            results.append(cards.issue_card(db.uow(), actor=consultant, vehicle_id=v.id))
        except Conflict as e:
            errors.append(e)

    try:
        threads = [threading.Thread(target=issue, args=(d,)) for d in (database, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        other.dispose()
    assert len(results) >= 1 and len(results) + len(errors) == 2
    with uow() as u:
        current = u.session.scalars(
            select(VehicleCard.document_id).where(VehicleCard.vehicle_id == v.id, VehicleCard.status == "current")
        ).all()
    assert len(current) == 1
    live = [d for d in documents.list_documents(uow(), actor=manager, query=documents.DocumentQuery(subject_id=v.id))]
    assert [d.id for d in live] == current  # every other version voided


def test_scan_current_old_card_and_vin(uow, consultant, manager):
    v = displayed(uow, manager)
    first = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    old = cards.scan(uow(), actor=consultant, text=f"一车一卡 No. {first.card_number} v1 2026-01-01\n")
    assert (old.vehicle_id, old.scanned_version, old.current_version, old.is_current) == (v.id, 1, 2, False)
    url = f"https://example.com/car?card={first.card_number}&v=2"
    assert cards.scan(uow(), actor=consultant, text=url).is_current
    by_vin = cards.scan(uow(), actor=consultant, text=v.vin.lower())
    assert (by_vin.vehicle_id, by_vin.current_version, by_vin.is_current) == (v.id, 2, True)
    with pytest.raises(ShowroomError, match="scan_not_recognised"):
        cards.scan(uow(), actor=consultant, text="hello")


def test_batch_issues_missing_and_stale_cards_with_progress_and_cancel(uow, consultant, manager):
    cars = [displayed(uow, manager) for _ in range(4)]
    cards.issue_card(uow(), actor=consultant, vehicle_id=cars[0].id)  # current: skipped
    cards.issue_card(uow(), actor=consultant, vehicle_id=cars[1].id)
    edit(uow, manager, cars[1].id, price_fen=17_000_000)  # stale
    calls = []
    result = cards.issue_cards_batch(
        uow(), actor=consultant, layout="A4_2UP", progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)] and not result.cancelled
    assert sorted(c.vehicle_id for c in result.cards) == sorted(c.id for c in cars[1:])
    assert result.pdf.startswith(b"%PDF")
    assert {r.card_state for r in cards.board(uow(), actor=consultant) if r.vehicle_id} == {"current"}
    edit(uow, manager, cars[2].id, price_fen=16_000_000)
    edit(uow, manager, cars[3].id, price_fen=16_000_000)
    asked = []
    result = cards.issue_cards_batch(uow(), actor=consultant, cancelled=lambda: asked.append(1) or len(asked) > 1)
    assert result.cancelled and len(result.cards) == 1 and result.total == 2
    states = [r.card_state for r in cards.board(uow(), actor=consultant) if r.vehicle_id]
    assert sorted(states) == ["current", "current", "current", "stale"]


def test_move_vehicle_is_one_action_and_4_2_1_5_nev_zone_is_for_nevs(uow, consultant, manager):
    ice = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())  # in stock
    nev = displayed(uow, manager, powertrain="BEV", range_km=500)
    positions = cards_floor.list_positions(uow(), actor=consultant)
    a1, a2 = positions[0], positions[1]
    n1 = next(p for p in positions if p.is_nev_zone)
    with pytest.raises(ShowroomError, match="floor_nev_zone_only"):
        cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=ice.id, position_id=n1.id)
    moved = cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=ice.id, position_id=a1.id)
    assert moved.put_on_display
    assert vehicles.get_vehicle(uow(), actor=manager, vehicle_id=ice.id).status == "on_display"
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=ice.id, position_id=a2.id)
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=nev.id, position_id=a1.id)
    board = {r.position_code: r for r in cards.board(uow(), actor=consultant) if r.position_code}
    assert board["A1"].vehicle_id == nev.id and board["A1"].nev_outside_zone
    assert board["A2"].vehicle_id == ice.id
    with pytest.raises(ShowroomError, match="floor_position_occupied"):
        cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=nev.id, position_id=a2.id)
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=nev.id, position_id=a2.id, swap=True)
    board = {r.position_code: r for r in cards.board(uow(), actor=consultant) if r.position_code}
    assert (board["A1"].vehicle_id, board["A2"].vehicle_id) == (ice.id, nev.id)
    cards_floor.move_vehicle(uow(), actor=consultant, vehicle_id=nev.id, position_id=n1.id)
    board = {r.position_code: r for r in cards.board(uow(), actor=consultant) if r.position_code}
    assert board[n1.code].vehicle_id == nev.id and not board[n1.code].nev_outside_zone
    assert board["A2"].vehicle_id is None


def test_default_floor_matches_migration_0004():
    import importlib.util
    from pathlib import Path

    path = next((Path(__file__).resolve().parents[2] / "db/migrations/versions").glob("0004_*.py"))
    spec = importlib.util.spec_from_file_location("m0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.DEFAULT_FLOOR == cards_floor.DEFAULT_FLOOR


def _set_template(uow, template):
    from app.core.errors import ValidationFailed  # noqa: F401 - callers catch it

    admin = make_user(uow, Role.ADMIN)
    s = store.get_store(uow())
    return store.update_store(
        uow(),
        actor=admin,
        expected_version=s.version,
        legal_name=s.legal_name,
        address=s.address,
        sales_hotline=s.sales_hotline,
        complaint_phone=s.complaint_phone,
        website=s.website,
        card_url_template=template,
    )


def test_4_2_1_2_store_url_template_puts_the_cars_page_with_card_and_version_in_the_qr(
    uow, consultant, manager, tmp_path
):
    import zxingcpp
    from PIL import Image

    v = displayed(uow, manager)
    cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    assert state(uow, consultant, v.id) == ("current", ())
    _set_template(uow, "https://www.pujiang-auto.example.cn/cars/{vin}")
    assert state(uow, consultant, v.id) == ("stale", ("store",))  # the QR would say something else
    card = cards.issue_card(uow(), actor=consultant, vehicle_id=v.id)
    pdf = documents.get_document_bytes(uow(), actor=consultant, document_id=card.document_id)
    (tmp_path / "card.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "card.pdf"), str(tmp_path / "page")],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    texts = [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    assert any(
        t.startswith(f"https://www.pujiang-auto.example.cn/cars/{v.vin}")
        and f"card={card.card_number}" in t
        and "v=2" in t
        for t in texts
    ), texts
    from app.showroom.qr import parse_card_reference

    assert parse_card_reference(texts[0]) == (card.card_number, 2)


def test_a_bad_url_template_is_refused_beside_its_field_and_nothing_changes(uow, manager):
    from app.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as e:
        _set_template(uow, "ftp://example.cn/{plate}")
    assert e.value.errors[0].field == "card_url_template"
    assert e.value.errors[0].code == "card_url_template_invalid"
    assert store.get_store(uow()).card_url_template == ""
