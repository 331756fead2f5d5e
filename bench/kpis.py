"""Benchmark of the eight KPIs (issue #20.6; T/CSCA 120031 5.2.1 a)-h), 3.11-3.18).

    python bench/kpis.py --url sqlite:///bench-S.db                 # a month of dataset S
    python bench/kpis.py --scale 0.05                               # generates S (×0.05) first
    python bench/kpis.py --url postgresql+psycopg://…/bench --year 2025 --detail

Each row times `app.kpis.api.compute_kpis` for the whole store (all eight figures, one read
transaction) against hand-written SQL for the same eight figures, in the same run, and first
asserts that both give the same numerators, denominators and pending counts. The hand SQL
follows docs/kpis_design.md's definitions directly, one statement per figure (3.12/3.13 once
per month piece, as they are monthly figures):

- Every event counts only if it happened by as_of (signed, returned, created, received...); a
  month piece not begun by as_of has no 3.12/3.13 figure yet.
- 3.11: contracts signed in the period; fulfilled by as_of.
- 3.12: contracts signed in the piece / intentions (a lead whose customer has a mobile and is not
  anonymised) retained at the piece's start (the month-end snapshot if taken, counting the leads
  it recorded as intentions when it was taken, or with --hand-counts the counts it recorded per
  consultant; else each lead's last status change before that
  instant is new/following) + intentions created in the piece.
- 3.13: test drives returned in the piece / the 3.12 denominator.
- 3.14: pick-ups (contracts fulfilled in the period, and the delivery calls entered without a
  deal: picked up 72 h before the call is due); reached = a satisfied/unsatisfied try on the
  delivery-call task by pick-up + 72 h; denominator = reached or 72 h over by as_of; the rest
  pending.
- 3.15: 12345-hotline complaints received / contracts fulfilled in the period.
- 3.16, 3.17: complaints received; closed by as_of; first response by its 72 h due and as_of.
- 3.18: answer sheets of the two sales questionnaires (delivery, sales_follow_up) recorded;
  satisfied ones.

Goals: ≤ 1.2× the hand SQL and ≤ 50 ms for a month of S; on PostgreSQL with a bigger dataset
≤ 100 ms for a month and ≤ 1 s for a year. `as_of` is the dataset's end (bench/generate.py END),
so the figures never depend on today. Before timing, the dataset is brought to the schema's head
and its due month-end snapshots are taken (app.reception.snapshots.take_due_snapshots, as a
real store's terminals do at start-up), so a month's retained intentions come from its snapshot.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONTACT = "cu.mobile is not null and cu.anonymised_at is null"
SQL_3_11 = """
select coalesce(sum(case when c.fulfilled_at is not null and c.fulfilled_at <= :as_of then 1 else 0 end), 0), count(*)
from contract c join deal d on d.id = c.deal_id join vehicle v on v.id = c.vehicle_id
where c.signed_at >= :start and c.signed_at < :end and c.signed_at <= :as_of"""
SQL_SIGNED = """
select count(*) from contract c join deal d on d.id = c.deal_id join vehicle v on v.id = c.vehicle_id
where c.signed_at >= :start and c.signed_at < :end and c.signed_at <= :as_of"""
SQL_RETURNED = """
select count(*) from test_drive t join test_drive_car k on k.id = t.car_id join vehicle v on v.id = k.vehicle_id
where t.status = 'returned' and t.actual_end >= :start and t.actual_end < :end and t.actual_end <= :as_of"""
SQL_NEW_INTENTIONS = f"""
select count(*) from lead l join customer cu on cu.id = l.customer_id
where l.created_at >= :start and l.created_at < :end and l.created_at <= :as_of and {CONTACT}"""
# Retained at an instant: a lead not changed since keeps its status (settled); only the leads
# changed since have their last change before the instant looked up (a few rows, not 5 years').
SQL_RETAINED_HISTORY_TEMPLATE = f"""
select (
  select count(*) from lead l join customer cu on cu.id = l.customer_id
  where l.created_at < :start and l.status in ('new', 'following') and {CONTACT}
    and {{unchanged_since}}
) + (
  select count(*) from (
    select x.lead_id, x.to_status,
           row_number() over (partition by x.lead_id order by x.changed_at desc, x.id desc) as rn
    from lead_status_change x
    where x.changed_at < :start
      and x.lead_id in (select y.lead_id from lead_status_change y where y.changed_at >= :start)
  ) last join lead l on l.id = last.lead_id join customer cu on cu.id = l.customer_id
  where last.rn = 1 and last.to_status in ('new', 'following') and {CONTACT}
)"""
# "Not changed since": SQLite hashes a NOT IN list once; PostgreSQL cannot hash 100,000s of ids
# within work_mem and would run NOT IN as a plain subplan per lead, so there it is an anti-join.
UNCHANGED_SINCE = {
    "sqlite": "l.id not in (select x.lead_id from lead_status_change x where x.changed_at >= :start)",
    "postgresql": "not exists (select 1 from lead_status_change x where x.lead_id = l.id and x.changed_at >= :start)",
}
# The snapshot records whether each lead was an intention when it was taken (issue #20.8).
SQL_RETAINED_SNAPSHOT = """
select count(*) from lead_month_snapshot s where s.kpi_month_id = :month_id and s.intention"""
# --hand-counts: the snapshot's intentions as counted per consultant when it was taken
# (kpi_month_intentions, migration 0025), as the service reads them: the stricter baseline.
SQL_RETAINED_COUNTS = """
select coalesce(sum(i.intentions), 0) from kpi_month_intentions i where i.kpi_month_id = :month_id"""
HAND = {"retained": SQL_RETAINED_SNAPSHOT}
# 3.14: (picked up, first reached) per pick-up; judged by the 72 h window in the outer query.
_REACHED = """(select min(a.at) from task_attempt a where a.task_id = {task}
               and a.outcome in ('satisfied', 'unsatisfied') and a.at <= :as_of)"""
SQL_3_14 = """
select coalesce(sum(case when reached is not null and {in_time} then 1 else 0 end), 0),
       coalesce(sum(case when (reached is not null and {in_time}) or {ended} then 1 else 0 end), 0),
       count(*)
from (
  select c.fulfilled_at as picked, (
      select min(a.at) from follow_up_task t join task_attempt a on a.task_id = t.id
      where t.deal_id = c.deal_id and t.kind = 'delivery_call'
        and a.outcome in ('satisfied', 'unsatisfied') and a.at <= :as_of) as reached
  from contract c join deal d on d.id = c.deal_id join vehicle v on v.id = c.vehicle_id
  where c.fulfilled_at >= :start and c.fulfilled_at < :end and c.fulfilled_at <= :as_of
  union all
  select {paper_picked} as picked, {paper_reached} as reached
  from follow_up_task t
  where t.kind = 'delivery_call' and {no_deal}
    and t.due_at >= :start_72 and t.due_at < :end_72 and t.due_at <= :as_of_72
) p"""
# The 72 h window per dialect: SQLite keeps instants as text, so it compares Julian days.
WINDOW_SQL = {
    "sqlite": {
        "in_time": "julianday(reached) <= julianday(picked) + 3.0",
        "ended": "julianday(picked) + 3.0 < julianday(:as_of)",
        "paper_picked": "strftime('%Y-%m-%d %H:%M:%f', t.due_at, '-72 hours')",
        # Not by ix_follow_up_task_deal_id: every lead follow-up has no deal (50,000 rows in S).
        "no_deal": "+t.deal_id is null",
    },
    "postgresql": {
        "in_time": "reached <= picked + interval '72 hours'",
        "ended": "picked + interval '72 hours' < :as_of",
        "paper_picked": "t.due_at - interval '72 hours'",
        "no_deal": "t.deal_id is null",
    },
}
_IN_PERIOD = ":start <= {col} and {col} < :end and {col} <= :as_of"
SQL_3_15 = f"""
select (select count(*) from complaint k where k.channel = 'hotline_12345' and {_IN_PERIOD.format(col="k.received_at")}),
       (select count(*) from contract c join deal d on d.id = c.deal_id join vehicle v on v.id = c.vehicle_id
        where {_IN_PERIOD.format(col="c.fulfilled_at")})"""
SQL_3_16_17 = f"""
select coalesce(sum(case when k.closed_at is not null and k.closed_at <= :as_of then 1 else 0 end), 0),
       coalesce(sum(case when k.first_response_at is not null and k.first_response_at <= k.first_response_due
                          and k.first_response_at <= :as_of then 1 else 0 end), 0),
       count(*)
from complaint k where {_IN_PERIOD.format(col="k.received_at")}"""
SQL_3_18 = f"""
select coalesce(sum(case when r.satisfied then 1 else 0 end), 0), count(*)
from survey_response r join survey_template m on m.id = r.template_id
where {_IN_PERIOD.format(col="r.recorded_at")} and m.key in ('delivery', 'sales_follow_up')"""


def _instant(dialect: str, moment: dt.datetime):
    """A bound instant as the column holds it: SQLite stores text with microseconds."""
    return f"{moment:%Y-%m-%d %H:%M:%S.%f}" if dialect == "sqlite" else moment


def _window_sql(dialect: str) -> str:
    w = WINDOW_SQL[dialect]
    paper_reached = _REACHED.format(task="t.id")
    return SQL_3_14.format(paper_reached=paper_reached, **w)


def _retained(conn, dialect: str, first_day: dt.date, start) -> int:
    from sqlalchemy import text

    if first_day.day == 1:
        previous = (first_day - dt.timedelta(days=1)).replace(day=1)
        month_id = conn.execute(text("select id from kpi_month where month = :m"), dict(m=previous)).scalar()
        if month_id is not None:
            return conn.execute(text(HAND["retained"]), dict(month_id=month_id)).scalar()
    sql = SQL_RETAINED_HISTORY_TEMPLATE.replace("{unchanged_since}", UNCHANGED_SINCE[dialect])
    return conn.execute(text(sql), dict(start=start)).scalar()


def _intention_rates(conn, dialect: str, period, as_of: dt.datetime, want) -> dict[str, tuple[int, int, int]]:
    """3.12 and 3.13, once per month piece begun by as_of, sharing the intentions (the denominator)."""
    from sqlalchemy import text

    orders = drives = intentions = 0
    for piece in period.pieces():
        a, b = piece.bounds()
        if a > as_of:  # not begun when the figure is taken: nothing of it is known yet
            continue
        q = {"start": _instant(dialect, a), "end": _instant(dialect, b), "as_of": _instant(dialect, as_of)}
        if want("3.12"):
            orders += conn.execute(text(SQL_SIGNED), q).scalar()
        if want("3.13"):
            drives += conn.execute(text(SQL_RETURNED), q).scalar()
        intentions += _retained(conn, dialect, piece.first_day, q["start"])
        intentions += conn.execute(text(SQL_NEW_INTENTIONS), q).scalar()
    out = {"3.12": (orders, intentions, 0), "3.13": (drives, intentions, 0)}
    return {k: v for k, v in out.items() if want(k)}


def hand_figures(conn, period, as_of: dt.datetime, only: set[str] | None = None) -> dict[str, tuple[int, int, int]]:
    """(numerator, denominator, pending) of each KPI (or those in `only`), by plain SQL."""
    from sqlalchemy import text

    dialect = conn.dialect.name
    start, end = period.bounds()
    day = dt.timedelta(hours=72)
    p = {"start": _instant(dialect, start), "end": _instant(dialect, end), "as_of": _instant(dialect, as_of)}
    one = lambda sql, **extra: conn.execute(text(sql), {**p, **extra}).one()  # noqa: E731
    want = lambda code: only is None or code in only  # noqa: E731
    out: dict[str, tuple[int, int, int]] = {}
    if want("3.11"):
        fulfilled, signed = one(SQL_3_11)
        out["3.11"] = (fulfilled, signed, 0)
    if want("3.12") or want("3.13"):
        out.update(_intention_rates(conn, dialect, period, as_of, want))
    if want("3.14"):
        reached, judged, picked = one(
            _window_sql(dialect),
            start_72=_instant(dialect, start + day),
            end_72=_instant(dialect, end + day),
            as_of_72=_instant(dialect, as_of + day),
        )
        out["3.14"] = (reached, judged, picked - judged)
    if want("3.15"):
        hotline, sold = one(SQL_3_15)
        out["3.15"] = (hotline, sold, 0)
    if want("3.16") or want("3.17"):
        closed, answered, received = one(SQL_3_16_17)
        out.update({"3.16": (closed, received, 0), "3.17": (answered, received, 0)})
    if want("3.18"):
        satisfied, sheets = one(SQL_3_18)
        out["3.18"] = (satisfied, sheets, 0)
    return {k: tuple(int(x) for x in v) for k, v in out.items() if want(k)}  # type: ignore[misc]


def service_figures(db, actor, period, as_of: dt.datetime) -> dict[str, tuple[int, int, int]]:
    from app.kpis.api import compute_kpis

    report = compute_kpis(db.uow(), actor=actor, period=period, as_of=as_of)
    return {f.code.value: (f.numerator, f.denominator, f.pending) for f in report.store.figures}


def take_snapshots(db, now: dt.datetime) -> None:
    """The due month-end snapshots, as every terminal takes them at start-up (once per month)."""
    from app.reception.snapshots import take_due_snapshots

    take_due_snapshots(db.uow(), now=now)


def alternated(service, hand, repeat: int) -> tuple[float, float, float, float]:
    """Median wall and CPU time of `service` and of `hand`, the two run turn about, so a change
    of load on the shared machine weighs on both alike (timed one after the other, a busy
    moment during one of them moved the ratio by 0.3)."""
    service(), hand()
    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for i, fn in enumerate((service, hand)):
            w, c = time.perf_counter(), time.process_time()
            fn()
            walls[i].append(time.perf_counter() - w)
            cpus[i].append(time.process_time() - c)
    m = statistics.median
    return m(walls[0]), m(walls[1]), m(cpus[0]), m(cpus[1])


def kpi_rows(table, url: str, label: str, periods: list[tuple[str, object, float]], repeat: int) -> None:
    """One row per (name, period, goal in seconds): compute_kpis against the hand SQL."""
    from app.kpis.api import formulas
    from bench.generate import END
    from bench.run import Row, _actor
    from db.uow import Database

    missing = sorted({"3.11", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17", "3.18"} - {c.value for c in formulas()})
    db = Database(url)
    try:
        actor = _actor(db, "manager")
        take_snapshots(db, END)
        for name, period, goal in periods:

            def hand(period=period):
                with db.engine.connect() as conn:
                    return hand_figures(conn, period, END)

            def service(period=period):
                return service_figures(db, actor, period, END)

            by_hand, served = hand(), service()
            if not missing:
                assert served == by_hand, {k: (served[k], by_hand[k]) for k in by_hand if served[k] != by_hand[k]}
            s, b, cpu, cpu_hand = alternated(service, hand, repeat)
            figures = " ".join(f"{k}={n}/{d}" + (f"+{p}" if p else "") for k, (n, d, p) in sorted(by_hand.items()))
            note = f"CPU {cpu * 1000:.1f} ms against {cpu_hand * 1000:.1f} ms ({cpu / cpu_hand:.2f}×); {figures}" + (
                f"; NO FORMULA for {', '.join(missing)}" if missing else ""
            )
            met = s <= goal and s <= 1.2 * b and not missing
            measure = f"all eight KPIs, {name} ({period.label}) on {label}"
            table.add(Row(measure, s, "s", b, f"≤ 1.2× hand, ≤ {goal * 1000:.0f} ms", met, note=note))
    finally:
        db.dispose()


def per_kpi_rows(table, url: str, label: str, period, repeat: int) -> None:
    """Where the time goes: each formula alone (counts and pending, a read of its own) against
    its own hand SQL (3.12 and 3.13 each with their denominator). No goal of their own."""
    from app.kpis.api import formulas
    from bench.generate import END
    from bench.run import Row, median_time
    from db.uow import Database

    db = Database(url)
    try:
        for code, f in sorted(formulas().items()):

            def service(f=f):
                with db.uow() as uow:
                    c = f.counts(uow.session, period, by=None, as_of=END).get(None)
                    return f.pending(uow.session, period, as_of=END), c

            def hand(code=code):
                with db.engine.connect() as conn:
                    return hand_figures(conn, period, END, only={code.value})

            s, b = median_time(service, repeat), median_time(hand, repeat)
            table.add(Row(f"  {code.value} alone, {period.label} on {label}", s, "s", b, "(where the time goes)", None))
    finally:
        db.dispose()


def _month(text: str) -> dt.date:
    return dt.date.fromisoformat(text + "-01")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", help="a generated dataset (bench/generate.py); default: generate S here")
    p.add_argument("--scale", type=float, default=1.0, help="size of the S generated when no --url")
    # S's last returned test drives are in 2026-07: June is the last month with every figure.
    p.add_argument("--month", type=_month, default=dt.date(2026, 6, 1), help="YYYY-MM (default 2026-06)")
    p.add_argument("--year", type=int, metavar="YYYY", help="also this whole year (e.g. 2025)")
    p.add_argument("--label", default="S")
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--detail", action="store_true", help="also each KPI alone against its own hand SQL")
    p.add_argument("--hand-counts", action="store_true", help="hand SQL reads the snapshots' recorded counts")
    args = p.parse_args(argv)
    if args.hand_counts:
        HAND["retained"] = SQL_RETAINED_COUNTS
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.generate import Generator, use_data_dir
    from bench.run import Table
    from app.kpis.periods import Period

    url = args.url
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='kpi-bench-')) / 'S.db'}"
        use_data_dir(url)
        Generator(url, "S", args.scale).run()
    use_data_dir(url)
    pg = url.startswith("postgresql")
    if not pg:  # a SQLite S generated before a migration (e.g. 0024's snapshot flag)
        from db.migrate import upgrade

        upgrade(url)
    periods = [("a month", Period.month(args.month), 0.100 if pg else 0.050)]
    if args.year:
        periods.append(("a year", Period.year(args.year), 1.0))
    table = Table()
    kpi_rows(table, url, args.label, periods, args.repeat)
    if args.detail:
        per_kpi_rows(table, url, args.label, periods[0][1], args.repeat)
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
