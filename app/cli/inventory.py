"""`showroom admin import-vehicles | export-vehicles`: the inventory as a .csv or .xlsx file,
from a shell; app/cli/__init__.py registers them with `add_commands`.

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, STATUSES, CliError
from app.cli.text import describe_field_error


def add_commands(command, group) -> None:
    p = command("import-vehicles", cmd_import, "Import vehicles from a .csv or .xlsx file.")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--max-rows",
        type=int,
        metavar="N",  # issue #15.13
        help="refuse a file with more data rows than this (default 50,000, or $SHOWROOM_IMPORT_MAX_ROWS)",
    )

    p = command("export-vehicles", cmd_export, "Export vehicles to a .csv or .xlsx file.")
    p.add_argument("file", type=Path)
    p.add_argument("--status", choices=STATUSES, help="only vehicles in this status")
    p.add_argument("--search", default="", help="VIN tail, brand, model, trim or colour")


def cmd_import(args) -> int:
    from app.inventory.vehicle_io import WARN_NO_DATA_ROWS, WARN_UNKNOWN_COLUMNS, import_vehicles

    if args.max_rows is not None and args.max_rows <= 0:
        raise CliError(
            say("--max-rows must be a positive number of rows", "--max-rows 必须是正整数（行数）"), EXIT_USAGE
        )
    db = base._open_database(args)
    try:
        report = import_vehicles(db.uow(), actor=base._system_admin(db), path=args.file, max_rows=args.max_rows)
    finally:
        db.dispose()
    if WARN_UNKNOWN_COLUMNS in report.warnings:
        print(f"warning: ignored unknown columns: {', '.join(report.ignored_columns)}")
    if WARN_NO_DATA_ROWS in report.warnings:
        print("warning: the file has a header but no data rows")
    for r in report.rejected:
        reasons = "; ".join(describe_field_error(e) for e in r.errors)
        print(f"row {r.row} ({r.vin or 'no VIN'}): {reasons}")
    print(
        f"{args.file.name}: {report.total_rows} rows: {report.created} created, "
        f"{report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.rejected)} rejected."
    )
    return EXIT_FAIL if report.rejected else EXIT_OK


def cmd_export(args) -> int:
    from app.inventory.vehicle_io import export_vehicles
    from app.inventory.vehicles import VehicleQuery

    db = base._open_database(args)
    try:
        n = export_vehicles(
            db.uow(),
            actor=base._system_admin(db),
            path=args.file,
            query=VehicleQuery(text=args.search, status=args.status),
        )
    finally:
        db.dispose()
    print(f"Exported {n} vehicle{'s' if n != 1 else ''} to {args.file}.")
    return EXIT_OK
