"""One PDI inspection on a showroom PC (issue #7; T/CSCA 120031-2023 4.4.1.2–4.4.1.4).

The technician works down the checklist: pick an item, record OK / not OK / not applicable
with a value and note, attach photos; a not-OK item gets its repair recorded (整改) and is
re-checked; an assembly repair is acknowledged by the customer. Pause and resume; complete
(passes only when everything is OK and every assembly repair acknowledged); then the
technician and the customer sign the report and the customer's copy is printed.

Every save is checked against the item's version: a save made on another terminal in the
meantime is never overwritten (the conflict box offers Reload), and carries a request key
made when the item is shown, so a repeated save records one result (issue #16.2).

Few inputs (issue #17.9): F2 ("OK, next item") passes the item and moves to the next open
one; Enter in the value or note field saves (as OK when no result is chosen), and the value
field of the next item takes the typing.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout

from app.core.permissions import Action, can
from app.pdi.dto import PdiInspectionDTO, PdiItemDTO
from ui.pdi.inspection_header import PdiInspectionHeader
from ui.pdi.item_editor import PdiItemEditor
from ui.pdi.models import PdiItemsModel, section_text
from ui.pdi.inspection_report import InspectionReportMixin
from ui.shell.errors import show_error
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button
from ui.widgets.field_error import FieldErrors


class PdiInspectionDialog(InspectionReportMixin, QDialog):
    changed = Signal(object)  # the inspection DTO after every save

    def __init__(self, ctx, inspection: PdiInspectionDTO, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdi_inspection_dialog")
        self.ctx = ctx
        self.inspection = inspection
        self.may_record = can(ctx.actor.roles, Action.RECORD_PDI)
        self.child_dialog = None
        self.preview = None
        self.item_key = ""
        self.setWindowTitle(self.tr("PDI {vin}").format(vin=inspection.vin))
        self.setSizeGripEnabled(True)
        self.resize(1100, 720)

        self._build_table()
        self._build_editor()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self._jump_row())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addLayout(self._bottom_row())
        self.show_inspection(inspection)
        if self.model.rowCount():
            first_open = next((n for n, i in enumerate(inspection.items) if i.result is None), 0)
            self.table.selectRow(first_open)
            self._focus_entry()

    def _build_table(self) -> None:
        self.heading = PdiInspectionHeader(self)
        self.header, self.blockers = self.heading.header, self.heading.blockers
        # 50-60 items: jump to a section (documents, exterior, ... road test) as the
        # technician walks round the car.
        self.section_jump = QComboBox(objectName="pdi_section")
        self.section_jump.activated.connect(lambda _i: self._jump_to_section())
        self.model = PdiItemsModel(self)
        self.table = QTableView(objectName="pdi_items")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._item_selected())

    def _build_editor(self) -> None:
        self.editor = PdiItemEditor(
            self.ctx,
            {
                "save_item": self.save_item,
                "pass_next": self.pass_and_next,
                "enter": self.enter_pressed,
                "add_photo": self.choose_photo,
                "record_repair": self.rectify,
                "acknowledge_repair": self.ask_acknowledgement,
            },
        )
        self.editor.setVisible(self.may_record)
        e = self.editor  # the editor's parts, as the dialog's (the tests and the page use them)
        self.value, self.note, self.repairs, self.photos, self.errors = e.value, e.note, e.repairs, e.photos, e.errors
        self.result_buttons = e.result_buttons
        self.save_button, self.photo_button, self.pass_button = e.save_button, e.photo_button, e.pass_button
        self.rectify_button, self.ack_button = e.rectify_button, e.ack_button

    def _jump_row(self) -> QHBoxLayout:
        jump = QHBoxLayout()
        jump.addWidget(self.blockers, 1)
        jump.addWidget(QLabel(self.tr("Go to section:")))
        jump.addWidget(self.section_jump)
        return jump

    def _bottom_row(self) -> QHBoxLayout:
        self.pause_button = action_button(self.tr("Pause"), "pause_inspection", self.pause, auto_default=False)
        self.resume_button = action_button(self.tr("Resume"), "resume_inspection", self.resume, auto_default=False)
        self.complete_button = action_button(
            self.tr("Complete inspection"), "complete_inspection", self.complete, auto_default=False
        )
        self.report_button = action_button(self.tr("Sign report…"), "sign_report", self.sign_report, auto_default=False)
        self.open_report_button = action_button(
            self.tr("Customer copy…"), "open_report", self.open_report, auto_default=False
        )
        close = action_button(self.tr("Close"), "close_inspection", self.accept, auto_default=False)
        bottom = QHBoxLayout()
        for b in (self.pause_button, self.resume_button, self.complete_button, self.report_button):
            b.setVisible(self.may_record)
            bottom.addWidget(b)
        bottom.addWidget(self.open_report_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        return bottom

    def _fill_sections(self, ins: PdiInspectionDTO) -> None:
        if self.section_jump.count():
            return
        seen: list[str] = []
        for item in ins.items:
            if item.section_id not in seen:
                seen.append(item.section_id)
                self.section_jump.addItem(f"{item.section_id} · {section_text(item)}", item.item_id)

    def _jump_to_section(self) -> None:
        item_id = self.section_jump.currentData()
        if item_id:
            self.select_item(item_id)

    # -- showing -----------------------------------------------------------------------------
    def show_inspection(self, ins: PdiInspectionDTO) -> None:
        selected = self.selected_item()
        self.inspection = ins
        self.model.set_rows(list(ins.items))
        self._fill_sections(ins)
        self.heading.show_inspection(ins)
        if selected is not None:
            self.select_item(selected.item_id)
        self._update_buttons()

    def selected_item(self) -> PdiItemDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_item(self, item_id: str) -> bool:
        row = self.model.row_of_item(item_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._item_selected()
        return True

    def _repairs_of(self, item: PdiItemDTO):
        return [r for r in self.inspection.rectifications if r.item_id == item.item_id]

    def _item_selected(self) -> None:
        item = self.selected_item()
        self.errors.clear()
        self.item_key = uuid.uuid4().hex  # one result per save of what is shown (issue #16.2)
        if item is not None:
            self.editor.show_item(item, self._repairs_of(item))
        self._update_buttons()

    def _pending_ack(self, item: PdiItemDTO | None):
        if item is None:
            return None
        return next((r for r in self._repairs_of(item) if r.assembly_repair and r.acknowledged_at is None), None)

    def _update_buttons(self) -> None:
        ins, item = self.inspection, self.selected_item()
        writable = ins.status in ("in_progress", "failed")
        for b in (self.save_button, self.photo_button, self.pass_button):
            b.setEnabled(writable and item is not None)
        self.rectify_button.setEnabled(writable and item is not None and item.result == "not_ok")
        self.ack_button.setEnabled(writable and self._pending_ack(item) is not None)
        self.pause_button.setEnabled(ins.status in ("in_progress", "failed"))
        self.resume_button.setEnabled(ins.status == "paused")
        self.complete_button.setEnabled(writable)
        # A voided report counts as none: a new version is signed (issue #17.2).
        needs_report = ins.report_document_id is None or ins.report_voided
        self.report_button.setEnabled(ins.status == "passed" and needs_report)
        self.open_report_button.setEnabled(ins.report_document_id is not None)

    # -- saving ------------------------------------------------------------------------------
    def _run(self, work, *, errors: FieldErrors | None = None, then=None) -> None:
        """One write through the operation path: the dialog waits for the answer, so a second
        click on Save cannot send the item's old version again (issue #16)."""

        def done(ins) -> None:
            self.show_inspection(ins)
            self.changed.emit(ins)
            if then is not None:
                then(ins)

        def failed(exc: BaseException) -> None:
            (errors or self.errors).report_failure(self, exc, reload=self.reload)

        Op(self.ctx, self, work).busy(self).on_success(done).on_failure(failed).run()

    def reload(self) -> None:
        ctx, inspection_id = self.ctx, self.inspection.id

        def work():
            from app.pdi.queries import get_inspection

            return get_inspection(ctx.uow(), actor=ctx.actor, inspection_id=inspection_id)

        run_op(self, work, self.show_inspection)

    def set_result(self, result: str) -> None:
        self.editor.set_result(result)

    def pass_and_next(self) -> None:
        """F2: the selected item is OK, on to the next open one (issue #17.9)."""
        self.save_item("ok")

    def enter_pressed(self) -> None:
        """Enter in the value or note field saves; a reading confirmed with no result chosen is OK."""
        self.save_item(self.editor.checked_result() or "ok")

    def save_item(self, result: str | None = None) -> None:
        item = self.selected_item()
        if item is None or not self.save_button.isEnabled():
            return
        if result:
            self.editor.set_result(result)
        checked = self.editor.checked_result()
        ctx, value, note, key = self.ctx, self.value.text(), self.note.text(), self.item_key
        position = self.model.row_of_item(item.item_id)

        def work():
            from app.pdi.inspections import record_item

            return record_item(
                ctx.uow(),
                actor=ctx.actor,
                item_result_id=item.id,
                expected_version=item.version,
                result=checked,
                value=value,
                note=note,
                request_key=key,
            )

        def next_open(ins) -> None:
            # Work down the list: on to the next unchecked item (then any left above).
            following = [*ins.items[position + 1 :], *ins.items[:position]]
            left = [i for i in following if i.result is None]
            if left and checked == "ok":
                self.select_item(left[0].item_id)
                self._focus_entry()

        self._run(work, then=next_open)

    def _focus_entry(self) -> None:
        """The next item's reading is typed straight away; F2 works from anywhere."""
        if self.value.isEnabled() and self.may_record:
            self.value.setFocus()
            self.value.selectAll()

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)"))
        if path:
            try:
                content = Path(path).read_bytes()
            except OSError as e:
                show_error(self, e)
                return
            self.add_photo(content, Path(path).stem)

    def add_photo(self, content: bytes, caption: str = "") -> None:
        item = self.selected_item()
        if item is None:
            return
        ctx = self.ctx

        def work():
            from app.pdi.inspections import add_photo

            return add_photo(ctx.uow(), actor=ctx.actor, item_result_id=item.id, content=content, caption=caption[:200])

        self._run(work)

    def rectify(self):
        from ui.pdi.rectification_dialog import PdiRectificationDialog

        item = self.selected_item()
        if item is None:
            return None
        dialog = PdiRectificationDialog(self.ctx, item, self)
        dialog.saved.connect(self._after_repair)
        dialog.finished.connect(dialog.deleteLater)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def _after_repair(self, ins) -> None:
        item = self.selected_item()
        self.show_inspection(ins)
        if item is not None:
            # The repaired item is re-checked next (4.4.1.4).
            self.select_item(item.item_id)

    def ask_acknowledgement(self):
        """The customer acknowledges the selected item's assembly repair (4.4.1.4)."""
        from ui.pdi.acknowledge_dialog import AcknowledgeRepairDialog

        repair = self._pending_ack(self.selected_item())
        if repair is None:
            return None
        dialog = AcknowledgeRepairDialog(self.ctx, self.inspection, repair, self)
        dialog.saved.connect(self._acknowledged)
        dialog.finished.connect(dialog.deleteLater)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def acknowledge(self, customer_name: str) -> None:
        """The acknowledgement with the name given (as typed into the dialog)."""
        dialog = self.ask_acknowledgement()
        if dialog is not None:
            dialog.customer_name.setText(customer_name)
            dialog.save()

    def _acknowledged(self, ins) -> None:
        self.show_inspection(ins)
        self.changed.emit(ins)

    def _status_op(self, name: str) -> None:
        ctx, ins = self.ctx, self.inspection

        def work():
            from app.pdi import inspections as pdi

            return getattr(pdi, name)(ctx.uow(), actor=ctx.actor, inspection_id=ins.id, expected_version=ins.version)

        self._run(work)

    def pause(self) -> None:
        self._status_op("pause_inspection")

    def resume(self) -> None:
        self._status_op("resume_inspection")

    def complete(self) -> None:
        self._status_op("complete_inspection")
