"""Recording the repair of a not-OK PDI item (整改, issue #7; T/CSCA 120031-2023 4.4.1.4):
what was done, parts replaced, by whom, and whether an assembly (总成) was repaired, which the
customer must then acknowledge. Every bad field is shown beside it; nothing is saved then."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.pdi.dto import PdiItemDTO
from ui.pdi.models import item_text
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class PdiRectificationDialog(ServiceFormDialog):
    # `saved` (from the base): the inspection DTO after the repair was recorded.

    def __init__(self, ctx, item: PdiItemDTO, parent=None) -> None:
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent)
        self.setObjectName("pdi_rectification_dialog")
        self.item = item
        self.setWindowTitle(self.tr("Repair of item {item}").format(item=item.item_id))
        intro = QLabel(
            self.tr("{item} {text}\nDefect: {defect}").format(item=item.item_id, text=item_text(item), defect=item.note)
        )
        intro.setWordWrap(True)
        self.action_taken = QPlainTextEdit(objectName="action_taken")
        self.action_taken.setPlaceholderText(self.tr("What was done"))
        self.action_taken.setFixedHeight(70)
        self.parts_replaced = QLineEdit(objectName="parts_replaced")
        self.repaired_by = QLineEdit(objectName="repaired_by")
        self.repaired_by.setText(ctx.actor.full_name)
        self.assembly_repair = QCheckBox(
            self.tr("An assembly (总成) was repaired or replaced: disclose it to the customer"),
            objectName="assembly_repair",
        )
        self.assembly_name = QLineEdit(objectName="assembly_name")
        self.assembly_name.setPlaceholderText(self.tr("e.g. air-conditioning compressor"))
        self.assembly_name.setEnabled(False)
        self.assembly_repair.toggled.connect(self.assembly_name.setEnabled)

        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(intro)
        form.addRow(self.tr("Action taken:"), self.errors.wrap("action_taken", self.action_taken))
        form.addRow(self.tr("Parts replaced:"), self.errors.wrap("parts_replaced", self.parts_replaced))
        form.addRow(self.tr("Repaired by:"), self.errors.wrap("repaired_by", self.repaired_by))
        form.addRow("", self.assembly_repair)
        form.addRow(self.tr("Assembly:"), self.errors.wrap("assembly_name", self.assembly_name))

    def service_call(self) -> ServiceCall:
        ctx, item_id = self.ctx, self.item.id
        values = dict(
            action_taken=self.action_taken.toPlainText(),
            parts_replaced=self.parts_replaced.text(),
            repaired_by=self.repaired_by.text(),
            assembly_repair=self.assembly_repair.isChecked(),
            assembly_name=self.assembly_name.text(),
        )

        def work():
            from app.pdi.inspections import record_rectification

            return record_rectification(ctx.uow(), actor=ctx.actor, item_result_id=item_id, **values)

        return work
