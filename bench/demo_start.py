"""First start of `showroom --demo` up to a usable login window (issue #17, speed).

    python bench/demo_start.py [--repeat N]

Times what the user waits for: from starting the process to a login window whose demo
accounts work (the back end is loaded, the demo store is in place). Each case runs in a
child process on a fresh per-user data directory, against a bare PySide6 QMainWindow
started in the same run as the baseline (bench/probe_start.py bare):

- cold: nothing on disk, so the demo template is built first (app/demo/template.py);
- copied: the template of today is there, the demo database is not (a new trainee's first
  start after `showroom admin demo`, or after the demo file was deleted);
- again: the demo database exists (every later start).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child() -> int:
    """In the child: run the real GUI start with --demo and report when login works."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import main as entry
    from ui.shell.shell import Shell

    # Remember the Shell as it starts (gc.get_objects() while the loader thread builds
    # objects can hand out half-made tuples, and the loader then fails).
    shells: list[Shell] = []
    start = Shell.start

    def remember(self) -> None:
        shells.append(self)
        start(self)

    Shell.start = remember  # type: ignore[method-assign]

    def emit(event: str) -> None:
        print(json.dumps({"event": event, "t": time.time()}), flush=True)

    def tick() -> None:
        shell = shells[0] if shells else None
        if shell is not None and shell.backend is not None and shell.login is not None and shell.login.isVisible():
            emit("usable")
            os._exit(0)
        if shell is not None and shell.loader.error is not None:
            print(json.dumps({"event": "error", "error": repr(shell.loader.error)}), flush=True)
            os._exit(1)
        QTimer.singleShot(20, tick)

    app = QApplication([sys.argv[0]])
    QTimer.singleShot(0, tick)
    assert app is QApplication.instance()
    return entry.run_gui(["--demo", "--lang", "zh_CN"])


def _run(args: list[str], data_dir: Path | None) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if data_dir is not None:
        env["SHOWROOM_DATA_DIR"] = str(data_dir)
    t0 = time.time()
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=600, env=env).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    done = [e for e in events if e["event"] in ("usable", "shown")]
    if not done:
        raise RuntimeError(f"no usable window: {out[-2000:]}")
    return done[0]["t"] - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    me = str(Path(__file__).resolve())
    bare = [str(ROOT / "bench" / "probe_start.py"), "bare"]
    _run(bare, None)  # warm the OS file cache for Qt's libraries
    results: dict[str, list[float]] = {"bare": [], "cold": [], "copied": [], "again": []}
    for _ in range(args.repeat):
        data = Path(tempfile.mkdtemp(prefix="bench-demo-"))
        try:
            results["bare"].append(_run(bare, None))
            results["cold"].append(_run([me, "child"], data))
            (data / "showroom-demo.sqlite").unlink()
            for extra in ("-wal", "-shm"):
                (data / f"showroom-demo.sqlite{extra}").unlink(missing_ok=True)
            results["copied"].append(_run([me, "child"], data))
            results["again"].append(_run([me, "child"], data))
        finally:
            shutil.rmtree(data, ignore_errors=True)
    b = statistics.median(results["bare"])
    print("| case | value | bare window | ratio | goal |")
    print("|---|---|---|---|---|")
    for case in ("cold", "copied", "again"):
        v = statistics.median(results[case])
        print(f"| --demo first start, {case} | {v:.2f} s | {b:.2f} s | {v / b:.1f}× | ≤ 5 s |")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        sys.exit(child())
    sys.exit(main())
