"""Schema upgrades through Alembic only; the database is backed up before any upgrade.

Alembic (with Mako and Pygments) is imported only when a schema is to be changed or a
revision list walked: the check at every start, "is this database at head?", reads the
migration files' revision lines and the alembic_version table directly. That keeps ~11 MB
of modules out of the running app (issue #17, peak memory; bench/RESULTS.md).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from db.private_files import touch_private
from db.session import make_engine, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:["']([\w-]+)["']|None)\s*$""", re.M)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["url"] = url
    return cfg


def _head_from_files() -> str | None:
    """The single head read off the migration files' `revision = "…"` and `down_revision = …`
    lines; None when any file is not that plain (a merge, a branch): Alembic decides then."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m[0], m[1]) for m in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def head_revision() -> str:
    head = _head_from_files()
    if head is not None:
        return head
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:  # a broken install without its migrations
        raise RuntimeError(f"no database migrations found in {MIGRATIONS_DIR}")
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version of Showroom knows (a backup must be at one of them)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {r.revision for r in script.walk_revisions()}


def current_revision(url: str) -> str | None:
    from sqlalchemy import inspect, text

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            if len(rows) <= 1:
                return rows[0] if rows else None
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(conn).get_current_revision()  # raises: several heads
    finally:
        engine.dispose()


def backup_sqlite(path: Path, reason: str = "pre-migration") -> Path:
    """Consistent copy through SQLite's online backup API (safe while others are writing)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = touch_private(path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}"))
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return dest


def upgrade(url: str, before_upgrade: Callable[[str], Path | None] | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup taken first, if there was one to take.

    A SQLite file is copied aside here. A server database (PostgreSQL) is backed up by
    `before_upgrade(url)` (app.store.backup.before_migration: pg_dump, which only the
    backup service may run); without it, a server database that holds a schema is not
    upgraded at all: migrations always back up first (issue #8.5)."""
    path = sqlite_path(url)
    had_data = path is not None and path.exists() and path.stat().st_size > 0
    current = current_revision(url)
    if current == head_revision():
        return None
    if path is not None:
        backup = backup_sqlite(path) if had_data else None
    elif current is not None:
        if before_upgrade is None:
            raise RuntimeError(
                "a server database is upgraded only after a backup: run "
                "'showroom admin migrate' (it backs up with pg_dump first)"
            )
        backup = before_upgrade(url)
    else:
        backup = None  # an empty server database: nothing to lose
    from alembic import command

    command.upgrade(alembic_config(url), "head")
    return backup


def is_up_to_date(url: str) -> bool:
    return current_revision(url) == head_revision()


__all__ = ["upgrade", "is_up_to_date", "head_revision", "current_revision", "backup_sqlite", "known_revisions"]
