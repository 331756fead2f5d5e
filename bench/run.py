"""The benchmark table of issue #10: each measure against a physical baseline from the same run.

    python bench/run.py                       # generates dataset S in a temporary SQLite file
    python bench/run.py --s-url sqlite:///bench-S.db --g-url postgresql+psycopg://…/bench_g
    python bench/run.py --scale 0.01 --quick  # the smoke run (tests/unit/test_bench_smoke.py)

Every row: the measure, its value, the baseline measured in this run, their ratio and the goal.
Times are medians of several runs after a warm-up. Not part of the test suite's pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Row:
    measure: str
    value: float | None
    unit: str
    baseline: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        print("  " + _fmt_row(row) + (f"  ({row.note})" if row.note else ""), flush=True)
        return row

    def render(self) -> str:
        head = f"| {'measure':<52} | {'value':>10} | {'baseline':>10} | {'ratio':>6} | {'goal':<22} | met |"
        sep = "|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|"
        lines = [head, sep]
        for r in self.rows:
            lines.append("| " + _fmt_row(r) + " |")
        return "\n".join(lines)


def _num(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "s":
        return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.3g} {unit}"


def _fmt_row(r: Row) -> str:
    ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
    met = {True: "yes", False: "NO", None: "—"}[r.met]
    return (
        f"{r.measure:<52} | {_num(r.value, r.unit):>10} | {_num(r.baseline, r.unit):>10} | "
        f"{ratio:>6} | {r.goal:<22} | {met:<3}"
    )


def median_time(fn, repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# --- start-up (child processes) ------------------------------------------------------------


def _probe(*args: str, timeout: float = 120) -> tuple[float, list[dict]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe_start.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    ).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    errors = [e for e in events if e["event"] == "error"]
    if errors:
        raise RuntimeError(errors[0].get("tb") or errors[0]["error"])
    return t0, events


def _event(events: list[dict], name: str) -> dict:
    for e in events:
        if e["event"] == name:
            return e
    raise RuntimeError(f"probe did not report {name!r}: {events}")


def startup_rows(table: Table, url: str, user: str, password: str, repeat: int) -> None:
    bare, login, usable, rss = [], [], [], []
    _probe("bare")  # warm the OS file cache for Qt's libraries before measuring either side
    _probe("login", url)
    for _ in range(repeat):
        t0, ev = _probe("bare")
        bare.append(_event(ev, "shown")["t"] - t0)
        t0, ev = _probe("login", url)
        login.append(_event(ev, "shown")["t"] - t0)
    for _ in range(max(1, repeat // 2)):
        _, ev = _probe("main", url, user, password)
        usable.append(_event(ev, "usable")["t"] - _event(ev, "login_submitted")["t"])
        rss.append(_event(ev, "rss")["mb"])
    b, lg = statistics.median(bare), statistics.median(login)
    table.add(Row("first window (login) vs bare QMainWindow start", lg, "s", b, "≤ 1.2× bare (#17)", lg <= 1.2 * b))
    u = statistics.median(usable)
    table.add(Row("login -> usable main window on S", u, "s", None, "≤ 1.0 s", u <= 1.0))
    r = max(rss)
    table.add(Row("peak RSS with S open (every page visited)", r, "MB", None, "≤ 200 MB", r <= 200))
    home_rows(table, url, password, repeat=max(1, repeat // 2))


# Dataset S's first user of each role (bench/generate.py), whose home page opens after login.
ROLE_USERS = (
    ("manager", "manager"),
    ("reception", "desk1"),
    ("consultant", "c01"),
    ("pdi_technician", "pdi1"),
    ("finance", "finance"),
    ("admin", "admin"),
)


def home_rows(table: Table, url: str, password: str, repeat: int) -> None:
    """Issue #17: each role's home page usable (its tables filled) after the login, ≤ 1 s."""
    for role, user in ROLE_USERS:
        took, module = [], ""
        for _ in range(repeat):
            _, ev = _probe("home", url, user, password)
            usable = _event(ev, "usable")
            took.append(usable["t"] - _event(ev, "login_submitted")["t"])
            module = usable.get("module") or ""
        t = statistics.median(took)
        table.add(Row(f"login -> {role}'s home page ({module}) usable on S", t, "s", None, "≤ 1.0 s", t <= 1.0))


# --- services vs raw SQL -------------------------------------------------------------------


def _actor(db, username: str):
    from sqlalchemy import select

    from app.staff.auth import actor_of
    from db.models import StaffUser

    with db.uow() as uow:
        return actor_of(uow.session.scalar(select(StaffUser).where(StaffUser.username == username)))


def search_rows(table: Table, url: str, label: str, goal_s: float, repeat: int) -> None:
    from sqlalchemy import text

    from app.reception import search as reception_search
    from app.inventory import vehicles
    from db.uow import Database

    db = Database(url)
    try:
        manager = _actor(db, "manager")
        with db.engine.connect() as conn:
            mobile = conn.execute(
                text("select mobile from customer where mobile is not null order by id limit 1 offset 7")
            ).scalar()
            name = conn.execute(
                text("select name from customer where name is not null order by id limit 1 offset 11")
            ).scalar()
            vin = conn.execute(text("select vin from vehicle order by id limit 1 offset 13")).scalar()
        tail, surname, vin_tail = mobile[-4:], name[:2], vin[-6:]
        sqlite = url.startswith("sqlite")

        def raw(sql, **params):
            # Values inline, as the services render them on PostgreSQL (see
            # reception_search._prefix): a prepared generic plan cannot use a LIKE prefix.
            from sqlalchemy import bindparam

            stmt = text(sql).bindparams(*(bindparam(k, v, literal_execute=True) for k, v in params.items()))
            with db.engine.connect() as conn:
                return conn.execute(stmt).fetchall()

        cases = [
            (
                f"search customers by phone tail on {label}",
                lambda: reception_search.search_customers(db.uow(), actor=manager, text=tail),
                lambda: (
                    raw(
                        "select c.id, c.name, c.mobile, c.consultant_id, s.full_name "
                        "from customer c left join staff_user s on s.id = c.consultant_id "
                        "where c.mobile_rev >= :p and c.mobile_rev < :q order by c.mobile_rev, c.id limit 50",
                        p=tail[::-1],
                        q=tail[::-1] + "\U0010ffff",
                    )
                    if sqlite
                    else raw(
                        "select c.id, c.name, c.mobile, c.consultant_id, s.full_name "
                        "from customer c left join staff_user s on s.id = c.consultant_id "
                        "where c.mobile_rev like :p order by c.mobile_rev, c.id limit 50",
                        p=tail[::-1] + "%",
                    )
                ),
            ),
            (
                f"search customers by name on {label}",
                lambda: reception_search.search_customers(db.uow(), actor=manager, text=surname),
                lambda: (
                    raw(
                        "select c.id, c.name, c.mobile, c.consultant_id, s.full_name "
                        "from customer c left join staff_user s on s.id = c.consultant_id "
                        "where c.name >= :p and c.name < :q order by c.name, c.id limit 50",
                        p=surname,
                        q=surname + "\U0010ffff",
                    )
                    if sqlite
                    else raw(
                        "select c.id, c.name, c.mobile, c.consultant_id, s.full_name "
                        "from customer c left join staff_user s on s.id = c.consultant_id "
                        "where c.name like :p order by c.name, c.id limit 50",
                        p=surname + "%",
                    )
                ),
            ),
            (
                f"search vehicles by VIN tail on {label}",
                lambda: vehicles.list_vehicles(
                    db.uow(), actor=manager, query=vehicles.VehicleQuery(text=vin_tail, limit=50)
                ),
                lambda: raw("select * from vehicle where vin like :p limit 50", p=f"%{vin_tail}"),
            ),
        ]
        for measure, service, baseline in cases:
            assert service(), f"{measure}: the service found nothing"
            s, b = median_time(service, repeat), median_time(baseline, repeat)
            table.add(Row(measure, s, "s", b, f"≤ {goal_s * 1000:.0f} ms", s <= goal_s))
    finally:
        db.dispose()


def visits_list_row(table: Table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.reception import search as reception_search
    from db.uow import Database

    db = Database(url)
    try:
        manager = _actor(db, "manager")

        def service():
            page = reception_search.list_visits(
                db.uow(), actor=manager, query=reception_search.VisitHistoryQuery(limit=100)
            )
            from ui.reception.visit_history_model import VisitHistoryModel

            model = VisitHistoryModel()
            model.set_page(page)
            return model.rowCount()

        def baseline():
            with db.engine.connect() as conn:
                return conn.execute(
                    text(
                        "select v.*, s.full_name from visit v left join staff_user s "
                        "on s.id = v.consultant_id order by v.arrival_at desc, v.id desc limit 100"
                    )
                ).fetchall()

        assert service() == 100
        s, b = median_time(service, repeat), median_time(baseline, repeat)
        table.add(Row(f"visits list first screen (100 rows) on {label}", s, "s", b, "≤ 50 ms", s <= 0.050))
    finally:
        db.dispose()


def kpi_row(table: Table, url: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.core.clock import previous_month, store_month_bounds
    from app.reception import reports as reception_reports
    from db.uow import Database

    db = Database(url)
    try:
        manager = _actor(db, "manager")
        with db.engine.connect() as conn:
            last = conn.execute(text("select max(arrival_at) from visit")).scalar()
        last = last if isinstance(last, dt.datetime) else dt.datetime.fromisoformat(str(last))
        month = last.date().replace(day=1)
        start, end = store_month_bounds(month)

        def service():
            return reception_reports.month_kpi(db.uow(), actor=manager, month=month, now=end)

        # The KPI feature's definitions (docs/kpis_design.md, issue #20.1/#20.8): intentions are
        # leads with a mobile, not anonymised; retained at a month start from the previous
        # month's snapshot (S has them: settle_month_ends); orders are contracts signed; test
        # drives are drives returned.
        contact = "join customer c on c.id = l.customer_id where c.mobile is not null and c.anonymised_at is null"
        retained = f"""(select count(*) from lead_month_snapshot s join kpi_month k on k.id = s.kpi_month_id
                          join lead l on l.id = s.lead_id {contact} and k.month = {{p}})"""

        def hand():
            q = text(f"""
                select
                  (select count(*) from visit where arrival_at >= :s and arrival_at < :e),
                  (select count(*) from test_drive where status = 'returned' and actual_end >= :s and actual_end < :e),
                  (select count(*) from lead l {contact} and l.created_at >= :s and l.created_at < :e),
                  (select count(*) from contract where signed_at >= :s and signed_at < :e),
                  {retained.format(p=":prev")},
                  {retained.format(p=":this")}""")
            with db.engine.connect() as conn:
                return conn.execute(q, dict(s=start, e=end, prev=previous_month(month), this=month)).fetchone()

        k = service()
        h = hand()
        assert (
            k.visits,
            k.test_drives,
            k.new_leads,
            k.orders,
            k.retained_last_month,
            k.retained_at_month_end,
        ) == tuple(h), (k, h)
        s, b = median_time(service, repeat), median_time(hand, repeat)
        table.add(
            Row(f"month KPI inputs ({month:%Y-%m}) on S", s, "s", b, "≤ 50 ms, ≤ 1.5× SQL", s <= 0.050 and s <= 1.5 * b)
        )
    finally:
        db.dispose()


# --- documents -----------------------------------------------------------------------------


def card_rows(table: Table, url: str, repeat: int, batch: int) -> None:
    """One card's PDF, and a batch as the user waits for it (bench/cards_batch.py), each
    against plain reportlab with ready-made QR images."""
    from app.showroom.vehicle_card import render_card
    from bench.cards_batch import bare_canvas, batch_times, qr_images, sample_cards

    one = sample_cards(url, 1)
    images = qr_images(one)
    s = median_time(lambda: render_card(one[0]), repeat)
    b = median_time(lambda: bare_canvas(one, images), repeat)
    table.add(Row("one vehicle card PDF vs bare reportlab, ready QR image", s, "s", b, "≤ 1.5× bare", s <= 1.5 * b))
    s, b, n, (cpu, cpu_bare) = batch_times(url, batch, max(1, repeat // 3))
    table.add(
        Row(
            f"{n} cards issued, signed, archived, print file written",
            s,
            "s",
            b,
            "≤ 2 s",
            s <= 2.0 if n >= 60 else None,
            note=f"CPU {cpu:.2f} s vs {cpu_bare:.2f} s",
        )
    )


# --- UI-thread stall -----------------------------------------------------------------------


def _scratch_copy(url: str) -> str:
    """The stall probe issues cards and imports cars: it works on a copy of dataset S (made
    with SQLite's backup API), so every run of the table measures the same data."""
    import sqlite3

    src = Path(url.removeprefix("sqlite:///"))
    dst = Path(tempfile.mkdtemp(prefix="bench-stall-")) / "S-copy.db"
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


def stall_row(table: Table, url: str, cards: int, rows: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if url.startswith("sqlite:///"):
        url = _scratch_copy(url)
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "probe_stall.py"), url, str(cards), str(rows)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    events = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    result = next((e for e in events if e["event"] == "stall"), None)
    if result is None:
        raise RuntimeError(out.stdout[-2000:] + out.stderr[-2000:])
    table.add(
        Row(
            f"longest UI stall: {result['cards']} cards + {result['rows']}-row import",
            result["max_stall_s"],
            "s",
            result["timer_s"],
            "≤ 50 ms",
            result["max_stall_s"] <= 0.050,
            note=f"probe ticks {result['ticks']}",
        )
    )


# --- main ----------------------------------------------------------------------------------


def settle_month_ends(url: str) -> None:
    """Take S's month-end lead snapshots (issue #17.14) before measuring, as a store that ran
    through those months has them. Otherwise the first start on a fresh S rebuilds five years
    of them in the background, and its peak RSS would be that catch-up's, not a day's work."""
    from app.reception.snapshots import take_due_snapshots
    from db.uow import Database

    t0 = time.time()
    taken = take_due_snapshots(Database(url).uow())
    print(f"month-end snapshots of S: {len(taken)} taken in {time.time() - t0:.1f} s")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--s-url", help="dataset S (default: generate into a temporary SQLite file)")
    p.add_argument("--g-url", help="dataset G on PostgreSQL (omitted: G rows are skipped)")
    p.add_argument("--scale", type=float, default=1.0, help="size of the generated S")
    p.add_argument("--quick", action="store_true", help="few repetitions (smoke run)")
    p.add_argument("--out", type=Path, help="also write the table (markdown) to this file")
    args = p.parse_args(argv)
    repeat = 3 if args.quick else 9
    from bench.board_rows import deal_board_rows
    from bench.care_rows import care_page_rows, overdue_rows
    from bench.complaint_rows import complaint_board_rows, overdue_complaint_rows
    from bench.contract_sign import contract_rows
    from bench.generate import Generator, use_data_dir

    s_url = args.s_url
    if not s_url:
        path = Path(tempfile.mkdtemp(prefix="bench-S-")) / "S.db"
        s_url = f"sqlite:///{path}"
        use_data_dir(s_url)
        print(f"generating S ×{args.scale} into {path}")
        took = Generator(s_url, "S", args.scale, log=lambda *_: None).run()
        print(f"  generated in {took:.1f} s")
    else:
        use_data_dir(s_url)
    settle_month_ends(s_url)
    table = Table()
    print("measuring (value | baseline | ratio | goal | met):")
    startup_rows(table, s_url, "manager", "bench1234", repeat=3 if args.quick else 5)
    search_rows(table, s_url, "S", 0.005, repeat)
    visits_list_row(table, s_url, "S", repeat)
    deal_board_rows(table, s_url, "S", repeat)  # issue #18.11 (bench/board_rows.py)
    care_page_rows(table, s_url, "S", repeat)  # issue #19.10 (bench/care_rows.py)
    overdue_rows(table, s_url, "S", repeat)
    complaint_board_rows(table, s_url, "S", repeat)  # issue #19.10 (bench/complaint_rows.py)
    overdue_complaint_rows(table, s_url, "S", repeat)
    if args.g_url:
        search_rows(table, args.g_url, "G", 0.020, repeat)
        visits_list_row(table, args.g_url, "G", repeat)
    kpi_row(table, s_url, repeat)
    card_rows(table, s_url, repeat, batch=10 if args.quick else 60)
    # issue #18.11 (bench/contract_sign.py): 40 alternated rounds, as a median of 7 moved by
    # ±0.1 on the ratio with the machine's own speed (bench/RESULTS.md, eighth pass).
    contract_rows(table, s_url, 3 if args.quick else 40)
    stall_row(table, s_url, cards=5 if args.quick else 60, rows=100 if args.quick else 3000)
    text = table.render()
    print()
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
