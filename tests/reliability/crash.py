"""Crash trials (issue #8.4): a writer process adding cars through the app's services is killed
with SIGKILL at a random moment; afterwards `PRAGMA integrity_check` must say ok and every car
the writer had reported as committed must be in the database.

A launcher process imports the app once and forks one writer per trial, so a trial costs the
time until the kill rather than a Python start-up (20 trials stay within a few seconds).
The writer reports a car with `OK <vin>` written straight to a file (os.write, no buffer) only
after `add_vehicle` returned, i.e. after the commit. POSIX only (fork, SIGKILL).

Used by tests/reliability/test_crash.py (20 trials) and bench/crash_trials.py (as many as asked).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERNAME = "crash.writer"


@dataclass
class CrashStats:
    trials: int = 0
    committed: int = 0  # writes the writer reported as committed, over all trials
    rows_lost: int = 0
    integrity_failures: int = 0
    killed_while_running: int = 0
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"crash trials: {self.trials}, writes reported committed: {self.committed}, "
            f"rows lost: {self.rows_lost}, integrity failures: {self.integrity_failures}"
        )


def prepare(path: Path) -> str:
    """A migrated SQLite file with a store and the writer's account; returns its URL."""
    sys.path.insert(0, str(ROOT)) if str(ROOT) not in sys.path else None
    from db.migrate import upgrade
    from db.models import Role
    from db.session import sqlite_url
    from db.uow import Database
    from tests.factories import make_store, make_user

    url = sqlite_url(path)
    upgrade(url)
    d = Database(url)
    try:
        make_store(d.uow)
        make_user(d.uow, Role.SALES_MANAGER, username=USERNAME)
    finally:
        d.dispose()
    return url


def run_trials(
    url: str, trials: int, workdir: Path, *, seed: int | None = None, max_delay: float = 0.4, log=None
) -> CrashStats:
    rng = random.Random(seed)
    stats = CrashStats()
    db_path = Path(url.removeprefix("sqlite:///"))
    launcher = subprocess.Popen(
        [sys.executable, __file__, "launcher"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=ROOT,
    )
    try:
        assert launcher.stdout.readline().strip() == "ready"
        expected: set[str] = set()
        # On a loaded machine a writer may need longer than max_delay for its first commit, and
        # every kill would then land in start-up. Time one writer to its first reported commit
        # and stretch the window to cover a few commits, whatever the load.
        first_commit = _time_to_first_commit(launcher, url, workdir / "calibrate.ok", expected)
        max_delay = max(max_delay, 3 * first_commit)
        for trial in range(trials):
            ok_file = workdir / f"trial-{trial}.ok"
            launcher.stdin.write(f"fork {url} {ok_file} {(trial * 10_000) % 1_000_000}\n")
            launcher.stdin.flush()
            pid = int(launcher.stdout.readline())
            time.sleep(rng.uniform(0.02, max_delay))  # somewhere in start-up, a write or a commit
            os.kill(pid, signal.SIGKILL)
            launcher.stdin.write(f"reap {pid}\n")
            launcher.stdin.flush()
            status = launcher.stdout.readline().strip()
            if status == "killed":
                stats.killed_while_running += 1
            reported = [
                line.split()[1]
                for line in (ok_file.read_text().splitlines() if ok_file.exists() else [])
                if line.startswith("OK ")
            ]
            expected.update(reported)
            stats.committed += len(reported)
            stats.trials += 1
            conn = sqlite3.connect(db_path)
            try:
                check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
                present = {r[0] for r in conn.execute("SELECT vin FROM vehicle")}
            finally:
                conn.close()
            if check != ["ok"]:
                stats.integrity_failures += 1
                stats.details.append(f"trial {trial}: integrity_check {check[:3]}")
            lost = expected - present
            if lost:
                stats.rows_lost += len(lost)
                stats.details.append(f"trial {trial}: lost {sorted(lost)[:5]}")
                expected -= lost  # count each lost row once
            if log:
                log(f"trial {trial + 1}: {len(reported)} committed, {status}, integrity {check[0]}, lost {len(lost)}")
    finally:
        launcher.stdin.close()
        launcher.wait(timeout=30)
    return stats


def _time_to_first_commit(launcher, url: str, ok_file: Path, expected: set[str]) -> float:
    """Seconds from fork to the writer's first `OK` line (it is then killed; its rows count)."""
    t0 = time.perf_counter()
    launcher.stdin.write(f"fork {url} {ok_file} 995000\n")
    launcher.stdin.flush()
    pid = int(launcher.stdout.readline())
    while time.perf_counter() - t0 < 60 and not (ok_file.exists() and "OK " in ok_file.read_text()):
        time.sleep(0.01)
    elapsed = time.perf_counter() - t0
    os.kill(pid, signal.SIGKILL)
    launcher.stdin.write(f"reap {pid}\n")
    launcher.stdin.flush()
    launcher.stdout.readline()
    if ok_file.exists():
        expected.update(line.split()[1] for line in ok_file.read_text().splitlines() if line.startswith("OK "))
    return elapsed


# --- the launcher and its writers (a separate process) --------------------------------------


def _launcher() -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Everything the writer needs, imported once before forking.
    import sqlalchemy  # noqa: F401

    from app.staff import auth  # noqa: F401
    from app.inventory import vehicles  # noqa: F401
    from db.uow import Database  # noqa: F401
    from tests.factories import make_vin, vehicle_input  # noqa: F401

    print("ready", flush=True)
    for line in sys.stdin:
        cmd, *args = line.split()
        if cmd == "fork":
            url, ok_file, start = args
            pid = os.fork()
            if pid == 0:
                try:
                    _write_forever(url, ok_file, int(start))
                finally:
                    os._exit(0)
            print(pid, flush=True)
        elif cmd == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            print("killed" if killed else "exited", flush=True)
    return 0


def _write_forever(url: str, ok_file: str, start: int) -> None:
    from sqlalchemy import select

    from app.staff import auth
    from app.inventory import vehicles
    from db.models import StaffUser
    from db.uow import Database
    from tests.factories import make_vin, vehicle_input

    fd = os.open(ok_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    db = Database(url)
    with db.uow() as uow:
        actor = auth.actor_of(uow.session.scalar(select(StaffUser).where(StaffUser.username == USERNAME)))
    from app.core.errors import ShowroomError

    i = 0
    while True:
        vin = make_vin(start + i)
        i += 1
        try:
            vehicles.add_vehicle(db.uow(), actor=actor, data=vehicle_input(vin=vin))
        except ShowroomError as e:  # a long bench run comes round to VINs it used before
            os.write(fd, f"ERR {vin} {e.code}\n".encode())
            continue
        os.write(fd, f"OK {vin}\n".encode())  # reported only once the commit returned


if __name__ == "__main__" and sys.argv[1:] == ["launcher"]:
    sys.exit(_launcher())
