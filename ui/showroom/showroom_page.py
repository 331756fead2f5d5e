"""Showroom page (展厅): the floor zone by zone, and which displayed car needs a card (issue #5).

一车一卡 (T/CSCA 120031-2023 4.2.1.2): each row is a display position (or a displayed car
without one) with its card state: no card, stale (and what changed), or current. A consultant
issues one card, or every missing and stale card in one batch (progress and Cancel, off the UI
thread), previews the combined PDF and prints it; each printed card goes into the print
ledger. Cars move between positions in one action; NEVs belong in the NEV zone (4.2.1.5).
A scanned card or VIN (ui/shell/scan_catcher.py) selects the car here via `show_scan`.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import Action, can
from app.core.dto import Changes

from ui.shell.labels import CARD_LAYOUT, label
from ui.showroom.models import BoardTableModel, Col
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.table_fit import FIT_ROWS
from ui.widgets.refresh_when_shown import RefreshWhenShown
from ui.widgets.buttons import action_button
from ui.widgets.badge_delegate import badge_column


class _Progress(QObject):
    """Carries the batch's progress from the worker thread to the dialog (queued signal)."""

    advanced = Signal(int, int)


class ShowroomPage(RefreshWhenShown, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        roles = ctx.actor.roles
        self.preview = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_batch = None
        self._select_after: int | None = None

        top = self._build_toolbar(roles)
        self._build_table()

        self.notice = QLabel("")
        self.notice.setObjectName("scan_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00; font-weight: bold;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        ctx.data_did_change.connect(self._on_data_changed)
        self._update_buttons()
        self.refresh()

    def _build_toolbar(self, roles) -> QHBoxLayout:
        """The summary, the card layout and the page's actions (each shown by permission)."""
        self.summary = QLabel("")
        self.summary.setObjectName("showroom_summary")
        self.layout_choice = QComboBox()
        self.layout_choice.setObjectName("card_layout")
        for key in CARD_LAYOUT:
            self.layout_choice.addItem(label(CARD_LAYOUT, key), key)
        self.issue_button = action_button(self.tr("Issue card"), "issue_card", self.issue_selected)
        self.batch_button = action_button(self.tr("Print all missing/stale"), "print_missing", self.print_missing)
        # Issue #17.17: a damaged or lost card, printed again as archived (no new version).
        self.reprint_button = action_button(self.tr("Reprint card…"), "reprint_card", self.reprint_selected)
        self.reprint_button.setVisible(can(roles, Action.PRINT_DOCUMENTS))
        self.move_button = action_button(self.tr("Move car…"), "move_car", self.move_selected)
        self.promotion_button = action_button(self.tr("Promotion…"), "edit_promotion", self.edit_promotion)
        self.promotion_button.setVisible(can(roles, Action.MANAGE_PROMOTIONS))
        self.charging_button = action_button(
            self.tr("Charging-pile offer…"), "charging_pile_offer", self.edit_charging_pile
        )
        self.charging_button.setVisible(can(roles, Action.MANAGE_PROMOTIONS))
        for b in (self.issue_button, self.batch_button):
            b.setVisible(can(roles, Action.ISSUE_CARDS))
        self.layout_label = QLabel(self.tr("Layout:"))
        for w in (self.layout_label, self.layout_choice):
            w.setVisible(can(roles, Action.ISSUE_CARDS))
        self.move_button.setVisible(can(roles, Action.MANAGE_FLOOR))
        self.refresh_button = action_button(self.tr("Refresh"), "refresh_board", self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.layout_label)
        for w in (
            self.layout_choice,
            self.issue_button,
            self.batch_button,
            self.reprint_button,
            self.move_button,
            self.promotion_button,
            self.charging_button,
            self.refresh_button,
        ):
            top.addWidget(w)
        return top

    def _build_table(self) -> None:
        """The board: one row per position, or per displayed car without one."""
        self.model = BoardTableModel(self)
        self.table = QTableView()
        # Fit columns to the first screenful, not to 1000 rows (issue #10: years of data).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setObjectName("showroom_board")
        self.table.setModel(self.model)
        badge_column(self.table, Col.CARD, lambda r: r.card_state)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.showroom.cards import board

            return board(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        cars = [r for r in rows if r.vehicle_id is not None]
        need = sum(1 for r in cars if r.card_state in ("no_card", "stale"))
        self.summary.setText(self.tr("Cars on display: {cars} · need a card: {need}").format(cars=len(cars), need=need))
        self.batch_button.setEnabled(need > 0)
        if self._select_after is not None:
            self.select_vehicle(self._select_after)
            self._select_after = None
        self._update_buttons()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if not (changes.vehicles or changes.store or changes.documents):
            return
        self.refresh_when_visible()

    # -- selection ---------------------------------------------------------------------------
    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_vehicle(self, vehicle_id: int) -> bool:
        row = self.model.row_of_vehicle(vehicle_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self) -> None:
        r = self.selected_row()
        has_car = r is not None and r.vehicle_id is not None
        self.issue_button.setEnabled(has_car)
        self.move_button.setEnabled(has_car)
        self.promotion_button.setEnabled(has_car)
        self.reprint_button.setEnabled(has_car and r is not None and r.card_state == "current")

    # -- issuing and printing ----------------------------------------------------------------
    def issue_selected(self) -> None:
        r = self.selected_row()
        if r is None or r.vehicle_id is None:
            return
        self._run_batch([r.vehicle_id])

    def print_missing(self) -> None:
        self._run_batch(None)

    def _run_batch(self, vehicle_ids: list[int] | None) -> None:
        ctx, layout = self.ctx, self.layout_choice.currentData()
        stop = threading.Event()
        relay = _Progress(self)
        dialog = QProgressDialog(self.tr("Issuing cards…"), self.tr("Cancel"), 0, 0, self)
        dialog.setObjectName("card_batch_progress")
        dialog.setWindowTitle(self.tr("Showroom cards"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(stop.set)
        relay.advanced.connect(lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))
        self.progress_dialog = dialog
        dialog.show()

        def work():
            from app.showroom.cards import issue_cards_batch

            return issue_cards_batch(
                ctx.uow(),
                actor=ctx.actor,
                vehicle_ids=vehicle_ids,
                layout=layout,
                progress=relay.advanced.emit,
                cancelled=stop.is_set,
            )

        def done(result) -> None:
            dialog.reset()
            dialog.hide()
            self.last_batch = result
            self.refresh()
            if result.pdf:
                self._show_preview(result)

        def failed(exc) -> None:
            dialog.reset()
            dialog.hide()
            self.refresh()
            from ui.shell.errors import show_error

            show_error(self, exc)

        Op(ctx, self, work).on_success(done).on_failure(failed).run()

    def _show_preview(self, result) -> None:
        from ui.widgets.pdf_preview_dialog import PdfPreviewDialog

        n = len(result.cards)
        title = self.tr("Showroom cards ({count})").format(count=n)
        if result.cancelled:
            title += " — " + self.tr("cancelled after {done} of {total}").format(done=n, total=result.total)
        document_ids = [c.document_id for c in result.cards]
        dialog = PdfPreviewDialog(
            result.pdf, title, self, on_printed=lambda pr: self._record(document_ids, pr.printer, None)
        )
        dialog.setObjectName("card_preview")
        dialog.saved.connect(lambda path: self._record(document_ids, path, "export"))
        dialog.finished.connect(dialog.deleteLater)
        self.preview = dialog
        dialog.open()

    def _record(self, document_ids: list[int], printer: str, kind: str | None) -> None:
        """Each card of the batch gets its own line in the print ledger."""
        ctx = self.ctx

        def work():
            from app.showroom.cards import record_card_prints

            return record_card_prints(
                ctx.uow(), actor=ctx.actor, document_ids=document_ids, printer=printer[:200], kind=kind
            )

        Op(ctx, self, work).run()

    def reprint_selected(self) -> None:
        """The car's current card as archived; the service refuses a stale one (re-issue it)."""
        from ui.widgets.reprint import reprint

        r = self.selected_row()
        if r is None or r.vehicle_id is None:
            return
        ctx, vehicle_id = self.ctx, r.vehicle_id

        def fetch():
            from app.showroom.cards import reprint_card

            return reprint_card(ctx.uow(), actor=ctx.actor, vehicle_id=vehicle_id)

        reprint(self, ctx, fetch, self.tr("Showroom card"))

    # -- the floor ---------------------------------------------------------------------------
    def ask_position(self, positions, current_code: str | None):
        """A position to move to (a small static picker); None when cancelled."""
        names = [f"{p.zone_name} {p.code}" + (" ●" if p.vehicle_id else "") for p in positions]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Move car"), self.tr("Move to (● taken: the cars swap):"), names, 0, False
        )
        return positions[names.index(choice)] if ok and choice in names else None

    def move_selected(self) -> None:
        r = self.selected_row()
        if r is None or r.vehicle_id is None:
            return
        ctx = self.ctx

        def load():
            from app.showroom.cards_floor import list_positions

            return list_positions(ctx.uow(), actor=ctx.actor)

        def chosen(positions) -> None:
            target = self.ask_position([p for p in positions if p.vehicle_id != r.vehicle_id], r.position_code)
            if target is None:
                return

            def work():
                from app.showroom.cards_floor import move_vehicle

                return move_vehicle(
                    ctx.uow(),
                    actor=ctx.actor,
                    vehicle_id=r.vehicle_id,
                    position_id=target.id,
                    swap=target.vehicle_id is not None,
                )

            def moved(result) -> None:
                self._select_after = r.vehicle_id
                self.refresh()

            Op(ctx, self, work).on_success(moved).run()

        run_op(self, load, chosen)

    def edit_promotion(self):
        from ui.showroom.promotion_dialog import PromotionDialog

        r = self.selected_row()
        if r is None or r.vehicle_id is None:
            return None
        dialog = PromotionDialog(self.ctx, r.vehicle_id, f"{r.description} ({r.vin})", self)

        def saved() -> None:
            self._select_after = r.vehicle_id
            self.refresh()

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_charging_pile(self):
        from ui.showroom.charging_pile_dialog import ChargingPileDialog

        dialog = ChargingPileDialog(self.ctx, self)

        def saved() -> None:
            self.refresh()

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- scanning ----------------------------------------------------------------------------
    def show_scan(self, result) -> None:
        """Select the scanned car and say whether the scanned card is the current one."""
        if result.scanned_version is not None and not result.is_current:
            if result.current_version is None:
                text = self.tr(
                    "The scanned card {number} v{old} no longer counts: this car has no current card."
                ).format(number=result.card_number, old=result.scanned_version)
            else:
                text = self.tr("The scanned card is an old version v{old}; the current one is v{new}.").format(
                    old=result.scanned_version, new=result.current_version
                )
        else:
            text = self.tr("Scanned: {car} ({vin})").format(car=result.description, vin=result.vin)
        self.notice.setText(text)
        if not self.select_vehicle(result.vehicle_id):
            self._select_after = result.vehicle_id
            self.refresh()
        if result.scanned_version is not None and not result.is_current:
            QMessageBox.warning(self, self.tr("Old card"), text)
