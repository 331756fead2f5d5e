"""Sales page (销售看板, issue #18.7): the deal board for consultants, managers and finance.

Deals by stage (quote, contract, awaiting payment, ready to deliver, delivered; cancelled only
when asked), each tab with its count; consultants see their own deals, managers and finance all
(the service scopes the list: app/sales/board.deal_board). A double-click opens the deal: its
history, its documents and the next step (ui/sales/deal_page.py). The list is read a page at a
time as the user scrolls, newest deal first (issue #18.11).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QTabBar, QVBoxLayout, QWidget

from app.core.dto import Changes
from app.core.permissions import Action, can
from app.sales.board import DEAL_PAGE
from ui.sales.board_labels import DEAL_STAGE
from ui.sales.deal_page import fit_columns
from ui.sales.deal_table_model import STAGE_COLUMN, DealPageModel
from ui.shell.labels import label
from ui.shell.workers import run_op
from ui.widgets.badge_delegate import badge_column
from ui.widgets.buttons import action_button
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.table_fit import read_only_table

# The tabs: every open deal first, then each stage in the order a sale moves.
TABS = (None, "quote", "contract", "awaiting_payment", "ready", "delivered", "cancelled")
SEARCH_DELAY_MS = 300


class SalesPage(RefreshWhenShown, QWidget):
    page_size = DEAL_PAGE  # rows read at a time

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.deal_dialog = None
        self.counts: dict[str, int] = {}
        self._build_filters()
        self.model = DealPageModel(self)
        self.table = read_only_table("deals_table", self.model)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        fit_columns(self.table)
        badge_column(self.table, STAGE_COLUMN, lambda deal: deal.stage)
        # Double click or Enter (activated): the keyboard reaches the deal as the mouse does.
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        ctx.data_did_change.connect(self._on_change)
        self._selection_changed()
        self.refresh()

    def _build_filters(self) -> None:
        roles = self.ctx.actor.roles
        self.tabs = QTabBar()
        self.tabs.setObjectName("stage_tabs")
        self.tabs.setExpanding(False)
        for stage in TABS:
            index = self.tabs.addTab("")
            self.tabs.setTabData(index, stage)
        self._label_tabs()
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        # Consultants only ever see their own deals; a manager who also sells can narrow to his.
        self.mine = QCheckBox(self.tr("My deals"))
        self.mine.setObjectName("my_deals")
        sees_all = any(r in roles for r in ("sales_manager", "finance"))
        self.mine.setChecked(not sees_all)
        self.mine.setEnabled(sees_all)
        self.mine.setVisible(can(roles, Action.SELL))
        self.mine.toggled.connect(lambda _on: self.refresh())
        self.search = QLineEdit()
        self.search.setObjectName("deal_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Customer name, contract number or last digits of the VIN"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.count = QLabel("")
        self.count.setObjectName("deal_count")
        self.open_button = action_button(self.tr("Open deal…"), "open_deal", self.open_selected)
        # A payment or a contract signed on another terminal reaches this page on the next read.
        self.refresh_button = action_button(self.tr("Refresh"), "refresh_deals", self.refresh)
        self.top = QHBoxLayout()
        self.top.addWidget(self.search, 1)
        self.top.addWidget(self.mine)
        self.top.addWidget(self.count)
        self.top.addWidget(self.refresh_button)
        self.top.addWidget(self.open_button)

    def _label_tabs(self) -> None:
        for index, stage in enumerate(TABS):
            # Every stage but cancelled, delivered deals too: not "open" ones.
            title = self.tr("All but cancelled") if stage is None else label(DEAL_STAGE, stage)
            if stage is None:
                n = sum(v for k, v in self.counts.items() if k != "cancelled")
            else:
                n = self.counts.get(stage, 0)
            self.tabs.setTabText(index, f"{title} ({n})" if self.counts else title)

    # --- loading ----------------------------------------------------------------------------
    def stage(self) -> str | None:
        return self.tabs.tabData(self.tabs.currentIndex())

    def refresh(self, select_id: int | None = None) -> None:
        ctx, size = self.ctx, self.page_size
        stage, mine, text = self.stage(), self.mine.isChecked(), self.search.text()

        def fetch(after):
            from app.sales.board import deal_board

            return deal_board(
                ctx.uow(), actor=ctx.actor, stage=stage, mine_only=mine, search=text, after=after, limit=size
            )

        run_op(self, lambda: fetch(None), lambda page: self._loaded(page, fetch, select_id))

    def _loaded(self, page, fetch, select_id) -> None:
        selected = select_id or (self.selected_deal().id if self.selected_deal() else None)
        self.model.set_page(page, fetch)
        self.counts = dict(page.counts)
        self._label_tabs()
        self.count.setText(self.tr("Deals: {count}").format(count=self.model.total))
        if selected is not None:
            row = self.model.find_row(selected)
            if row >= 0:
                self.table.selectRow(row)
        self._selection_changed()

    def _on_change(self, changes: Changes, _initiator) -> None:
        if changes.sales or changes.payments:
            self.refresh_when_visible()

    # --- the selected deal --------------------------------------------------------------------
    def selected_deal(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_deal() is not None)

    def open_selected(self):
        deal = self.selected_deal()
        if deal is not None:
            return self.open_deal(deal.id)
        return None

    def open_deal(self, deal_id: int):
        from ui.sales.deal_page import open_deal_page

        self.deal_dialog = open_deal_page(self.ctx, self, deal_id)
        return self.deal_dialog
