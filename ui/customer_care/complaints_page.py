"""Complaints page (客户投诉, issue #19.3, #19.6): the board of complaints whose deadline clocks
turn amber when near and red when passed (3.17: first response within 72 hours; 办法 art. 18:
the customer told how it is handled within 7 working days), receiving a complaint, handling
notes, answers, closure (3.16), the printed receipt and the front desk's progress lookup (5.2.7).

The clocks are read on the server's time by the service. Every minute this PC records the
escalation rungs reached (idempotent, whichever PC is first) and shows the ones for its user
not yet seen, also those reached while it was off (issue #19.7). Consultants see the
complaints they handle, the desk and managers all (the service scopes the board).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from app.core.dto import Changes
from app.core.permissions import Action, can
from app.customer_care.api import (
    complaint_board,
    years_to_enter,
    complaint_receipt_pdf,
    escalate_due,
    list_complaint_handlers,
    mark_escalations_seen,
    my_escalations,
)
from ui.customer_care.complaint_detail import ComplaintDetail
from ui.customer_care.complaint_labels import DEADLINE, LEVEL, word
from ui.customer_care.complaint_table_model import ComplaintTableModel
from ui.shell.ops import Op, scheduled_write
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.table_fit import read_only_table

ESCALATION_CHECK_MS = 60_000


def TAB_TITLE() -> str:  # noqa: N802 - the name ui/customer_care/care_page.py asks for
    """The title when the Customer care page shows the board as one of its tabs."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ComplaintsPage", "Complaints")


class ComplaintsPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.notices: list = []
        self.model = ComplaintTableModel(self)
        self.table = read_only_table("complaints_table", self.model)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        # The deadline headers are long ("First response (72 h)"): columns fit their text.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setProperty("empty_text", self.tr("No complaints here. A new one starts with Receive…"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.detail = ComplaintDetail(ctx, self)
        self._build_bars()
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addLayout(self.escalation_bar)
        layout.addWidget(self.calendar_warning)
        layout.addWidget(split, 1)
        layout.addLayout(self.actions)
        ctx.data_did_change.connect(self._on_change)
        self.timer = QTimer(self, interval=ESCALATION_CHECK_MS)
        self.timer.timeout.connect(self.check_escalations)
        self.timer.start()
        self._selection_changed()
        self.refresh()
        self.check_escalations()

    def _build_bars(self) -> None:
        roles = self.ctx.actor.roles
        self.open_only = QCheckBox(self.tr("Open only"), objectName="complaints_open_only", checked=True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.count = QLabel(objectName="complaints_count")
        self.top = QHBoxLayout()
        self.top.addWidget(self.open_only)
        self.top.addWidget(self.count, 1)
        self.top.addWidget(action_button(self.tr("Refresh"), "refresh_complaints", self.refresh))
        self.escalation = QLabel(objectName="complaint_escalations")
        self.escalation.setWordWrap(True)
        self.seen_button = action_button(self.tr("Seen"), "escalations_seen", self.mark_seen, visible=False)
        # A year the holiday library does not know yet: its deadlines are provisional (calendar.py).
        self.calendar_warning = QLabel(objectName="calendar_warning", visible=False, wordWrap=True)
        self.escalation_bar = QHBoxLayout()
        self.escalation_bar.addWidget(self.escalation, 1)
        self.escalation_bar.addWidget(self.seen_button)
        handle, close = can(roles, Action.HANDLE_COMPLAINTS), can(roles, Action.CLOSE_COMPLAINTS)
        buttons = [
            (self.tr("Receive…"), "receive_complaint_button", self.receive, can(roles, Action.RECEIVE_COMPLAINTS)),
            (self.tr("Note…"), "complaint_note_button", lambda: self.write_note("note"), handle),
            (self.tr("First response…"), "first_response_button", lambda: self.write_note("first_response"), handle),
            (self.tr("Reply…"), "reply_button", lambda: self.write_note("reply"), handle),
            (self.tr("Close…"), "close_complaint_button", self.close_selected, close),
            (self.tr("Receipt…"), "complaint_receipt_button", self.show_receipt, True),
            (self.tr("Progress lookup…"), "progress_lookup_button", self.look_up,
             can(roles, Action.QUERY_COMPLAINT_PROGRESS)),
            (self.tr("Working days…"), "working_days_button", self.working_days,
             can(roles, Action.MANAGE_WORKING_CALENDAR)),
        ]  # fmt: skip
        self.actions = QHBoxLayout()
        self.row_buttons = []
        for text, name, slot, visible in buttons:
            button = action_button(text, name, slot, visible=visible)
            self.actions.addWidget(button)
            if name not in ("receive_complaint_button", "progress_lookup_button", "working_days_button"):
                self.row_buttons.append(button)
        self.actions.addStretch(1)

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, open_only = self.ctx, self.open_only.isChecked()
        run_op(self, lambda: complaint_board(ctx.uow(), actor=ctx.actor, open_only=open_only), self._loaded)
        run_op(self, lambda: years_to_enter(ctx.uow(), ctx.actor), self._show_calendar_warning)

    def _show_calendar_warning(self, years: list[int]) -> None:
        self.calendar_warning.setVisible(bool(years))
        self.calendar_warning.setText(
            self.tr(
                "The official holidays of {years} are not known yet: reply deadlines in it count every "
                "day but 1 January, 1-2 May and 1-3 October, so they fall early. A manager enters "
                "that year's holidays and swapped working days in Working days…"
            ).format(years=", ".join(str(y) for y in years))
        )

    def _loaded(self, board) -> None:
        selected = self.selected()
        self.model.set_rows(list(board.rows))
        self.count.setText(
            self.tr("Complaints: {count}, from the 12345 hotline: {hotline}").format(
                count=len(board.rows), hotline=board.hotline_12345
            )
        )
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def _on_change(self, changes: Changes, _initiator) -> None:
        if changes.complaints:
            self.refresh_when_visible()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.detail.load(row.id if row is not None else None)  # notes and materials, as saved now
        for button in self.row_buttons:
            button.setEnabled(
                row is not None and (row.status == "open" or button.objectName().endswith("receipt_button"))
            )

    # --- escalation (issue #19.6-19.7) ---------------------------------------------------------
    def check_escalations(self) -> None:
        ctx = self.ctx
        scheduled_write(self, lambda: escalate_due(ctx.uow()), lambda _c: self._read_escalations(), lambda _e: None)

    def _read_escalations(self) -> None:
        ctx = self.ctx
        run_op(self, lambda: my_escalations(ctx.uow(), actor=ctx.actor), self._show_escalations, lambda _e: None)

    def _show_escalations(self, notices) -> None:
        self.notices = list(notices)
        lines = [self._notice_text(n) for n in self.notices]
        self.escalation.setText("\n".join(lines))
        self.seen_button.setVisible(bool(lines))

    def _notice_text(self, n) -> str:
        if n.level == "assigned":
            return self.tr("{number}: a new complaint for you to handle").format(number=n.number)
        return self.tr("{number}: {deadline} {level}").format(
            number=n.number, deadline=word(DEADLINE, n.deadline), level=word(LEVEL, n.level)
        )

    def mark_seen(self) -> None:
        ctx, ids = self.ctx, [n.id for n in self.notices]
        Op(ctx, self, lambda: mark_escalations_seen(ctx.uow(), actor=ctx.actor, ids=ids)).busy(
            self.seen_button
        ).on_success(lambda _c: self._show_escalations([])).run()

    # --- actions ------------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def receive(self) -> None:
        from ui.customer_care.complaint_dialogs import ReceiveComplaintDialog

        ctx = self.ctx
        run_op(
            self,
            lambda: list_complaint_handlers(ctx.uow(), actor=ctx.actor),
            lambda handlers: self._open(ReceiveComplaintDialog(ctx, handlers, self)),
        )

    def write_note(self, kind: str) -> None:
        from ui.customer_care.complaint_dialogs import ComplaintNoteDialog

        if (row := self.selected()) is not None:
            self._open(ComplaintNoteDialog(self.ctx, row, kind, self))

    def close_selected(self) -> None:
        from ui.customer_care.complaint_dialogs import CloseComplaintDialog

        if (row := self.selected()) is not None:
            self._open(CloseComplaintDialog(self.ctx, row, self))

    def show_receipt(self) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        ctx, row = self.ctx, self.selected()
        if row is None:
            return
        title = self.tr("Complaint receipt {number}").format(number=row.number)
        run_op(
            self,
            lambda: complaint_receipt_pdf(ctx.uow(), actor=ctx.actor, complaint_id=row.id),
            lambda pdf: self._open(PdfPreviewDialog(pdf, title, self)),
        )

    def look_up(self) -> None:
        from ui.customer_care.complaint_progress_dialog import ComplaintProgressDialog

        self._open(ComplaintProgressDialog(self.ctx, self))

    def working_days(self) -> None:
        from ui.customer_care.calendar_dialog import WorkingDaysDialog

        self._open(WorkingDaysDialog(self.ctx, self))
