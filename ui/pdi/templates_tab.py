"""The PDI page's checklists tab (issue #7, administrators; T/CSCA 120031-2023 4.4.1.2): every
published version per brand, export one as JSON, import a JSON file as the next version of
its brand's checklist (every problem in the file listed with its place; the parts of the
standard checklist it names as left out are approved in one step, 4.4.1.2 b), and edit the
current checklist (ui/pdi/template_dialog.py). Versions are never changed once
published; inspections keep theirs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationFailed
from ui.shell.errors import field_error_text, show_error
from ui.pdi.models import PdiTemplatesModel
from ui.pdi.omissions_dialog import PdiOmissionsDialog, omissions_of
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button


def describe_problems(exc: ValidationFailed) -> str:
    """One line per problem: where in the file, then what is wrong."""
    return "\n".join(f"{e.field}: {field_error_text(e)}" for e in exc.errors)


class PdiTemplatesTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pdi_templates_tab")
        self.ctx = ctx
        self.editor = None
        self.omissions_dialog: PdiOmissionsDialog | None = None
        self.last_problems = ""
        intro = QLabel(
            self.tr(
                "A checklist version is never changed once published: an edit or an import publishes "
                "the next version, and inspections keep the version they started with. A brand's own "
                "checklist replaces the general one (*) for its cars."
            )
        )
        intro.setWordWrap(True)
        self.model = PdiTemplatesModel(self)
        self.table = QTableView(objectName="pdi_templates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.edit_button = action_button(self.tr("Edit checklist…"), "edit_template", self.edit_selected)
        self.export_button = action_button(self.tr("Export JSON…"), "export_template", self.export_selected)
        self.import_button = action_button(self.tr("Import JSON…"), "import_template", self.choose_import)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.export_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx

        def work():
            from app.pdi.templates import list_templates

            return list_templates(ctx.uow(), actor=ctx.actor)

        run_op(self, work, self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        t = self.selected()
        self.export_button.setEnabled(t is not None)
        self.edit_button.setEnabled(t is not None and t.current)

    def export_selected(self, path: str | None = None) -> None:
        t = self.selected()
        if t is None:
            return
        if path is None:
            suggested = f"pdi-{t.key}-v{t.template_version}.json"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export checklist"), suggested, self.tr("JSON files (*.json)")
            )
            if not path:
                return
        ctx, template_id = self.ctx, t.id

        def work():
            from app.pdi.templates import export_template

            return export_template(ctx.uow(), actor=ctx.actor, template_id=template_id, path=path)

        run_op(self, work, None)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import checklist"), "", self.tr("JSON files (*.json)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str, approve_omissions: bool = False) -> None:
        ctx = self.ctx

        def work():
            from app.pdi.templates import import_template

            return import_template(ctx.uow(), actor=ctx.actor, path=path, approve_omissions=approve_omissions)

        def failed(exc: BaseException) -> None:
            self._import_failed(exc, path)

        Op(ctx, self, work).on_success(lambda _t: self.refresh()).on_failure(failed).run()

    def _import_failed(self, exc: BaseException, path: str) -> None:
        rows = omissions_of(exc) if isinstance(exc, ValidationFailed) else None
        if rows is not None and all(r["reason"] for r in rows):
            # Everything left out is named with its reason in the file: the admin approves.
            dialog = PdiOmissionsDialog(rows, reasons_editable=False, parent=self)
            dialog.approved.connect(lambda _o: self.import_file(path, approve_omissions=True))
            dialog.finished.connect(dialog.deleteLater)
            self.omissions_dialog = dialog
            dialog.open()
            return
        if isinstance(exc, ValidationFailed):
            self.last_problems = describe_problems(exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Checklist not imported"),
                self.tr("The file has problems; nothing was imported:"),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("pdi_import_problems")
            box.setDetailedText(self.last_problems)
            box.setInformativeText(self.last_problems[:600])
            box.finished.connect(box.deleteLater)
            box.open()
            return
        show_error(self, exc)

    def edit_selected(self):
        from ui.pdi.template_dialog import PdiTemplateDialog

        t = self.selected()
        if t is None or not t.current:
            return None
        ctx = self.ctx

        def work():
            from app.pdi.templates import get_template_definition

            return get_template_definition(ctx.uow(), actor=ctx.actor, template_id=t.id)

        def loaded(definition) -> None:
            dialog = PdiTemplateDialog(ctx, t, definition, self)
            dialog.published.connect(lambda _t: self.refresh())
            dialog.finished.connect(dialog.deleteLater)
            self.editor = dialog
            dialog.open()

        run_op(self, work, loaded)
        return self.editor
