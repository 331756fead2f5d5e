"""The lp command line for a CUPS queue (issue #17.19): the print dialog's copies, collation,
page range, two-sided and grey choices travel as lp options; a PDF-file printer is never a
CUPS queue (it takes the raster path, as Windows does)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from ui.shell import printing_cups


def test_dialog_choices_become_lp_options(qapp, monkeypatch):
    monkeypatch.setattr(printing_cups.shutil, "which", lambda name: "/usr/bin/lp")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # takes every setting without a queue
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    args = printing_cups.lp_arguments(printer, "车卡 VC-2026-000001 v1", "1-3,5")
    assert args[0] == "/usr/bin/lp" and args[3:5] == ["-t", "车卡 VC-2026-000001 v1"]
    joined = " ".join(args)
    for option in ("-n 2", "collate=true", "-P 1-3,5", "sides=one-sided", "print-color-mode=monochrome"):
        assert option in joined


def test_page_list_names_only_a_partial_selection():
    assert printing_cups.page_list([0, 1, 2], 3) == ""
    assert printing_cups.page_list([0, 1, 2, 4], 6) == "1-3,5"
    assert printing_cups.page_list([1], 3) == "2"


def test_a_pdf_file_printer_is_not_a_cups_queue(qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    assert not printing_cups.vector_queue(printer)
