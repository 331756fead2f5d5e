"""PostgreSQL side of backup and restore (issue #8.5, #15.11): `pg_dump`, `pg_restore` and the
scratch database a dump is checked in before it replaces anything.

`pg_dump` / `pg_restore` are the only programs Showroom starts (a clear error says when they
are not installed). A dump cannot be read without restoring it, so before a restore the dump is
restored into a throw-away database beside the store's (`<name>_verify_<random>`), checked
there (archived documents, audit chain: app/store/backup_verify.py) and dropped. That needs
the right to create a database; without it the dump counts as unverified.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.core.errors import ShowroomError
from db.private_files import restrict, touch_private


def is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def pg_tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        raise ShowroomError("pg_tool_missing", tool=name)
    return exe


def pg_args(url: str) -> tuple[list[str], dict[str, str]]:
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


def run(cmd: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or [""])[-1][:300]
        raise ShowroomError(f"{what}_failed", reason=first)
    return done


def pg_dump(url: str, dest: Path) -> None:
    conn, env = pg_args(url)
    # pg_dump keeps the mode of a file that exists: created owner-only first (issue #15.4).
    touch_private(dest)
    # One snapshot of the whole database (pg_dump runs in a repeatable-read transaction).
    run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "-f", str(dest), *conn], env, "backup")
    restrict(dest)


def pg_restore(url: str, file: Path) -> None:
    conn, env = pg_args(url)
    run(
        [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *conn, str(file)],
        env,
        "restore",
    )


def pg_backup_revision(file: Path) -> str:
    exe = pg_tool("pg_restore")
    env = dict(os.environ)
    listing = subprocess.run([exe, "--list", str(file)], env=env, capture_output=True, text=True, check=False)
    if listing.returncode != 0:  # pg_restore reads the whole table of contents: damage shows
        raise ShowroomError(
            "backup_invalid",
            path=str(file),
            reason="damaged",
            detail=(listing.stderr.strip().splitlines() or [""])[-1][:200],
        )
    data = subprocess.run(
        [exe, "--data-only", "--table=alembic_version", "-f", "-", str(file)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    revs = [
        line.strip()
        for line in data.stdout.splitlines()
        if re.fullmatch(r"[0-9a-zA-Z_]+", line.strip() or "-") and not line.startswith(("COPY", "SET", "SELECT"))
    ]
    if data.returncode != 0 or not revs:
        raise ShowroomError("backup_invalid", path=str(file), reason="not_showroom")
    return revs[0]


@contextmanager
def scratch_copy(url: str, file: Path) -> Iterator[str]:
    """The dump `file` restored into a new, throw-away database on the same server; yields its
    URL and drops it afterwards, whatever happens. Raises ShowroomError("restore_failed")
    when the database cannot be created or the dump not restored into it."""
    base = make_url(url)
    name = f"{(base.database or 'showroom')[:40]}_verify_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        _ddl(admin, f'CREATE DATABASE "{name}"')
        try:
            scratch = base.set(database=name).render_as_string(hide_password=False)
            conn, env = pg_args(scratch)
            run([pg_tool("pg_restore"), "--no-owner", "--exit-on-error", *conn, str(file)], env, "restore")
            yield scratch
        finally:
            _drop(admin, name)
    finally:
        admin.dispose()


def _ddl(engine, sql: str) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as c:
            c.execute(text(sql))
    except SQLAlchemyError as e:
        reason = (str(getattr(e, "orig", None) or e).strip().splitlines() or [""])[0][:300]
        raise ShowroomError("restore_failed", reason=reason) from None


def _drop(engine, name: str) -> None:
    _ddl(engine, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


__all__ = ["is_postgres", "pg_args", "pg_backup_revision", "pg_dump", "pg_restore", "pg_tool", "run", "scratch_copy"]
