"""Engine and session factory: SQLite in the per-user data directory by default, or any URL.

SQLite runs in WAL with foreign keys on, a busy timeout, and synchronous=FULL so that a
transaction reported committed survives a crash of the process or the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.private_files import private_dir, restrict_sqlite, still_private, touch_private

ENV_URL = "SHOWROOM_DATABASE_URL"
BUSY_TIMEOUT_MS = 15_000


# The data directories this process made owner-only: a key is loaded several times a
# contract, and making sure again (mkdir, chmod) cost ~55 µs each time (issue #18.11).
_MADE_PRIVATE: dict[str, Path] = {}


def data_dir() -> Path:
    """Per-user data directory (platformdirs: ~/.local/share/Showroom, %LOCALAPPDATA%\\Showroom)."""
    raw = os.environ.get("SHOWROOM_DATA_DIR")
    if not raw:
        from platformdirs import user_data_dir

        raw = user_data_dir("Showroom", appauthor=False)
    known = _MADE_PRIVATE.get(raw)
    if known is not None and still_private(known):
        return known
    # Owner-only (issue #15.4): the database, backups, keys and logs live under it.
    path = _MADE_PRIVATE[raw] = private_dir(Path(raw))
    return path


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def default_database_url(demo: bool = False) -> str:
    return sqlite_url(data_dir() / ("showroom-demo.sqlite" if demo else "showroom.sqlite"))


def resolve_database_url(explicit: str | None = None, demo: bool = False) -> str:
    """--database-url wins, then SHOWROOM_DATABASE_URL, then the per-user SQLite file."""
    if explicit:
        return explicit
    if not demo and os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    return default_database_url(demo)


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def describe_url(url: str) -> str:
    """The URL without its password, for the status bar and logs."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power cut; a
        # save the user saw succeed must survive (issue #8.4, tests/reliability/test_crash.py).
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return on_connect


def _private_file(path: Path):
    def before_connect(*_args) -> None:
        # The file exists, owner-only, before SQLite opens (or creates) it, and SQLite gives
        # its -wal and -shm files the same mode (issue #15.4, PIPL art. 51).
        touch_private(path)

    return before_connect


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **kwargs) -> Engine:
    """The engine for `url`. `busy_timeout_ms`: how long a SQLite write waits for another
    terminal's transaction before failing as "database is locked" (then the services retry the
    whole transaction, app.core.common.retry_transient)."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            # A folder created here is private; one the user chose is left as it is.
            private_dir(path.parent, narrow_existing=False)
            if path.exists():  # left readable by others by an older version: narrowed
                restrict_sqlite(path)
        engine = create_engine(
            u, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        if path is not None:
            event.listen(engine, "do_connect", _private_file(path))
        return engine
    return create_engine(u, pool_pre_ping=True, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
