"""Administration page (系统管理): the store's details, source channels, consent texts, the
signing certificate and backups, one tab each, each shown only to the roles allowed its action."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button

# The actions that make the page (and its navigation entry) appear: one per tab.
ADMIN_ACTIONS = (
    Action.EDIT_STORE,
    Action.MANAGE_CHANNELS,
    Action.MANAGE_CONSENT_TEXTS,
    Action.MANAGE_CERTIFICATE,
    Action.MANAGE_BACKUPS,
)


def make_table(name: str, model) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


def selected_item(table: QTableView, proxy: QSortFilterProxyModel):
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    return proxy.sourceModel().row_at(proxy.mapToSource(rows[0]).row())


class StoreTab(QWidget):
    """The store's legal details, printed on every document and card."""

    FIELDS = ("legal_name", "address", "sales_hotline", "complaint_phone", "website", "card_url_template")

    def __init__(self, ctx) -> None:
        super().__init__()
        self.setObjectName("store_tab")
        self.ctx = ctx
        self.store = None
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        titles = {
            "legal_name": self.tr("Legal name"),
            "address": self.tr("Address"),
            "sales_hotline": self.tr("Sales hotline"),
            "complaint_phone": self.tr("Complaint phone"),
            "website": self.tr("Website"),
            "card_url_template": self.tr("Card QR link (optional)"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in self.FIELDS:
            edit = QLineEdit(objectName=name)
            self.edits[name] = edit
            form.addRow(titles[name], self.errors.wrap(name, edit))
        self._add_retention(form)
        self.edits["website"].setPlaceholderText("https://")
        # T/CSCA 120031 4.2.1.2: the card's QR may open the store's own page for the car.
        self.edits["card_url_template"].setPlaceholderText("https://www.example.cn/cars/{vin}")
        self.edits["card_url_template"].setToolTip(
            self.tr(
                "Leave empty and vehicle-card QR codes carry the card's facts as text. With a web "
                "address, {vin} is replaced by the car's VIN; the card number and version are always "
                "added. Changing it makes every card stale until reprinted."
            )
        )
        intro = QLabel(
            self.tr(
                "These details are printed on every document and vehicle card. A change "
                "applies to documents issued from now on; issued documents keep what "
                "they were signed with."
            )
        )
        intro.setWordWrap(True)
        self.save_button = action_button(self.tr("Save"), "save_store", self.save)
        self.reload_button = action_button(self.tr("Discard changes"), "reload_store", self.refresh)
        self.status = QLabel("")
        self.status.setObjectName("store_status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        box = QWidget()
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.store.store import get_store

            return get_store(ctx.uow())

        run_op(self, work, self._loaded)

    def _loaded(self, store) -> None:
        self.store = store
        self.errors.clear()
        for name in self.FIELDS:
            self.edits[name].setText(getattr(store, name) or "")
        self.retention.show_store(store)
        self.status.setText("")

    def _add_retention(self, form: QFormLayout) -> None:
        from ui.store.admin_retention import RetentionRow  # issue #17.16

        self.retention = RetentionRow(self.ctx)
        self.retention.saved.connect(self._retention_saved)
        form.addRow(self.tr("Visitor data kept"), self.retention)

    def _retention_saved(self, setting) -> None:
        # The store record's new version: the details typed meanwhile still save.
        from dataclasses import replace

        self.store = replace(self.store, version=setting.version, visitor_retention_months=setting.visitor_months)
        self.ctx.store = self.store
        self.retention.show_store(self.store)
        self.status.setText(self.tr("Saved."))

    def save(self) -> None:
        if self.store is None:
            return
        ctx, version = self.ctx, self.store.version
        values = {name: self.edits[name].text() for name in self.FIELDS}

        def work():
            from app.store.store import update_store

            return update_store(ctx.uow(), actor=ctx.actor, expected_version=version, **values)

        self.errors.clear()
        Op(ctx, self, work).busy(self.save_button).on_success(self._saved).on_failure(self._failed).run()

    def _saved(self, store) -> None:
        self._loaded(store)
        self.status.setText(self.tr("Saved."))
        self.ctx.store = store
        window = self.window()
        label = window.findChild(QLabel, "status_store") if window is not self else None
        if label is not None:
            label.setText(store.legal_name)

    def _failed(self, exc) -> None:
        # A stale save: whose change, when, what differs; Reload, or Reload and re-apply.
        self.conflict_box = self.errors.report_failure(self, exc, reload=self.refresh)


class ChannelsTab(QWidget):
    """Where visitors heard of the store: the check-in form's list (issue #4)."""

    def __init__(self, ctx) -> None:
        super().__init__()
        from ui.store.admin_models import ChannelColumn, ChannelTableModel

        self.setObjectName("channels_tab")
        self.ctx = ctx
        self.model = ChannelTableModel(self)
        self.table, self.proxy = make_table("channels_table", self.model)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(ChannelColumn.NAME_EN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = action_button(self.tr("Add…"), "add_channel", self.add)
        self.edit_button = action_button(self.tr("Edit…"), "edit_channel", self.edit_selected)
        intro = QLabel(
            self.tr(
                "The check-in form offers the active channels in this order. A channel "
                "is deactivated rather than deleted, so past visits keep their source."
            )
        )
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.reception.api import list_channels

            return list_channels(ctx.uow(), actor=ctx.actor, include_inactive=True)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def selected(self):
        return selected_item(self.table, self.proxy)

    def select_code(self, code: str) -> None:
        for row, c in enumerate(self.model.rows()):
            if c.code == code:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def add(self):
        return self._open(None)

    def edit_selected(self):
        channel = self.selected()
        return self._open(channel) if channel is not None else None

    def _open(self, channel):
        from ui.reception.api import ChannelDialog

        dialog = ChannelDialog(self.ctx, channel, self)
        dialog.saved.connect(self._saved)
        dialog.reload_requested.connect(self.refresh)
        dialog.open()
        return dialog

    def _saved(self, channel) -> None:
        self.refresh()
        self.select_code(channel.code)


class ConsentTab(QWidget):
    """Versioned consent notices (PIPL): the desk shows the current one before taking a name."""

    def __init__(self, ctx) -> None:
        super().__init__()
        from ui.store.admin_models import ConsentTextTableModel

        self.setObjectName("consent_tab")
        self.ctx = ctx
        self.current = None
        self.model = ConsentTextTableModel(self)
        self.table, self.proxy = make_table("consent_table", self.model)
        self.publish_button = action_button(self.tr("Publish new version…"), "publish_consent", self.publish)
        intro = QLabel(
            self.tr(
                "The check-in desk shows the current text before it records a visitor's "
                "name or mobile. Published texts are never changed; each consent keeps "
                "the version the visitor saw."
            )
        )
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.publish_button)
        self.text_zh = QPlainTextEdit(objectName="consent_text_zh")
        self.text_en = QPlainTextEdit(objectName="consent_text_en")
        texts = QWidget()
        grid = QGridLayout(texts)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (title, edit) in enumerate(
            ((self.tr("Chinese text"), self.text_zh), (self.tr("English text"), self.text_en))
        ):
            edit.setReadOnly(True)
            grid.addWidget(QLabel(title), 0, col)
            grid.addWidget(edit, 1, col)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(texts)
        splitter.setSizes([220, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        ctx = self.ctx

        def work():
            from app.core.clock import utcnow
            from app.core.errors import NotFound
            from app.reception.api import current_consent_text, list_consent_texts

            now = utcnow()
            rows = list_consent_texts(ctx.uow(), actor=ctx.actor)
            current = []
            for purpose in dict.fromkeys(r.purpose for r in rows):
                try:
                    current.append(current_consent_text(ctx.uow(), purpose=purpose, now=now))
                except NotFound:
                    pass
            return rows, current, {r.id for r in rows if r.effective_from > now}

        run_op(self, work, lambda result: self._loaded(*result, select_id))

    def _loaded(self, rows, current, future, select_id) -> None:
        self.current = next((c for c in current if c.purpose == "contact"), current[0] if current else None)
        self.model.set_texts(rows, {c.id for c in current}, future)
        wanted = select_id if select_id is not None else (self.current.id if self.current else None)
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._show_selected()

    def selected(self):
        return selected_item(self.table, self.proxy)

    def _show_selected(self) -> None:
        t = self.selected()
        self.text_zh.setPlainText(t.text_zh if t else "")
        self.text_en.setPlainText(t.text_en if t else "")

    def publish(self):
        from ui.reception.api import ConsentTextDialog

        dialog = ConsentTextDialog(self.ctx, self, based_on=self.current)
        dialog.published.connect(self._published)
        dialog.open()
        return dialog

    def _published(self, text) -> None:
        self.refresh(select_id=text.id)


class AdminPage(QTabWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.tabs: dict[str, QWidget] = {}
        if can(roles, Action.EDIT_STORE):
            self._add("store", StoreTab(ctx), self.tr("Store"))
        if can(roles, Action.MANAGE_CHANNELS):
            self._add("channels", ChannelsTab(ctx), self.tr("Source channels"))
        if can(roles, Action.MANAGE_CONSENT_TEXTS):
            self._add("consent", ConsentTab(ctx), self.tr("Consent texts"))
        if can(roles, Action.MANAGE_CERTIFICATE):
            from ui.store.admin_certificate_tab import CertificateTab

            self._add("certificate", CertificateTab(ctx), self.tr("Signing certificate"))
        if can(roles, Action.MANAGE_BACKUPS):  # their own right (issue #8.5, #15.9)
            from ui.store.admin_backup_tab import BackupTab

            self._add("backup", BackupTab(ctx), self.tr("Backup"))

    def _add(self, key: str, tab: QWidget, title: str) -> None:
        self.tabs[key] = tab
        self.addTab(tab, title)

    def tab_keys(self) -> list[str]:
        return list(self.tabs)
