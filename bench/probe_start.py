"""Child process for the start-up measures of bench/run.py (issue #10). Prints JSON lines.

    probe_start.py bare                 a bare PySide6 QMainWindow: the physical baseline
    probe_start.py login  URL           Showroom's real start (main.run_gui) up to the login
    probe_start.py main   URL USER PW   ... then log in and wait for the role's home page to be
                                        usable, visit every page the user sees (each until its
                                        tables have their rows), report peak RSS
    probe_start.py home   URL USER PW   ... only up to the role's home page being usable

Each event is {"event": name, "t": time.time()}; the parent subtracts the moment it started
the process, so import time and QApplication creation count in both the app and the baseline.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def emit(event: str, **extra) -> None:
    # cpu: this process's CPU time, all threads (the steadier figure when the machine is shared)
    print(json.dumps({"event": event, "t": time.time(), "cpu": time.process_time(), **extra}), flush=True)


def peak_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    except ImportError:  # pragma: no cover - Windows
        return float("nan")


def rss_now_mb() -> float:
    """Resident memory now, to see what each page adds (the peak only ever grows); Linux only,
    this is a measuring script, not the app."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):  # pragma: no cover - not Linux
        return float("nan")


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    w = QMainWindow()
    w.setCentralWidget(QLabel("Showroom"))
    w.show()
    QTimer.singleShot(0, lambda: (emit("shown"), os._exit(0)))
    return app.exec()


def _find_login():
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == "LoginWindow" and w.isVisible():
            return w
    return None


def login(url: str) -> int:
    from PySide6.QtCore import QTimer

    def shown():
        emit("shown", ok=_find_login() is not None)
        os._exit(0)

    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])  # run_gui reuses it; the timer needs it
    QTimer.singleShot(0, shown)  # runs once run_gui's event loop has shown the login
    import main

    assert app is QApplication.instance()
    return main.run_gui(["--database-url", url, "--lang", "zh_CN"])


PAGE_WAIT_S = 20.0  # a page whose tables never fill is reported, not waited for forever


def new_packages(state: dict) -> list[str]:
    """Top-level packages (and our features) imported since the last call: what a page's
    first visit loads, to find the heavy imports a page does not need until the user acts."""
    depth = 9 if os.environ.get("PROBE_MODULES") == "full" else 2  # full: every module of ours
    names = {
        ".".join(m.split(".")[:depth]) if m.split(".")[0] in ("app", "ui") else m.split(".")[0] for m in sys.modules
    }
    new = sorted(names - state.get("packages", set()))
    state["packages"] = names
    return new


def python_heap_by_package(top: int = 25) -> list | None:
    """With PYTHONTRACEMALLOC=1: the Python heap still held at the end, by package (what the
    imports and the pages keep; Qt's C++ memory is not in it)."""
    import tracemalloc

    if not tracemalloc.is_tracing():
        return None
    sizes: dict[str, int] = {}
    for stat in tracemalloc.take_snapshot().statistics("filename"):
        name = stat.traceback[0].filename
        for marker in ("site-packages/", "python3.11/", str(ROOT) + "/"):
            if marker in name:
                name = name.split(marker, 1)[1]
                break
        key = "/".join(name.split("/")[:2]) if name.startswith(("app/", "ui/", "db/")) else name.split("/")[0]
        sizes[key] = sizes.get(key, 0) + stat.size
    return [(k, round(v / 2**20, 2)) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:top]]


def visit_next(state: dict, w, page_ready) -> None:
    """Open each page in turn, moving on once its tables have their rows (issue #17: every
    page visited; a page without tables counts as ready once built)."""
    from ui.widgets.table_state import TableState

    key = state["visiting"]
    if key is not None:
        page = w.page(key)
        tables = page.findChildren(TableState) if page is not None else []
        waited = time.time() - state["since"]
        if tables and not page_ready(page) and waited < PAGE_WAIT_S:
            return
        emit(
            "visited",
            module=key,
            s=round(waited, 3),
            ready=not tables or page_ready(page),
            mb=peak_rss_mb(),
            now=rss_now_mb(),
            new=new_packages(state),
        )
    if state["pages"]:
        key = state["pages"].pop(0)
        state["visiting"], state["since"] = key, time.time()
        w.nav.setCurrentRow(w.module_keys().index(key))
    else:
        state["phase"] = "settle"
        state["settle_until"] = time.time() + 1.5


def main_window(url: str, username: str, password: str, visit: bool = True) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import main as entry

    state = {"shell": None, "phase": "wait_backend", "pages": None, "visiting": None}

    def find_shell():
        import gc

        from ui.shell.shell import Shell

        for obj in gc.get_objects():
            if isinstance(obj, Shell):
                return obj
        return None

    def page_ready(page) -> bool:
        # Usable once every table of the role's home page has its rows (issue #17.7: each role
        # opens on its own page; the manager's has four tables and no `model`).
        from ui.widgets.table_state import TableState, rows_have_arrived

        states = page.findChildren(TableState) if page is not None else []
        return bool(states) and all(rows_have_arrived(s.view.model()) for s in states)

    def tick():
        try:
            step()
        except Exception as e:  # noqa: BLE001 - report, then stop the probe
            import traceback

            emit("error", error=repr(e), tb=traceback.format_exc())
            os._exit(1)
        QTimer.singleShot(5, tick)

    def step():
        shell = state["shell"] or find_shell()
        state["shell"] = shell
        if state["phase"] == "wait_backend":
            if shell is not None and shell.backend is not None:
                emit("backend_ready")
                from app.staff import auth

                state["t_login"] = time.time()
                emit("login_submitted")
                actor = auth.login(shell.backend.database.uow(), username=username, password=password)
                shell._logged_in(actor, shell.backend)
                state["phase"] = "wait_usable"
        elif state["phase"] == "wait_usable":
            w = shell.main_window
            if w is not None and page_ready(w.page(w.current_module())):
                emit("usable", module=w.current_module(), mb=peak_rss_mb(), now=rss_now_mb(), new=new_packages(state))
                if not visit:
                    os._exit(0)
                state["phase"] = "pages"
                state["pages"] = [k for k in w.module_keys() if k != w.current_module()]
        elif state["phase"] == "pages":
            visit_next(state, shell.main_window, page_ready)
        elif state["phase"] == "settle" and time.time() >= state["settle_until"]:
            emit("rss", mb=peak_rss_mb(), now=rss_now_mb(), held=python_heap_by_package())
            os._exit(0)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QTimer.singleShot(0, tick)
    assert app is QApplication.instance()
    return entry.run_gui(["--database-url", url, "--lang", "zh_CN"])


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        sys.exit(bare())
    if mode == "login":
        sys.exit(login(sys.argv[2]))
    if mode == "home":
        sys.exit(main_window(*sys.argv[2:5], visit=False))
    sys.exit(main_window(*sys.argv[2:5]))
