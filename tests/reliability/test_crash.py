"""Crash safety (issue #8.4): a writer killed with SIGKILL at 20 random moments never leaves a
damaged database (PRAGMA integrity_check = ok) nor loses a write it had reported as committed.
SQLite runs in WAL with synchronous=FULL (db/session.py) for exactly this guarantee."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import PG_URL
from tests.reliability.crash import prepare, run_trials

TRIALS = 20

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX only"),
    pytest.mark.skipif(
        bool(PG_URL),
        reason="measures SQLite's own crash safety on a SQLite "
        "file; identical in the SQLite pass (PostgreSQL's durability is the "
        "server's, with fsync on in a store)",
    ),
]


def test_sigkilled_writer_loses_nothing_it_reported_and_leaves_an_intact_file(tmp_path):
    url = prepare(tmp_path / "crash.sqlite")
    stats = run_trials(url, TRIALS, tmp_path, seed=8, max_delay=0.5)
    print("\n" + stats.line() + f" (killed mid-run: {stats.killed_while_running})")
    assert stats.trials == TRIALS
    assert stats.killed_while_running == TRIALS  # every kill hit a running writer
    assert stats.committed > TRIALS  # the kills fell among writes, not only before the first
    assert stats.integrity_failures == 0, stats.details
    assert stats.rows_lost == 0, stats.details
