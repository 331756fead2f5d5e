"""Reprint from the screen (issue #17.17): the Reprint buttons of the showroom and documents
pages send the archived card or document to the printer chosen in the print dialog, and the
print ledger gets a "reprint" line; a stale card or a voided document is refused with a message.

The system print dialog is the one stub (as a file dialog is elsewhere): it "chooses" a PDF
file printer, so what reaches the printer can be read back (pdfinfo)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from app.documents import documents
from app.inventory import vehicles
from app.showroom import cards, cards_floor
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user, vehicle_input  # noqa: F401
from tests.integration.test_cards import edit
from ui.documents.documents_page import DocumentsPage
from ui.shell import printing
from ui.showroom.showroom_page import ShowroomPage
from tests.integration.test_cups_printing import cups_queue  # noqa: F401 - the real queue, as a fixture

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


@pytest.fixture()
def printed_to(monkeypatch, tmp_path):
    """The print dialog answers with a PDF file printer; returns the file it prints to."""
    out = tmp_path / "printed.pdf"

    def choose(parent, title="", copies=1):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(printing, "available_printers", lambda: ["前台打印机"])
    monkeypatch.setattr(printing, "ask_printer", choose)
    return out


@pytest.fixture()
def car_with_card(uow):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    manager = make_user(uow, Role.SALES_MANAGER)
    car = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))
    card = cards.issue_card(uow(), actor=manager, vehicle_id=car.id)
    return manager, car, card


def _pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("Pages")))


def _error_boxes() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_reprint_card_button_prints_the_archived_card_and_logs_a_reprint(
    qtbot, make_ctx, uow, car_with_card, printed_to
):
    manager, car, card = car_with_card
    page = ShowroomPage(make_ctx(Role.CONSULTANT, full_name="李娜"))
    qtbot.addWidget(page)
    page.show()
    page.select_vehicle(car.id)
    assert page.reprint_button.isEnabled()
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(documents.list_prints(uow(), actor=manager, document_id=card.document_id)))
    ledger = documents.list_prints(uow(), actor=manager, document_id=card.document_id)
    assert [(p.kind, p.printed_by_name, p.copies) for p in ledger] == [("reprint", "李娜", 1)]
    assert _pages(printed_to) == 1
    # No new version: the card is still v1, and the board still says current.
    assert [v.version for v in documents.list_versions(uow(), actor=manager, number=card.card_number)] == [1]
    assert page.model.row_at(page.model.row_of_vehicle(car.id)).card_state == "current"


def test_a_stale_card_cannot_be_reprinted(qtbot, make_ctx, uow, car_with_card, printed_to):
    manager, car, _card = car_with_card
    edit(uow, manager, car.id, price_fen=15_000_000)
    page = ShowroomPage(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(page)
    page.select_vehicle(car.id)
    assert not page.reprint_button.isEnabled()  # and the service refuses it too:
    with pytest.raises(Exception) as e:
        cards.reprint_card(uow(), actor=manager, vehicle_id=car.id)
    assert e.value.code == "card_reprint_stale"


def test_documents_page_reprints_the_selected_document_and_refuses_a_voided_one(
    qtbot, make_ctx, uow, car_with_card, printed_to
):
    manager, car, card = car_with_card
    page = DocumentsPage(make_ctx(Role.SALES_MANAGER, full_name="周建国"))
    qtbot.addWidget(page)
    page.show()
    page.select_document(card.document_id)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ledger.rowCount() == 1)
    assert [p.kind for p in documents.list_prints(uow(), actor=manager, document_id=card.document_id)] == ["reprint"]
    assert _pages(printed_to) == 1
    # Voided on another terminal meanwhile (this screen still shows it valid): the service
    # refuses the reprint with a message that says why, and nothing is printed or logged.
    documents.void_document(uow(), actor=manager, document_id=card.document_id, reason="车已售出")
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("车已售出" in t for t in _error_boxes()))
    assert len(documents.list_prints(uow(), actor=manager, document_id=card.document_id)) == 1


def test_documents_page_refuses_a_stale_card_too(qtbot, make_ctx, uow, car_with_card, printed_to):
    manager, car, card = car_with_card
    edit(uow, manager, car.id, price_fen=15_000_000)  # the card on the car now shows a wrong price
    page = DocumentsPage(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(page)
    page.show()
    page.select_document(card.document_id)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("out of date" in t for t in _error_boxes()))
    assert documents.list_prints(uow(), actor=manager, document_id=card.document_id) == []


def test_a_reprint_through_cups_sends_the_archived_bytes(qtbot, make_ctx, uow, car_with_card, cups_queue, monkeypatch):
    """With a real CUPS queue (toolchain.md; skipped without one): the job CUPS received is the
    archived card, byte for byte, so its digital signature still verifies on paper's source."""
    from tests.integration.test_cups_printing import QUEUE, completed_job_sizes, new_completed_job, spooled_document

    manager, car, card = car_with_card
    monkeypatch.setattr(printing, "ask_printer", lambda parent, title="", copies=1: printing.make_printer(QUEUE))
    page = ShowroomPage(make_ctx(Role.CONSULTANT, full_name="李娜"))
    qtbot.addWidget(page)
    page.select_vehicle(car.id)
    before, files = completed_job_sizes(), set(cups_queue.glob("*"))
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(documents.list_prints(uow(), actor=manager, document_id=card.document_id)))
    (entry,) = documents.list_prints(uow(), actor=manager, document_id=card.document_id)
    assert (entry.kind, entry.printer) == ("reprint", QUEUE)
    job = new_completed_job(before)
    archived = documents.get_document_bytes(uow(), actor=manager, document_id=card.document_id)
    sent = spooled_document(job)
    qtbot.waitUntil(lambda: bool(set(cups_queue.glob("*")) - files), timeout=15_000)
    for printed in set(cups_queue.glob("*")) - files:  # cups-pdf's copy of the job
        printed.unlink(missing_ok=True)
    if sent is None:  # CUPS keeps no job files here: its byte count must still be the card's
        assert completed_job_sizes()[job] <= len(archived) + 2048
    else:
        assert sent == archived
