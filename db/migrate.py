"""Schema upgrades through Alembic only; a SQLite file is copied aside before any upgrade."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.session import make_engine, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["url"] = url
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def known_revisions() -> set[str]:
    """Every schema revision this version of Showroom knows (a backup must be at one of them)."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {r.revision for r in script.walk_revisions()}


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def backup_sqlite(path: Path, reason: str = "pre-migration") -> Path:
    """Consistent copy through SQLite's online backup API (safe while others are writing)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
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


def upgrade(url: str) -> Path | None:
    """Bring the schema to head. Returns the backup taken first, if there was one to take."""
    path = sqlite_path(url)
    had_data = path is not None and path.exists() and path.stat().st_size > 0
    if current_revision(url) == head_revision():
        return None
    backup = backup_sqlite(path) if had_data else None
    command.upgrade(alembic_config(url), "head")
    return backup


def is_up_to_date(url: str) -> bool:
    return current_revision(url) == head_revision()


__all__ = ["upgrade", "is_up_to_date", "head_revision", "current_revision", "backup_sqlite",
           "known_revisions"]
