"""`showroom admin kpi-report`: the monthly KPI report (月度KPI报告, issue #20.4) from a shell,
e.g. a server's scheduler on the 1st of each month; app/cli/__init__.py registers it.

  kpi-report --month YYYY-MM [--pdf FILE.pdf] [--xlsx FILE.xlsx]
      the eight T/CSCA 120031 5.2.1 figures of that store month against their targets: the
      bilingual PDF (app/kpis/report_pdf.py) and/or the workbook with the records behind each
      figure (app/kpis/workbook.py); at least one of the two files. Figures are taken now.

Runs as an account allowed to see the KPIs (the sales manager). Exit 0 when the files were
written, 1 on failure, 2 on bad usage (a month that is not YYYY-MM, a wrong file ending).

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app import cli as base
from app.cli import EXIT_OK, EXIT_USAGE, CliError
from app.cli.messages import say


def add_commands(command, group) -> None:
    """Register `kpi-report` on the `showroom admin` parser."""
    p = command(
        "kpi-report", cmd_kpi_report, "Write the monthly KPI report (5.2.1 figures against targets) as PDF and/or XLSX."
    )
    p.add_argument("--month", type=_month, required=True, metavar="YYYY-MM", help="the store month (Shanghai days)")
    p.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="write the bilingual report here")
    p.add_argument("--xlsx", type=Path, metavar="FILE.xlsx", help="write the workbook with the records here")


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text!r}") from None


def _check_files(args) -> None:
    if args.pdf is None and args.xlsx is None:
        raise CliError(say("give --pdf FILE, --xlsx FILE or both", "请指定 --pdf 文件、--xlsx 文件或两者"), EXIT_USAGE)
    for path, suffix in ((args.pdf, ".pdf"), (args.xlsx, ".xlsx")):
        if path is not None and path.suffix.lower() != suffix:
            raise CliError(
                say("{path} must end in {suffix}", "{path} 的扩展名必须是 {suffix}", path=str(path), suffix=suffix),
                EXIT_USAGE,
            )


def cmd_kpi_report(args) -> int:
    from app.core.clock import utcnow
    from app.kpis.periods import Period
    from app.kpis.report_pdf import render_month_report
    from app.kpis.workbook import write_private_file, write_workbook

    _check_files(args)
    period, as_of = Period.month(args.month), utcnow()  # one instant for both files
    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        if args.pdf is not None:
            write_private_file(args.pdf, render_month_report(db.uow(), actor=actor, period=period, as_of=as_of))
            print(
                say(
                    "KPI report {month} written to {path}",
                    "{month} 的KPI报告已写入 {path}",
                    month=period.label,
                    path=args.pdf,
                )
            )
        if args.xlsx is not None:
            write_workbook(db.uow(), actor=actor, period=period, path=args.xlsx, as_of=as_of)
            print(
                say(
                    "KPI workbook {month} written to {path}",
                    "{month} 的KPI统计表已写入 {path}",
                    month=period.label,
                    path=args.xlsx,
                )
            )
    finally:
        db.dispose()
    return EXIT_OK
