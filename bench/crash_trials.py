"""Longer crash-safety run (issue #8.4): N trials of a writer killed with SIGKILL at a random
moment on a real SQLite file, then PRAGMA integrity_check and the check that every write the
writer reported as committed is present. The suite runs 20 (tests/reliability/test_crash.py).

    python bench/crash_trials.py [--trials 500] [--max-delay 0.8] [--seed N] [--keep DIR]

Exit status 0 when rows lost and integrity failures are both zero. POSIX only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--trials", type=int, default=500)
    p.add_argument("--max-delay", type=float, default=0.8, help="longest time in seconds before the kill")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--keep", type=Path, help="work in this directory and keep the database")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args()
    if sys.platform == "win32":
        print("crash trials need fork and SIGKILL (POSIX)", file=sys.stderr)
        return 2
    import os

    os.environ.setdefault("SHOWROOM_DATA_DIR", tempfile.mkdtemp(prefix="showroom-crash-"))
    from tests.reliability.crash import prepare, run_trials

    work = args.keep or Path(tempfile.mkdtemp(prefix="showroom-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    url = prepare(work / "crash.sqlite")
    t0 = time.monotonic()
    stats = run_trials(
        url, args.trials, work, seed=args.seed, max_delay=args.max_delay, log=None if args.quiet else print
    )
    print(stats.line() + f"; {time.monotonic() - t0:.0f} s")
    for d in stats.details:
        print("  " + d)
    return 0 if stats.rows_lost == 0 and stats.integrity_failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
