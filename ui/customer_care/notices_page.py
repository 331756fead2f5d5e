"""Public notices page (公示, issue #19.5; T/CSCA 120031 4.1.3.5-4.1.3.6, 办法 art. 11): every
version of the warranty and 三包 policy, the service fees, the complaint phone and process and
the NEV charging-pile service, with its effective date; for the version in force, whether its
poster on the wall is current, not printed yet, or stale because the store details it prints
have changed (shown in the warning colour). Poster… previews the bilingual A4 poster; printing
it records the print, which makes the poster current again. New version… publishes the next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from app.core.dto import Changes
from app.core.permissions import Action, can
from app.customer_care.api import list_notices, record_notice_print, render_notice_poster
from ui.customer_care.notice_labels import KIND, POSTER, STATE, word
from ui.shell.labels import local_time
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.style_tokens import TONES
from ui.widgets.table_fit import read_only_table
from ui.widgets.table_model import DtoTableModel

CTX = "NoticeTableModel"
DISPLAY = Qt.ItemDataRole.DisplayRole
POSTER_COLUMN = 5
POSTER_TONES = {"stale": TONES["warning"], "unprinted": TONES["warning"], "current": TONES["success"]}


class NoticeTableModel(DtoTableModel):
    COLUMN_COUNT = 7
    HEADERS = (
        QT_TRANSLATE_NOOP("NoticeTableModel", "Notice"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "Version"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "Title"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "In effect from"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "State"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "Poster"),
        QT_TRANSLATE_NOOP("NoticeTableModel", "Published"),
    )

    def data(self, index: QModelIndex, role: int = DISPLAY):
        n = self.item(index)
        if n is None:
            return None
        tone = POSTER_TONES.get(n.poster or "") if index.column() == POSTER_COLUMN else None
        if role == Qt.ItemDataRole.BackgroundRole and tone:
            return QColor(tone[0])
        if role == Qt.ItemDataRole.ForegroundRole and tone:
            return QColor(tone[1])
        if role != DISPLAY:
            return None
        return (
            word(KIND, n.kind), str(n.version), n.title_zh, n.effective_from.isoformat(), word(STATE, n.state),
            word(POSTER, n.poster), f"{local_time(n.published_at)} {n.published_by}",
        )[index.column()]  # fmt: skip

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.COLUMN_COUNT:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None


class NoticesPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.model = NoticeTableModel(self)
        self.table = read_only_table("notices_table", self.model)
        # A handful of rows: every column shows its whole title (as the complaints board does).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.stale = QLabel(objectName="notices_stale")
        self.publish_button = action_button(
            self.tr("New version…"), "new_notice_version", self.publish,
            visible=can(ctx.actor.roles, Action.ISSUE_STORE_NOTICE),
        )  # fmt: skip
        self.poster_button = action_button(self.tr("Poster…"), "notice_poster", self.show_poster)
        bar = QHBoxLayout()
        bar.addWidget(self.stale, 1)
        bar.addWidget(action_button(self.tr("Refresh"), "refresh_notices", self.refresh))
        bar.addWidget(self.publish_button)
        bar.addWidget(self.poster_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        ctx.data_did_change.connect(self._on_change)
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: list_notices(ctx.uow(), actor=ctx.actor), self._loaded)

    def _loaded(self, notices) -> None:
        self.model.set_rows(list(notices))
        stale = [n for n in notices if n.state == "in_force" and n.poster != "current"]
        self.stale.setText(
            self.tr("Posters to print or reprint: {count}").format(count=len(stale))
            if stale
            else self.tr("Every poster in force is current.")
        )
        self._selection_changed()

    def _on_change(self, changes: Changes, _initiator) -> None:
        if changes.documents or changes.store:  # a new phone number makes posters stale
            self.refresh_when_visible()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        self.poster_button.setEnabled(self.selected() is not None)

    def publish(self) -> None:
        from ui.customer_care.notice_dialog import PublishNoticeDialog

        current = {n.kind: n for n in self.model.rows() if n.state == "in_force"}
        row = self.selected()
        self.dialog = PublishNoticeDialog(self.ctx, current, row.kind if row else "complaint_process", self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    def show_poster(self) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        ctx, row = self.ctx, self.selected()
        if row is None:
            return
        title = self.tr("Notice: {title}").format(title=row.title_zh)

        def printed(_result) -> None:  # the print is what makes the poster on the wall current
            Op(ctx, self, lambda: record_notice_print(ctx.uow(), actor=ctx.actor, notice_id=row.id)).run()

        def show(pdf: bytes) -> None:
            self.dialog = PdfPreviewDialog(pdf, title, self, on_printed=printed)
            self.dialog.finished.connect(self.dialog.deleteLater)
            self.dialog.open()

        run_op(self, lambda: render_notice_poster(ctx.uow(), actor=ctx.actor, notice_id=row.id), show)
