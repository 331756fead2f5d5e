"""A message shown while no window is active (a start-up failure, a worker finishing after its
page closed) must stay on screen until the user closes it, not vanish with the garbage."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import ShowroomError
from ui.shell.errors import show_error


def _open_boxes() -> set:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()}


def test_a_parentless_error_box_stays_until_closed(qtbot):
    before = _open_boxes()  # other tests of the run may have left theirs open
    show_error(None, ShowroomError("database_unavailable"))
    gc.collect()
    QApplication.processEvents()
    boxes = list(_open_boxes() - before)
    assert len(boxes) == 1 and "database" in boxes[0].text().lower()
    boxes[0].done(0)
    gc.collect()
    QApplication.processEvents()
    assert not _open_boxes() - before
