"""PDF preview (page count, zoom, save, verify) and printing without a print server: a QPrinter
in PdfFormat takes the same code path as a real queue up to the spooler (toolchain.md:
"QPrinter(HighResolution) with PdfFormat writes PDFs offscreen without CUPS"). The real CUPS
queue is exercised in tests/integration/test_cups_printing.py."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from reportlab.pdfgen.canvas import Canvas

from app.documents.layout import fmt_datetime
from app.documents.sample_notice import render_store_notice
from app.documents.signing import create_store_certificate, sign_pdf, verify_pdf
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO
from ui.shell import printing, settings
from ui.widgets import pdf_preview_dialog
from ui.widgets.pdf_preview_dialog import PdfPreviewDialog
from ui.shell.printing import PrintCancelled, PrintResult

STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)


@pytest.fixture(scope="module")
def notice() -> bytes:
    return render_store_notice(
        STORE, number="GS-2025-0007", version=3, language="bilingual", issued_at=dt.datetime(2025, 6, 1, 2, 0)
    )


@pytest.fixture(scope="module")
def cert():
    return create_store_certificate(STORE.legal_name)


@pytest.fixture(scope="module")
def signed(notice, cert) -> bytes:
    return sign_pdf(notice, cert, reason="门店公示信息 GS-2025-0007", location="上海")


def three_pages() -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    for i in range(3):
        canvas.setFont("Helvetica", 48)
        canvas.drawString(100, 700, f"Page {i + 1}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def open_preview(qtbot, data: bytes, title: str = "门店公示信息 GS-2025-0007", **kw):
    dialog = PdfPreviewDialog(data, title, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


# --- preview ---------------------------------------------------------------------------------


def test_preview_shows_the_document_and_its_page_count(qtbot, notice):
    dialog = open_preview(qtbot, notice)
    assert dialog.page_count() == 1 and dialog.page_label.text() == "Page 1 / 1"
    assert dialog.windowTitle() == "门店公示信息 GS-2025-0007"
    assert dialog.pdf_bytes() == notice
    assert not dialog.verify_button.isVisible()  # no verify function given


def test_page_indicator_follows_scrolling(qtbot):
    dialog = open_preview(qtbot, three_pages(), "three")
    assert dialog.page_label.text() == "Page 1 / 3"
    bar = dialog.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert dialog.page_label.text() == "Page 3 / 3"


def test_zoom_in_out_and_back_to_fit_width(qtbot, notice):
    dialog = open_preview(qtbot, notice)
    fit = dialog.effective_zoom()
    assert not dialog.fit_button.isEnabled()  # fit width is the default
    dialog.zoom_in_button.click()
    assert dialog.effective_zoom() == pytest.approx(fit * 1.25)
    assert dialog.zoom_label.text() == f"{round(fit * 125)} %"
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.effective_zoom() == pytest.approx(fit / 1.25)
    dialog.fit_button.click()
    assert dialog.effective_zoom() == pytest.approx(fit) and not dialog.fit_button.isEnabled()


def test_damaged_bytes_say_so_instead_of_crashing(qtbot):
    dialog = open_preview(qtbot, b"%PDF-1.4 nothing here", "junk")
    assert dialog.page_count() == 0 and dialog.status.isVisible()
    assert not dialog.print_button.isEnabled()


# --- save ------------------------------------------------------------------------------------


def test_save_writes_the_identical_bytes(qtbot, sync_ops, signed, tmp_path):
    dialog = open_preview(qtbot, signed)
    target = tmp_path / "公示.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        dialog.save_to(target)
    assert blocker.args == [str(target)]
    assert target.read_bytes() == signed
    assert not (tmp_path / "公示.pdf.part").exists()


def test_save_as_asks_for_a_file_name_then_saves(qtbot, sync_ops, notice, tmp_path, monkeypatch):
    dialog = open_preview(qtbot, notice, 'Notice: "A/B"')
    asked = {}

    def fake_dialog(parent, caption, suggested, filters):
        asked["suggested"] = suggested
        return str(tmp_path / "copy"), filters

    monkeypatch.setattr(pdf_preview_dialog.QFileDialog, "getSaveFileName", fake_dialog)
    dialog.save_button.click()
    assert asked["suggested"] == "Notice_ _A_B.pdf"  # no characters Windows forbids
    assert (tmp_path / "copy.pdf").read_bytes() == notice


def test_save_to_an_unwritable_place_shows_an_error(qtbot, sync_ops, notice, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(pdf_preview_dialog, "show_error", lambda parent, exc: shown.append(exc))
    dialog = open_preview(qtbot, notice)
    dialog.save_to(tmp_path / "missing-folder" / "x.pdf")
    assert [e.code for e in shown] == ["pdf_save_failed"]
    assert dialog.save_button.isEnabled()


# --- verify ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, status", [("signed", "intact"), ("modified", "modified"), ("unsigned", "unsigned"), ("other", "untrusted")]
)
def test_verify_reports_the_signature_state(qtbot, sync_ops, notice, signed, cert, case, status):
    data = {"signed": signed, "unsigned": notice, "other": signed}.get(case)
    if case == "other":  # checked against another store's certificate
        cert = create_store_certificate("另一家汽车销售有限公司")
    if case == "modified":  # one byte of the signed revision changes
        changed = bytearray(signed)
        changed[len(notice) // 2] ^= 0x01
        data = bytes(changed)
    dialog = open_preview(qtbot, data, verify=lambda b: verify_pdf(b, cert.cert_pem))
    assert dialog.verify_button.isVisible()
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_button.click()
    result = blocker.args[0]
    assert result.status == status and dialog.verification is result
    text = dialog.status.text()
    assert dialog.status.isVisible() and text == dialog.verification_text(result)
    if status in ("intact", "untrusted"):
        assert "unchanged" in text and STORE.legal_name in text  # the certificate's CN
        assert fmt_datetime(result.signed_at) in text  # China time, as on the documents
    elif status == "modified":
        assert text.startswith("Warning")
    else:
        assert "no digital signature" in text


def test_verify_failure_is_shown_not_raised(qtbot, sync_ops, notice, monkeypatch):
    shown = []
    monkeypatch.setattr(pdf_preview_dialog, "show_error", lambda parent, exc: shown.append(exc))

    def broken(_data):
        raise ShowroomError("certificate_invalid", reason="unreadable")

    dialog = open_preview(qtbot, notice, verify=broken)
    dialog.verify_button.click()
    assert [e.code for e in shown] == ["certificate_invalid"]
    assert dialog.verify_button.isEnabled() and not dialog.status.isVisible()


# --- printing without a print server ---------------------------------------------------------


def test_print_on_a_pdf_printer_renders_every_page(notice, tmp_path):
    out = tmp_path / "printed.pdf"
    steps = []
    result = printing.print_on(pdf_printer(out), notice, title="notice", progress=lambda *a: steps.append(a))
    assert result == PrintResult(f"file:{out}", 1, 1)  # what the print ledger records
    assert steps == [("render", 1, 1), ("send", 1, 1)]
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 kept
    assert len(reader.pages[0].images) == 1  # the page travels as one image


def test_page_range_from_the_print_dialog_is_honoured(tmp_path):
    printer = pdf_printer(tmp_path / "two.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert printing.print_on(printer, three_pages()).pages == 2
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 2


def test_cancel_before_sending_leaves_nothing_behind(tmp_path):
    out = tmp_path / "cancelled.pdf"
    rendered = []
    with pytest.raises(PrintCancelled):
        printing.print_on(
            pdf_printer(out),
            three_pages(),
            progress=lambda stage, done, total: rendered.append(done),
            cancelled=lambda: len(rendered) >= 2,
        )
    assert rendered == [1, 2] and not out.exists()  # the printer was never opened


def test_unreadable_pdf_and_unknown_printer_are_clear_errors(tmp_path):
    with pytest.raises(ShowroomError) as e:
        printing.print_on(pdf_printer(tmp_path / "x.pdf"), b"not a pdf")
    assert e.value.code == "pdf_invalid"
    with pytest.raises(ShowroomError) as e:
        printing.print_pdf(b"%PDF", "No Such Printer 42")
    assert e.value.code == "printer_unavailable" and e.value.params == {"printer": "No Such Printer 42"}
    with pytest.raises(ValueError):
        printing.print_pdf(b"%PDF", "x", copies=0)


def test_default_printer_prefers_the_setting_while_it_exists(monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["Front desk", "Office"])
    monkeypatch.setattr(printing.QPrinterInfo, "defaultPrinterName", staticmethod(lambda: "Front desk"))
    assert printing.default_printer_name() == "Front desk"
    settings.set(settings.DEFAULT_PRINTER, "Office")
    assert printing.default_printer_name() == "Office"
    settings.set(settings.DEFAULT_PRINTER, "Removed printer")
    assert printing.default_printer_name() == "Front desk"
    monkeypatch.setattr(printing.QPrinterInfo, "defaultPrinterName", staticmethod(lambda: ""))
    assert printing.default_printer_name() is None


def test_print_with_no_printer_installed_says_so(qtbot, notice, monkeypatch):
    shown = []
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    monkeypatch.setattr(printing, "show_error", lambda parent, exc: shown.append(exc))
    assert printing.print_with_dialog(None, notice, "notice", lambda r: None) is None
    assert [e.code for e in shown] == ["no_printer"]


def test_print_button_runs_dialog_then_job_then_reports(qtbot, sync_ops, notice, tmp_path, monkeypatch):
    out = tmp_path / "from-preview.pdf"
    monkeypatch.setattr(printing, "available_printers", lambda: ["PDF"])
    monkeypatch.setattr(printing, "ask_printer", lambda parent, title="", copies=1: pdf_printer(out))
    recorded = []
    dialog = open_preview(qtbot, notice, on_printed=recorded.append)
    with qtbot.waitSignal(dialog.printed, timeout=5000):
        dialog.print_button.click()
    assert recorded == [PrintResult(f"file:{out}", 1, 1)]
    assert len(PdfReader(out).pages) == 1
    assert "Sent to" in dialog.status.text()


def test_print_job_on_a_real_worker_thread(qtbot, notice, tmp_path):
    """run_op on its thread pool (not the synchronous executor): QPdfDocument, QPrinter and
    QPainter all work off the GUI thread, progress arrives by queued signal."""
    out = tmp_path / "threaded.pdf"
    done = []
    job = printing.start_print(None, pdf_printer(out), three_pages(), "threaded", done.append)
    assert isinstance(job.progress, QProgressDialog)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    assert done == [PrintResult(f"file:{out}", 1, 3)]
    assert len(PdfReader(out).pages) == 3


def test_cancel_from_the_progress_dialog_on_a_worker(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "cancelled.pdf"
    real_render = printing.render_page
    started = threading.Event()
    may_go_on = threading.Event()

    def render_waiting_for_cancel(document, index, dpi=printing.RENDER_DPI):
        started.set()
        may_go_on.wait(10)  # page 1 renders while the user presses Cancel
        return real_render(document, index, dpi)

    monkeypatch.setattr(printing, "render_page", render_waiting_for_cancel)
    monkeypatch.setattr(printing, "show_error", lambda *a: pytest.fail("cancel is not an error"))
    done = []
    job = printing.start_print(None, pdf_printer(out), three_pages(), "x", done.append)
    assert started.wait(10)
    job.progress.canceled.emit()  # what the Cancel button does
    may_go_on.set()
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        pass
    assert isinstance(blocker.args[0], PrintCancelled)
    assert done == [] and not out.exists()
