"""Audit log page (issue #9 item 4): managers browse and filter the hash-chained audit trail
by user, table, action and store-local date range, and check the chain (tampering is named by
the first broken link, as `showroom admin verify-audit` does)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_day_bounds, store_today, to_store_time
from ui.shell.labels import label
from ui.widgets.paged_rows import PagedRows
from ui.widgets.table_model import DtoTableModel
from ui.shell.workers import run_op
from ui.widgets.store_dates import qdate

AUDIT_ACTION = {
    "login": QT_TRANSLATE_NOOP("Labels", "Logged in"),
    "login_failed": QT_TRANSLATE_NOOP("Labels", "Failed login"),
    "logout": QT_TRANSLATE_NOOP("Labels", "Logged out"),
    "session_unlocked": QT_TRANSLATE_NOOP("Labels", "Unlocked the screen"),
    "password_changed": QT_TRANSLATE_NOOP("Labels", "Changed own password"),
    "password_reset": QT_TRANSLATE_NOOP("Labels", "Password reset"),
    "insert": QT_TRANSLATE_NOOP("Labels", "Created"),
    "update": QT_TRANSLATE_NOOP("Labels", "Changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Deleted"),
    "print": QT_TRANSLATE_NOOP("Labels", "Printed"),
    "export": QT_TRANSLATE_NOOP("Labels", "Exported"),
    "unmask": QT_TRANSLATE_NOOP("Labels", "Showed a personal number"),
    "export_person": QT_TRANSLATE_NOOP("Labels", "Exported a person's data"),
    "anonymise": QT_TRANSLATE_NOOP("Labels", "Anonymised"),
    "key_rotated": QT_TRANSLATE_NOOP("Labels", "Personal-data key rotated"),
    "restore_damaged": QT_TRANSLATE_NOOP("Labels", "Restored a backup that failed its check"),
}

CHAIN_REASON = {
    "edited": QT_TRANSLATE_NOOP("AuditPage", "the entry was edited"),
    "deleted": QT_TRANSLATE_NOOP("AuditPage", "the entry was deleted"),
    "inserted": QT_TRANSLATE_NOOP("AuditPage", "an entry was inserted or replaced"),
    "truncated": QT_TRANSLATE_NOOP("AuditPage", "entries were cut off the end"),
    # Against the head kept outside the database (issue #15 item 7).
    "wiped": QT_TRANSLATE_NOOP(
        "AuditPage", "entries this terminal or the backup saw are gone (the log was cut back or wiped)"
    ),
    "rewritten": QT_TRANSLATE_NOOP("AuditPage", "the log was rebuilt after this terminal last saw it"),
}


def summary(detail: dict) -> str:
    """One line for the table: the changed fields, or the event's own details."""
    for key in ("changes", "after", "before"):
        if key in detail and isinstance(detail[key], dict):
            return ", ".join(sorted(detail[key]))
    return ", ".join(f"{k}={v}" for k, v in sorted(detail.items()))


class AuditTableModel(DtoTableModel):
    COLUMN_COUNT = 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("#"),
            self.tr("Time"),
            self.tr("User"),
            self.tr("Action"),
            self.tr("Record"),
            self.tr("Details"),
        )[section]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        e = self.item(index)
        if e is None:
            return None
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return e.id
            if c == 1:
                return to_store_time(e.at).strftime("%Y-%m-%d %H:%M:%S")
            if c == 2:
                return e.actor_name or (str(e.actor_id) if e.actor_id else "—")
            if c == 3:
                return label(AUDIT_ACTION, e.action) if e.action in AUDIT_ACTION else e.action
            if c == 4:
                return f"{e.table_name} {e.record_id}".strip()
            if c == 5:
                return summary(e.detail)
        if role == Qt.ItemDataRole.UserRole:
            return e.id if c == 0 else None
        return None


class AuditPageModel(PagedRows, AuditTableModel):
    """The entries, newest first, fetched a page at a time (app/privacy/audit.list_event_page)."""


class AuditPage(QWidget):
    page_size = 200  # entries read at a time (issue #17, peak memory); tests make it small

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user_filter = QComboBox(objectName="audit_user")
        self.table_filter = QComboBox(objectName="audit_table")
        self.action_filter = QComboBox(objectName="audit_action")
        self.action_filter.addItem(self.tr("All actions"), "")
        for key in AUDIT_ACTION:
            self.action_filter.addItem(label(AUDIT_ACTION, key), key)
        today = store_today()
        self.date_from = QDateEdit(qdate(today - dt.timedelta(days=7)), objectName="audit_from")
        self.date_to = QDateEdit(qdate(today), objectName="audit_to")
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(self.tr("Show"), objectName="audit_show")
        self.search_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("Check the chain"), objectName="audit_verify")
        self.verify_button.clicked.connect(self.verify)
        self.chain_label = QLabel("", objectName="audit_chain")
        self.count = QLabel("", objectName="audit_count")

        top = self._filter_bar()
        split = self._table_and_detail()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.chain_label)
        layout.addLayout(bottom)
        self._load_choices()
        self.refresh()

    def _filter_bar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        for text, w in (
            (self.tr("User"), self.user_filter),
            (self.tr("Table"), self.table_filter),
            (self.tr("Action"), self.action_filter),
            (self.tr("From"), self.date_from),
            (self.tr("To"), self.date_to),
        ):
            top.addWidget(QLabel(text))
            top.addWidget(w)
        top.addWidget(self.search_button)
        top.addStretch(1)
        top.addWidget(self.verify_button)
        return top

    def _table_and_detail(self) -> QSplitter:
        self.model = AuditPageModel(self)
        # Newest first, as the service reads them a page at a time: sorting by a column would
        # order only the entries read so far, so the header does not sort.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="audit_table_view")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.detail = QPlainTextEdit(objectName="audit_detail")
        self.detail.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        return split

    def _load_choices(self) -> None:
        ctx = self.ctx

        def work():
            from app.privacy.audit import filter_choices

            return filter_choices(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._choices_loaded)

    def _choices_loaded(self, choices) -> None:
        tables, users = choices
        for box, first, items in (
            (self.user_filter, self.tr("All users"), users),
            (self.table_filter, self.tr("All tables"), [(t, t) for t in tables]),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(first, None)
            for key, text in items:
                box.addItem(text, key)
            i = box.findData(current)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)

    def query(self):
        from app.privacy.audit import AuditQuery

        start = store_day_bounds(self.date_from.date().toPython())[0]
        end = store_day_bounds(self.date_to.date().toPython())[1]
        return AuditQuery(
            actor_id=self.user_filter.currentData(),
            table_name=self.table_filter.currentData() or "",
            action=self.action_filter.currentData() or "",
            since=start,
            until=end,
        )

    def refresh(self) -> None:
        ctx, query, size = self.ctx, self.query(), self.page_size
        selected = self.selected_entry()

        def fetch(after):
            from dataclasses import replace

            from app.privacy.audit import list_event_page

            return list_event_page(ctx.uow(), actor=ctx.actor, query=replace(query, after=after, limit=size))

        run_op(self, lambda: fetch(None), lambda page: self._loaded(page, fetch, selected))

    def _loaded(self, page, fetch, selected: int | None = None) -> None:
        self.model.set_page(page, fetch)
        self.count.setText(self.tr("Entries: {count}").format(count=self.model.total))
        self.detail.clear()
        if selected is not None:
            self.select_entry(selected)

    def selected_entry(self) -> int | None:
        """The number of the selected entry, if any."""
        idx = self.table.selectionModel().selectedRows()
        e = self.model.item(self.proxy.mapToSource(idx[0])) if idx else None
        return e.id if e is not None else None

    def select_entry(self, entry_id: int) -> None:
        row = self.model.find_row(entry_id)  # an entry further down is read up to it
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _show_detail(self) -> None:
        import json

        idx = self.table.selectionModel().selectedRows()
        e = self.model.item(self.proxy.mapToSource(idx[0])) if idx else None
        self.detail.setPlainText("" if e is None else json.dumps(e.detail, ensure_ascii=False, indent=2, default=str))

    def verify(self) -> None:
        ctx = self.ctx

        def work():
            from app.privacy.audit import verify_chain

            return verify_chain(ctx.uow())

        self.verify_button.setEnabled(False)
        run_op(self, work, self._verified, self._verify_failed)

    def _verified(self, report) -> None:
        from PySide6.QtCore import QCoreApplication

        self.verify_button.setEnabled(True)
        if report.ok:
            self.chain_label.setStyleSheet("color: #2e7d32;")
            self.chain_label.setText(self.tr("Chain intact: {count} entries checked.").format(count=report.events))
        else:
            reason = QCoreApplication.translate("AuditPage", CHAIN_REASON.get(report.reason, ""))
            self.chain_label.setStyleSheet("color: #c62828; font-weight: bold;")
            self.chain_label.setText(
                self.tr("Chain broken at entry {n}: {reason}.").format(n=report.broken_at, reason=reason)
            )

    def _verify_failed(self, exc) -> None:
        from ui.shell.errors import show_error

        self.verify_button.setEnabled(True)
        show_error(self, exc)
