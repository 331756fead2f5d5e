"""Editing a PDI checklist (issue #7, administrators; T/CSCA 120031-2023 4.4.1.2): add items,
reorder them within their section, retire them, change texts, powertrains and value units,
then publish the result as the next version. If another administrator published meanwhile,
the conflict box says who and when, nothing is published, and its Reload opens their version
for editing. A checklist that leaves out parts of the standard one is published only after
the approval step (omissions_dialog.py, 4.4.1.2 b). A form dialog on ServiceFormDialog (issue
#16.1): publishing goes through the one operation path, and a second click is never sent."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Conflict, ValidationFailed
from app.pdi.dto import PdiTemplateDTO
from app.pdi.rules import TemplateDefinition
from ui.pdi.omissions_dialog import PdiOmissionsDialog, omissions_of
from ui.pdi.template_model import TemplateEditModel
from ui.pdi.templates_tab import describe_problems
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.conflict_box import open_conflict_box
from ui.widgets.field_error import FieldErrors


class PdiTemplateDialog(ServiceFormDialog):
    published = Signal(object)  # PdiTemplateDTO

    def __init__(self, ctx, template: PdiTemplateDTO, definition: TemplateDefinition, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("pdi_template_dialog")
        self.last_problems = ""
        self.omissions_dialog: PdiOmissionsDialog | None = None
        self._approve_omissions = False
        self.setSizeGripEnabled(True)
        self.resize(1100, 700)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = QTableView(objectName="pdi_template_items")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.note = QLineEdit(objectName="publish_note")
        self.note.setPlaceholderText(self.tr("What changed (kept with the version)"))
        self.publish_button = self.save_button
        self.publish_button.setText(self.tr("Publish new version"))
        self.publish_button.setObjectName("publish_template")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(self._edit_buttons())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors.wrap("note", self.note))
        self.load((template, definition))

    def _edit_buttons(self) -> QHBoxLayout:
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
        return row

    def load(self, loaded: tuple[PdiTemplateDTO, TemplateDefinition]) -> None:
        """The version being edited (on opening, and the newer one after Reload)."""
        self.template, definition = loaded
        template = self.template
        brand = self.tr("all brands") if template.brand == "*" else template.brand
        self.setWindowTitle(
            self.tr("Checklist for {brand}, editing v{version}").format(brand=brand, version=template.template_version)
        )
        self.hint.setText(
            self.tr(
                "Double-click a text to change it. Powertrains: ICE, HEV, PHEV, BEV separated by "
                "commas. Value: number (unit) or text. Publishing creates v{next}."
            ).format(next=template.template_version + 1)
        )
        old = getattr(self, "model", None)
        self.model = TemplateEditModel(definition, self)
        self.table.setModel(self.model)
        if old is not None:
            old.deleteLater()  # the version it held was replaced by Reload
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

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

    # --- publishing --------------------------------------------------------------------------
    def publish(self, approve_omissions: bool = False) -> None:
        """Publish the edit (the button does this too); with the omissions approved, after
        the approval step."""
        if self.saving:
            return
        self._approve_omissions = approve_omissions
        self.save()

    def service_call(self) -> ServiceCall | None:
        ctx, data, note, based_on = self.ctx, self.model.to_json(), self.note.text(), self.template.id
        # An approval counts for the publish it was given for, never for a later click.
        approve, self._approve_omissions = self._approve_omissions, False

        def work():
            from app.pdi.templates import publish_template

            return publish_template(
                ctx.uow(), actor=ctx.actor, definition=data, based_on_id=based_on, note=note, approve_omissions=approve
            )

        return work

    def done_saving(self, result: PdiTemplateDTO) -> None:
        self.published.emit(result)
        super().done_saving(result)

    def reload_call(self) -> ServiceCall | None:
        """The brand's current version as published now, to edit that one instead."""
        ctx, brand = self.ctx, self.template.brand

        def work():
            from app.core.errors import NotFound
            from app.pdi.templates import get_template_definition, list_templates

            rows = list_templates(ctx.uow(), actor=ctx.actor, include_old=False)
            current = next((t for t in rows if t.brand == brand), None)
            if current is None:
                raise NotFound(what="pdi_template", id=brand)
            return current, get_template_definition(ctx.uow(), actor=ctx.actor, template_id=current.id)

        return work

    def failed(self, exc: BaseException) -> bool:
        if isinstance(exc, Conflict):
            # Reload replaces the whole table: only the note could be put back, so no
            # "re-apply my changes" that would bring back a part of the edit.
            self.conflict_box = open_conflict_box(self, exc, self.reload, mine={})
            return True
        if isinstance(exc, ValidationFailed) and (rows := omissions_of(exc)) is not None:
            self._ask_approval(rows)
            return True
        if isinstance(exc, ValidationFailed) and not exc.for_field("note"):
            self._show_problems(exc)
            return True
        return False

    def _show_problems(self, exc: ValidationFailed) -> None:
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
