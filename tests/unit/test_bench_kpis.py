"""The KPI benchmark must not rot (issue #20.6): on a tiny dataset S, bench/kpis.py runs once
and, before timing anything, asserts that compute_kpis and the hand-written SQL of
docs/kpis_design.md's definitions give the same eight figures (T/CSCA 120031 3.11-3.18) for a
month and a year. Its times are not judged here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    bool(os.environ.get("SHOWROOM_TEST_DATABASE_URL")),
    reason="bench/kpis.py makes its own SQLite dataset S: once, in the SQLite pass",
)
def test_kpi_benchmark_agrees_with_hand_sql_on_a_tiny_dataset(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "kpis.py"), "--scale", "0.01", "--repeat", "1", "--year", "2025"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)},  # its dataset S goes here
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "all eight KPIs, a month (2026-06)" in proc.stdout and "all eight KPIs, a year (2025)" in proc.stdout
    assert "NO FORMULA" not in proc.stdout
