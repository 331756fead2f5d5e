"""Issue #17 (first window ≤ 1.2× a bare PySide6 window): the login window paints before the
`Qt` namespace is touched. Its first use makes 93 Python enum classes (25–30 ms of CPU, a fifth
of a bare window's whole start), which a bare QMainWindow never pays. Nor does it import
`dataclasses` (its import and two class makings, ~4 ms: the margin left under 1.2×)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import PySide6.QtCore as QtCore

app = QApplication([sys.argv[0]])

def painted():
    print('Qt' in QtCore.__dict__)
    print('dataclasses' in sys.modules)
    app.exit(0)

QTimer.singleShot(0, painted)
import main
main.run_gui(['--database-url', sys.argv[1], '--lang', 'zh_CN'])
"""


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory) -> list[str]:
    """What the login window's first paint found: one start serves both tests."""
    tmp_path = tmp_path_factory.mktemp("first_paint")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOWROOM_DATA_DIR": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    url = f"sqlite:///{tmp_path / 'showroom.sqlite'}"
    out = subprocess.run(
        [sys.executable, "-c", CODE, url], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert len(out.stdout.splitlines()) >= 2, out.stdout + out.stderr[-2000:]
    return out.stdout.splitlines()


def test_the_login_window_paints_before_the_qt_namespace_is_made(first_paint):
    assert first_paint[0] == "False"


def test_the_login_window_paints_before_dataclasses_is_imported(first_paint):
    assert first_paint[1] == "False"
