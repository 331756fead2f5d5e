"""Price list page (价格公示; 《汽车销售管理办法》 art. 10, T/CSCA 120031 4.3.2.1-4.3.2.2; issue #18.1).

Above, every version of the list (draft, published, the one in force today) with its public
notice's number; below, the lines of the selected version. A sales manager starts a new
version, adds, edits and removes lines of a draft, publishes it (the bilingual notice is
printed and archived; the list is fixed from then on) and sets the discount approval
threshold. Everyone else reads. The services check every permission and rule; this page only
hides what the user may not do.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from app.core.permissions import Action, can
from ui.sales.price_table_model import PriceItemTableModel, PriceListTableModel, yuan_text
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.table_fit import read_only_table


def _table(name: str, model) -> QTableView:
    table = read_only_table(name, model)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    return table


class PriceListPage(QWidget):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.setObjectName("price_list_page")
        self.ctx = ctx
        self.manage = can(ctx.actor.roles, Action.MANAGE_PRICE_LIST)
        self.lists, self.items = PriceListTableModel(self), PriceItemTableModel(self)
        self.list_table, self.item_table = _table("price_lists", self.lists), _table("price_items", self.items)
        self.current = None  # the selected version with its lines (PriceListDTO)
        self.threshold = None  # DiscountThresholdDTO
        self.select_id: int | None = None  # the version to select once the lists reload
        self.dialog = self.confirm_box = self.preview = None
        self._buttons()
        self.threshold_label = QLabel(objectName="discount_threshold")
        self.list_table.selectionModel().selectionChanged.connect(lambda *_: self._list_selected())
        self.item_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.item_table.doubleClicked.connect(lambda _i: self.edit_item())
        self._layout()
        ctx.data_did_change.connect(lambda changes, _src: changes.price_list and self.refresh())
        self._enable()
        self.refresh()

    def _buttons(self) -> None:
        m = self.manage
        self.new_button = action_button(self.tr("New version…"), "new_price_list", self.new_version, visible=m)
        self.header_button = action_button(self.tr("Edit version…"), "edit_price_list", self.edit_version, visible=m)
        self.add_button = action_button(self.tr("Add line…"), "add_price_item", self.add_item, visible=m)
        self.edit_button = action_button(self.tr("Edit line…"), "edit_price_item", self.edit_item, visible=m)
        self.remove_button = action_button(self.tr("Remove line"), "remove_price_item", self.remove_item, visible=m)
        self.publish_button = action_button(self.tr("Publish…"), "publish_price_list", self.ask_publish, visible=m)
        self.notice_button = action_button(self.tr("Public notice…"), "show_price_notice", self.show_notice)
        self.threshold_button = action_button(
            self.tr("Discount threshold…"), "set_discount_threshold", self.change_threshold, visible=m
        )

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Published prices and fees")))
        top.addStretch(1)
        top.addWidget(self.threshold_label)
        top.addWidget(self.threshold_button)
        top.addWidget(self.new_button)
        lines = QHBoxLayout()
        self.lines_title = QLabel(objectName="price_items_title")
        lines.addWidget(self.lines_title, 1)
        b: QPushButton
        for b in (
            self.notice_button,
            self.header_button,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.publish_button,
        ):
            lines.addWidget(b)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lines)
        lower_layout.addWidget(self.item_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list_table)
        split.addWidget(lower)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.sales.price_list import list_price_lists
            from app.sales.price_threshold import discount_threshold

            return list_price_lists(ctx.uow(), actor=ctx.actor), discount_threshold(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, result) -> None:
        lists, self.threshold = result
        keep = self.select_id or (self.current.id if self.current else None)
        self.select_id = None
        self.lists.set_rows(lists)
        self.list_table.resizeColumnsToContents()
        self.threshold_label.setText(
            self.tr("Discounts above {amount} need approval").format(
                amount=yuan_text(self.threshold.discount_approval_fen)
            )
        )
        row = self.lists.row_of(keep) if keep else -1
        if row < 0:  # first the list in force, else the newest
            row = next((i for i, p in enumerate(lists) if p.in_force), 0 if lists else -1)
        if row >= 0:  # the model was reset, so selecting emits selectionChanged: that loads the lines
            self.list_table.selectRow(row)
        else:
            self._show(None)

    def _list_selected(self) -> None:
        rows = self.list_table.selectionModel().selectedRows()
        chosen = self.lists.item(rows[0]) if rows else None
        if chosen is None:
            self._show(None)
            return
        ctx, list_id = self.ctx, chosen.id

        def work():
            from app.sales.price_list import get_price_list

            return get_price_list(ctx.uow(), actor=ctx.actor, price_list_id=list_id)

        run_op(self, work, self._show)

    def _show(self, price_list) -> None:
        self.current = price_list
        self.items.set_rows(list(price_list.items) if price_list else [])
        self.item_table.resizeColumnsToContents()
        if price_list is None:
            self.lines_title.setText(self.tr("No price list yet."))
        else:
            self.lines_title.setText(
                self.tr("Lines of {title}, effective from {day}").format(
                    title=price_list.title, day=price_list.effective_from.isoformat()
                )
            )
        self._enable()

    def _enable(self) -> None:
        draft = self.current is not None and not self.current.published
        item = self.selected_item()
        self.add_button.setEnabled(draft)
        self.header_button.setEnabled(draft)
        self.notice_button.setEnabled(self.current is not None and self.current.notice_document_id is not None)
        self.edit_button.setEnabled(draft and item is not None)
        self.remove_button.setEnabled(draft and item is not None)
        self.publish_button.setEnabled(draft)
        self.threshold_button.setEnabled(self.threshold is not None)

    def selected_item(self):
        rows = self.item_table.selectionModel().selectedRows()
        return self.items.item(rows[0]) if rows else None

    # --- actions (managers) --------------------------------------------------------------
    def new_version(self) -> None:
        from ui.sales.price_version_dialog import PriceVersionDialog

        self.dialog = PriceVersionDialog(self.ctx, self)
        self.dialog.saved.connect(lambda dto: setattr(self, "select_id", dto.id))
        self.dialog.open()

    def edit_version(self) -> None:
        from ui.sales.price_version_dialog import PriceVersionDialog

        if self.current is not None and not self.current.published:
            self.dialog = PriceVersionDialog(self.ctx, self, draft=self.current)
            self.dialog.open()

    def add_item(self) -> None:
        self._open_item(None)

    def edit_item(self) -> None:
        item = self.selected_item()
        if item is not None and self.edit_button.isEnabled():
            self._open_item(item)

    def _open_item(self, item) -> None:
        from ui.sales.price_item_dialog import PriceItemDialog

        if self.current is None:
            return
        self.dialog = PriceItemDialog(self.ctx, self.current.id, item, self)
        self.dialog.open()

    def remove_item(self) -> None:
        """Take the line off the draft: a draft is not public yet, so no confirmation."""
        item, ctx = self.selected_item(), self.ctx
        if item is None:
            return

        def work():
            from app.sales.price_list import remove_price_item

            return remove_price_item(ctx.uow(), actor=ctx.actor, item_id=item.id, expected_version=item.version)

        Op(ctx, self, work).busy(self.remove_button).run()

    def ask_publish(self) -> None:
        """Publishing cannot be undone (办法 art. 10): the user confirms first."""
        if self.current is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Publish price list"), "", parent=self)
        box.setText(
            self.tr(
                "Publish {title}, effective from {day}? The public notice is printed and the list can no longer change."
            ).format(title=self.current.title, day=self.current.effective_from.isoformat())
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Publish"))
        yes.clicked.connect(lambda _checked=False: self.publish())
        self.confirm_box = box
        box.open()

    def publish(self) -> None:
        ctx, shown = self.ctx, self.current
        if shown is None:
            return

        def work():
            from app.sales.price_list import publish_price_list

            return publish_price_list(
                ctx.uow(), actor=ctx.actor, price_list_id=shown.id, expected_version=shown.version
            )

        self.select_id = shown.id
        Op(ctx, self, work).busy(self.publish_button, self.add_button, self.edit_button, self.remove_button).run()

    def show_notice(self) -> None:
        """The notice as archived when the list was published, to print for the showroom wall."""
        from ui.sales.price_notice_preview import open_notice

        if self.current is not None and self.current.notice_document_id is not None:
            open_notice(self, self.ctx, self.current.notice_document_id, lambda d: setattr(self, "preview", d))

    def change_threshold(self) -> None:
        from ui.sales.price_threshold_dialog import DiscountThresholdDialog

        if self.threshold is not None:
            self.dialog = DiscountThresholdDialog(self.ctx, self.threshold, self)
            self.dialog.open()
