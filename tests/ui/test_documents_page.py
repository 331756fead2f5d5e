"""Documents page: sign on screen, issue, open, save, ledger, verify, void (issue #3)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.documents import documents
from db.models import Role
from tests.factories import make_store
from ui.documents.documents_page import DocumentsPage


def _signature_strokes():
    # A handwriting-like scribble across the pad: long enough to be accepted.
    return [[[0.05 + i / 60, 0.5 + 0.3 * math.sin(i / 3), i * 10, 1.0] for i in range(50)]]


@pytest.fixture()
def manager_page(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    ctx = make_ctx(Role.SALES_MANAGER, full_name="周建国")
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _issue_via_ui(qtbot, page):
    dialog = page.new_store_notice()
    pad_dialog = dialog.ask_signature()
    pad_dialog.pad.set_strokes(_signature_strokes())
    with qtbot.waitSignal(dialog.issued) as sig:
        pad_dialog.confirm()
    return sig.args[0]


def test_manager_signs_on_screen_and_the_signed_notice_is_archived_and_opened(qtbot, manager_page, uow):
    doc = _issue_via_ui(qtbot, manager_page)
    assert doc.number.startswith("SN-") and doc.signed and doc.signatures[0].signer_name == "周建国"
    assert manager_page.model.rowCount() == 1
    preview = manager_page.preview
    assert preview is not None and preview.page_count() == 1
    archived = documents.get_document_bytes(uow(), actor=manager_page.ctx.actor, document_id=doc.id)
    assert preview.pdf_bytes() == archived  # what is shown is exactly what was archived


def test_save_as_writes_identical_bytes_and_print_and_save_are_in_the_ledger(qtbot, manager_page, uow, tmp_path):
    from ui.shell.printing import PrintResult

    doc = _issue_via_ui(qtbot, manager_page)
    preview = manager_page.preview
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(preview.saved):
        preview.save_to(target)
    preview._printed(PrintResult(printer="前台打印机", copies=2, pages=1))
    preview._printed(PrintResult(printer="前台打印机", copies=1, pages=1))
    actor = manager_page.ctx.actor
    assert target.read_bytes() == documents.get_document_bytes(uow(), actor=actor, document_id=doc.id)
    ledger = documents.list_prints(uow(), actor=actor, document_id=doc.id)
    assert [(p.kind, p.copies) for p in ledger] == [("export", 1), ("print", 2), ("reprint", 1)]
    manager_page.select_document(doc.id)
    assert manager_page.ledger.rowCount() == 3


def test_verify_a_file_says_intact_then_modified_after_one_byte(qtbot, manager_page, tmp_path, uow):
    doc = _issue_via_ui(qtbot, manager_page)
    data = documents.get_document_bytes(uow(), actor=manager_page.ctx.actor, document_id=doc.id)
    good = tmp_path / "good.pdf"
    good.write_bytes(data)
    manager_page.verify_file(str(good))
    assert manager_page.last_verification.status == "intact"
    assert manager_page.last_verification.archived_number == doc.number
    bad = bytearray(data)
    bad[len(bad) // 3] ^= 0x01
    tampered = tmp_path / "bad.pdf"
    tampered.write_bytes(bytes(bad))
    manager_page.verify_file(str(tampered))
    assert manager_page.last_verification.status == "modified"


def test_verify_button_names_a_forged_price_in_chinese(qtbot, manager_page, tmp_path, uow, monkeypatch):
    """Issue #15.5: a signature field painting a new price is reported, and named, in zh_CN."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from tests.integration.test_signed_tampering import add_signature_field_painting_a_price, incremental
    from ui.shell.i18n import install_translators

    doc = _issue_via_ui(qtbot, manager_page)
    data = documents.get_document_bytes(uow(), actor=manager_page.ctx.actor, document_id=doc.id)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(incremental(data, add_signature_field_painting_a_price))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(forged), ""))
    try:
        assert install_translators("zh_CN")
        qtbot.mouseClick(manager_page.verify_file_button, Qt.MouseButton.LeftButton)
        box = manager_page.findChild(QMessageBox, "verification_result")
        assert box is not None and box.icon() == QMessageBox.Icon.Warning
        assert "签章后的改动：" in box.text() and "第 1 页：新增了表单或签名域。" in box.text()
        assert "未被改动" not in box.text()
        box.accept()
    finally:
        install_translators("en")


def test_void_needs_a_reason_and_keeps_the_document_in_the_archive(qtbot, manager_page):
    doc = _issue_via_ui(qtbot, manager_page)
    manager_page.select_document(doc.id)
    dialog = manager_page.void_selected()
    dialog.confirm()
    assert not dialog.findChild(QLabel, "error_reason").isHidden()
    dialog.reason.setPlainText("地址更正")
    dialog.confirm()
    manager_page.refresh()
    assert manager_page.model.rowCount() == 0  # voided ones are hidden by default
    manager_page.show_voided.setChecked(True)
    assert manager_page.model.rowCount() == 1
    assert manager_page.model.document_at(0).void_reason == "地址更正"


def test_consultant_can_open_but_not_void_or_issue_the_store_notice(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    page = DocumentsPage(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(page)
    assert page.void_button.isHidden() and page.notice_button.isHidden()
    assert not page.open_button.isHidden() and not page.verify_file_button.isHidden()
