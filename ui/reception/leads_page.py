"""Leads page (意向客户, T/CSCA 120031 4.2.3.2; issue #4 point 5): consultants see and edit their
own leads, sales managers all (the service scopes the list). Status new / following / ordered /
lost (a reason is required for lost), intent level and next follow-up date. Managers also see
the month's KPI inputs: 3.12 closure rate and 3.13 test-drive rate.

The page opens on the open leads (new / following), the ones still followed up; the status
filter shows the ordered, the lost or all. A store's five years of leads are read a page at a
time as the user scrolls (LeadPageModel), as the visit history is: the search (customer name,
mobile tail, car), the status filter and the count run in the service over every lead, not
over the rows read so far (issue #17, peak memory on dataset S)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import store_today
from app.core.errors import Busy, Conflict, ValidationFailed
from app.core.permissions import Action, can
from app.reception.leads import LEAD_PAGE, OPEN_LEAD_STATUSES
from ui.shell.errors import show_error
from ui.shell.labels import INTENT_LEVEL, LEAD_STATUS, LOST_REASON, label
from ui.reception.models import LeadTableModel
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import FieldErrors
from ui.reception.fields import show_field_errors
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.table_fit import FIT_ROWS
from ui.widgets.badge_delegate import badge_column
from ui.widgets.paged_rows import PagedRows


OPEN = "open"  # the status filter's first choice: any of OPEN_LEAD_STATUSES


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _percent(ratio) -> str:
    return "—" if ratio.percent is None else f"{ratio.percent:.1f}%"


class LeadPageModel(PagedRows, LeadTableModel):
    """The leads, fetched a page at a time (app/reception/leads.list_lead_page)."""


class LeadsPage(QWidget):
    page_size = LEAD_PAGE  # rows read at a time

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kpi = None
        self._filters()
        self.count = QLabel("")
        self.kpi_label = QLabel("")
        self.kpi_label.setObjectName("kpi_summary")
        self.kpi_label.setWordWrap(True)
        self.kpi_label.setToolTip(
            self.tr(
                "3.12 Monthly closure rate = contracts signed in the month / (intentions retained from last "
                "month + new intentions this month) × 100% (target ≥ 25%, 5.2.1 e)\n"
                "3.13 Test-drive rate = test drives returned / those intentions × 100% (target ≥ 30%, 5.2.1 c)\n"
                "Intentions are leads of customers with a mobile on record; the same figures as the KPI dashboard."
            )
        )
        self.kpi_label.setVisible(can(ctx.actor.roles, Action.RECEPTION_REPORTS))
        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        top.addWidget(self.count)
        # The selected lead's customer page (issue #17.13): details, consents, history.
        self.customer_button = QPushButton(self.tr("Customer…"))
        self.customer_button.setObjectName("open_customer")
        self.customer_button.clicked.connect(lambda _checked=False: self.open_customer())
        top.addWidget(self.customer_button)
        # Issue #18.7: the sale goes on from the lead, its deal opened (or made) from here.
        self.deal_button = QPushButton(self.tr("Deal…"))
        self.deal_button.setObjectName("open_lead_deal")
        self.deal_button.setVisible(can(ctx.actor.roles, Action.SELL))
        self.deal_button.clicked.connect(lambda _checked=False: self.open_deal())
        top.addWidget(self.deal_button)

        self._lead_table()

        edit = self._edit_box()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(edit)
        splitter.setSizes([820, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.kpi_label)
        layout.addWidget(splitter, 1)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        ctx.data_did_change.connect(self._on_change)
        self._selection_changed()
        self.refresh()

    def _filters(self) -> None:
        """The search and the status filter, both answered by the service over every lead. The
        page opens on the leads still followed up (new / following, 4.2.3.2); the rest of five
        years is one choice away (issue #17, peak memory on dataset S)."""
        self.search = QLineEdit()
        self.search.setObjectName("lead_search")
        self.search.setPlaceholderText(self.tr("Search by customer, mobile tail or model"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(300)
        self._debounce = QTimer(self, singleShot=True, interval=250, timeout=self._filter_changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("lead_status_filter")
        self.status_filter.addItem(self.tr("Open (new / following up)"), OPEN)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for key in LEAD_STATUS:
            self.status_filter.addItem(label(LEAD_STATUS, key), key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._filter_changed())

    def _lead_table(self) -> None:
        """The leads themselves, status as a badge."""
        self.model = LeadPageModel(self)
        self.table = QTableView()
        # Fit columns to the first screenful, not to 1000 rows (issue #10: years of data).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setObjectName("leads_table")
        self.table.setModel(self.model)
        badge_column(self.table, 4, lambda lead: lead.status)  # the Status column
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

    def _edit_box(self) -> QGroupBox:
        """The panel that follows up the selected lead (4.2.3.2: status, lost reason, intent)."""
        self.errors = FieldErrors()
        self.status = QComboBox()
        self.status.setObjectName("status")
        for key in LEAD_STATUS:
            self.status.addItem(label(LEAD_STATUS, key), key)
        self.lost_reason = QComboBox()
        self.lost_reason.setObjectName("lost_reason")
        self.lost_reason.addItem(self.tr("— choose a reason —"), None)
        for key in LOST_REASON:
            if key != "consent_withdrawn":
                self.lost_reason.addItem(label(LOST_REASON, key), key)
        self.lost_note = QLineEdit()
        self.lost_note.setObjectName("lost_note")
        self.lost_note.setPlaceholderText(self.tr("Details (required for Other)"))
        self.intent = QComboBox()
        self.intent.setObjectName("intent_level")
        self.intent.addItem("—", None)
        for key in INTENT_LEVEL:
            self.intent.addItem(label(INTENT_LEVEL, key), key)
        self.follow_up = QDateEdit()
        self.follow_up.setObjectName("next_follow_up")
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_lead")
        self.save_button.clicked.connect(self.save)
        edit = QGroupBox(self.tr("Follow up the selected lead"))
        form = QFormLayout(edit)
        form.addRow(self.tr("Status"), self.errors.wrap("status", self.status))
        self.lost_reason_row = self.errors.wrap("lost_reason", self.lost_reason)
        form.addRow(self.tr("Lost reason"), self.lost_reason_row)
        form.addRow(self.tr("Details"), self.errors.wrap("lost_note", self.lost_note))
        form.addRow(self.tr("Intent level"), self.errors.wrap("intent_level", self.intent))
        form.addRow(self.tr("Next follow-up"), self.errors.wrap("next_follow_up", self.follow_up))
        form.addRow("", self.save_button)
        self.edit_box = edit
        return edit

    # --- loading -----------------------------------------------------------------------------
    def _filter_changed(self) -> None:
        """A new search or status: the list only (the month's KPI do not depend on it), from its
        top, without reading on after the lead selected before (it may not match any more)."""
        self.table.clearSelection()
        self.refresh(kpi=False)

    def refresh(self, select_id: int | None = None, kpi: bool = True) -> None:
        ctx, status, size = self.ctx, self.status_filter.currentData(), self.page_size
        # "Open" is any of the statuses still followed up; otherwise one status, or all (None).
        statuses, status = (OPEN_LEAD_STATUSES, None) if status == OPEN else ((), status)
        text = self.search.text()
        with_kpi = kpi and can(ctx.actor.roles, Action.RECEPTION_REPORTS)
        self._debounce.stop()  # a search typed meanwhile is part of this reload

        def fetch(after):
            from app.reception.leads import LeadQuery, list_lead_page

            query = LeadQuery(status=status, statuses=statuses, text=text, after=after, limit=size)
            return list_lead_page(ctx.uow(), actor=ctx.actor, query=query)

        def work():
            from app.reception.reports import month_kpi

            kpi = month_kpi(ctx.uow(), actor=ctx.actor, month=store_today()) if with_kpi else None
            return fetch(None), kpi

        run_op(self, work, lambda r: self._loaded(r, fetch, select_id))

    def _loaded(self, result, fetch, select_id) -> None:
        page, kpi = result
        selected = select_id or (self.selected_lead().id if self.selected_lead() else None)
        self.model.set_page(page, fetch)
        # A new list starts at its top: left at the old bottom, the view would not ask for more.
        self.table.scrollToTop()
        self.count.setText(self.tr("Leads: {count}").format(count=self.model.total))
        if selected is not None:
            self.select_lead(selected)
        if kpi is not None:  # None: not shown to this role, or not read again for a search
            self.kpi = kpi
            self.kpi_label.setText(
                self.tr(
                    "{month}: new leads {new} · retained from last month {retained} · orders {orders} · "
                    "test drives {drives} · closure rate {closure} · test-drive rate {drive_rate}"
                ).format(
                    month=kpi.month.strftime("%Y-%m"),
                    new=kpi.new_leads,
                    retained=kpi.retained_last_month,
                    orders=kpi.orders,
                    drives=kpi.test_drives,
                    closure=_percent(kpi.closure_rate),
                    drive_rate=_percent(kpi.test_drive_rate),
                )
            )
        self._selection_changed()

    def _on_change(self, changes, initiator) -> None:
        if getattr(changes, "reception", False) and initiator is not self:
            self.refresh()

    # --- editing -----------------------------------------------------------------------------
    def selected_lead(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def select_lead(self, lead_id: int) -> None:
        row = self.model.find_row(lead_id)  # a lead further down is read up to it
        if row >= 0:
            self.table.selectRow(row)

    def open_customer(self):
        from ui.reception.customer_dialog import open_customer

        lead = self.selected_lead()
        self.customer_dialog = open_customer(self.ctx, lead.customer_id, self) if lead else None
        return self.customer_dialog

    def open_deal(self) -> None:
        from ui.sales.api import open_deal_for_lead

        lead = self.selected_lead()
        if lead is not None:
            open_deal_for_lead(self.ctx, self, lead_id=lead.id)

    def _selection_changed(self) -> None:
        lead = self.selected_lead()
        self.edit_box.setEnabled(lead is not None)
        self.customer_button.setEnabled(lead is not None)
        self.deal_button.setEnabled(lead is not None and lead.status != "lost")
        self.errors.clear()
        if lead is None:
            return
        self.status.setCurrentIndex(self.status.findData(lead.status))
        self.lost_reason.setCurrentIndex(max(0, self.lost_reason.findData(lead.lost_reason)))
        self.lost_note.setText(lead.lost_note or "")
        self.intent.setCurrentIndex(max(0, self.intent.findData(lead.intent_level)))
        today = store_today()
        self.follow_up.setMinimumDate(_qdate(today))
        self.follow_up.setDate(_qdate(lead.next_follow_up or today))
        self._status_changed()

    def _status_changed(self) -> None:
        lost = self.status.currentData() == "lost"
        self.lost_reason.setEnabled(lost)
        self.lost_note.setEnabled(lost)

    def save(self) -> None:
        lead, ctx = self.selected_lead(), self.ctx
        if lead is None:
            return
        status = self.status.currentData()
        q = self.follow_up.date()
        follow = dt.date(q.year(), q.month(), q.day())
        changed_follow = follow if follow != lead.next_follow_up else None
        level = self.intent.currentData()
        reason, note = self.lost_reason.currentData(), self.lost_note.text()

        def work():
            from app.reception.leads import update_lead

            return update_lead(
                ctx.uow(),
                actor=ctx.actor,
                lead_id=lead.id,
                expected_version=lead.version,
                status=status if status != lead.status else None,
                intent_level=level,
                next_follow_up=changed_follow,
                lost_reason=reason if status == "lost" else None,
                lost_note=note if status == "lost" else "",
            )

        Op(ctx, self, work).busy(self.edit_box).on_success(self._saved).on_failure(self._failed).run()

    def _saved(self, lead) -> None:
        self.refresh(select_id=lead.id)

    def _failed(self, exc) -> None:
        if isinstance(exc, ValidationFailed):
            if show_field_errors(self.errors, exc):
                show_error(self, exc)
        elif isinstance(exc, Conflict) and not isinstance(exc, Busy):
            open_conflict_box(self, exc, self.refresh)
        else:
            show_error(self, exc)
