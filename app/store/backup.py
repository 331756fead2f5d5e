"""Backup and restore of the store's database (issue #8.5).

SQLite: a consistent copy through SQLite's online backup API, taken in one step so it is a
snapshot of one committed state even while other terminals write (in WAL, readers never block
writers). PostgreSQL: `pg_dump` in its custom format (the only place, with `pg_restore`, where
Showroom starts another program; a clear error says when it is not installed).

An automatic daily backup (kind "daily") is taken at start-up when today's is missing, and
the oldest daily backups beyond the configured number are removed. Backups taken on request
(kind "manual") are never removed automatically.

Restore checks the file first (integrity, that it is a Showroom database, and a schema
revision this version knows), then what it holds: every archived document against its SHA-256
and the audit chain (issue #15.11, app/store/backup_verify.py). Only then is anything
replaced; the database it replaces is kept aside as a copy next to it. A backup that fails
the second check is refused, unless the administrator insists (`accept_damaged`): then it is
restored and the failures are written to the log and to the restored audit trail.

Backups, their folder and the copies kept aside are readable by the app's user only (issue
#15.4, db/private_files.py). A `.partial` file left by a backup that was killed midway is
removed by the next backup or start-up once nothing has written to it for a while.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.core import audit_chain
from app.core.errors import ShowroomError
from app.core.permissions import Action, require
from app.store.backup_pg import is_postgres as _is_postgres
from app.store.backup_pg import pg_dump, pg_restore
from app.store.backup_settings import (
    DEFAULT_KEEP,
    MAX_KEEP,
    MIN_KEEP,
    SETTINGS_FILE,
    BackupSettings,
    backup_directory,
    load_settings,
    save_settings,
)
from app.store.backup_verify import BackupProblem, BackupReport, check_backup, verify_backup
from app.core.dto import Actor
from db.migrate import head_revision, upgrade
from db.private_files import private_dir, touch_private
from db.session import sqlite_path

log = logging.getLogger(__name__)

# A .partial untouched this long belongs to a backup that died (one running writes steadily).
STALE_PARTIAL_SECONDS = 15 * 60
KINDS = ("daily", "manual")
# <database>-<YYYYmmdd-HHMMSS>.<kind>.<sqlite|dump>
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})\.(?P<kind>daily|manual)\.(?P<ext>sqlite|dump)$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time of the terminal that took it (from the file name)
    kind: str
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced_copy: Path | None  # the database as it was before the restore
    revision: str
    upgraded: bool
    problems: tuple[BackupProblem, ...] = ()  # restored anyway (accept_damaged)


# --- taking backups ------------------------------------------------------------------------


def _stem(url: str) -> str:
    path = sqlite_path(url)
    if path is not None:
        return path.stem
    return make_url(url).database or "showroom"


def take_backup(
    url: str, directory: Path | None = None, *, kind: str = "manual", now: dt.datetime | None = None
) -> BackupInfo:
    """Write one backup of the database at `url` into `directory` (default: the configured
    backup directory). Safe while the app is in use."""
    if kind not in KINDS:
        raise ValueError(kind)
    directory = Path(directory) if directory else backup_directory()
    try:
        private_dir(directory, narrow_existing=False)
        remove_stale_partials(directory)
    except OSError as e:
        raise ShowroomError("backup_unwritable", path=str(directory), reason=e.strerror or str(e)) from None
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    ext = "dump" if _is_postgres(url) else "sqlite"
    dest = directory / f"{_stem(url)}-{stamp}.{kind}.{ext}"
    n = 1
    while dest.exists():  # two backups in one second: never overwrite the first
        n += 1
        dest = directory / f"{_stem(url)}-{stamp}-{n}.{kind}.{ext}"
    partial = dest.with_name(dest.name + ".partial")
    audit_head = audit_chain.current_head(url)  # read first: the copy holds at least this row
    try:
        if ext == "dump":
            pg_dump(url, partial)
        else:
            _sqlite_backup(url, partial)
        os.replace(partial, dest)  # a backup file is either complete or absent
        audit_chain.record_backup_head(url, dest, audit_head)  # #15.7: a wiped copy shows
    except OSError as e:
        partial.unlink(missing_ok=True)
        raise ShowroomError("backup_unwritable", path=str(dest), reason=e.strerror or str(e)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backup written: %s", dest)
    return _info(dest) or BackupInfo(dest, dt.datetime.now(), kind, dest.stat().st_size)


def _sqlite_backup(url: str, dest: Path) -> None:
    source = sqlite_path(url)
    if source is None or not source.exists():
        raise ShowroomError("backup_no_database", path=str(source))
    touch_private(dest)  # owner-only before a byte is copied (issue #15.4)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            # pages=-1: one step, so the copy is a single snapshot even if others write.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
            ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise ShowroomError("backup_damaged", path=str(dest), reason=ok)
        finally:
            dst.close()
    finally:
        src.close()


# --- listing and rotation ------------------------------------------------------------------


def _info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name) or _NAME.match(re.sub(r"-\d+(\.(daily|manual)\.)", r"\1", path.name))
    if not m:
        return None
    try:
        taken = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
        return BackupInfo(path=path, taken_at=taken, kind=m["kind"], size=path.stat().st_size)
    except (ValueError, OSError):
        return None


def remove_stale_partials(directory: Path, *, older_than: float = STALE_PARTIAL_SECONDS) -> list[Path]:
    """Remove the `.partial` files of backups that were killed midway (issue #15.11); one
    written to within `older_than` seconds may be another terminal's backup still running."""
    removed, cutoff = [], time.time() - older_than
    for p in Path(directory).glob("*.partial"):
        try:
            if p.is_file() and p.stat().st_mtime <= cutoff:
                p.unlink()
                removed.append(p)
        except OSError as e:  # open elsewhere (Windows): the next run tries again
            log.warning("could not remove the unfinished backup %s: %s", p, e)
    if removed:
        log.warning("removed unfinished backups: %s", ", ".join(p.name for p in removed))
    return removed


def list_backups(directory: Path | None = None, *, actor: Actor | None = None) -> list[BackupInfo]:
    """Backups in the directory, newest first."""
    if actor is not None:
        require(actor, Action.MANAGE_BACKUPS)
    directory = Path(directory) if directory else backup_directory()
    if not directory.is_dir():
        return []
    found = [i for p in directory.iterdir() if p.is_file() and (i := _info(p)) is not None]
    return sorted(found, key=lambda i: (i.taken_at, i.path.name), reverse=True)


def rotate(directory: Path | None = None, keep: int | None = None, *, stem: str | None = None) -> list[Path]:
    """Remove the oldest daily backups beyond `keep`; manual ones stay. Returns what was removed."""
    keep = load_settings().keep if keep is None else keep
    daily = [
        i for i in list_backups(directory) if i.kind == "daily" and (stem is None or i.path.name.startswith(stem + "-"))
    ]
    removed = []
    for old in daily[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
            audit_chain.backup_head_path(old.path).unlink(missing_ok=True)
        except OSError as e:  # a file open elsewhere (Windows) stays until the next rotation
            log.warning("could not remove old backup %s: %s", old.path, e)
    return removed


def daily_backup_if_due(url: str, *, today: dt.date | None = None, now: dt.datetime | None = None) -> BackupInfo | None:
    """Take today's daily backup if there is none yet, then rotate. For start-up (background).

    Only for a SQLite file: a PostgreSQL server is backed up on the server (docs/operations.md),
    not by every terminal at once."""
    if _is_postgres(url):
        return None
    path = sqlite_path(url)
    if path is None or not path.exists():
        return None
    settings = load_settings()
    directory = backup_directory(settings)
    remove_stale_partials(directory)
    today = today or (now or dt.datetime.now()).date()
    stem = _stem(url)
    if any(
        i.kind == "daily" and i.taken_at.date() == today and i.path.name.startswith(stem + "-")
        for i in list_backups(directory)
    ):
        return None
    info = take_backup(url, directory, kind="daily", now=now)
    rotate(directory, settings.keep, stem=stem)
    return info


def back_up_now(url: str, *, actor: Actor) -> BackupInfo:
    """The Administration page's "Back up now"."""
    require(actor, Action.MANAGE_BACKUPS)
    return take_backup(url, kind="manual")


def before_migration(url: str) -> Path:
    """The backup db.migrate.upgrade takes of a server database before changing its schema."""
    return take_backup(url, kind="manual").path


# --- restore -------------------------------------------------------------------------------


def restore(
    url: str,
    file: Path,
    *,
    now: dt.datetime | None = None,
    accept_damaged: bool = False,
    report: BackupReport | None = None,
) -> RestoreResult:
    """Replace the database at `url` by the backup `file` (command line; every terminal must
    be closed). Nothing is touched unless the file checks out: whole, a known schema, and
    every archived document and the audit chain intact (`report`: that check made already by
    the caller). `accept_damaged`: restore a backup that fails the last part anyway, and
    record the failures. The replaced database is kept aside first. A backup from an older
    version is then upgraded (backing up first)."""
    file = Path(file)
    revision = check_backup(file, url)
    report = report or verify_backup(file, url)
    if not report.ok and not accept_damaged:
        raise ShowroomError(
            "backup_invalid",
            path=str(file),
            reason="altered",
            detail="; ".join(report.lines()),
            problems=report.lines(),
        )
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside: Path | None
    if _is_postgres(url):
        aside = take_backup(url, backup_directory(), kind="manual", now=now).path
        pg_restore(url, file)
    else:
        aside = _sqlite_restore(url, file, stamp)
    upgraded = False
    if revision != head_revision():
        upgrade(url, lambda _url: file)  # the file just restored is this schema's backup
        upgraded = True
    audit_chain.reanchor(url)  # #15.7: older on purpose now; its head is the new anchor
    log.warning("database %s restored from %s (previous copy: %s)", _stem(url), file, aside)
    if not report.ok:
        _record_damage(url, file, report)
    return RestoreResult(
        restored_from=file, replaced_copy=aside, revision=revision, upgraded=upgraded, problems=report.problems
    )


def _sqlite_restore(url: str, file: Path, stamp: str) -> Path | None:
    live = sqlite_path(url)
    if live is None:
        raise ShowroomError("backup_no_database", path=url)
    aside = None
    if live.exists():
        aside = live.with_name(f"{live.stem}.replaced-{stamp}{live.suffix}")
        _sqlite_backup(url, aside)
    private_dir(live.parent, narrow_existing=False)
    touch_private(live)
    src = sqlite3.connect(f"file:{file.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live, timeout=30)
        try:
            # Through the backup API, not a file copy: the live file's WAL and shared
            # memory stay consistent, and the copy is all-or-nothing.
            src.backup(dst, pages=-1)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        raise ShowroomError("backup_invalid", path=str(live), reason="damaged", detail=ok)
    return aside


def _record_damage(url: str, file: Path, report: BackupReport) -> None:
    """A damaged backup restored on the administrator's insistence: the failures go to the log
    and, as one "restore_damaged" event, to the restored audit trail, so that whoever reads
    it later knows which documents and entries cannot be trusted (issue #15.11)."""
    lines = report.lines()
    log.warning("restored %s although it failed its checks: %s", file, "; ".join(lines))
    from db.uow import Database

    db = Database(url)
    try:
        with db.uow() as u:
            u.audit("restore_damaged", detail={"backup": file.name, "problems": lines})
            u.commit()
    finally:
        db.dispose()


__all__ = [
    "BackupInfo",
    "BackupSettings",
    "RestoreResult",
    "take_backup",
    "list_backups",
    "rotate",
    "daily_backup_if_due",
    "back_up_now",
    "check_backup",
    "restore",
    "load_settings",
    "save_settings",
    "backup_directory",
    "before_migration",
    "remove_stale_partials",
    "verify_backup",
    "DEFAULT_KEEP",
    "MIN_KEEP",
    "MAX_KEEP",
    "SETTINGS_FILE",
    "BackupSettings",
]
