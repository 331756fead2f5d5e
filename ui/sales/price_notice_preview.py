"""The published price list's public notice (价格公示, 办法 art. 10): read from the archive,
previewed, printed for the showroom wall or exported, and every print recorded in the
archive's ledger (as the PDI report's copy, ui/pdi/report_preview.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.shell.ops import Op
from ui.shell.workers import run_op


def open_notice(owner: QWidget, ctx, document_id: int, shown) -> None:
    """Load the archived notice off the UI thread; `shown(dialog)` gets the open preview."""

    def work():
        from app.documents.api import get_document_by_id, get_document_bytes

        doc = get_document_by_id(ctx.uow(), actor=ctx.actor, document_id=document_id)
        return doc, get_document_bytes(ctx.uow(), actor=ctx.actor, document_id=document_id)

    run_op(owner, work, lambda result: shown(preview(owner, ctx, *result)))


def preview(owner: QWidget, ctx, doc, data: bytes):
    from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

    def verify(pdf: bytes):
        from app.documents.api import verify_document_bytes

        return verify_document_bytes(ctx.uow(), actor=ctx.actor, pdf_bytes=pdf)

    def record(printer: str, copies: int, kind: str | None) -> None:
        def work():
            from app.documents.api import record_print

            return record_print(
                ctx.uow(), actor=ctx.actor, document_id=doc.id, printer=printer, copies=copies, kind=kind
            )

        Op(ctx, owner, work).run()

    title = QCoreApplication.translate("PriceListPage", "Price list notice {number}").format(number=doc.number)
    dialog = PdfPreviewDialog(data, title, owner, verify=verify, on_printed=lambda r: record(r.printer, r.copies, None))
    dialog.setObjectName("price_notice_preview")
    dialog.saved.connect(lambda path: record(path, 1, "export"))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
