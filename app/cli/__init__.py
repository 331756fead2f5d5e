"""`showroom admin ...`: set-up, migrations, users, inventory files, the document archive, the
store's signing certificate and the demo, from a shell.

main.py calls `main(sys.argv[2:])` for `showroom admin`; `python -m app.cli ...` works too.
Importing this module stays light (standard library only): the database, openpyxl and argon2
load inside the command that needs them. It never prompts unless stdin is a terminal, so it
is safe in scripts and CI. Output is English (operators and logs); errors are sentences in
Chinese or English by $SHOWROOM_LANG or the locale (app/cli/messages.py, issue #17.6).

Exit codes: 0 success; 1 failure, or an import with rejected rows, or a document that does
not verify as intact and signed by this store; 2 bad usage or unusable input (unreadable
file, missing columns, invalid field values).

Documents (issue #3, commands in app/cli/documents.py):
  documents list [--type T] [--search TEXT] [--all]     the archive, newest first
  documents export NUMBER [--version N] --out FILE.pdf  the archived bytes, unchanged
  verify-document FILE.pdf                              intact, signed by this store, current?
                                                        (exit code per verdict: README)
  certificate list | create | import FILE.p12 [--password-env VAR]
              | export --out FILE.p12 [--password-env VAR]
  keys export --out FILE | keys import FILE [--key signing|personal|audit]
                                                        the key files: signing key, personal
                                                        numbers, audit log (app/core/keys.py)

Showroom cards (issue #5, app/cli/cards.py):
  print-cards --out FILE.pdf [--vin VIN ...] [--stale] [--layout A5|A4|A4_2UP]

Backups (issue #8, app/cli/backup.py):
  backup [--to DIR] [--keep N] | backups [--from DIR] | restore FILE [--yes]

Complaints (issue #19.8, app/cli/complaints.py):
  complaints list [--open]     with the status of their 72-hour and 7-working-day deadlines
  complaints escalate          record the escalations reached by now (for a server's cron)

KPIs (issue #20.8, app/cli/kpis.py):
  kpis --from DAY --to DAY [--by consultant|brand] [--format table|json|csv] | kpi-targets

Staff accounts (issue #15.10, app/cli/staff.py):
  deactivate-user USERNAME | activate-user USERNAME | set-roles USERNAME --role R [--role R]

Every command except init (on an empty database), migrate and demo runs as a staff account
allowed to run it: --user NAME or $SHOWROOM_USER, password in $SHOWROOM_PASSWORD, or asked in
a terminal (app/cli/auth.py; app.core.permissions.CLI_COMMANDS maps commands to permissions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from pathlib import Path

from app.cli.messages import say
from app.cli.text import describe_error

log = logging.getLogger("showroom.cli")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
ENV_NEW_PASSWORD = "SHOWROOM_NEW_PASSWORD"
ENV_ADMIN_PASSWORD = "SHOWROOM_ADMIN_PASSWORD"
ROLES = ("reception", "consultant", "sales_manager", "finance", "pdi_technician", "admin", "customer_care")
STATUSES = ("in_transit", "in_stock", "on_display", "test_drive_fleet", "reserved", "sold", "delivered")
# Errors that mean "the input cannot be used" rather than "the operation failed".
USAGE_CODES = {
    "validation_failed",
    "import_unreadable",
    "import_missing_columns",
    "import_duplicate_columns",
    "export_format",
    "certificate_invalid",
    "certificate_password_required",
    "backup_invalid",
    "import_too_many_rows",
}


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_FAIL) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as e:  # argparse: --help (0) or a usage error (2), already printed
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        # Issue #15.9: every command but the open ones runs as a real, allowed account.
        from app.cli.auth import authorise

        authorise(args)
        return args.func(args)
    except CliError as e:
        _err(str(e))
        return e.exit_code
    except KeyboardInterrupt:
        _err(say("interrupted; nothing more was changed", "已中断；之后没有再做任何更改"))
        return EXIT_FAIL
    except Exception as e:  # noqa: BLE001 - the one place that turns any failure into a line
        from app.core.errors import ShowroomError

        if isinstance(e, ShowroomError):
            _err(describe_error(e))
            return EXIT_USAGE if e.code in USAGE_CODES else EXIT_FAIL
        return _unexpected(e)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: each command group adds its commands next to its handlers."""
    parser = argparse.ArgumentParser(
        prog="showroom admin", description="Showroom administration: database, users, inventory files, demo."
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    command, group = _command_factory(sub), _group_factory(sub)
    from app.cli import backup, cards, certificates, documents, inventory, pdi, privacy, setup, staff
    from app.cli import complaints
    from app.cli import kpis
    from app.cli import evidence

    setup.add_commands(command, group)
    inventory.add_commands(command, group)
    documents.add_commands(command, group)  # issue #3
    certificates.add_commands(command, group)
    cards.add_commands(command, group)  # issue #5
    backup.add_commands(command, group)  # issue #8
    pdi.add_commands(command, group)  # issue #7
    privacy.add_commands(command, group)  # issue #9
    staff.add_commands(command, group)  # issue #15.10
    complaints.add_commands(command, group)  # issue #19.8
    kpis.add_commands(command, group)  # issue #20.8: kpis, kpi-targets
    from app.cli import kpi_report  # issue #20.4

    kpi_report.add_commands(command, group)
    evidence.add_commands(command, group)  # issue #20.5
    setup.add_demo_command(command, group)
    return parser


def _common_options(p: argparse.ArgumentParser) -> None:
    from app.cli.auth import add_user_option

    p.add_argument(
        "--database-url",
        metavar="URL",
        help="SQLAlchemy URL (default: $SHOWROOM_DATABASE_URL, else the per-user SQLite file)",
    )
    add_user_option(p)


def _command_factory(sub):
    """`command(name, func, help)`: a top-level command with the common options."""

    def command(name: str, func, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        _common_options(p)
        p.set_defaults(func=func, command_name=name)
        return p

    return command


def _group_factory(sub):
    """`group(name, help)` returns `leaf(name, func, help)`: commands under a group name
    (`documents list`); the group alone prints its help."""

    def group(name: str, help_: str):
        g = sub.add_parser(name, help=help_, description=help_)
        g.set_defaults(func=lambda args: _group_help(g))
        inner = g.add_subparsers(title="commands", metavar="COMMAND")

        def leaf(leaf_name: str, func, leaf_help: str) -> argparse.ArgumentParser:
            p = inner.add_parser(leaf_name, help=leaf_help, description=leaf_help)
            _common_options(p)
            p.set_defaults(func=func, command_name=f"{name} {leaf_name}")
            return p

        return leaf

    return group


# --- helpers -------------------------------------------------------------------------------


def _group_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _url(args) -> str:
    from db.session import resolve_database_url

    return resolve_database_url(args.database_url)


def _database_exists(url: str) -> bool:
    from db.session import sqlite_path

    path = sqlite_path(url)
    return path is None or path.exists()


def _open_database(args):
    """The configured database, refusing one that is missing or not migrated: these commands
    never create a database by accident (a typo in a path would otherwise make a new file)."""
    from db.migrate import is_up_to_date
    from db.session import describe_url
    from db.uow import Database

    url = _url(args)
    if not _database_exists(url):
        raise CliError(
            say(
                "no database at {url}: run 'showroom admin init' first",
                "{url} 没有数据库：请先运行 showroom admin init",
                url=describe_url(url),
            )
        )
    if not is_up_to_date(url):
        raise CliError(
            say(
                "the database at {url} needs upgrading: run 'showroom admin migrate' first",
                "{url} 的数据库需要升级：请先运行 showroom admin migrate",
                url=describe_url(url),
            )
        )
    return Database(url)


def _system_admin(db):
    """The staff account that signed in for this command (app/cli/auth.py, issue #15.9), set
    as the database's acting user so the audit log names that person. (The name is kept for
    the command modules; it no longer picks an administrator for whoever runs the CLI.)"""
    from app.cli.auth import acting_actor

    return acting_actor(db)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached stdin
        return False


def _ask(label: str, required: bool = True) -> str:
    while True:
        value = input(f"{label}: ").strip()
        if value or not required:
            return value


def _new_password() -> str:
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise CliError(say("the two passwords do not match", "两次输入的密码不一致"), EXIT_USAGE)
    return first


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _tolerant_output() -> None:
    # A console or redirect in a legacy code page (cp1252) cannot encode Chinese names: print
    # replacement characters rather than crash half-way through a report.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _unexpected(exc: BaseException) -> int:
    """A sentence in the run's language, the first line of the failure for the operator, and
    where the traceback went (never the terminal; issue #17.6)."""
    from app.cli.messages import cli_language, sentence, unexpected

    where = _log_exception(exc)
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    lang = cli_language()
    sa_exc = sys.modules.get("sqlalchemy.exc")  # loaded already if the database was involved
    is_db = sa_exc is not None and isinstance(exc, sa_exc.DBAPIError)
    what = (sentence("database_unavailable", {}, lang) if is_db else None) or unexpected(lang)
    detail = "; ".join(x for x in (first, f"log: {where}" if where else "") if x)
    _err(f"{what} ({detail})" if detail else what)
    return EXIT_FAIL


def _log_exception(exc: BaseException) -> Path | None:
    """Log the traceback where the host application logs, or else to a file of our own:
    never to the terminal (logging's last-resort handler would print it there)."""
    if logging.getLogger().handlers:
        log.error("admin command failed", exc_info=exc)
        return None
    try:
        from db.private_files import private_dir, touch_private
        from db.session import data_dir

        path = touch_private(private_dir(data_dir() / "logs") / "admin-cli.log")  # #15.4
        handler = logging.FileHandler(path, encoding="utf-8")
    except Exception:  # noqa: BLE001 - no log file is better than a second failure
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    try:
        log.error("admin command failed", exc_info=exc)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path
