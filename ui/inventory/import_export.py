"""Inventory import and export for the inventory page: file choice, busy bar, results.

The import runs in the write pool (ui/ops.Op) and reports rows done through a queued
signal, so the window stays usable; Cancel makes the next progress call raise, and the
service then writes nothing. The bar is the visible part: "Importing x.xlsx… [====] Cancel".
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from app.core.errors import ShowroomError
from app.inventory.vehicles import VehicleQuery
from ui.shell.context import AppContext
from ui.inventory.import_report_dialog import ImportReportDialog
from ui.shell.errors import error_text, show_error
from ui.shell.ops import Op


class ImportCancelled(Exception):
    """Raised inside the import's progress callback when the user pressed Cancel."""


class _Progress(QObject):
    """Called on the worker thread; hands (done, total) to the UI thread by a queued signal."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.cancelled = False  # set on the UI thread, read on the worker: a plain bool is enough

    def __call__(self, done: int, total: int) -> None:
        if self.cancelled:
            raise ImportCancelled()
        self.progressed.emit(done, total)


class ImportExportBar(QWidget):
    """Busy indicator plus the import/export actions. `query` gives the current list filter,
    which the export uses (export what you see)."""

    busy_changed = Signal(bool)  # an import or export started (True) or ended (False)

    def __init__(self, ctx: AppContext, query: Callable[[], VehicleQuery], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_export_bar")
        self.ctx = ctx
        self.query = query
        self.busy_flag = False
        self.message_box: QMessageBox | None = None
        self.report_dialog: ImportReportDialog | None = None
        self._progress: _Progress | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setObjectName("busy")
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setObjectName("cancel_import")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._set_busy(False)

    def _set_busy(self, busy: bool, text: str = "", cancellable: bool = False) -> None:
        self.busy_flag = busy
        self.bar.setRange(0, 0)  # indeterminate until the service reports rows
        self.label.setText(text)
        self.cancel_button.setVisible(busy and cancellable)
        self.cancel_button.setEnabled(True)
        self.setVisible(busy)
        self.busy_changed.emit(busy)
        if not busy and self._progress is not None:
            self._progress.deleteLater()
            self._progress = None

    # --- files ---------------------------------------------------------------------------
    @staticmethod
    def _documents_dir() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def choose_import_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self.window(), self.tr("Import vehicles"), self._documents_dir(), self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        return path

    def choose_export_path(self) -> str:
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self.window(), self.tr("Export vehicles"), self._documents_dir(), f"{xlsx};;{csv}"
        )
        if path and not path.lower().endswith((".xlsx", ".csv")):
            path += ".csv" if chosen == csv else ".xlsx"
        return path

    # --- import --------------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> None:
        if self.busy_flag:
            return
        path = path or self.choose_import_path()
        if not path:
            return
        from app.inventory import vehicle_io  # openpyxl loads only when someone imports

        progress = self._progress = _Progress(self)
        progress.progressed.connect(self._on_progress)
        actor, uow = self.ctx.actor, self.ctx.uow
        self._set_busy(True, self.tr("Importing {file}…").format(file=file_name(path)), cancellable=True)
        Op(
            self.ctx, self, lambda: vehicle_io.import_vehicles(uow(), actor=actor, path=path, progress=progress)
        ).on_success(lambda report: self._imported(path, report)).on_failure(self._failed).run()

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancelled = True
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _imported(self, path: str, report) -> None:
        self._set_busy(False)  # the report's change set went out on the bus (ui/ops.Op)
        dialog = ImportReportDialog(report, file_name(path), self.window())
        dialog.finished.connect(dialog.deleteLater)
        self.report_dialog = dialog
        dialog.open()

    # --- export --------------------------------------------------------------------------
    def export_file(self, path: str | None = None) -> None:
        if self.busy_flag:
            return
        path = path or self.choose_export_path()
        if not path:
            return
        from app.inventory import vehicle_io

        actor, uow, query = self.ctx.actor, self.ctx.uow, self.query()
        self._set_busy(True, self.tr("Exporting to {file}…").format(file=file_name(path)))

        def done(count: int) -> None:
            self._set_busy(False)
            self._message(
                QMessageBox.Icon.Information,
                self.tr("Export finished. Vehicles: {count}\nFile: {file}").format(count=count, file=path),
            )

        # A write (issue #9.4: the export's audit row), so through the one operation path.
        Op(self.ctx, self, lambda: vehicle_io.export_vehicles(uow(), actor=actor, path=path, query=query)).on_success(
            done
        ).on_failure(self._failed).run()

    # --- errors --------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ImportCancelled):
            self._message(QMessageBox.Icon.Information, self.tr("Import cancelled. Nothing was imported."))
        elif isinstance(exc, ShowroomError):
            self._message(QMessageBox.Icon.Warning, self.io_error_text(exc))
        else:
            show_error(self.window(), exc)  # logs the traceback and offers copyable details

    def io_error_text(self, exc: ShowroomError) -> str:
        return error_text(exc)

    def _message(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Inventory"), text, QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("inventory_message")
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()


def file_name(path: str) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]
