"""The dashboard's Evidence pack… button (issue #20.5, T/CSCA 120031 ch. 6): the sales manager
clicks it, chooses where to save, and gets the pack of the dashboard's period, told where it is;
pressing Cancel on the progress dialog leaves no file."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from app.kpis.periods import Period
from tests.factories import isolated_data_dir, make_store  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

PERIOD = Period.month(dt.date(2026, 11, 1))


def _button(qtbot, ctx, uow, monkeypatch, target):
    from ui.kpis.evidence_dialog import EvidenceButton

    make_store(uow)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    button = EvidenceButton(ctx, lambda: PERIOD)
    qtbot.addWidget(button)
    button.show()
    return button


@pytest.mark.usefixtures("sync_ops")
def test_clicking_the_button_saves_the_pack_and_says_where(qtbot, ctx, uow, monkeypatch, tmp_path):
    target = tmp_path / "pack.zip"
    button = _button(qtbot, ctx, uow, monkeypatch, target)
    assert button.text() == "Evidence pack…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert target.exists()
    with zipfile.ZipFile(target) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["period"]["from"] == "2026-11-01" and manifest["period"]["to"] == "2026-11-30"
    assert button.message is not None and str(target) in button.message.text()


def test_cancel_on_the_progress_dialog_leaves_no_file(qtbot, ctx, uow, monkeypatch, tmp_path):
    target = tmp_path / "pack.zip"
    button = _button(qtbot, ctx, uow, monkeypatch, target)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the build starts on the background pool
    dialog = button.progress_dialog
    assert dialog is not None and dialog.isVisible()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not button.running, timeout=60_000)
    assert list(tmp_path.glob("pack.zip*")) == [] and button.message is None and button.last_pack is None
