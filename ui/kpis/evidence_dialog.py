"""The dashboard's "Evidence pack…" button (认证审核证据包, issue #20.5): asks where to save the
ZIP, builds the pack of the dashboard's period off the UI thread behind a progress dialog that
can be cancelled, and says where the file is.

The build (app.kpis.evidence.build_evidence_pack) reads the store and writes only the file the
user chose, so it runs on the background runner, not as an Op: it changes no record and
publishes no change set. Cancel stops it between two files and leaves no file; a build that
finished just as Cancel was pressed has its file removed, so Cancel always means "no file".
The dashboard (ui/kpis/dashboard*.py) places the button when this module exists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from app.kpis.periods import Period
from ui.shell.workers import run_op


class _Relay(QObject):
    """Carries the build's progress from the worker thread to the dialog (queued signal)."""

    advanced = Signal(int, int, str)


class EvidenceButton(QPushButton):
    """A push button building the evidence pack of `period_getter()`'s period."""

    def __init__(self, ctx, period_getter: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period_getter = period_getter
        self.setObjectName("evidence_pack_button")
        self.setText(self.tr("Evidence pack…"))
        self.setToolTip(
            self.tr(
                "Build the certification evidence pack of this period (T/CSCA 120031 ch. 6): "
                "clause index, KPI workbook, sample of signed documents, registers and audit log"
            )
        )
        self.progress_dialog: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self.last_pack = None  # the EvidencePackDTO of the last finished build
        self.running = False
        self.clicked.connect(self.build)

    def _ask_path(self, period: Period) -> Path | None:
        suggested = f"evidence_{period.first_day:%Y%m%d}_{period.last_day:%Y%m%d}.zip"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the evidence pack"), suggested, self.tr("ZIP archive (*.zip)")
        )
        if not path:
            return None
        return Path(path) if path.lower().endswith(".zip") else Path(path + ".zip")

    def _progress(self, stop: threading.Event) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("Building the evidence pack…"), self.tr("Cancel"), 0, 0, self)
        dialog.setObjectName("evidence_pack_progress")
        dialog.setWindowTitle(self.tr("Evidence pack"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(stop.set)
        self.progress_dialog = dialog
        return dialog

    def build(self) -> None:
        if self.running:
            return
        period = self.period_getter()
        out = self._ask_path(period)
        if out is None:
            return
        ctx, stop, relay = self.ctx, threading.Event(), _Relay(self)
        dialog = self._progress(stop)
        relay.advanced.connect(lambda done, total, what: self._advance(dialog, done, total, what))
        dialog.show()
        # The button stays enabled (the dialog, its child, would be disabled with it); the
        # window-modal dialog keeps the page from a second click meanwhile.
        self.running = True

        def work():
            from app.kpis.evidence import build_evidence_pack

            return build_evidence_pack(
                ctx.uow(), actor=ctx.actor, period=period, out=out, progress=relay.advanced.emit, cancel=stop
            )

        run_op(self, work, lambda pack: self._done(pack, stop), self._failed)

    def _step_labels(self) -> dict[str, str]:
        """The build's steps (app/kpis/evidence.py names them) in the user's words."""
        registers = self.tr("Reading the registers and qualifications…")
        return {
            "clause index": self.tr("Generating the clause index from the code…"),
            "KPI figures": self.tr("Computing the KPI figures…"),
            "KPI workbook": self.tr("Writing the KPI workbook…"),
            "signed documents": self.tr("Drawing the sample of signed documents…"),
            "complaint closures": self.tr("Reading the closed complaints…"),
            "test-drive routes and fleet": registers,
            "public notices": registers,
            "staff qualifications": registers,
            "audit log": self.tr("Extracting the audit log and checking its chain…"),
            "writing the ZIP": self.tr("Writing the ZIP file…"),
        }

    def _advance(self, dialog: QProgressDialog, done: int, total: int, what: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        label = self._step_labels().get(what)
        if label:  # a document's number within a step keeps the step's words
            dialog.setLabelText(label)

    def _finish(self) -> None:
        self.running = False
        if self.progress_dialog is not None:
            self.progress_dialog.hide()

    def _done(self, pack, stop: threading.Event) -> None:
        self._finish()
        if stop.is_set():  # Cancel pressed as the last file was written: still no file
            pack.path.unlink(missing_ok=True)
            return
        self.last_pack = pack
        self._tell(
            self.tr("The evidence pack of {period} is saved as:\n{path}\n\n{files} files; seed {seed}.").format(
                period=pack.period.label, path=str(pack.path), files=pack.files, seed=pack.seed
            )
        )

    def _failed(self, exc: BaseException) -> None:
        from app.kpis.evidence import BuildCancelled

        self._finish()
        if isinstance(exc, BuildCancelled):
            return  # the user asked for it: no file, nothing to say
        from ui.shell.errors import show_error

        show_error(self, exc)

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Evidence pack"), text, parent=self)
        box.setObjectName("evidence_pack_saved")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = box
        box.open()
