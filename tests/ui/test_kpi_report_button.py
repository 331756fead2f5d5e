"""Issue #20.4: the dashboard's "Export report…" writes the monthly KPI report (the eight
T/CSCA 120031 5.2.1 figures against their targets) as a PDF and a workbook into the folder
the manager picks, off the UI thread, and says where they went."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from app.kpis.periods import Period
from app.kpis.workbook import SUMMARY_SHEET
from tests.factories import make_store
from ui.kpis.report_button import ReportButton

NOVEMBER = Period.month(dt.date(2026, 11, 1))


def _button(qtbot, ctx) -> ReportButton:
    button = ReportButton(ctx, lambda: NOVEMBER)
    qtbot.addWidget(button)
    button.show()
    return button


def test_export_writes_the_pdf_and_the_workbook_and_names_them(qtbot, ctx, uow, tmp_path, monkeypatch, sync_ops):
    make_store(uow)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    button = _button(qtbot, ctx)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    pdf, xlsx = tmp_path / "kpi-report-2026-11.pdf", tmp_path / "kpi-report-2026-11.xlsx"
    qtbot.waitUntil(lambda: button.findChild(QMessageBox, "kpi_report_exported") is not None)
    assert len(PdfReader(pdf).pages) >= 2
    assert SUMMARY_SHEET in openpyxl.load_workbook(xlsx).sheetnames
    box = button.findChild(QMessageBox, "kpi_report_exported")
    assert str(pdf) in box.text() and str(xlsx) in box.text()
    assert button.isEnabled()


def test_cancelling_the_folder_writes_nothing(qtbot, ctx, uow, tmp_path, monkeypatch, sync_ops):
    make_store(uow)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    button = _button(qtbot, ctx)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not list(tmp_path.glob("kpi-report-*")) and button.findChild(QMessageBox) is None


def test_existing_files_are_replaced_only_when_the_manager_says_so(qtbot, ctx, uow, tmp_path, monkeypatch, sync_ops):
    make_store(uow)
    old = tmp_path / "kpi-report-2026-11.pdf"
    old.write_bytes(b"last month's draft")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    button = _button(qtbot, ctx)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert old.read_bytes() == b"last month's draft"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.findChild(QMessageBox, "kpi_report_exported") is not None)
    assert old.read_bytes().startswith(b"%PDF")


def test_a_folder_that_cannot_be_written_is_an_error_dialog(qtbot, ctx, uow, tmp_path, monkeypatch, sync_ops):
    make_store(uow)
    missing = tmp_path / "gone"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(missing)))
    button = _button(qtbot, ctx)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in button.findChildren(QMessageBox)))
    box = next(b for b in button.findChildren(QMessageBox) if b.isVisible())
    assert box.objectName() != "kpi_report_exported" and box.icon() == QMessageBox.Icon.Warning
    assert button.isEnabled()
