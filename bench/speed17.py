"""The five speed goals of issue #17, measured for one or more checkouts in the same run.

    python bench/speed17.py --s-url sqlite:///S.db --root /tmp/main-export --root . [--runs 3]
                            [--only memory,home,window,cards,demo]

Each measure runs in child processes started from each checkout's own bench/ scripts
(probe_start.py, cards_batch.py, demo_start.py), the checkouts taking turns run by run, so a
"before" and an "after" see the same machine load. This machine is shared: every figure is
printed with the load average at that moment, and the first window is compared with a bare
PySide6 window started in the same turn (its ratio is the honest figure).

- memory: peak RSS with S open, every page the manager sees visited, and what each page adds;
- home:   each role's home page usable after login (argon2 check included);
- window: the login window's first paint vs a bare QMainWindow;
- cards:  60 cards issued, signed, archived, print file written (wall and CPU);
- demo:   `--demo` first start with today's template copied in (built once per checkout first).
Not part of the test suite's pass/fail.
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

HERE = Path(__file__).resolve().parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

ROLES = (("manager", "manager"), ("reception", "desk1"), ("consultant", "c01"))
ROLES += (("pdi_technician", "pdi1"), ("finance", "finance"), ("admin", "admin"))
PASSWORD = "bench1234"


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


PYC: dict[str, str] = {}  # --pyc: children cache bytecode here, as an installed app has it


def cpu_of_children() -> float:
    try:
        import resource

        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime
    except ImportError:  # pragma: no cover - Windows: no CPU figure
        return float("nan")


def child(root: Path, args: list[str], timeout: float = 300, data_dir: Path | None = None) -> tuple[float, list[dict]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if PYC:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYC["prefix"]
    if data_dir is not None:
        env["SHOWROOM_DATA_DIR"] = str(data_dir)
    t0 = time.time()
    out = subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, timeout=timeout, env=env)
    events = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if any(e.get("event") == "error" for e in events) or not events:
        raise RuntimeError(f"{root} {args[:2]}: {out.stdout[-1500:]} {out.stderr[-1500:]}")
    return t0, events


def first(events: list[dict], name: str) -> dict:
    return next(e for e in events if e["event"] == name)


def memory(root: Path, url: str) -> dict:
    _, ev = child(root, [str(root / "bench/probe_start.py"), "main", url, "manager", PASSWORD])
    usable = first(ev, "usable")
    pages, before = {}, usable["now"]
    for e in ev:
        if e["event"] == "visited":
            pages[e["module"]] = round(e["now"] - before, 1)
            before = e["now"]
    rss = first(ev, "rss")
    return {"peak": rss["mb"], "end": rss["now"], "usable_now": usable["now"], "pages": pages, "load": load()}


def home(root: Path, url: str) -> dict:
    took, cpu = {}, {}
    for role, user in ROLES:
        _, ev = child(root, [str(root / "bench/probe_start.py"), "home", url, user, PASSWORD])
        took[role] = round(first(ev, "usable")["t"] - first(ev, "login_submitted")["t"], 3)
        if "cpu" in first(ev, "usable"):  # probes from before this measure have no CPU figure
            cpu[role] = round(first(ev, "usable")["cpu"] - first(ev, "login_submitted")["cpu"], 3)
    return {"roles": took, "cpu": cpu, "load": load()}


def window(root: Path, url: str) -> dict:
    """Wall time to the first window, and the child's CPU time (user + system, the whole
    process: it exits at the first window), the steadier figure on a loaded machine."""
    c = cpu_of_children()
    t0, ev = child(root, [str(root / "bench/probe_start.py"), "bare"])
    bare, c_bare = first(ev, "shown")["t"] - t0, cpu_of_children() - c
    c = cpu_of_children()
    t0, ev = child(root, [str(root / "bench/probe_start.py"), "login", url])
    login, c_login = first(ev, "shown")["t"] - t0, cpu_of_children() - c
    return {
        "login": round(login, 3),
        "bare": round(bare, 3),
        "ratio": round(login / bare, 2),
        "cpu_login": round(c_login, 3),
        "cpu_bare": round(c_bare, 3),
        "cpu_ratio": round(c_login / c_bare, 2),
        "load": load(),
    }


CARDS = """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, '.')
from bench.cards_batch import issue_once
out = Path(tempfile.mkdtemp(prefix='bench-cards-out-')) / 'cards.pdf'
issue_once(sys.argv[1], 1, out)
took, cpu, n = issue_once(sys.argv[1], 60, out)
print(json.dumps({'event': 'cards', 'wall': took, 'cpu': cpu, 'n': n}))
"""


def cards(root: Path, url: str) -> dict:
    _, ev = child(root, ["-c", CARDS, url], timeout=600)
    e = first(ev, "cards")
    return {"wall": round(e["wall"], 2), "cpu": round(e["cpu"], 2), "n": e["n"], "load": load()}


_TEMPLATES: dict[Path, Path] = {}


def demo(root: Path, url: str) -> dict:
    """`--demo` with today's template in the data directory, the demo database missing."""
    if root not in _TEMPLATES:  # the cold build, once per checkout, makes the template
        data = Path(tempfile.mkdtemp(prefix="bench-demo17-"))
        child(root, [str(root / "bench/demo_start.py"), "child"], timeout=900, data_dir=data)
        _TEMPLATES[root] = data
    data = Path(tempfile.mkdtemp(prefix="bench-demo17-"))
    shutil.rmtree(data)
    shutil.copytree(_TEMPLATES[root], data)  # the template and the key files it was built with
    for name in ("showroom-demo.sqlite", "showroom-demo.sqlite-wal", "showroom-demo.sqlite-shm"):
        (data / name).unlink(missing_ok=True)
    try:
        t0, ev = child(root, [str(root / "bench/demo_start.py"), "child"], timeout=600, data_dir=data)
        copied = first(ev, "usable")["t"] - t0
        t0, ev = child(root, [str(root / "bench/probe_start.py"), "bare"])
        bare = first(ev, "shown")["t"] - t0
    finally:
        shutil.rmtree(data, ignore_errors=True)
    return {"copied": round(copied, 2), "bare": round(bare, 2), "load": load()}


MEASURES = {"memory": memory, "home": home, "window": window, "cards": cards, "demo": demo}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--s-url", required=True)
    p.add_argument("--root", action="append", type=Path, required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", default=",".join(MEASURES))
    p.add_argument(
        "--pyc", action="store_true", help="children cache bytecode (this sandbox sets PYTHONDONTWRITEBYTECODE)"
    )
    args = p.parse_args(argv)
    if args.pyc:
        PYC["prefix"] = tempfile.mkdtemp(prefix="bench-pyc-")
    from bench.generate import use_data_dir

    use_data_dir(args.s_url)
    roots = [r.resolve() for r in args.root]
    results: dict[str, dict[str, list[dict]]] = {}
    for name in args.only.split(","):
        if name == "window":  # warm the OS file cache for Qt's libraries first
            child(roots[0], [str(roots[0] / "bench/probe_start.py"), "bare"])
        for run in range(args.runs):
            for root in roots:
                r = MEASURES[name](root, args.s_url)
                results.setdefault(name, {}).setdefault(str(root), []).append(r)
                print(json.dumps({"measure": name, "root": str(root), "run": run, **r}, ensure_ascii=False), flush=True)
    for name, by_root in results.items():
        for root, runs in by_root.items():
            print(f"# {name} {root}: {summary(name, runs)}")
    for root in roots:
        shutil.rmtree(_TEMPLATES.get(root, Path("/nonexistent")), ignore_errors=True)
    return 0


def summary(name: str, runs: list[dict]) -> str:
    loads = f"load {min(r['load'] for r in runs):.1f}–{max(r['load'] for r in runs):.1f}"
    if name == "memory":
        return " / ".join(f"{r['peak']:.1f}" for r in runs) + f" MB peak; {loads}"
    if name == "home":
        roles = runs[0]["roles"]
        return "; ".join(f"{k} {statistics.median(r['roles'][k] for r in runs):.2f} s" for k in roles) + f"; {loads}"
    if name == "window":
        wall = " / ".join(f"{r['ratio']:.2f}×" for r in runs)
        return f"wall {wall}; CPU " + " / ".join(f"{r['cpu_ratio']:.2f}×" for r in runs) + f" ({loads})"
    if name == "cards":
        return " / ".join(f"{r['wall']:.2f} s (CPU {r['cpu']:.2f})" for r in runs) + f"; {loads}"
    return " / ".join(f"{r['copied']:.2f} s (bare {r['bare']:.2f})" for r in runs) + f"; {loads}"


if __name__ == "__main__":
    sys.exit(main())
