"""`showroom admin kpis` and `showroom admin kpi-targets` (issue #20.8): the eight KPIs of
T/CSCA 120031 5.2.1 a)-h) from a shell; app/cli/__init__.py registers them.

  kpis --from YYYY-MM-DD --to YYYY-MM-DD [--by consultant|brand] [--format table|json|csv]
      for the store (and each consultant or brand): each KPI's numerator, denominator, value
      (a percent, "—" when nothing was counted), the target in force on the period's first
      day and the verdict (met / near / missed / none), from app.kpis.api.compute_kpis
  kpi-targets [--format table|json]
      each KPI's target in force today, 5.2.1's default, from when, who set it and why

Days are the store's (Shanghai) days, both ends included. Both need VIEW_KPIS (a sales
manager; app/cli/auth.py signs in). Like app/cli/__init__.py, importing this module loads the
standard library only.
"""

from __future__ import annotations

import csv
import json
import sys

from app import cli as base
from app.cli import EXIT_OK, EXIT_USAGE, CliError
from app.cli.messages import say

NONE = "—"  # no figure: the denominator counted nothing (never a division by zero)
CSV_COLUMNS = ["scope", "group_key", "group", "code", "letter", "kpi", "numerator", "denominator", "value_percent",
               "target_percent", "direction", "verdict", "pending"]  # fmt: skip


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
    p = command("kpis", cmd_kpis, "The eight 5.2.1 KPIs of a period, judged against their targets.")
    p.add_argument("--from", dest="first", required=True, type=base._date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", required=True, type=base._date, metavar="YYYY-MM-DD")
    p.add_argument("--by", choices=("consultant", "brand"), help="also per consultant or per car brand")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p = command("kpi-targets", cmd_targets, "Each KPI's target in force today, its 5.2.1 default, who set it and why.")
    p.add_argument("--format", choices=("table", "json"), default="table")


def _percent(bp: int | None) -> str:
    return NONE if bp is None else f"{bp / 100:.2f}"


def period_of(args):
    """The --from/--to period of a KPI command (kpis, evidence-pack), refused when reversed."""
    from app.kpis.periods import Period

    if args.last < args.first:
        raise CliError(
            say(
                "the period ends ({last}) before it starts ({first})",
                "期间的结束日期（{last}）早于开始日期（{first}）",
                first=args.first.isoformat(),
                last=args.last.isoformat(),
            ),
            EXIT_USAGE,
        )
    return Period.custom(args.first, args.last)


def _rows(report) -> list[dict]:
    """One dict per (group, KPI): the store first, then each consultant or brand."""
    from app.kpis.definitions import BY_CODE

    out = []
    scopes = [("store", report.store)] + [(str(report.by), g) for g in report.groups]
    for scope, g in scopes:
        # Per consultant or brand, records naming neither form the group None: "(none)".
        label = "store" if scope == "store" else (g.label if g.key is not None else "(none)")
        for f in g.figures:
            d = BY_CODE[f.code]
            out.append({
                "scope": scope, "group_key": "" if g.key is None else g.key, "group": label, "code": f.code.value,
                "letter": d.letter, "kpi": d.name_en, "numerator": f.numerator, "denominator": f.denominator,
                "value_bp": f.value_bp, "value_percent": _percent(f.value_bp),
                "target_bp": f.target.target_bp, "target_percent": _percent(f.target.target_bp),
                "direction": d.direction.value, "verdict": f.verdict, "pending": f.pending,
            })  # fmt: skip
    return out


def cmd_kpis(args) -> int:
    from app.kpis.api import GroupBy, compute_kpis

    period = period_of(args)
    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        report = compute_kpis(db.uow(), actor=actor, period=period, by=GroupBy(args.by) if args.by else None)
    finally:
        db.dispose()
    rows = _rows(report)
    if args.format == "json":
        doc = {
            "period": {"from": period.first_day.isoformat(), "to": period.last_day.isoformat()},
            "by": args.by, "computed_at": report.computed_at.isoformat() if report.computed_at else None,
            "figures": rows,
        }  # fmt: skip
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(rows, period)
    return EXIT_OK


def _print_table(rows: list[dict], period) -> None:
    print(f"KPIs {period.first_day.isoformat()} .. {period.last_day.isoformat()} (store days, UTC+8)")
    group = None
    for r in rows:
        if (r["scope"], r["group_key"]) != group:
            group = (r["scope"], r["group_key"])
            print(f"\n[{r['group'] if r['scope'] == 'store' else r['scope'] + ': ' + r['group']}]")
            print(f"{'KPI':<42} {'numerator':>9} {'denominator':>11} {'value %':>8} {'target %':>10}  verdict")
        sign = "<=" if r["direction"] == "at_most" else ">="
        name = f"{r['letter']}) {r['code']} {r['kpi']}"
        pending = f" ({r['pending']} pending)" if r["pending"] else ""
        print(
            f"{name:<42} {r['numerator']:>9} {r['denominator']:>11} {r['value_percent']:>8} "
            f"{sign + ' ' + r['target_percent']:>10}  {r['verdict']}{pending}"
        )


def cmd_targets(args) -> int:
    from app.kpis.targets_service import list_targets

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        listing = list_targets(db.uow(), actor=actor)
    finally:
        db.dispose()
    rows = [_target_row(line) for line in listing.lines]
    if args.format == "json":
        json.dump({"today": listing.today.isoformat(), "targets": rows}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    print(f"KPI targets in force on {listing.today.isoformat()} (store day)")
    print(f"{'KPI':<42} {'target %':>9} {'default %':>10}  {'from':<10}  set by: reason")
    for r in rows:
        name = f"{r['letter']}) {r['code']} {r['kpi']}"
        who = f"{r['set_by']}: {r['reason']}" if r["set_by"] else "(5.2.1 default)"
        print(f"{name:<42} {r['target_percent']:>9} {r['default_percent']:>10}  {r['effective_from'] or '':<10}  {who}")
    return EXIT_OK


def _target_row(line) -> dict:
    from app.kpis.definitions import BY_CODE

    d, v = BY_CODE[line.code], line.in_force
    return {
        "code": line.code.value, "letter": d.letter, "kpi": d.name_en, "direction": d.direction.value,
        "target_bp": line.target_bp, "target_percent": _percent(line.target_bp),
        "default_bp": line.default_bp, "default_percent": _percent(line.default_bp),
        "effective_from": v.effective_from.isoformat() if v else None,
        "set_by": v.set_by if v else "", "reason": v.reason if v else "",
        "set_at": v.set_at.isoformat() if v else None,
    }  # fmt: skip
