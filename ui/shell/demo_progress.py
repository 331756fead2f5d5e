"""Progress of the first `--demo` start, while the demo store is built (issue #17, speed).

The back-end loader (ui/shell/startup.py) reports each step of app/demo/template.py from its
thread; this small dialog beside the login window names the step and fills its bar, so a
first start that must build the demo store (tens of seconds) is never a silent wait. A start
that only copies the template reports one step and the dialog closes at once. It closes
when the back end is ready or has failed (the login window then says why).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QProgressDialog


def step_label(step: str) -> str:
    labels = {
        "users": QCoreApplication.translate("DemoProgress", "Creating the demo store and its staff…"),
        "vehicles": QCoreApplication.translate("DemoProgress", "Adding the cars…"),
        "documents": QCoreApplication.translate("DemoProgress", "Signing the store notices…"),
        "showroom": QCoreApplication.translate("DemoProgress", "Issuing the vehicle cards…"),
        "drives": QCoreApplication.translate("DemoProgress", "Recording test drives…"),
        "pdi": QCoreApplication.translate("DemoProgress", "Recording pre-delivery inspections…"),
        "sales": QCoreApplication.translate("DemoProgress", "Signing the sample sales and handovers…"),
        "reception": QCoreApplication.translate("DemoProgress", "Seating today's visitors…"),
        "history": QCoreApplication.translate("DemoProgress", "Recording the store's past year for its KPIs…"),
        "copy": QCoreApplication.translate("DemoProgress", "Opening the demo store…"),
    }
    return labels.get(step, step)


class DemoProgress(QObject):
    """Listens to a BackendLoader; shows a progress dialog from its first step on."""

    def __init__(self, loader) -> None:
        super().__init__(loader)
        self.dialog: QProgressDialog | None = None
        loader.progress.connect(self._on_progress)  # queued: emitted on the loader thread
        loader.backend_ready.connect(self._close)
        loader.backend_failed.connect(self._close)

    @Slot(str, int, int)
    def _on_progress(self, step: str, done: int, total: int) -> None:
        if self.dialog is None:
            self.dialog = QProgressDialog()
            self.dialog.setWindowTitle(self.tr("Preparing the demo store"))
            self.dialog.setCancelButton(None)  # the build cannot be stopped halfway
            self.dialog.setWindowModality(Qt.WindowModality.NonModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
        self.dialog.setRange(0, total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(step_label(step))
        self.dialog.show()

    @Slot(object)
    def _close(self, _result=None) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
