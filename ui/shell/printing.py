"""Print PDF bytes on an installed printer: the queue and options come from QtPrintSupport.

Where the queue is a CUPS queue (Linux, macOS) the PDF itself goes to the spooler, as vectors
(printing_cups.py, issue #17.19). Elsewhere (Windows' spooler, a PDF file printer) Qt cannot
draw a PDF as vectors, so every page is rasterised by QtPdf (pdfium) at up to RENDER_DPI and
painted, scaled to the paper, on the QPrinter. The printed bytes are never re-rendered from
data: an archive reprint is the archived PDF.

`print_pdf` runs on a worker thread (ui.shell.workers.run_op): QPdfDocument, QPrinter and a
QPainter on QImage/QPrinter are usable off the GUI thread ("QPainter can be used in a thread
to paint onto QImage, QPrinter, and QPicture paint devices", QPainter docs); no widget is
touched there. `print_with_dialog` is the GUI entry point: QPrintDialog, then the print on a
worker with a cancellable QProgressDialog, then on_done(PrintResult) for the archive ledger.

Errors (app.core.errors.ShowroomError codes, translated in ui/shell/errors.py):
    no_printer                        no printer is installed at all
    printer_unavailable (printer)     the named queue does not exist (any more)
    print_failed (printer, reason)    reason: "open" (the printer refused the job),
                                      "render" (a page could not be rasterised),
                                      "spool" (the job could not be handed to the spooler)
    print_cancelled (printer, pages_done)   the user cancelled; nothing was sent
    pdf_invalid (reason)              the bytes are not a readable PDF
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from app.core.errors import ShowroomError
from ui.shell import printing_cups, settings
from ui.shell.printing_pages import _fit, _page_layout, _selected_pages
from ui.shell.errors import show_error
from ui.shell.workers import run_op

# 300 dpi reads as sharp text on office lasers; an A4 page is then 2480 x 3508 pixels (8.7 MB
# grey, 26 MB colour), rendered in 50-130 ms. Higher printer resolutions are reached by scaling.
RENDER_DPI = 300
POINTS_PER_INCH = 72.0

Progress = Callable[[str, int, int], None]  # (stage "render"|"send", pages done, pages); worker


@dataclass(frozen=True)
class PrintResult:
    """What was sent: the queue name, the copy count and the pages of one copy."""

    printer: str
    copies: int
    pages: int


class PrintCancelled(ShowroomError):
    code = "print_cancelled"


def available_printers() -> list[str]:
    """Queue names as the system lists them (CUPS queues, Windows printers)."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str | None:
    """The printer chosen in Settings if it still exists, else the system default, else None."""
    names = available_printers()
    chosen = settings.get(settings.DEFAULT_PRINTER)
    if chosen and chosen in names:
        return chosen
    system = QPrinterInfo.defaultPrinterName()
    if system and system in names:
        return system
    return None


def printer_label(printer: QPrinter) -> str:
    """The queue's name, or "file:PATH" for a printer that writes a PDF file: what the print
    ledger records as where it went."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return f"file:{printer.outputFileName()}"
    return printer.printerName()


def make_printer(printer_name: str) -> QPrinter:
    """A high-resolution QPrinter bound to the named queue; printer_unavailable if none."""
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo()
    if info.isNull():
        raise ShowroomError("printer_unavailable", printer=printer_name)
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_pdf(
    pdf_bytes: bytes,
    printer_name: str,
    *,
    copies: int = 1,
    title: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Print every page of `pdf_bytes` on `printer_name`; blocking, safe on a worker thread.

    `title` becomes the spooler's job name (cups-pdf names its output file after it).
    `progress(stage, done, total)` is called after each page is rendered ("render") and
    after each is sent ("send"); `cancelled()` is polled before each page is rendered and,
    when true, abandons the print before anything reaches the printer (PrintCancelled)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    printer = make_printer(printer_name)
    printer.setCopyCount(copies)
    return print_on(printer, pdf_bytes, title=title, progress=progress, cancelled=cancelled)


def _load(pdf_bytes: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes. A seekable QBuffer loads synchronously, so this works
    on a worker thread without an event loop. The buffer must outlive the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise ShowroomError("pdf_invalid", reason=document.error().name)
    return document, buffer


def page_count(pdf_bytes: bytes) -> int:
    document, _buffer = _load(pdf_bytes)
    return document.pageCount()


def render_page(document: QPdfDocument, index: int, dpi: int = RENDER_DPI) -> QImage:
    """One page as an opaque image: white paper under the ink (printer drivers handle alpha
    badly), 8-bit grey when the page has no colour, else RGB888 (26 MB for A4 at 300 dpi)."""
    size_pt = document.pagePointSize(index)
    pixels = QSize(
        max(1, round(size_pt.width() * dpi / POINTS_PER_INCH)), max(1, round(size_pt.height() * dpi / POINTS_PER_INCH))
    )
    image = document.render(index, pixels)
    if image.isNull():
        raise ShowroomError("print_failed", printer="", reason="render", page=index + 1)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    image.convertTo(QImage.Format.Format_Grayscale8 if image.allGray() else QImage.Format.Format_RGB888)
    return image


def print_on(
    printer: QPrinter,
    pdf_bytes: bytes,
    *,
    title: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Print on an already configured QPrinter (from print_pdf or a QPrintDialog: copies,
    duplex, colour mode and the page range chosen there are kept).

    Two stages, so that a cancelled print never leaves half a job at the printer: first
    every page is rasterised ("render", cancellable between pages; nothing is open at the
    printer yet), then the pages are painted onto the printer ("send", not cancellable: Qt's
    CUPS engine cannot withdraw a job once painting began; QPdfPrintEngine has no abort)."""
    name = printer_label(printer)
    document, _buffer = _load(pdf_bytes)
    pages = _selected_pages(printer, document.pageCount())
    if not pages:
        raise ShowroomError("print_failed", printer=name, reason="no_pages")
    if printing_cups.vector_queue(printer):
        return _print_vector(printer, pdf_bytes, pages, document.pageCount(), title, progress, cancelled)
    images = _render_all(printer, document, pages, progress, cancelled)
    printer.setDocName(title or "Showroom")
    printer.setCreator("Showroom")
    printer.setFullPage(True)
    printer.setPageLayout(images[0][1])
    painter = QPainter()
    if not painter.begin(printer):
        raise ShowroomError("print_failed", printer=name, reason="open")
    try:
        for done, (image, layout) in enumerate(images):
            if done:
                printer.setPageLayout(layout)
                if not printer.newPage():
                    raise ShowroomError("print_failed", printer=name, reason="spool")
            painter.drawImage(_fit(image, printer.paperRect(QPrinter.Unit.DevicePixel)), image)
            images[done] = (QImage(), layout)  # free each page once it is sent
            if progress is not None:
                progress("send", done + 1, len(pages))
    except BaseException:
        printer.abort()  # withdraws the job where the engine can (Windows); harmless elsewhere
        painter.end()
        raise
    if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
        raise ShowroomError("print_failed", printer=name, reason="spool")
    return PrintResult(name, max(1, printer.copyCount()), len(pages))


def _render_all(printer, document, pages, progress, cancelled) -> list[tuple[QImage, QPageLayout]]:
    """The raster path's first stage: every selected page as an image with its paper layout
    (cancellable between pages; nothing is open at the printer yet)."""
    name = printer_label(printer)
    resolution = printer.resolution()
    dpi = min(RENDER_DPI, resolution) if resolution > 0 else RENDER_DPI
    images: list[tuple[QImage, QPageLayout]] = []
    for done, index in enumerate(pages):
        if cancelled is not None and cancelled():
            raise PrintCancelled(printer=name, pages_done=0)
        try:
            image = render_page(document, index, dpi)
        except ShowroomError as e:
            raise ShowroomError("print_failed", printer=name, reason="render", page=index + 1) from e
        images.append((image, _page_layout(document.pagePointSize(index))))
        if progress is not None:
            progress("render", done + 1, len(pages))
    if cancelled is not None and cancelled():
        raise PrintCancelled(printer=name, pages_done=0)
    return images


def _print_vector(printer, pdf_bytes, pages, total, title, progress, cancelled) -> PrintResult:
    """The PDF as it is to a CUPS queue (issue #17.19): nothing to render, one hand-over."""
    name = printer.printerName()
    if cancelled is not None and cancelled():
        raise PrintCancelled(printer=name, pages_done=0)
    if progress is not None:
        progress("render", len(pages), len(pages))
    printing_cups.send_pdf(printer, pdf_bytes, title=title, selected_pages=printing_cups.page_list(pages, total))
    if progress is not None:
        progress("send", len(pages), len(pages))
    return PrintResult(name, max(1, printer.copyCount()), len(pages))


# --- GUI side ------------------------------------------------------------------------------


def ask_printer(parent: QWidget | None, title: str = "", copies: int = 1) -> QPrinter | None:
    """The system print dialog with the default printer pre-selected; None if cancelled.
    Print-to-file is off: "Save As…" writes the PDF's exact bytes instead."""
    name = default_printer_name() or available_printers()[0]
    printer = make_printer(name)
    printer.setDocName(title or "Showroom")
    printer.setCopyCount(copies)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    try:
        # exec(): on Windows the native print dialog is modal whatever we ask for.
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class PrintJob(QObject):
    """One print running on a worker, with its progress dialog. Lives on the GUI thread; the
    worker only emits `progressed` (queued to this thread) and reads a threading.Event."""

    progressed = Signal(str, int, int)
    finished = Signal(object)  # PrintResult, or the exception when it failed or was cancelled

    def __init__(
        self,
        parent: QWidget | None,
        printer: QPrinter,
        pdf_bytes: bytes,
        title: str,
        on_done: Callable[[PrintResult], None] | None,
    ) -> None:
        super().__init__(parent)
        self._printer = printer
        self._on_done = on_done
        self._cancel = threading.Event()
        self._sending = False
        self.result: PrintResult | None = None
        self.error: BaseException | None = None
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("print_progress")
        self.progress.setWindowTitle(self.tr("Printing"))
        label = self.tr("Printing “{title}” on {printer}…") if title else self.tr("Printing on {printer}…")
        self.progress.setLabelText(label.format(title=title, printer=printer.printerName()))
        self.progress.setCancelButtonText(self.tr("Cancel"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setRange(0, 0)  # busy until the page count is known
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)  # a one-page print does not flash a window
        self.progress.canceled.connect(self.cancel)
        self.progressed.connect(self._on_progress)
        self.progress.setValue(0)
        run_op(
            parent,
            lambda: print_on(
                printer, pdf_bytes, title=title, progress=self.progressed.emit, cancelled=self._cancel.is_set
            ),
            self._succeeded,
            self._failed,
        )

    @Slot()
    def cancel(self) -> None:
        """Stop before the next page is rendered; once sending began it is too late."""
        if self._sending:
            return
        self._cancel.set()
        self.progress.setLabelText(self.tr("Cancelling…"))

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        """Rendering fills the first half of the bar, sending the second. Once sending has
        begun the job cannot be withdrawn on every system, so Cancel goes away."""
        if self.progress.maximum() != 2 * total:
            self.progress.setRange(0, 2 * total)
        if stage == "send" and not self._sending:
            self._sending = True
            self.progress.setCancelButton(None)  # "no cancel button will be shown" (Qt docs)
            self.progress.setLabelText(self.tr("Sending to {printer}…").format(printer=self._printer.printerName()))
        self.progress.setValue(done + (total if stage == "send" else 0))

    def _close(self) -> None:
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()

    def _succeeded(self, result: PrintResult) -> None:
        self.result = result
        self._close()
        if self._on_done is not None:
            self._on_done(result)
        self.finished.emit(result)
        self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._close()
        if not isinstance(exc, PrintCancelled):
            show_error(self.parent() if isinstance(self.parent(), QWidget) else None, exc)
        self.finished.emit(exc)
        self.deleteLater()


def start_print(
    parent: QWidget | None,
    printer: QPrinter,
    pdf_bytes: bytes,
    title: str,
    on_done: Callable[[PrintResult], None] | None = None,
) -> PrintJob:
    """Print on a worker with a cancellable progress dialog; on_done(result) on success.
    Failures are shown through ui.shell.errors; a cancelled print is silent."""
    return PrintJob(parent, printer, pdf_bytes, title, on_done)


def print_with_dialog(
    parent: QWidget | None, pdf_bytes: bytes, title: str, on_done: Callable[[PrintResult], None] | None = None
) -> PrintJob | None:
    """Ask for a printer (QPrintDialog), then print; on_done(PrintResult) after the job was
    handed to the spooler, so the caller can record who printed what, where and how often."""
    if not available_printers():
        show_error(parent, ShowroomError("no_printer"))
        return None
    try:
        printer = ask_printer(parent, title)
    except ShowroomError as e:  # the queue vanished between listing and opening it
        show_error(parent, e)
        return None
    if printer is None:
        return None
    return start_print(parent, printer, pdf_bytes, title, on_done)
