"""Child process of bench/run.py: the longest UI-thread stall while the showroom page issues a
batch of cards and the inventory's import bar imports a large file (issue #10).

    probe_stall.py URL CARDS ROWS

A 5 ms QTimer probe runs on the UI thread; a stall is how much later than due a tick arrives.
The baseline is the same probe over an idle event loop for the same time. Prints one JSON
line: {"event": "stall", "max_stall_s": …, "timer_s": …}.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

INTERVAL_MS = 5


class Probe:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.max_late = 0.0
        self.ticks = 0
        self.last = None
        self.timer = QTimer()
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.max_late, self.ticks, self.last = 0.0, 0, time.perf_counter()
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.max_late = max(self.max_late, now - self.last - INTERVAL_MS / 1000)
        self.last = now
        self.ticks += 1


def _import_file(url: str, rows: int) -> Path:
    """A CSV of `rows` new cars in the import format (VINs the store does not have yet)."""
    from app.core.validation import vin_check_digit
    from app.inventory.vehicle_io_formats import REQUIRED_COLUMNS

    path = Path(tempfile.mkdtemp(prefix="bench-import-")) / "new_cars.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        columns = [*REQUIRED_COLUMNS, "trim", "status"]
        w.writerow(columns)
        for i in range(rows):
            vin = f"LSVAB2180N2{900000 + i:06d}"
            vin = vin[:8] + vin_check_digit(vin) + vin[9:]
            values = {
                "vin": vin,
                "brand": "大众",
                "model": "帕萨特",
                "model_year": "2026",
                "powertrain": "ICE",
                "guide_price_yuan": "209900",
                "price_yuan": "199900",
                "status": "in_stock",
                "trim": "330TSI 精英版",
            }
            w.writerow([values[c] for c in columns])
    return path


def main(url: str, cards: int, rows: int) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from sqlalchemy import select

    from app.staff.auth import actor_of
    from app.store.store import get_store
    from db.models import StaffUser, Vehicle
    from db.uow import Database
    from ui.shell.context import AppContext
    from ui.shell.i18n import install_translators
    from ui.showroom.showroom_page import ShowroomPage
    from ui.inventory.import_export import ImportExportBar

    install_translators("zh_CN")
    from ui.shell.startup import warm_ui_imports

    warm_ui_imports()  # as the app's loader does while the login window is up
    db = Database(url)
    with db.uow() as uow:
        manager = actor_of(uow.session.scalar(select(StaffUser).where(StaffUser.username == "manager")))
        ids = list(
            uow.session.scalars(
                select(Vehicle.id)
                .where(Vehicle.status.in_(("on_display", "in_stock")))
                .order_by(Vehicle.id)
                .limit(cards)
            )
        )
    ctx = AppContext(db, manager, get_store(db.uow()))
    page = ShowroomPage(ctx)
    page.show()
    from app.inventory.vehicles import VehicleQuery

    bar = ImportExportBar(ctx, lambda: VehicleQuery())
    bar.show()
    path = _import_file(url, rows)
    probe = Probe()

    def wait(pred, timeout: float) -> None:
        end = time.time() + timeout
        while not pred() and time.time() < end:
            app.processEvents()
            time.sleep(0.001)

    # Let the page's first load finish, then measure the idle loop as the baseline.
    wait(lambda: False, 1.0)
    probe.start()
    wait(lambda: False, 2.0)
    idle = probe.max_late
    probe.start()
    page._run_batch(ids)
    bar.import_file(str(path))
    wait(lambda: page.last_batch is not None and not bar.busy_flag, float(os.environ.get("BENCH_STALL_TIMEOUT", "600")))
    if page.last_batch is None or bar.busy_flag:
        from PySide6.QtWidgets import QMessageBox

        boxes = [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        print(
            json.dumps({"event": "error", "error": f"batch={page.last_batch} busy={bar.busy_flag} {boxes}"}), flush=True
        )
    busy = probe.max_late
    ok = page.last_batch is not None and not bar.busy_flag
    print(
        json.dumps(
            {
                "event": "stall",
                "max_stall_s": busy,
                "timer_s": idle,
                "ticks": probe.ticks,
                "cards": len(page.last_batch.cards) if page.last_batch else 0,
                "rows": rows,
                "completed": ok,
            }
        ),
        flush=True,
    )
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
