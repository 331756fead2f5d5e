"""One deal (issue #18.7): who is buying which car, where the sale stands and what is still
owed, the whole history (quotes, disclosure, contract revisions, payments, refunds, handover)
and every archived document with Open, Print and Reprint; under them the next step's buttons
(ui/sales/deal_steps.py). It reloads when a sale or a payment changes (the change bus)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout

from app.core.dto import Changes
from ui.sales.board_labels import DEAL_STAGE, yuan
from ui.sales.deal_history_model import DealDocumentsModel, HistoryModel, history_lines
from ui.sales.deal_steps import DealSteps
from ui.shell.labels import DOC_TYPE, label, local_time
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.table_fit import read_only_table
from ui.widgets.table_state import watch_table


def fit_columns(view) -> None:
    """Columns as wide as their text on the first screenful (FIT_ROWS), the last one stretched,
    one line per row: numbers and dates are not cut to "…"."""
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)


def open_deal_page(ctx, parent, deal_id: int) -> DealPage:
    """Open the deal's page (not modal: the board stays usable) and load it."""
    page = DealPage(ctx, deal_id, parent)
    page.finished.connect(page.deleteLater)
    page.open()
    return page


class DealPage(QDialog):
    def __init__(self, ctx, deal_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("deal_page")
        self.ctx, self.deal_id, self.detail = ctx, deal_id, None
        self.setWindowTitle(self.tr("Deal"))
        self.resize(960, 700)  # within a 1366×768 screen
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("deal_summary")
        self.summary.setWordWrap(True)
        self.history = HistoryModel(self)
        self.history_view = read_only_table("deal_history", self.history)
        fit_columns(self.history_view)
        self.documents = DealDocumentsModel(self)
        self.documents_view = read_only_table("deal_documents", self.documents)
        fit_columns(self.documents_view)
        self.documents_view.activated.connect(lambda _i: self.open_document())  # double click or Enter
        self.documents_view.selectionModel().selectionChanged.connect(lambda *_: self._document_selected())
        self.steps = DealSteps(ctx, self)
        # A dialog is not watched by the main window: its tables say themselves what empty means.
        watch_table(self.history_view, self.tr("Nothing has happened on this deal yet."))
        watch_table(
            self.documents_view,
            self.tr("No documents yet: the signed quote, contract, receipts and handover papers appear here."),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        # Equal shares: a delivered deal has as many papers (quote, contract, receipts,
        # settlement, handover, 三包凭证) as history rows; at 3:2 the papers scrolled after four.
        layout.addWidget(self._box(self.tr("History"), self.history_view), 1)
        layout.addWidget(self._documents_box(), 1)
        layout.addLayout(self.steps)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        ctx.data_did_change.connect(self._on_change)
        self._document_selected()
        self.refresh()

    def _box(self, title: str, widget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _documents_box(self) -> QGroupBox:
        self.open_button = action_button(self.tr("Open…"), "open_document", self.open_document)
        self.print_button = action_button(self.tr("Print…"), "print_document", self.print_document)
        self.reprint_button = action_button(self.tr("Reprint…"), "reprint_document", self.reprint_document)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.print_button, self.reprint_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = self._box(self.tr("Documents"), self.documents_view)
        box.layout().addLayout(buttons)
        return box

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, deal_id = self.ctx, self.deal_id

        def work():
            from app.sales.board import deal_detail

            return deal_detail(ctx.uow(), actor=ctx.actor, deal_id=deal_id)

        run_op(self, work, self._loaded)

    def _loaded(self, detail) -> None:
        self.detail = detail
        d = detail.deal
        # Masked on screen (PIPL); the quote and contract the customer signs carry the full name.
        self.setWindowTitle(self.tr("Deal: {customer}").format(customer=d.customer_name_masked))
        lines = [
            self.tr("{customer} · {car} · {vin}").format(
                customer=d.customer_name_masked or self.tr("(anonymised)"),
                car=" ".join(p for p in (d.brand, d.model, d.trim) if p),
                vin=d.vin or self.tr("to order"),
            ),
            self.tr("Stage: {stage} · consultant: {consultant}").format(
                stage=label(DEAL_STAGE, d.stage), consultant=d.consultant_name
            ),
        ]
        if d.quote_total_fen is not None:
            lines.append(self.tr("Latest quote: {total}").format(total=yuan(d.quote_total_fen)))
        live = detail.contracts[-1] if detail.contracts else None
        if live is not None:
            lines.append(
                self.tr("Contract {number}: due {due}, paid {paid}, loan {loan}, open {open}").format(
                    number=live.number,
                    due=yuan(live.due_fen),
                    paid=yuan(live.paid_fen),
                    loan=yuan(live.loan_fen),
                    open=yuan(live.open_fen),
                )
            )
        if live is not None and live.status == "signed":
            lines.append(
                self.tr("Delivery by {date}; appointment: {when}").format(
                    date=live.delivery_date.isoformat(),
                    when=local_time(live.delivery_appointment_at) or self.tr("not yet made"),
                )
            )
        if d.cancel_reason:
            lines.append(self.tr("Cancelled: {reason}").format(reason=d.cancel_reason))
        self.summary.setText("\n".join(lines))
        self.history.set_rows(history_lines(detail))
        # A reload (a print just logged, a payment elsewhere) keeps the document chosen.
        chosen = self.selected_document()
        self.documents.set_rows(list(detail.documents))
        row = self.documents.row_of(chosen.id) if chosen else -1
        if row >= 0:
            self.documents_view.selectRow(row)
        self.steps.show_for(d)
        self._document_selected()

    def _on_change(self, changes: Changes, _initiator) -> None:
        if changes.sales or changes.payments or changes.documents:
            self.refresh()

    # --- documents ----------------------------------------------------------------------------
    def selected_document(self):
        rows = self.documents_view.selectionModel().selectedRows()
        return self.documents.row_at(rows[0].row()) if rows else None

    def _document_selected(self) -> None:
        doc = self.selected_document()
        for b in (self.open_button, self.print_button):
            b.setEnabled(doc is not None)
        self.reprint_button.setEnabled(doc is not None and not doc.voided)

    def _bytes(self, doc, then) -> None:
        ctx = self.ctx

        def work():
            from app.documents.api import get_document_bytes

            return get_document_bytes(ctx.uow(), actor=ctx.actor, document_id=doc.id)

        run_op(self, work, then)

    def _title(self, doc) -> str:
        return f"{label(DOC_TYPE, doc.doc_type)} {doc.number} v{doc.version}"

    def open_document(self) -> None:
        """The archived PDF in the preview, which prints it too."""
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        doc = self.selected_document()
        if doc is None:
            return

        def show(data: bytes) -> None:
            self.preview = PdfPreviewDialog(
                data, self._title(doc), self, on_printed=lambda r: self._record(doc.id, r.printer, r.copies, None)
            )
            self.preview.setObjectName("document_preview")
            self.preview.finished.connect(self.preview.deleteLater)
            self.preview.open()

        self._bytes(doc, show)

    def print_document(self) -> None:
        from ui.shell.printing import print_with_dialog

        doc = self.selected_document()
        if doc is None:
            return

        def send(data: bytes) -> None:
            self.print_job = print_with_dialog(
                self, data, self._title(doc), lambda r: self._record(doc.id, r.printer, r.copies, None)
            )

        self._bytes(doc, send)

    def reprint_document(self) -> None:
        """The selected version exactly as archived; the service refuses a voided or replaced one."""
        from ui.widgets.reprint import reprint

        doc, ctx = self.selected_document(), self.ctx
        if doc is None:
            return

        def fetch():
            from app.documents.api import reprint_copy

            return reprint_copy(ctx.uow(), actor=ctx.actor, document_id=doc.id)

        reprint(self, ctx, fetch, label(DOC_TYPE, doc.doc_type))

    def _record(self, document_id: int, printer: str, copies: int, kind: str | None) -> None:
        """Every print goes into the print ledger (who, when, where, copies)."""
        ctx = self.ctx

        def work():
            from app.documents.api import record_print

            return record_print(
                ctx.uow(), actor=ctx.actor, document_id=document_id, printer=printer[:200], copies=copies, kind=kind
            )

        Op(ctx, self, work).run()
