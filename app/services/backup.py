"""Backup and restore of the store's database (issue #8.5).

SQLite: a consistent copy through SQLite's online backup API, taken in one step so it is a
snapshot of one committed state even while other terminals write (in WAL, readers never block
writers). PostgreSQL: `pg_dump` in its custom format (the only place, with `pg_restore`, where
Showroom starts another program; a clear error says when it is not installed).

An automatic daily backup (kind "daily") is taken at start-up when today's is missing, and
the oldest daily backups beyond the configured number are removed. Backups taken on request
(kind "manual") are never removed automatically.

Restore checks the file first (integrity, that it is a Showroom database, and a schema
revision this version knows) and only then replaces anything; the database it replaces is
kept aside as a copy next to it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.errors import FieldError, ShowroomError, ValidationFailed
from app.permissions import Action, require
from app.services.dto import Actor
from db.migrate import head_revision, known_revisions, upgrade
from db.session import data_dir, sqlite_path

log = logging.getLogger(__name__)

DEFAULT_KEEP = 14  # two weeks of daily backups
MIN_KEEP, MAX_KEEP = 1, 365
SETTINGS_FILE = "backup.json"
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
class BackupSettings:
    keep: int = DEFAULT_KEEP
    directory: str | None = None  # None: <data dir>/backups


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced_copy: Path | None  # the database as it was before the restore
    revision: str
    upgraded: bool


# --- settings ------------------------------------------------------------------------------

def _settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def load_settings() -> BackupSettings:
    """This terminal's backup settings; defaults when unset or unreadable."""
    try:
        raw = json.loads(_settings_path().read_text(encoding="utf-8"))
        keep = int(raw.get("keep", DEFAULT_KEEP))
        if not MIN_KEEP <= keep <= MAX_KEEP:
            keep = DEFAULT_KEEP
        directory = raw.get("directory") or None
        return BackupSettings(keep=keep, directory=str(directory) if directory else None)
    except (OSError, ValueError, TypeError, AttributeError):
        return BackupSettings()


def _check_keep(keep) -> int:
    if isinstance(keep, bool) or not isinstance(keep, int | str):
        raise ValidationFailed([FieldError("keep", "number_format")])
    try:
        value = int(str(keep).strip())
    except ValueError:
        raise ValidationFailed([FieldError("keep", "number_format")]) from None
    if not MIN_KEEP <= value <= MAX_KEEP:
        raise ValidationFailed([FieldError("keep", "out_of_range", {"min": MIN_KEEP, "max": MAX_KEEP})])
    return value


def save_settings(*, actor: Actor | None, keep, directory: str | None = None) -> BackupSettings:
    """Set how many daily backups to keep (and optionally where). Administrators only."""
    if actor is not None:  # None: the command line, which acts as the operator
        require(actor, Action.MANAGE_BACKUPS)
    settings = BackupSettings(keep=_check_keep(keep), directory=(directory or None))
    path = _settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"keep": settings.keep, "directory": settings.directory}),
                   encoding="utf-8")
    os.replace(tmp, path)
    return settings


def backup_directory(settings: BackupSettings | None = None) -> Path:
    settings = settings or load_settings()
    path = Path(settings.directory) if settings.directory else data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- taking backups ------------------------------------------------------------------------

def _stem(url: str) -> str:
    path = sqlite_path(url)
    if path is not None:
        return path.stem
    return make_url(url).database or "showroom"


def _is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def take_backup(url: str, directory: Path | None = None, *, kind: str = "manual",
                now: dt.datetime | None = None) -> BackupInfo:
    """Write one backup of the database at `url` into `directory` (default: the configured
    backup directory). Safe while the app is in use."""
    if kind not in KINDS:
        raise ValueError(kind)
    directory = Path(directory) if directory else backup_directory()
    try:
        directory.mkdir(parents=True, exist_ok=True)
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
    try:
        if ext == "dump":
            _pg_dump(url, partial)
        else:
            _sqlite_backup(url, partial)
        os.replace(partial, dest)  # a backup file is either complete or absent
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


def _pg_tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        raise ShowroomError("pg_tool_missing", tool=name)
    return exe


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    u = make_url(url)
    args, env = [], dict(os.environ)
    if u.host:
        args += ["-h", u.host]
    if u.port:
        args += ["-p", str(u.port)]
    if u.username:
        args += ["-U", u.username]
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    args += ["-d", u.database or ""]
    return args, env


def _run(cmd: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or [""])[-1][:300]
        raise ShowroomError(f"{what}_failed", reason=first)
    return done


def _pg_dump(url: str, dest: Path) -> None:
    conn, env = _pg_args(url)
    # One snapshot of the whole database (pg_dump runs in a repeatable-read transaction).
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "-f", str(dest), *conn], env,
         "backup")


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
    daily = [i for i in list_backups(directory) if i.kind == "daily"
             and (stem is None or i.path.name.startswith(stem + "-"))]
    removed = []
    for old in daily[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError as e:  # a file open elsewhere (Windows) stays until the next rotation
            log.warning("could not remove old backup %s: %s", old.path, e)
    return removed


def daily_backup_if_due(url: str, *, today: dt.date | None = None,
                        now: dt.datetime | None = None) -> BackupInfo | None:
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
    today = today or (now or dt.datetime.now()).date()
    stem = _stem(url)
    if any(i.kind == "daily" and i.taken_at.date() == today and i.path.name.startswith(stem + "-")
           for i in list_backups(directory)):
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

def check_backup(file: Path, url: str) -> str:
    """Is `file` a whole, undamaged Showroom backup this version can use? Returns its schema
    revision; raises ShowroomError("backup_invalid", reason=...) otherwise. Reads only."""
    file = Path(file)
    if not file.is_file():
        raise ShowroomError("backup_invalid", path=str(file), reason="not_found")
    if _is_postgres(url):
        revision = _pg_backup_revision(file)
    else:
        revision = _sqlite_backup_revision(file)
    if revision not in known_revisions():
        raise ShowroomError("backup_invalid", path=str(file), reason="unknown_revision",
                            revision=revision)
    return revision


def _sqlite_backup_revision(file: Path) -> str:
    try:
        conn = sqlite3.connect(f"file:{file.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise ShowroomError("backup_invalid", path=str(file), reason="not_a_database") from None
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise ShowroomError("backup_invalid", path=str(file), reason="damaged",
                                detail="; ".join(str(r[0]) for r in rows[:3]))
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if not row:
            raise ShowroomError("backup_invalid", path=str(file), reason="not_showroom")
        return row[0]
    except sqlite3.DatabaseError as e:  # "file is not a database", truncated files
        raise ShowroomError("backup_invalid", path=str(file), reason="not_a_database",
                            detail=str(e)) from None
    finally:
        conn.close()


def _pg_backup_revision(file: Path) -> str:
    exe = _pg_tool("pg_restore")
    env = dict(os.environ)
    listing = subprocess.run([exe, "--list", str(file)], env=env, capture_output=True, text=True)
    if listing.returncode != 0:  # pg_restore reads the whole table of contents: damage shows
        raise ShowroomError("backup_invalid", path=str(file), reason="damaged",
                            detail=(listing.stderr.strip().splitlines() or [""])[-1][:200])
    data = subprocess.run([exe, "--data-only", "--table=alembic_version", "-f", "-", str(file)],
                          env=env, capture_output=True, text=True)
    revs = [line.strip() for line in data.stdout.splitlines()
            if re.fullmatch(r"[0-9a-zA-Z_]+", line.strip() or "-")
            and not line.startswith(("COPY", "SET", "SELECT"))]
    if data.returncode != 0 or not revs:
        raise ShowroomError("backup_invalid", path=str(file), reason="not_showroom")
    return revs[0]


def restore(url: str, file: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace the database at `url` by the backup `file` (command line; every terminal must
    be closed). Nothing is touched unless the file checks out; the replaced database is kept
    aside first. A backup from an older version is then upgraded (backing up first)."""
    file = Path(file)
    revision = check_backup(file, url)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    if _is_postgres(url):
        aside = take_backup(url, backup_directory(), kind="manual", now=now).path
        conn, env = _pg_args(url)
        _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
              "--single-transaction", *conn, str(file)], env, "restore")
    else:
        live = sqlite_path(url)
        if live is None:
            raise ShowroomError("backup_no_database", path=url)
        aside = None
        if live.exists():
            aside = live.with_name(f"{live.stem}.replaced-{stamp}{live.suffix}")
            _sqlite_backup(url, aside)
        live.parent.mkdir(parents=True, exist_ok=True)
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
    upgraded = False
    if revision != head_revision():
        upgrade(url, lambda _url: file)  # the file just restored is this schema's backup
        upgraded = True
    log.warning("database %s restored from %s (previous copy: %s)", _stem(url), file, aside)
    return RestoreResult(restored_from=file, replaced_copy=aside, revision=revision,
                         upgraded=upgraded)


__all__ = ["BackupInfo", "BackupSettings", "RestoreResult", "take_backup", "list_backups",
           "rotate", "daily_backup_if_due", "back_up_now", "check_backup", "restore",
           "load_settings", "save_settings", "backup_directory", "before_migration",
           "DEFAULT_KEEP"]
