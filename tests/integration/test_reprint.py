"""Reprint (issue #17.17): a current card or an archived document is printed again exactly as
archived (the digital signature intact, no new version), and the print ledger says "reprint"
with who and when. A voided or superseded version, and a stale card, are refused: a stamp
would break the signature, and 一车一卡 (T/CSCA 120031-2023 4.2.1.2) wants a card that says
what is true now."""

from __future__ import annotations

import pytest

from app.core.errors import ShowroomError
from app.documents import documents
from app.documents.api import reprint_copy
from app.inventory import vehicles
from app.showroom import cards, cards_floor
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user, vehicle_input  # noqa: F401
from tests.integration.test_cards import edit

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def shop(uow, db_url):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    make_user(uow, Role.ADMIN, username="root")
    manager = make_user(uow, Role.SALES_MANAGER)
    car = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))
    card = cards.issue_card(uow(), actor=manager, vehicle_id=car.id)
    return db_url, manager, car, card


def _archived(uow, actor, document_id) -> bytes:
    return documents.get_document_bytes(uow(), actor=actor, document_id=document_id)


def test_a_current_card_reprints_as_archived_and_issues_no_new_version(uow, shop):
    _, manager, car, card = shop
    reprint = cards.reprint_card(uow(), actor=manager, vehicle_id=car.id)
    assert reprint.pdf == _archived(uow, manager, card.document_id)
    assert (reprint.document.number, reprint.document.version) == (card.card_number, card.card_version)
    assert documents.verify_document_bytes(uow(), actor=manager, pdf_bytes=reprint.pdf).status == "intact"
    versions = documents.list_versions(uow(), actor=manager, number=card.card_number)
    assert [v.version for v in versions] == [1]


def test_a_stale_card_is_refused_naming_what_changed(uow, shop):
    _, manager, car, _card = shop
    edit(uow, manager, car.id, price_fen=15_000_000)
    with pytest.raises(ShowroomError) as e:
        cards.reprint_card(uow(), actor=manager, vehicle_id=car.id)
    assert e.value.code == "card_reprint_stale" and e.value.params["changed"] == ["price"]


def test_voided_and_superseded_documents_are_refused(uow, shop):
    _, manager, car, card = shop
    edit(uow, manager, car.id, price_fen=15_000_000)
    newer = cards.issue_card(uow(), actor=manager, vehicle_id=car.id)
    with pytest.raises(ShowroomError) as e:
        reprint_copy(uow(), actor=manager, document_id=card.document_id)
    assert e.value.code == "reprint_superseded" and e.value.params["current"] == 2
    documents.void_document(uow(), actor=manager, document_id=newer.document_id, reason="车已售出")
    with pytest.raises(ShowroomError) as e:
        reprint_copy(uow(), actor=manager, document_id=newer.document_id)
    assert e.value.code == "reprint_voided" and e.value.params["reason"] == "车已售出"


def test_cli_reprint_card_and_document_write_the_archived_bytes_and_a_reprint_line(uow, shop, tmp_path, capsys):
    db_url, manager, car, card = shop
    out = tmp_path / "card.pdf"
    assert admin_cli("reprint-card", car.vin, "--out", str(out), "--database-url", db_url) == 0
    assert out.read_bytes() == _archived(uow, manager, card.document_id)
    again = tmp_path / "again.pdf"
    assert admin_cli("reprint-document", card.card_number, "--out", str(again), "--database-url", db_url) == 0
    assert again.read_bytes() == out.read_bytes()
    ledger = documents.list_prints(uow(), actor=manager, document_id=card.document_id)
    assert [p.kind for p in ledger] == ["reprint", "reprint"]
    assert all(p.printed_by_name and p.printed_at and p.printer.startswith("file:") for p in ledger)
    assert [v.version for v in documents.list_versions(uow(), actor=manager, number=card.card_number)] == [1]
    capsys.readouterr()


def test_cli_refuses_a_stale_card_in_words(uow, shop, tmp_path, capsys):
    db_url, manager, car, _card = shop
    edit(uow, manager, car.id, price_fen=15_000_000)
    code = admin_cli("reprint-card", car.vin, "--out", str(tmp_path / "x.pdf"), "--database-url", db_url)
    err = capsys.readouterr().err
    assert code != 0 and "stale (price)" in err and "print-cards --vin" in err and "card_reprint" not in err
    assert not (tmp_path / "x.pdf").exists()
