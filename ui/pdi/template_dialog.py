"""Editing a PDI checklist (issue #7, administrators; T/CSCA 120031-2023 4.4.1.2): add items,
reorder them within their section, retire them, change texts, powertrains and value units,
then publish the result as the next version. If another administrator published meanwhile,
the conflict box says so and nothing is published. A checklist that leaves out parts of the
standard one is published only after the approval step (omissions_dialog.py, 4.4.1.2 b)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.pdi.rules import TemplateDefinition
from app.core.errors import ValidationFailed
from app.pdi.dto import PdiTemplateDTO
from ui.pdi.omissions_dialog import PdiOmissionsDialog, omissions_of
from ui.pdi.template_model import TemplateEditModel
from ui.widgets.field_error import FieldErrors
from ui.pdi.templates_tab import describe_problems
from ui.shell.ops import Op


class PdiTemplateDialog(QDialog):
    published = Signal(object)  # PdiTemplateDTO

    def __init__(self, ctx, template: PdiTemplateDTO, definition: TemplateDefinition, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdi_template_dialog")
        self.ctx, self.template = ctx, template
        self.last_problems = ""
        self.omissions_dialog: PdiOmissionsDialog | None = None
        brand = self.tr("all brands") if template.brand == "*" else template.brand
        self.setWindowTitle(
            self.tr("Checklist for {brand}, editing v{version}").format(brand=brand, version=template.template_version)
        )
        self.setSizeGripEnabled(True)
        self.resize(1100, 700)
        hint = QLabel(
            self.tr(
                "Double-click a text to change it. Powertrains: ICE, HEV, PHEV, BEV separated by "
                "commas. Value: number (unit) or text. Publishing creates v{next}."
            ).format(next=template.template_version + 1)
        )
        hint.setWordWrap(True)
        self.model = TemplateEditModel(definition, self)
        self.table = QTableView(objectName="pdi_template_items")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        add = QPushButton(self.tr("Add item"), objectName="add_item")
        add.clicked.connect(lambda _c=False: self.add_item())
        up = QPushButton(self.tr("Move up"), objectName="move_up")
        up.clicked.connect(lambda _c=False: self.move(-1))
        down = QPushButton(self.tr("Move down"), objectName="move_down")
        down.clicked.connect(lambda _c=False: self.move(1))
        row = QHBoxLayout()
        for b in (add, up, down):
            row.addWidget(b)
        row.addStretch(1)
        self.note = QLineEdit(objectName="publish_note")
        self.note.setPlaceholderText(self.tr("What changed (kept with the version)"))
        self.errors = FieldErrors()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = self.buttons.addButton(
            self.tr("Publish new version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.publish_button.setObjectName("publish_template")
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors.wrap("note", self.note))
        layout.addWidget(self.buttons)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def add_item(self) -> int:
        row = self.model.add_item(self.selected_row())
        self.table.selectRow(row)
        self.table.edit(self.model.index(row, 2))
        return row

    def move(self, step: int) -> None:
        row = self.selected_row()
        if row >= 0:
            self.table.selectRow(self.model.move(row, step))

    def publish(self, approve_omissions: bool = False) -> None:
        ctx, data, note, based_on = self.ctx, self.model.to_json(), self.note.text(), self.template.id

        def work():
            from app.pdi.templates import publish_template

            return publish_template(
                ctx.uow(),
                actor=ctx.actor,
                definition=data,
                based_on_id=based_on,
                note=note,
                approve_omissions=approve_omissions,
            )

        def done(template) -> None:
            self.published.emit(template)
            self.accept()

        Op(self.ctx, self, work).busy(self.buttons).on_success(done).on_failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed) and (rows := omissions_of(exc)) is not None:
            self._ask_approval(rows)
            return
        if isinstance(exc, ValidationFailed) and not exc.for_field("note"):
            self.last_problems = describe_problems(exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not published"),
                self.tr("Please correct these items; nothing was published:"),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("pdi_publish_problems")
            box.setInformativeText(self.last_problems[:1500])
            box.finished.connect(box.deleteLater)
            box.open()
            return
        self.errors.report_failure(self, exc)

    def _ask_approval(self, rows: list[dict]) -> PdiOmissionsDialog:
        """4.4.1.2 b: the parts left out get their reasons and the administrator's approval."""
        dialog = PdiOmissionsDialog(rows, reasons_editable=True, parent=self)
        dialog.approved.connect(self._approved)
        dialog.finished.connect(dialog.deleteLater)
        self.omissions_dialog = dialog
        dialog.open()
        return dialog

    def _approved(self, omissions: list[dict]) -> None:
        self.model.omissions = omissions
        self.publish(approve_omissions=True)
