"""Issue #15.13: peak memory and wall time of one inventory import of a large XLSX.

    python bench/import_memory.py                    # 20,000 rows, this checkout
    python bench/import_memory.py --rows 2000        # a smaller file
    python bench/import_memory.py --root /tmp/main   # the same file through another checkout
                                                     # (how the "before" figure was taken)

The workbook is generated once (every column, valid VINs, all rows new). The database is
created and migrated in one subprocess; the import runs alone in a second, fresh one, so its
peak RSS (ru_maxrss of that child) is the interpreter, the app's imports and the import itself,
nothing else. Linux only (ru_maxrss in KiB). Not part of the test suite's pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEADER = [
    "vin",
    "brand",
    "model",
    "trim",
    "model_year",
    "exterior_color",
    "interior_color",
    "powertrain",
    "guide_price_yuan",
    "price_yuan",
    "production_date",
    "status",
    "configuration",
    "power_kw",
    "accel_0_100_s",
    "fuel_l_per_100km",
    "range_km",
    "battery_kwh",
    "fast_charge_minutes",
    "slow_charge_hours",
    "defect_notes",
    "repair_notes",
    "notes",
]


def generate(path: Path, rows: int) -> None:
    """A realistic dealer sheet: Chinese text, real date and number cells."""
    sys.path.insert(0, str(ROOT))
    from openpyxl import Workbook

    from app.core.validation import vin_check_digit

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("vehicles")
    ws.append(HEADER)
    year = dt.date.today().year
    for i in range(rows):
        vin = f"LSVAB2180N2{i:06d}"
        vin = vin[:8] + vin_check_digit(vin) + vin[9:]
        bev = i % 3 == 0
        ws.append(
            [
                vin,
                "上汽大众",
                "ID.4 X" if bev else "帕萨特",
                "330TSI 星空精英版",
                year,
                "珍珠白",
                "黑色",
                "BEV" if bev else "ICE",
                218900,
                199900.5,
                dt.datetime(2025, 5, 1 + i % 28),
                "in_stock",
                "全景天窗;自适应巡航;360°全景影像",
                150,
                7.9,
                None if bev else 6.5,
                555 if bev else None,
                84.8 if bev else None,
                40 if bev else None,
                12.5 if bev else None,
                "",
                "",
                f"第{i}辆 到店备注",
            ]
        )
    wb.save(path)


_SETUP = """
import sys; sys.path.insert(0, {root!r})
try:  # the audit chain's key (issue #15.7), as every writer of the database
    import app.core.keeper
except ImportError:  # a "before" run of older code (--root)
    import app.services
from db.migrate import upgrade
from db.session import sqlite_url
from pathlib import Path
from db.uow import Database
from db.models import Role, StaffRole, StaffUser
url = sqlite_url(Path({db!r}))
upgrade(url)
d = Database(url)
with d.uow() as u:
    user = StaffUser(username="bench", full_name="Bench", password_hash="x", failed_logins=0,
                     active=True)
    user.roles = [StaffRole(role=Role.SALES_MANAGER.value)]
    u.session.add(user)
    u.commit()
d.dispose()
"""

_IMPORT = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from sqlalchemy import select
from app.staff.auth import actor_of
from app.inventory.vehicle_io import import_vehicles
from db.models import StaffUser
from db.session import sqlite_url
from db.uow import Database
d = Database(sqlite_url(Path({db!r})))
with d.uow() as u:
    actor = actor_of(u.session.scalar(select(StaffUser)))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0, c0 = time.perf_counter(), time.process_time()
report = import_vehicles(d.uow(), actor=actor, path={xlsx!r})
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({{"seconds": seconds, "cpu": cpu, "created": report.created,
                  "rejected": len(report.rejected),
                  "rss_before_import_kb": before,
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def measure(root: Path, xlsx: Path, workdir: Path) -> dict:
    db = workdir / f"import-{time.time_ns()}.sqlite"
    env = {**os.environ, "SHOWROOM_DATA_DIR": str(workdir / "data"), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", _SETUP.format(root=str(root), db=str(db))], check=True, env=env, cwd=root)
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT.format(root=str(root), db=str(db), xlsx=str(xlsx))],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=20_000)
    p.add_argument("--root", type=Path, default=ROOT, help="checkout whose code imports")
    p.add_argument("--repeat", type=int, default=1)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="showroom-import-bench-") as tmp:
        workdir = Path(tmp)
        xlsx = workdir / f"vehicles-{args.rows}.xlsx"
        generate(xlsx, args.rows)
        print(f"{xlsx.name}: {xlsx.stat().st_size / 1e6:.1f} MB, code from {args.root}")
        for _ in range(args.repeat):
            r = measure(args.root.resolve(), xlsx, workdir)
            # Linux reports ru_maxrss in KiB (macOS in bytes; this bench runs on Linux).
            # CPU seconds too: on a shared machine the wall time mostly measures the others.
            print(
                f"  import of {args.rows} rows: {r['seconds']:.1f} s wall, {r['cpu']:.1f} s CPU, "
                f"peak RSS "
                f"{r['peak_rss_kb'] / 1024:.0f} MB (before the import "
                f"{r['rss_before_import_kb'] / 1024:.0f} MB), {r['created']} created, "
                f"{r['rejected']} rejected",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
