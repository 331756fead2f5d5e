"""`showroom admin print-cards` (issue #5): issues the missing and stale cards into the archive
and writes one PDF whose QR codes a real decoder reads back as the cards just issued."""

from __future__ import annotations

import pytest

from app.showroom.qr import parse_card_reference
from app.showroom import cards, cards_floor
from app.documents import documents
from app.inventory import vehicles
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import (
    isolated_data_dir,
    make_store,
    make_user,  # noqa: F401
    vehicle_input,
)
from tests.unit.test_vehicle_card import decode_pages

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def ready(uow, db_url):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    admin = make_user(uow, Role.ADMIN, username="root")
    manager = make_user(uow, Role.SALES_MANAGER)
    return db_url, admin, manager


def run(*args: str, capsys) -> tuple[int, str, str]:
    """In-process, as main.py runs `showroom admin` (under `python -m app.cli` the commands'
    CliError is another class than __main__'s, so a CliError would show as unexpected)."""
    code = admin_cli(*args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_print_cards_stale_writes_a_pdf_whose_qr_codes_decode(uow, ready, tmp_path, capsys):
    db_url, admin, manager = ready
    current, stale, missing = (
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display")) for _ in range(3)
    )
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="in_transit"))
    for v in (current, stale):
        cards.issue_card(uow(), actor=manager, vehicle_id=v.id)
    cards_floor.set_promotion(uow(), actor=manager, vehicle_id=stale.id, title="限时优惠", rules="现金优惠 8,000 元")
    out = tmp_path / "cards.pdf"
    code, stdout, stderr = run(
        "print-cards", "--out", str(out), "--stale", "--layout", "A4_2UP", "--database-url", db_url, capsys=capsys
    )
    assert code == 0, stderr
    assert stale.vin in stdout and missing.vin in stdout and current.vin not in stdout
    pages = decode_pages(out.read_bytes(), tmp_path)
    refs = sorted(parse_card_reference(code.text) for page in pages for code in page)
    issued = sorted(
        (d.number, d.version)
        for d in documents.list_documents(uow(), actor=manager, query=documents.DocumentQuery(doc_type="vehicle_card"))
        if d.subject_id in (stale.id, missing.id)
    )
    assert refs == issued and len(refs) == 2 and (refs[0][1], refs[1][1]) in ((1, 2), (2, 1))
    assert {r.card_state for r in cards.board(uow(), actor=manager) if r.vehicle_id} == {"current"}
    doc_id = next(r.document_id for r in cards.board(uow(), actor=manager) if r.vehicle_id == missing.id)
    assert [p.kind for p in documents.list_prints(uow(), actor=manager, document_id=doc_id)] == ["export"]
    code, stdout, _ = run("print-cards", "--out", str(out), "--database-url", db_url, capsys=capsys)
    assert code == 0 and "nothing to print" in stdout


def test_print_cards_for_an_unknown_vin_is_a_usage_error(ready, tmp_path, capsys):
    code, _, stderr = run(
        "print-cards",
        "--out",
        str(tmp_path / "x.pdf"),
        "--vin",
        "LSVAB2180N2999999",
        "--database-url",
        ready[0],
        capsys=capsys,
    )
    assert code == 2 and "no vehicle" in stderr


# --- issue #15.6: print-cards prints and issues together, or changes nothing ---------------------


def _cards_state(uow, manager):
    docs = documents.list_documents(
        uow(), actor=manager, query=documents.DocumentQuery(doc_type="vehicle_card", include_voided=True)
    )
    board = {
        r.vehicle_id: (r.card_state, r.card_number, r.card_version)
        for r in cards.board(uow(), actor=manager)
        if r.vehicle_id is not None
    }
    return sorted((d.number, d.version, d.voided_at is not None) for d in docs), board


@pytest.fixture()
def stale_and_missing(uow, ready):
    _, _, manager = ready
    stale, missing = (
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display")) for _ in range(2)
    )
    cards.issue_card(uow(), actor=manager, vehicle_id=stale.id)
    cards_floor.set_promotion(uow(), actor=manager, vehicle_id=stale.id, title="限时优惠", rules="现金优惠 8,000 元")
    return stale, missing


def test_4_2_1_2_print_cards_with_a_later_car_not_on_sale_issues_nothing_and_names_it(
    uow, ready, stale_and_missing, tmp_path, capsys
):
    db_url, _, manager = ready
    stale, missing = stale_and_missing
    sold = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="reserved"))
    before = _cards_state(uow, manager)
    out = tmp_path / "out" / "cards.pdf"
    out.parent.mkdir()
    code, stdout, stderr = run(
        "print-cards",
        "--out",
        str(out),
        "--vin",
        stale.vin,
        "--vin",
        missing.vin,
        "--vin",
        sold.vin,
        "--database-url",
        db_url,
        capsys=capsys,
    )
    assert code != 0
    assert _cards_state(uow, manager) == before  # nothing issued, the old card not superseded
    assert list(out.parent.iterdir()) == []  # no PDF, no temporary file left behind
    assert sold.vin in stderr and "帕萨特" in stderr and "reserved" in stderr
    assert "card_vehicle_not_available" not in stderr and "no card was issued" in stderr
    code, stdout, stderr = run(
        "print-cards", "--out", str(out), "--database-url", db_url, capsys=capsys
    )  # the next default run still prints both
    assert code == 0, stderr
    assert stale.vin in stdout and missing.vin in stdout and out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.parent.iterdir()] == ["cards.pdf"]


@pytest.mark.parametrize("where", ["missing_folder", "a_folder"])
def test_4_2_1_2_print_cards_to_an_unwritable_path_issues_nothing(
    uow, ready, stale_and_missing, tmp_path, capsys, where
):
    db_url, _, manager = ready
    stale, missing = stale_and_missing
    before = _cards_state(uow, manager)
    out = tmp_path / "no_such_folder" / "cards.pdf"
    if where == "a_folder":
        out = tmp_path / "cards.pdf"
        out.mkdir()
    code, _, stderr = run("print-cards", "--out", str(out), "--database-url", db_url, capsys=capsys)
    assert code == 1 and _cards_state(uow, manager) == before
    assert "cannot write" in stderr and "no card was issued" in stderr
    assert not any(p.name.endswith(".partial") for p in tmp_path.rglob("*"))
    good = tmp_path / "cards_ok.pdf"
    code, stdout, stderr = run("print-cards", "--out", str(good), "--database-url", db_url, capsys=capsys)
    assert code == 0 and stale.vin in stdout and missing.vin in stdout, stderr
