"""bench/import_memory.py (issue #15.13) must not rot: it runs once on a tiny workbook.
Its figures are not judged here; bench/RESULTS.md records the real run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="the bench reads ru_maxrss (POSIX)")
def test_import_memory_bench_runs_on_a_small_file(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "import_memory.py"), "--rows", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "import of 30 rows" in out.stdout and "30 created, 0 rejected" in out.stdout
