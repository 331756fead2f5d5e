"""The documents page reads the archive a page at a time as the user scrolls; its search and
filters, its count and the selected document still cover the whole archive (issue #17, peak
memory on dataset S: "page ... the document archive as the visit history already is")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db.models import Role
from tests.factories import make_document, make_store
from ui.documents.documents_page import DocumentsPage

DOCS = 7
PAGE = 3


@pytest.fixture()
def archive(uow, make_ctx):
    """Seven vehicle cards (more than two pages of three); the odd ones are for VINs ending 9xx."""
    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER, full_name="周建国")
    docs = [
        make_document(uow, ctx.actor, subject_id=i + 1, subject_ref=f"LSVAB2180N2000{'9' if i % 2 else '1'}{i:02d}")
        for i in range(DOCS)
    ]
    return ctx, docs


@pytest.fixture()
def page(qtbot, archive, sync_ops, monkeypatch):
    monkeypatch.setattr(DocumentsPage, "page_size", PAGE)
    page = DocumentsPage(archive[0])
    qtbot.addWidget(page)
    page.table.setFixedHeight(90)  # a screenful of about two rows: the third is out of sight
    page.show()
    qtbot.waitExposed(page)
    return page


def _scroll_to_the_end(qtbot, page) -> None:
    page.table.setFocus()
    for _ in range(DOCS):
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        if page.model.rowCount() == page.model.total:
            break


def test_the_newest_page_is_read_and_scrolling_reads_the_rest(qtbot, page, archive):
    assert page.model.rowCount() == PAGE
    assert page.count.text().endswith(str(DOCS))  # every archived document, not the page
    _scroll_to_the_end(qtbot, page)
    assert page.model.rowCount() == DOCS
    numbers = [page.model.document_at(r).id for r in range(DOCS)]
    assert numbers == [d.id for d in reversed(archive[1])]  # newest first, none twice


def test_the_search_applies_to_the_whole_archive(qtbot, page, archive):
    qtbot.keyClicks(page.search, "N20009")
    wanted = {d.id for d in archive[1] if "N20009" in d.subject_ref}
    qtbot.waitUntil(lambda: page.count.text().endswith(str(len(wanted))))
    _scroll_to_the_end(qtbot, page)
    assert {page.model.document_at(r).id for r in range(page.model.rowCount())} == wanted


def test_the_oldest_document_is_found_and_stays_selected_after_a_reload(qtbot, page, archive):
    oldest = archive[1][0]
    page.select_document(oldest.id)  # as a newly issued or scanned document is selected by id
    assert page.selected_document().id == oldest.id
    assert oldest.number in page.details.text()
    qtbot.mouseClick(page.show_voided, Qt.MouseButton.LeftButton)  # reloads from the first page
    assert page.selected_document() is not None and page.selected_document().id == oldest.id


def test_a_search_finds_the_oldest_document_not_read_yet(qtbot, page, archive):
    """The oldest card is on the last page, not read yet: typing its number finds it, as the
    search runs in the service over the whole archive (issue #17)."""
    oldest = archive[1][0]
    assert page.model.row_of(oldest.id) < 0  # only the newest page has been read
    qtbot.keyClicks(page.search, oldest.number)
    qtbot.waitUntil(lambda: page.count.text().endswith(" 1"))
    assert page.model.rowCount() == 1 and page.model.document_at(0).id == oldest.id


def test_a_search_starts_the_list_over_without_chasing_the_document_selected_before(qtbot, page, archive):
    """A search starts the list over at its top: the oldest document, selected before, is not
    read for through the whole archive (issue #17: pages are read as the user scrolls)."""
    oldest = archive[1][0]
    page.select_document(oldest.id)  # reads every page down to the oldest
    qtbot.keyClicks(page.search, "LSVAB")  # every card matches; the oldest one is on the last page
    qtbot.waitUntil(lambda: page.count.text().endswith(str(DOCS)) and page.selected_document() is None)
    assert page.model.row_of(oldest.id) < 0  # the last page, not read: the list starts over
