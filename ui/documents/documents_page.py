"""Documents page (文件档案): the immutable archive of issued, digitally signed documents.

Find a document, open it (preview, print to any printer, save a byte-identical copy, verify
the signature), see its print ledger, void it with a reason (managers), issue a new store
notice signed on screen, or verify a PDF file someone brings back. Issue #3.

The archive is read a page at a time as the user scrolls (DocumentPageModel): the search, type
and voided filters run in the service over the whole archive, and the count is of every match
(issue #17, peak memory on dataset S).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from app.documents.archive_page import DOCUMENT_PAGE

from ui.shell.labels import DOC_TYPE, label, local_time
from ui.documents.document_table_model import DocColumn, DocumentPageModel, PrintLedgerModel
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.table_fit import FIT_ROWS
from ui.widgets.buttons import action_button
from ui.widgets.badge_delegate import badge_column


class DocumentsPage(QWidget):
    page_size = DOCUMENT_PAGE  # rows read at a time

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.preview = None
        self.last_verification = None

        top = self._build_toolbar(roles)
        splitter = self._build_views()

        self.count = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

        self._debounce = QTimer(self, singleShot=True, interval=250, timeout=self._narrowed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.type_filter.currentIndexChanged.connect(lambda _i: self._narrowed())
        # Showing voided documents only adds rows: the selected one stays selected.
        self.show_voided.toggled.connect(lambda _b: self.refresh())
        ctx.data_did_change.connect(self._on_change)
        self._selection_changed()
        self.refresh()

    def _build_toolbar(self, roles) -> QHBoxLayout:
        """Search, type and voided filters, and the page's actions (by permission)."""
        self.search = QLineEdit()
        self.search.setObjectName("document_search")
        self.search.setPlaceholderText(self.tr("Search by document number or subject"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(360)
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("document_type_filter")
        self.type_filter.addItem(self.tr("All types"), None)
        for key in DOC_TYPE:
            self.type_filter.addItem(label(DOC_TYPE, key), key)
        self.show_voided = QCheckBox(self.tr("Show voided"))
        self.show_voided.setObjectName("show_voided")

        self.open_button = action_button(self.tr("Open…"), "open_document", self.open_selected)
        # Issue #17.17: a lost or damaged copy, printed again exactly as archived.
        self.reprint_button = action_button(self.tr("Reprint…"), "reprint_document", self.reprint_selected)
        self.reprint_button.setVisible(can(roles, Action.PRINT_DOCUMENTS))
        self.void_button = action_button(self.tr("Void…"), "void_document", self.void_selected)
        self.void_button.setVisible(can(roles, Action.VOID_DOCUMENTS))
        self.notice_button = action_button(self.tr("New store notice…"), "new_store_notice", self.new_store_notice)
        self.notice_button.setVisible(can(roles, Action.ISSUE_STORE_NOTICE))
        self.verify_file_button = action_button(
            self.tr("Verify a PDF file…"), "verify_file", lambda: self.verify_file()
        )  # clicked(bool) is no path

        top = QHBoxLayout()
        for w in (self.search, self.type_filter, self.show_voided):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.open_button, self.reprint_button, self.void_button, self.notice_button, self.verify_file_button):
            top.addWidget(w)
        return top

    def _build_views(self) -> QSplitter:
        """The archive table above; the selected document's details and print ledger below."""
        self.model = DocumentPageModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        # Fit columns to the first screenful, not to 1000 rows (issue #10: years of data).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setObjectName("documents_table")
        self.table.setModel(self.proxy)
        badge_column(self.table, DocColumn.STATUS, lambda d: d.status)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.details = QLabel("")
        self.details.setObjectName("document_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ledger = PrintLedgerModel(self)
        self.ledger_view = QTableView()
        self.ledger_view.setObjectName("print_ledger")
        self.ledger_view.setModel(self.ledger)
        self.ledger_view.setProperty(
            "empty_text", self.tr("Not printed yet. Each print of the chosen document is listed here.")
        )
        self.ledger_view.verticalHeader().setVisible(False)
        self.ledger_view.horizontalHeader().setStretchLastSection(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details)
        lower_layout.addWidget(QLabel(self.tr("Print ledger")))
        lower_layout.addWidget(self.ledger_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([500, 220])
        return splitter

    # -- list --------------------------------------------------------------------------------
    def _narrowed(self) -> None:
        """A new search or type: the list from its top, one page read, not read on after the
        document selected before, which may not match any more (up to 2,000 rows on the UI
        thread otherwise)."""
        self.table.clearSelection()
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        ctx = self.ctx
        text, doc_type, voided = self.search.text(), self.type_filter.currentData(), self.show_voided.isChecked()
        size = self.page_size
        if select_id is None and (current := self.selected_document()) is not None:
            select_id = current.id  # a reload (a print recorded elsewhere) keeps the selection

        def fetch(after):
            from app.documents.documents import DocumentQuery, list_document_page

            query = DocumentQuery(text=text, doc_type=doc_type, include_voided=voided, after=after, limit=size)
            return list_document_page(ctx.uow(), actor=ctx.actor, query=query)

        run_op(self, lambda: fetch(None), lambda page: self._loaded(page, fetch, select_id))

    def _loaded(self, page, fetch, select_id) -> None:
        self.model.set_page(page, fetch)
        # A new list starts at its top: left at the old bottom, the view would not ask for more.
        self.table.scrollToTop()
        self.count.setText(self.tr("Documents: {count}").format(count=self.model.total))
        if select_id is not None:
            self.select_document(select_id)
        self._selection_changed()

    def _on_change(self, changes, _initiator) -> None:
        if getattr(changes, "documents", False):
            self.refresh()

    def select_document(self, document_id: int) -> None:
        row = self.model.find_row(document_id)  # an older document is read up to it
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def selected_document(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.document_at(self.proxy.mapToSource(rows[0]).row())

    def _selection_changed(self) -> None:
        doc = self.selected_document()
        self.open_button.setEnabled(doc is not None)
        self.void_button.setEnabled(doc is not None and not doc.is_voided)
        self.reprint_button.setEnabled(doc is not None and not doc.is_voided)
        if doc is None:
            self.details.setText(self.tr("Select a document to see its details and print ledger."))
            self.ledger.set_rows([])
            return
        lines = [
            self.tr("{type} {number} v{version}, issued {time} by {issuer}.").format(
                type=label(DOC_TYPE, doc.doc_type),
                number=doc.number,
                version=doc.version,
                time=local_time(doc.issued_at),
                issuer=doc.issued_by_name,
            )
        ]
        lines.append(
            self.tr("Digitally signed by {signer}; SHA-256 {sha}.").format(
                signer=doc.signer_subject or "—", sha=doc.sha256[:16] + "…"
            )
            if doc.signed
            else self.tr("Not digitally signed.")
        )
        if doc.signatures:
            lines.append(
                self.tr("Handwritten signatures: {names}").format(
                    names=", ".join(f"{s.signer_name} ({local_time(s.signed_at)})" for s in doc.signatures)
                )
            )
        if doc.is_voided:
            lines.append(
                self.tr("Voided {time} by {who}: {reason}").format(
                    time=local_time(doc.voided_at), who=doc.voided_by_name or "", reason=doc.void_reason or ""
                )
            )
            if doc.replaced_by_version:
                lines.append(self.tr("Replaced by version {version}.").format(version=doc.replaced_by_version))
        self.details.setText("\n".join(lines))
        ctx, doc_id = self.ctx, doc.id

        def work():
            from app.documents.documents import list_prints

            return list_prints(ctx.uow(), actor=ctx.actor, document_id=doc_id)

        run_op(self, work, self.ledger.set_rows)

    # -- open, print, save, verify --------------------------------------------------------------
    def open_selected(self) -> None:
        doc = self.selected_document()
        if doc is not None:
            self.open_document(doc)

    def open_document(self, doc) -> None:
        ctx = self.ctx

        def work():
            from app.documents.documents import get_document_bytes

            return get_document_bytes(ctx.uow(), actor=ctx.actor, document_id=doc.id)

        run_op(self, work, lambda data: self._show_preview(doc, data))

    def _show_preview(self, doc, data: bytes) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        ctx = self.ctx

        def verify(pdf: bytes):
            from app.documents.documents import verify_document_bytes

            return verify_document_bytes(ctx.uow(), actor=ctx.actor, pdf_bytes=pdf)

        title = f"{label(DOC_TYPE, doc.doc_type)} {doc.number} v{doc.version}"
        dialog = PdfPreviewDialog(
            data,
            title,
            self,
            verify=verify,
            on_printed=lambda result: self._record(doc.id, result.printer, result.copies, None),
        )
        dialog.setObjectName("document_preview")
        dialog.saved.connect(lambda path: self._record(doc.id, path, 1, "export"))
        dialog.finished.connect(dialog.deleteLater)
        self.preview = dialog
        dialog.open()

    def _record(self, document_id: int, printer: str, copies: int, kind: str | None) -> None:
        """Every print, reprint and saved copy goes into the ledger (who, when, where, copies)."""
        ctx = self.ctx

        def work():
            from app.documents.documents import record_print

            return record_print(
                ctx.uow(), actor=ctx.actor, document_id=document_id, printer=printer, copies=copies, kind=kind
            )

        def done(_entry) -> None:
            if (doc := self.selected_document()) is not None and doc.id == document_id:
                self._selection_changed()

        Op(ctx, self, work).on_success(done).run()

    def verify_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Verify a PDF file"), "", self.tr("PDF files (*.pdf)"))
            if not path:
                return
        ctx = self.ctx

        def work():
            from app.documents.documents import verify_document_bytes

            data = Path(path).read_bytes()
            return verify_document_bytes(ctx.uow(), actor=ctx.actor, pdf_bytes=data)

        run_op(self, work, self._show_verification)

    def _show_verification(self, result) -> None:
        from ui.widgets.labels_verification import change_lines, verdict_text

        self.last_verification = result
        texts = {
            "intact": self.tr("The document is unchanged since this store signed it."),
            "modified": self.tr("Warning: this document was changed after it was signed, or it is damaged."),
            "unsigned": self.tr("This document has no digital signature."),
            "untrusted": self.tr(
                "The document is unchanged since it was signed, but not with this store's certificate."
            ),
        }
        lines = [verdict_text(result) or texts.get(result.status, result.status)]
        lines += change_lines(result)  # issue #15.5: name what changed after signing
        if result.signer_subject:
            lines.append(
                self.tr("Signed by {signer} on {time} (China time).").format(
                    signer=result.signer_subject, time=local_time(result.signed_at)
                )
            )
        if result.archived_number:
            lines.append(
                self.tr("It is archived as {number} v{version}{voided}.").format(
                    number=result.archived_number,
                    version=result.archived_version,
                    voided=self.tr(" (voided since)") if result.archived_voided else "",
                )
            )
        icon = QMessageBox.Icon.Information if result.status == "intact" else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("Verify a PDF file"), "\n".join(lines), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("verification_result")
        box.finished.connect(box.deleteLater)
        box.open()

    def reprint_selected(self) -> None:
        """The selected version exactly as archived, to a printer; a "reprint" ledger line."""
        from ui.widgets.reprint import reprint

        doc = self.selected_document()
        if doc is None:
            return
        ctx, doc_id = self.ctx, doc.id

        def fetch():
            if doc.doc_type == "vehicle_card" and doc.subject_id is not None:
                # A card is reprinted only while it is the car's current, up-to-date card (4.2.1.2).
                from app.showroom.api import reprint_card

                copy = reprint_card(ctx.uow(), actor=ctx.actor, vehicle_id=doc.subject_id)
                if copy.document.id == doc_id:
                    return copy
            from app.documents.api import reprint_copy

            return reprint_copy(ctx.uow(), actor=ctx.actor, document_id=doc_id)

        reprint(self, ctx, fetch, label(DOC_TYPE, doc.doc_type), on_recorded=lambda _e: self._selection_changed())

    # -- void and issue ----------------------------------------------------------------------------
    def void_selected(self) -> None:
        from ui.documents.void_document_dialog import VoidDocumentDialog

        doc = self.selected_document()
        if doc is None:
            return
        dialog = VoidDocumentDialog(self.ctx, doc, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def new_store_notice(self):
        from ui.documents.store_notice_dialog import StoreNoticeDialog

        dialog = StoreNoticeDialog(self.ctx, self)
        dialog.issued.connect(self._issued)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _issued(self, doc) -> None:
        self.refresh(select_id=doc.id)
        self.open_document(doc)
