"""Visit history page (来访记录): every visit, newest first, and finding a customer by the last
digits of a mobile ("尾号 5678") or the start of a name.

The history is read a page at a time as the user scrolls (VisitHistoryModel.fetchMore), so a
store with years of visits opens it as fast as a new one (issue #10). Consultants see only
their own customers and visits; the services decide that.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.reception.search import CustomerHitDTO, VisitHistoryQuery, list_visits, search_customers
from ui.shell.errors import error_text
from ui.widgets.table_model import DtoTableModel
from ui.reception.visit_history_model import VisitHistoryModel
from ui.widgets.table_fit import read_only_table
from ui.shell.workers import run_op

DISPLAY = Qt.ItemDataRole.DisplayRole
CUSTOMER_HEADERS = (
    QT_TRANSLATE_NOOP("CustomerHitModel", "Name"),
    QT_TRANSLATE_NOOP("CustomerHitModel", "Mobile"),
    QT_TRANSLATE_NOOP("CustomerHitModel", "Consultant"),
)


class CustomerHitModel(DtoTableModel[CustomerHitDTO]):
    LOADS_ON_REQUEST = True
    COLUMN_COUNT = 3

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and section < 3:
            return QCoreApplication.translate("CustomerHitModel", CUSTOMER_HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        c = self.item(index)
        if c is None or role != DISPLAY:
            return None
        return (c.name_masked, c.mobile_masked, c.consultant_name or "")[index.column()]  # PIPL: masked


class VisitHistoryPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._shown = False
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Last digits of a mobile, or the start of a name"))
        self.search.setClearButtonEnabled(True)
        self.search_message = QLabel("")
        self.search_message.setObjectName("customer_search_message")
        self.search_message.setStyleSheet("color: #b00020;")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # search as the user types, once they pause
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)

        self.customers = CustomerHitModel(self)
        self.customer_view = read_only_table("customer_hits", self.customers)
        # The customer's page (issue #17.13): a double click or the button opens it.
        self.customer_view.doubleClicked.connect(lambda _index: self.open_customer())
        self.open_customer_button = QPushButton(self.tr("Open customer…"))
        self.open_customer_button.setObjectName("open_customer")
        self.open_customer_button.clicked.connect(lambda _checked=False: self.open_customer())
        self.open_customer_button.setEnabled(False)
        self.customer_view.selectionModel().selectionChanged.connect(
            lambda *_: self.open_customer_button.setEnabled(self.selected_customer() is not None)
        )
        self.customer_dialog = None
        self.customer_view.setProperty("empty_text", self.tr("Search by name or mobile to list customers."))
        actor, uow = ctx.actor, ctx.uow
        self.model = VisitHistoryModel(
            lambda after: list_visits(uow(), actor=actor, query=VisitHistoryQuery(after=after)), self
        )
        self.view = read_only_table("visit_history", self.model)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Find a customer")))
        top.addWidget(self.search, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.search_message)
        lv.addWidget(self.customer_view, 1)
        lv.addWidget(self.open_customer_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(self.tr("Visits, newest first")))
        rv.addWidget(self.view, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.refresh()

    def refresh(self) -> None:
        actor, uow = self.ctx.actor, self.ctx.uow
        run_op(self, lambda: list_visits(uow(), actor=actor), self.model.set_page, self._failed)

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self.search_message.setText("")
            self.customers.set_rows([])
            return
        actor, uow = self.ctx.actor, self.ctx.uow

        def done(hits) -> None:
            if generation == self._generation:
                self.search_message.setText("" if hits else self.tr("No customer found."))
                self.customers.set_rows(hits)
                self.open_customer_button.setEnabled(False)

        def failed(exc) -> None:
            if generation == self._generation:
                self.customers.set_rows([])
                self.search_message.setText(error_text(exc) if not hasattr(exc, "errors") else _field_text(exc))

        run_op(self, lambda: search_customers(uow(), actor=actor, text=text), done, failed)

    def selected_customer(self) -> CustomerHitDTO | None:
        rows = self.customer_view.selectionModel().selectedRows()
        return self.customers.row_at(rows[0].row()) if rows else None

    def open_customer(self):
        from ui.reception.customer_dialog import open_customer

        hit = self.selected_customer()
        if hit is None:
            return None
        self.customer_dialog = open_customer(self.ctx, hit.id, self)
        return self.customer_dialog

    def _failed(self, exc) -> None:
        from ui.shell.errors import show_error

        show_error(self, exc)

    def showEvent(self, event) -> None:  # noqa: N802 - other terminals add visits all day
        super().showEvent(event)
        if self._shown:
            self.refresh()
        self._shown = True


def _field_text(exc) -> str:
    from ui.shell.errors import field_error_text

    return "\n".join(field_error_text(e) for e in exc.errors)
