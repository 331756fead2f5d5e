"""Issue #20's "Done means", walked as a new manager would in the demo store: the sales manager
周建国 logs in on the login window, opens the KPIs page from the navigation, sees all eight
figures of T/CSCA 120031 5.2.1 a)-h) (3.11-3.18) against their targets (none "—"), clicks a tile
down to the records counted in its numerator and denominator and opens one, exports the month's report
(PDF and workbook) and builds the month's evidence pack (ch. 6), whose manifest
scripts/verify_evidence_pack.py verifies. Only the folder/file dialogs are answered for him.

The demo is built today through the services with its year of history (app/demo/history.py),
as the demo template holds it. Set SHOWROOM_WALK_SHOTS to a folder to keep a PNG of each screen,
and SHOWROOM_WALK_LANG=zh_CN to walk in Chinese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from app.core.clock import store_today, utcnow
from app.kpis.definitions import KPIS, KpiCode
from app.kpis.dto import Side
from app.kpis.periods import Period
from ui.kpis.drilldown_dialog import DrilldownDialog
from ui.kpis.evidence_dialog import EvidenceButton
from ui.kpis.report_button import ReportButton
from ui.shell.context import AppContext
from ui.shell.i18n import install_translators
from ui.shell.login_window import LoginWindow
from ui.shell.main_window import MainWindow
from ui.shell.startup import load_backend

pytestmark = pytest.mark.usefixtures("sync_ops")
LEFT = Qt.MouseButton.LeftButton
SHOTS = os.environ.get("SHOWROOM_WALK_SHOTS")
LANGUAGE = os.environ.get("SHOWROOM_WALK_LANG", "en")
ROOT = Path(__file__).resolve().parents[2]


def shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"kpi_{LANGUAGE}_{name}.png"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """The demo store built today, with its year of history; (database url, data directory)."""
    from app.demo import build_demo
    from app.demo.history import add_kpi_history
    from db.session import sqlite_url
    from db.uow import Database

    base = tmp_path_factory.mktemp("kpi_demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOWROOM_DATA_DIR", str(base / "data"))
        url = sqlite_url(base / "demo.sqlite")
        now = utcnow()
        build_demo(url, now=now)
        db = Database(url)
        try:
            add_kpi_history(db, now)
        finally:
            db.dispose()
        yield url, base / "data"


@pytest.fixture()
def window(qtbot, demo_store, monkeypatch):
    """周建国 logged in on the login window: his main window at 1366×768."""
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(demo_store[1]))
    assert install_translators(LANGUAGE)
    backend = load_backend(demo_store[0], demo=False)
    login = LoginWindow()
    qtbot.addWidget(login)
    login.on_backend_ready(backend)
    qtbot.keyClicks(login.username, "zhou.jianguo")
    qtbot.keyClicks(login.password, "demo1234")
    with qtbot.waitSignal(login.logged_in) as signal:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    actor, backend = signal.args
    login.close()
    w = MainWindow(AppContext(backend.database, actor, backend.store))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    w.close()
    install_translators("en")
    backend.database.dispose()


def _open_kpis(qtbot, window):
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item_of("kpis")).center())
    assert window.current_module() == "kpis"
    page = window.page("kpis")
    qtbot.waitUntil(lambda: page.report is not None and bool(page.trend))
    return page


def _button(page, kind):
    return next(b for b in page.extra_buttons if isinstance(b, kind))


def test_the_manager_sees_eight_figures_drills_down_exports_and_builds_a_verified_pack(
    qtbot, window, monkeypatch, tmp_path
):
    page = _open_kpis(qtbot, window)
    assert page.picker.period() == Period.month(store_today())  # the current store month first
    for d in KPIS:  # 5.2.1 a)-h): a figure and its target on every tile
        tile = page.tiles.tile(d.code)
        assert tile.value.text() != "—", d.code
        assert tile.target.text() and tile.badge.property("verdict") in ("met", "near", "missed"), d.code
    assert len(page.trend) == 12 and all(f.value_bp is not None for m in page.trend for f in m.store.figures)
    shot(window, "1_dashboard")

    # A click on the test-drive tile (3.13) lists the drives and the intentions it counted.
    tile = page.tiles.tile(KpiCode.TEST_DRIVE)
    qtbot.mouseClick(tile, LEFT, pos=tile.rect().center())
    dialog = page.drilldown
    assert isinstance(dialog, DrilldownDialog) and dialog.isVisible()
    figure = page.figure(KpiCode.TEST_DRIVE)
    qtbot.waitUntil(lambda: dialog.views[Side.DENOMINATOR].model().rowCount() == figure.denominator)
    assert dialog.views[Side.NUMERATOR].model().rowCount() == figure.numerator > 0
    shot(dialog, "2_drilldown")
    # A drive of the numerator opens its own record: the drive at its return step.
    drives = dialog.views[Side.NUMERATOR]
    qtbot.mouseClick(drives.viewport(), LEFT, pos=drives.visualRect(drives.model().index(0, 0)).center())
    qtbot.mouseClick(dialog.open_button, LEFT)
    assert dialog.opened is not None and dialog.opened.isVisible()
    shot(dialog.opened, "2b_record")
    dialog.opened.close()
    dialog.close()

    # Export report…: the month's PDF and workbook in the folder he picks.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    report = _button(page, ReportButton)
    qtbot.mouseClick(report, LEFT)
    qtbot.waitUntil(lambda: report.findChild(QMessageBox, "kpi_report_exported") is not None)
    month = page.picker.period().label
    pdf, xlsx = tmp_path / f"kpi-report-{month}.pdf", tmp_path / f"kpi-report-{month}.xlsx"
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    if SHOTS:  # the report as exported, to look at
        (Path(SHOTS) / f"kpi_{LANGUAGE}_3_report.pdf").write_bytes(pdf.read_bytes())
    report.findChild(QMessageBox, "kpi_report_exported").close()

    # Evidence pack…: the month's ZIP, and the script an auditor runs says it is intact.
    target = tmp_path / "pack.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    evidence = _button(page, EvidenceButton)
    qtbot.mouseClick(evidence, LEFT)
    qtbot.waitUntil(target.exists, timeout=60_000)
    with zipfile.ZipFile(target) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["period"]["from"] == page.picker.period().first_day.isoformat()
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "verify_evidence_pack.py"), str(target)], capture_output=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert isinstance(evidence, QPushButton) and evidence.isEnabled()
