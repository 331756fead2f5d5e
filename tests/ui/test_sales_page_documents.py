"""The deal page's documents (issue #18.7): Print and Reprint send the archived PDF to the
printer chosen in the print dialog and write the print ledger ("print" the first time, then
"reprint"); a voided document cannot be reprinted. The print dialog is the one stub, as in
tests/ui/test_reprint.py: it "chooses" a PDF file printer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.documents import documents
from tests.factories import isolated_data_dir, make_document  # noqa: F401 - a fixture
from tests.sales_factories import make_contract
from tests.ui.test_reprint import printed_to  # noqa: F401 - the print dialog's stub, as a fixture
from tests.ui.test_sales_page import _page, sale  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")


def test_print_then_reprint_a_deal_document_and_never_a_voided_one(qtbot, database, uow, sale, printed_to):  # noqa: F811
    manager, alice, _bob, _finance = sale
    deal_id, contract_id = make_contract(uow, alice, manager)
    doc = make_document(uow, manager, doc_type="vehicle_card", subject_type="contract", subject_id=contract_id)
    page = _page(qtbot, database, alice)
    deal = page.open_deal(deal_id)
    deal.documents_view.selectRow(0)
    qtbot.mouseClick(deal.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(documents.list_prints(uow(), actor=manager, document_id=doc.id)) == 1)
    assert printed_to.stat().st_size > 0
    assert deal.selected_document().id == doc.id  # still chosen after the page reloaded
    qtbot.mouseClick(deal.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(documents.list_prints(uow(), actor=manager, document_id=doc.id)) == 2)
    ledger = documents.list_prints(uow(), actor=manager, document_id=doc.id)
    assert sorted(p.kind for p in ledger) == ["print", "reprint"]
    documents.void_document(uow(), actor=manager, document_id=doc.id, reason="重新出具")
    deal.refresh()
    deal.documents_view.selectRow(0)
    assert deal.documents.row_at(0).voided and not deal.reprint_button.isEnabled()
