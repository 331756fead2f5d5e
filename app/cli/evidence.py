"""`showroom admin evidence-pack --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.zip [--seed N]`: the
certification evidence pack of a period (issue #20.5, app/kpis/evidence.py), with a progress
bar on stderr. Check a pack with `python scripts/verify_evidence_pack.py FILE.zip` (standard
library only, for the auditor).

Like app/cli/__init__.py, importing this module loads the standard library only. Ctrl+C stops
the build and leaves no file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app import cli as base
from app.cli import EXIT_OK, EXIT_USAGE, CliError
from app.cli.kpis import period_of
from app.cli.messages import say

BAR = 30


def add_commands(command, group) -> None:
    p = command(
        "evidence-pack",
        cmd_evidence_pack,
        "Build the certification evidence pack of a period (T/CSCA 120031 ch. 6): clause index, KPI "
        "workbook, a seeded sample of signed documents, registers, staff qualifications and the audit log.",
    )
    p.add_argument("--from", dest="first", type=base._date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=base._date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    p.add_argument("--seed", type=int, default=None, help="the sample's seed (default: the standard's number)")


def _progress(done: int, total: int, what: str) -> None:
    """A bar redrawn in place on a terminal; one line per step in a log."""
    filled = BAR * done // max(total, 1)
    line = f"[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} {what}"
    if sys.stderr.isatty():
        sys.stderr.write("\r" + line[:100].ljust(100) + ("\n" if done >= total else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


def cmd_evidence_pack(args) -> int:
    from app.kpis.evidence import DEFAULT_SEED, build_evidence_pack

    period = period_of(args)
    out: Path = args.out
    if not out.parent.is_dir():
        raise CliError(
            say("the folder {path} does not exist", "文件夹 {path} 不存在", path=out.parent.resolve()), EXIT_USAGE
        )
    seed = DEFAULT_SEED if args.seed is None else args.seed
    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        try:
            pack = build_evidence_pack(db.uow(), actor=actor, period=period, out=out, seed=seed, progress=_progress)
        except OSError as e:
            raise CliError(
                say("cannot write {path}: {reason}", "无法写入 {path}：{reason}", path=out, reason=e.strerror or e)
            ) from None
    finally:
        db.dispose()
    drawn = ", ".join(f"{kind} {n}" for kind, n in pack.sampled.items())
    print(f"Evidence pack for {period.first_day} to {period.last_day} written to {pack.path} ", end="")
    print(f"({pack.files} files, {pack.size} bytes, seed {pack.seed}).")
    print(f"  sampled: {drawn}")
    print(f"  audit log: {'intact' if pack.audit_intact else 'BROKEN (see audit/verify_audit.json)'}")
    if not pack.workbook:
        print("  KPI workbook: not in this version yet (kpi/figures.csv holds the figures)")
    print(f"  check it with: python scripts/verify_evidence_pack.py {pack.path}")
    return EXIT_OK
