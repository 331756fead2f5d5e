"""The message shown when a save hit a stale version (app.errors.Conflict).

Never a silent overwrite: the user chooses Reload (take the other terminal's data, losing their
edits) or Cancel (keep their edits on screen, nothing saved). Opened with open(), never exec(),
so the event loop (and tests) keep running while it shows.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import Conflict
from ui.errors import error_text

def open_conflict_box(parent: QWidget, exc: Conflict, on_reload: Callable[[], None]) -> QMessageBox:
    """Show the conflict message; call on_reload() if the user picks Reload. Returns the box."""
    box = QMessageBox(parent)
    box.setObjectName("conflict_box")
    box.setIcon(QMessageBox.Icon.Warning)
    # Literal context and text in each call: pyside6-lupdate only extracts those.
    box.setWindowTitle(QCoreApplication.translate("ConflictBox", "Changed on another terminal"))
    box.setText(error_text(exc))
    reload_button = box.addButton(QCoreApplication.translate("ConflictBox", "Reload"),
                                  QMessageBox.ButtonRole.AcceptRole)
    reload_button.setObjectName("reload_button")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # losing typed edits must be a deliberate choice
    box.setEscapeButton(cancel)

    def clicked(button) -> None:
        if button is reload_button:
            on_reload()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
