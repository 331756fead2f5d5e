"""Show a PDF (a freshly rendered document or an archived one) and print, save or verify it.

The bytes shown, saved and printed are exactly the bytes given: an archive reprint must be
byte-identical to what was signed. Printing and verifying run on workers (ui.shell.workers.run_op);
QPdfView renders the visible pages itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMargins, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.core.errors import ShowroomError
from db.private_files import write_private_bytes
from ui.shell.errors import error_text, show_error
from ui.shell.ops import Op
from ui.shell.printing import PrintResult, print_with_dialog
from ui.shell.workers import run_op

if TYPE_CHECKING:  # reportlab and the signing stack load when a document is drawn or verified
    from app.documents.signing import VerificationResult

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
STATUS_STYLE = {  # colours readable on the dialog background (WCAG AA)
    "intact": "color: #1b5e20;",
    "modified": "color: #c62828; font-weight: bold;",
    "changed_unseen": "color: #c62828; font-weight: bold;",
    "superseded": "color: #e65100;",
    "voided": "color: #e65100;",
    "unsigned": "color: #455a64;",
    "untrusted": "color: #e65100;",
}


def _common_name(subject: str | None) -> str:
    """'CN=上海浦江… 文件签章,O=…' -> '上海浦江… 文件签章' (the whole subject if no CN)."""
    if not subject:
        return ""
    match = re.search(r"(?:^|,)CN=((?:\\.|[^,])*)", subject)
    return match.group(1).replace("\\", "") if match else subject


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write to a temporary file beside the target, then rename: a failed save never leaves
    half a PDF under the chosen name."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        write_private_bytes(partial, data)  # owner-only (issue #15.4)
        os.replace(partial, target)
    except OSError as e:
        partial.unlink(missing_ok=True)
        raise ShowroomError("pdf_save_failed", path=str(target), reason=e.strerror or "") from e
    return target


class PdfPreviewDialog(QDialog):
    saved = Signal(str)  # the path written
    verified = Signal(object)  # VerificationResult
    printed = Signal(object)  # PrintResult

    def __init__(
        self,
        pdf_bytes: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        verify: Callable[[bytes], VerificationResult] | None = None,
        on_printed: Callable[[PrintResult], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview_dialog")
        self._pdf = bytes(pdf_bytes)
        self._title = title
        self._verify = verify
        self._on_printed = on_printed
        self.verification: VerificationResult | None = None
        self.print_job = None
        self.setWindowTitle(title or self.tr("Document"))
        self.setSizeGripEnabled(True)

        self._build_view()
        self._build_zoom_controls()
        self._build_buttons(verify is not None)
        self._lay_out()

        self.view.viewport().installEventFilter(self)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.view.verticalScrollBar().valueChanged.connect(self._track_page)
        if self.document.status() != QPdfDocument.Status.Ready:
            self._show_status("modified", error_text(ShowroomError("pdf_invalid")))
            for button in (self.print_button, self.zoom_in_button, self.zoom_out_button, self.fit_button):
                button.setEnabled(False)
        self.resize(860, 980)
        self._update_zoom_label()
        self._update_page_label()

    def _build_view(self) -> None:
        """The document, read from the given bytes, shown page after page at page width."""
        # The buffer must live as long as the document reads from it.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)

    def _build_zoom_controls(self) -> None:
        """Zoom out/in, fit to width, the zoom and page labels, and the verification line."""
        self.zoom_out_button = self._tool("−", self.tr("Zoom out"), self.zoom_out, "zoom_out")
        self.zoom_in_button = self._tool("+", self.tr("Zoom in"), self.zoom_in, "zoom_in")
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.fit_button.setObjectName("fit_width")
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(48)
        self.page_label = QLabel()
        self.page_label.setObjectName("page")
        self.status = QLabel()
        self.status.setObjectName("verification")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()

    def _build_buttons(self, can_verify: bool) -> None:
        """Print, Save As, Verify (when the caller can verify) and Close."""
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("Save As…"))
        self.save_button.setObjectName("save_as")
        self.save_button.clicked.connect(self.save_as)
        self.verify_button = QPushButton(self.tr("Verify signature"))
        self.verify_button.setObjectName("verify")
        self.verify_button.setToolTip(self.tr("Check that the document is unchanged since the store signed it"))
        self.verify_button.clicked.connect(self.run_verify)
        self.verify_button.setVisible(can_verify)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_label)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_button)
        top.addStretch(1)
        top.addWidget(self.page_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.verify_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def _tool(self, text: str, tip: str, slot, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    # --- what is shown -----------------------------------------------------------------------

    def pdf_bytes(self) -> bytes:
        return self._pdf

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """0-based index of the page at the top of the view."""
        return self._page_at_scroll()

    def _page_at_scroll(self) -> int:
        # In multi-page mode the navigator does not follow scrolling: work the page out from
        # the scroll position, the page heights at this zoom and the spacing.
        count = self.document.pageCount()
        if count < 2:
            return 0
        zoom = self.effective_zoom()
        dpi = self.view.logicalDpiY() / 72.0
        y = self.view.verticalScrollBar().value() + self.view.viewport().height() / 3
        top = self.view.documentMargins().top()
        for i in range(count):
            bottom = top + self.document.pagePointSize(i).height() * zoom * dpi
            if y < bottom + self.view.pageSpacing() / 2:
                return i
            top = bottom + self.view.pageSpacing()
        return count - 1

    def _track_page(self) -> None:
        self._update_page_label()

    def _update_page_label(self, *_args) -> None:
        count = self.document.pageCount()
        if count:
            self.page_label.setText(
                self.tr("Page {page} / {count}").format(page=self._page_at_scroll() + 1, count=count)
            )
        else:
            self.page_label.setText("")

    # --- zoom --------------------------------------------------------------------------------

    def effective_zoom(self) -> float:
        """The zoom factor on screen, also in fit-width mode (where zoomFactor() is stale)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.document.pageCount():
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(0.05, usable / (self._widest_page() * self.view.logicalDpiX() / 72.0))

    def _widest_page(self) -> float:
        """Page width in points for the zoom label. QtPdf loads a page to measure it (~2 ms
        each), and measuring all 60 pages of a card batch stalled the UI for 0.2 s
        (bench/run.py, issue #10): the first few pages stand for the document (our documents
        keep one page size; a wider page further on only makes the label slightly high)."""
        count = self.document.pageCount()
        if getattr(self, "_widest_for", None) != count:
            self._widest = max(self.document.pagePointSize(i).width() for i in range(min(count, 3)))
            self._widest_for = count
        return self._widest

    def _set_zoom(self, factor: float) -> None:
        factor = min(ZOOM_MAX, max(ZOOM_MIN, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._update_zoom_label()

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_zoom_label()

    def _update_zoom_label(self, *_args) -> None:
        self.zoom_label.setText(self.tr("{percent} %").format(percent=round(self.effective_zoom() * 100)))
        self.fit_button.setEnabled(self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Fit-width zoom follows the viewport's width, which settles after the dialog's own
        # resize: watch the viewport itself.
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update_zoom_label()
            self._update_page_label()
        return super().eventFilter(watched, event)

    # --- actions -----------------------------------------------------------------------------

    def print_document(self) -> None:
        self.print_job = print_with_dialog(self, self._pdf, self._title, self._printed)

    def _printed(self, result: PrintResult) -> None:
        text = self.tr("Sent to {printer} (copies: {copies}, pages: {pages}).")
        self._show_status("unsigned", text.format(printer=result.printer, copies=result.copies, pages=result.pages))
        if self._on_printed is not None:
            self._on_printed(result)
        self.printed.emit(result)

    def suggested_file_name(self) -> str:
        # Windows forbids \ / : * ? " < > | in names; keep Chinese and spaces.
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", self._title).strip(" ._") or "document"
        return f"{name}.pdf"

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), self.suggested_file_name(), self.tr("PDF files (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> None:
        """Write exactly the bytes shown, through the one operation path (ui/shell/ops.Op:
        on the write pool, Save As disabled until done); `saved(path)` when done. A file, not
        a record: nothing to publish, hence no session context."""
        data = self._pdf

        def done(target: Path) -> None:
            self._show_status("unsigned", self.tr("Saved to {path}").format(path=str(target)))
            self.saved.emit(str(target))

        Op(None, self, lambda: write_bytes(path, data)).busy(self.save_button).on_success(done).on_failure(
            lambda exc: show_error(self, exc)
        ).run()

    def run_verify(self) -> None:
        """Check the digital signature on a worker (pyHanko takes ~1 s the first time)."""
        if self._verify is None:
            return
        verify, data = self._verify, self._pdf
        self.verify_button.setEnabled(False)
        self._show_status("unsigned", self.tr("Checking the signature…"))

        def failed(exc: BaseException) -> None:
            self.verify_button.setEnabled(True)
            self.status.hide()
            show_error(self, exc)

        run_op(self, lambda: verify(data), self._verified, failed)

    def _verified(self, result: VerificationResult) -> None:
        self.verify_button.setEnabled(True)
        self.verification = result
        self._show_status(result.status, self.verification_text(result))
        self.verified.emit(result)

    def verification_text(self, result: VerificationResult) -> str:
        from ui.widgets.labels_verification import change_lines, verdict_text

        # Issue #15.5: replaced/voided versions and unseen changes have their own verdicts,
        # and every change after signing is named.
        if (own := verdict_text(result)) is not None:
            return "\n".join([own, *change_lines(result)])
        if result.status == "modified" and change_lines(result):
            return "\n".join(
                [
                    self.tr(
                        "Warning: this document was changed after it was signed, "
                        "or it is damaged. Do not rely on it; print the copy "
                        "from the archive."
                    ),
                    *change_lines(result),
                ]
            )
        from app.documents.layout import fmt_datetime

        signer = _common_name(result.signer_subject)
        when = fmt_datetime(result.signed_at) if result.signed_at else ""
        if result.status == "intact":
            text = self.tr("Signature valid: the document is unchanged since it was signed.")
            if signer:
                text += " " + self.tr("Signed by {signer} on {time} (China time).").format(signer=signer, time=when)
            return text
        if result.status == "modified":
            return self.tr(
                "Warning: this document was changed after it was signed, or it is "
                "damaged. Do not rely on it; print the copy from the archive."
            )
        if result.status == "untrusted":
            text = self.tr("The document is unchanged since it was signed, but not with this store's certificate.")
            if signer:
                text += " " + self.tr("Signed by {signer} on {time} (China time).").format(signer=signer, time=when)
            return text
        return self.tr("This document has no digital signature.")

    def _show_status(self, status: str, text: str) -> None:
        self.status.setStyleSheet(STATUS_STYLE.get(status, ""))
        self.status.setText(text)
        self.status.show()
