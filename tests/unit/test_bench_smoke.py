"""The benchmarks must not rot (issue #10): a tiny dataset S is generated through bench/ and
every measure of bench/run.py runs once. Their figures are not judged here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="the benchmark probes read ru_maxrss (POSIX)")
@pytest.mark.skipif(
    bool(os.environ.get("SHOWROOM_TEST_DATABASE_URL")),
    reason="bench/run.py makes its own SQLite dataset S: once, in the SQLite pass",
)
def test_benchmark_suite_runs_on_a_tiny_dataset(tmp_path):
    out = tmp_path / "table.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--scale", "0.005", "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    for measure in (
        "first window (login)",
        "usable main window",
        "peak RSS",
        "home page",
        "search customers by phone tail",
        "search customers by name",
        "search vehicles by VIN tail",
        "visits list first screen",
        "deal board first screen",
        "month KPI inputs",
        "one vehicle card PDF",
        "cards issued, signed, archived, print file written",
        "contract signed (sign_contract) vs one vehicle card issued",
        "longest UI stall",
    ):
        assert measure in table, f"{measure!r} missing from\n{table}"
