"""`showroom admin backup | backups | restore`: database backups from a shell (issue #8.5);
app/cli/__init__.py registers them with `add_commands`.

  backup [--to DIR] [--keep N]   a consistent copy now (safe while Showroom is in use);
                                 --keep sets how many daily backups are kept
  backups [--from DIR]           the backups, newest first
  restore FILE [--yes] [--accept-damaged]
                                 check FILE (whole, known schema, every archived document and
                                 the audit chain intact), keep the current database aside, then
                                 replace it (close Showroom on every terminal first);
                                 --accept-damaged restores a backup whose documents or audit
                                 chain fail the check anyway, and records the failures

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_OK, EXIT_USAGE, CliError


def add_commands(command, group) -> None:
    p = command("backup", cmd_backup, "Back up the database now (SQLite online backup, or pg_dump for PostgreSQL).")
    p.add_argument(
        "--to", type=Path, metavar="DIR", help="directory for the backup (default: the configured backup directory)"
    )
    p.add_argument("--keep", metavar="N", help="from now on keep the last N daily backups (1-365)")
    p = command("backups", cmd_list, "List the backups, newest first.")
    p.add_argument("--from", dest="directory", type=Path, metavar="DIR")
    p = command(
        "restore",
        cmd_restore,
        "Replace the database by a backup after checking it; the current one is kept "
        "aside. Close Showroom on every terminal first.",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--accept-damaged",
        action="store_true",
        help="restore even if archived documents or the audit chain in the backup "
        "fail their check; the failures are recorded in the log and audit trail",
    )


def cmd_backup(args) -> int:
    from app.store import backup
    from db.session import describe_url

    url = base._url(args)
    if not base._database_exists(url):
        raise CliError(
            say("no database at {url}: nothing to back up", "{url} 没有数据库：无可备份", url=describe_url(url))
        )
    if args.keep is not None:
        settings = backup.save_settings(actor=None, keep=args.keep, directory=backup.load_settings().directory)
        print(f"Daily backups kept from now on: {settings.keep}.")
    info = backup.take_backup(url, args.to, kind="manual")
    print(f"Backup of {describe_url(url)} written to {info.path} ({_size(info.size)}).")
    return EXIT_OK


def cmd_list(args) -> int:
    from app.store import backup

    directory = args.directory or backup.backup_directory()
    rows = backup.list_backups(directory)
    if not rows:
        print(f"No backups in {directory}.")
        return EXIT_OK
    print(f"Backups in {directory} (daily backups kept: {backup.load_settings().keep}):")
    for info in rows:
        print(f"  {info.taken_at:%Y-%m-%d %H:%M:%S}  {info.kind:<6}  {_size(info.size):>9}  {info.path.name}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from app.store import backup
    from db.session import describe_url

    url = base._url(args)
    revision = backup.check_backup(args.file, url)  # refuses a bad file before asking anything
    print(f"{args.file} is a complete Showroom backup (schema revision {revision}).")
    report = backup.verify_backup(args.file, url)  # issue #15.11: what it holds, before asking
    _print_report(report, accept=args.accept_damaged)
    if not report.ok and not args.accept_damaged:
        raise CliError(
            say(
                "{path} was altered or could not be checked: nothing was changed. "
                "To restore it anyway and record the failures, add --accept-damaged",
                "{path} 已被改动或无法检查：没有做任何更改。如仍要恢复并记录这些问题，请加 --accept-damaged",
                path=args.file,
            )
        )
    if not args.yes:
        if not base._is_tty():
            raise CliError(
                say("restoring replaces the database: add --yes to confirm", "恢复会替换整个数据库：请加 --yes 确认"),
                EXIT_USAGE,
            )
        answer = input(f"Replace {describe_url(url)} by this backup? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_OK
    result = backup.restore(url, args.file, accept_damaged=args.accept_damaged, report=report)
    print(f"Restored {describe_url(url)} from {result.restored_from}.")
    if result.replaced_copy:
        print(f"The database it replaced was kept as {result.replaced_copy}.")
    if result.upgraded:
        print("The restored database was upgraded to this version's schema.")
    if result.problems:
        print(
            f"Restored WITH {len(result.problems)} failure(s), recorded in the audit trail "
            '("restore_damaged") and the log.'
        )
    return EXIT_OK


def _print_report(report, *, accept: bool) -> None:
    if report.ok:
        print(f"Checked {report.documents} archived document(s) and {report.events} audit event(s): all intact.")
        return
    out = sys.stdout if accept else sys.stderr
    print(f"The backup failed {len(report.problems)} check(s):", file=out)
    for line in report.lines():
        print(f"  {line}", file=out)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(base.main(sys.argv[1:]))
