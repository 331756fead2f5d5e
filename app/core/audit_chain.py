"""The audit chain's key and its anchors, kept OUTSIDE the database (issue #15 item 7).

Key: the audit log (db/audit_models.py) links every row to the one before it by HMAC-SHA256
under the "audit" key file (`app.core.keys.key_path("audit")`, beside the signing and personal
keys, owner-only). Someone who can write to the database but does not hold the file cannot
edit, drop, renumber or reorder rows and recompute the links after them. The database
records only the key's fingerprint (`audit_chain_head.key_id`): a terminal whose key file is
missing or different refuses to write (`audit_key_unavailable`) instead of starting a chain
nobody else can check. Every terminal of a store therefore needs the same file:
`showroom admin keys export --key audit` / `keys import --key audit`.

Anchor: a chain cannot show that it was wiped (no rows and a reset head look like a new
store). After each commit that appends events this terminal writes the new head (last
number and MAC) to a small file beside the keys, one per database (`anchor_path`). The
check then demands that the database still holds that row with that MAC: a log wiped,
cut back or rebuilt after this terminal last wrote to it is reported. Each backup gets the
head read just before it was taken, in `<backup file>.audit-head.json`, so a backup copy
is checked the same way. An anchor is a lower bound: it may lag (a crash just after a
commit), it is never ahead of what was committed.

What it does not prove: anyone who holds the audit key file (an administrator at a
terminal) can rewrite the log and the anchors consistently; and a terminal's anchor covers
only what that terminal saw (on PostgreSQL, the server's head must not be behind it).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import secrets
from pathlib import Path

from app.core import keys
from app.core.errors import ShowroomError
from db.audit_models import chain_key_id

AUDIT = "audit"
BACKUP_HEAD_SUFFIX = ".audit-head.json"
HEAD_FIELDS = ("last_id", "last_hash", "keyed_from", "key_id")

log = logging.getLogger(__name__)


def _unavailable(reason: str) -> ShowroomError:
    return ShowroomError("audit_key_unavailable", reason=reason, path=str(keys.key_path(AUDIT)))


def audit_key(recorded_key_id: str | None, *, create: bool = True) -> bytes:
    """The audit key for a chain whose head records `recorded_key_id`.

    A chain with no key yet (a new store) starts under this terminal's key, created once.
    A chain that has one is never written under another: "missing" or "wrong_key" says to
    copy the store's key file here.
    """
    if recorded_key_id is None and create:
        return keys.load_or_create_key(AUDIT)
    if not keys.has_key(AUDIT):
        raise _unavailable("missing")
    key = keys.load_key(AUDIT)
    if recorded_key_id is not None and chain_key_id(key) != recorded_key_id:
        raise _unavailable("wrong_key")
    return key


# --- anchors ---------------------------------------------------------------------------------


def database_identity(url: str) -> str:
    """Which database an anchor belongs to: the file (SQLite) or server and name, never the
    password, so the same database gets the same anchor whoever logs in."""
    from sqlalchemy.engine import make_url

    from db.session import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        return "sqlite:" + str(path.resolve())
    u = make_url(url)
    return f"{u.get_backend_name()}://{u.host or ''}:{u.port or ''}/{u.database or ''}"


@functools.lru_cache(maxsize=64)
def _anchor_name(url: str) -> str:
    # Cached: it is computed after every commit that adds audit events.
    digest = hashlib.sha256(database_identity(url).encode("utf-8")).hexdigest()[:16]
    return f"audit-head-{digest}.json"


def anchor_path(url: str) -> Path:
    return keys.key_dir() / _anchor_name(url)


def backup_head_path(backup: Path) -> Path:
    return Path(backup).with_name(Path(backup).name + BACKUP_HEAD_SUFFIX)


def _write(path: Path, data: dict, *, durable: bool = False) -> None:
    """Atomic and owner-only: a reader sees the old anchor or the new one, never half.

    The per-commit anchor is not fsynced (it would add ~8 ms to every save): a power cut can
    only lose or empty it, which weakens the next check but never raises a false alarm, as
    the anchor is written after the database made the commit durable. A backup's head is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps(data, sort_keys=True, indent=1).encode("utf-8"))
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)  # Windows too: replaces an existing file
    finally:
        tmp.unlink(missing_ok=True)


def read_head(path: Path) -> dict | None:
    """A head file's (last_id, last_hash, keyed_from, key_id), or None if absent or unreadable
    (a damaged anchor file weakens the check; it must not stop the store)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        head = {k: data.get(k) for k in HEAD_FIELDS}
        return head if isinstance(head["last_id"], int) and head["last_hash"] else None
    except (OSError, ValueError, AttributeError):
        return None


# The anchor files this process wrote last: path -> (last_id written, the file's identity
# right after). Each commit would otherwise re-read and parse the file it has just written.
_WRITTEN: dict[Path, tuple[int, tuple]] = {}


def _identity(path: Path) -> tuple | None:
    # os.replace gives the file a new inode: a file another process (another terminal, the
    # command line) wrote since, or one edited by hand, no longer matches and is read again.
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _known_last_id(path: Path) -> int | None:
    mine = _WRITTEN.get(path)
    if mine is not None and mine[1] == _identity(path):
        return mine[0]
    known = read_head(path)
    return None if known is None else known["last_id"]


def record_anchor(url: str, head: dict, *, rewind: bool = False) -> None:
    """Remember `head` as the last one this terminal committed to `url`. It only moves
    forward (two writers racing must not pull it back) unless `rewind` (after a restore)."""
    path = anchor_path(url)
    if not rewind:
        known = _known_last_id(path)
        if known is not None and known >= head["last_id"]:
            return
    from db.session import describe_url

    _WRITTEN.pop(path, None)  # until the new file is in place, trust only what is read
    _write(
        path,
        {
            **{k: head.get(k) for k in HEAD_FIELDS},
            "database": describe_url(url),
            "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    )
    identity = _identity(path)
    if identity is not None:
        _WRITTEN[path] = (head["last_id"], identity)


def forget_anchor(url: str) -> None:
    """For a database deliberately re-created empty at the same place (tests, a new store)."""
    path = anchor_path(url)
    _WRITTEN.pop(path, None)
    path.unlink(missing_ok=True)


def anchors_for(url: str) -> list[tuple[str, dict]]:
    """(where, head) pairs the chain at `url` must still contain: this terminal's anchor and,
    for a SQLite backup file, the head recorded beside it when it was taken."""
    from db.session import sqlite_path

    found = []
    head = read_head(anchor_path(url))
    if head is not None:
        found.append(("terminal", head))
    path = sqlite_path(url)
    if path is not None and (head := read_head(backup_head_path(path))) is not None:
        found.append(("backup", head))
    return found


def current_head(url: str) -> dict | None:
    """The head in the database at `url` now, or None if it cannot be read (no audit table
    yet, an unreachable server): used for backups, which must not fail for it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            try:
                row = conn.execute(
                    text("SELECT last_id, last_hash, keyed_from, key_id FROM audit_chain_head WHERE id = 1")
                ).first()
            except SQLAlchemyError:  # before migration 0014: no key columns yet
                conn.rollback()
                row = conn.execute(
                    text("SELECT last_id, last_hash, last_id + 1, NULL FROM audit_chain_head WHERE id = 1")
                ).first()
        return None if row is None else dict(zip(HEAD_FIELDS, row, strict=True))
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def record_backup_head(url: str, backup: Path, head: dict | None) -> None:
    """Write `head` (read just BEFORE the backup was taken, so the backup holds at least that
    row) beside the backup file."""
    if head is None:
        return
    try:
        _write(backup_head_path(backup), {**head, "database": Path(backup).name}, durable=True)
    except OSError as e:
        # The backup itself is complete and good; only the check against wiping is lost.
        log.warning("audit head not written beside %s: %s", backup, e)


def reanchor(url: str) -> dict | None:
    """Make this terminal's anchor the database's current head (after a restore: the
    database is legitimately older than what this terminal saw before)."""
    head = current_head(url)
    if head is None:
        return None
    if head["last_id"]:
        record_anchor(url, head, rewind=True)
    else:
        forget_anchor(url)
    return head


class FileKeeper:
    """The db layer's AuditKeeper (db/uow.py): the key file and the per-database anchor."""

    def key(self, recorded_key_id: str | None) -> bytes:
        return audit_key(recorded_key_id)

    def anchor(self, url: str, head: dict) -> None:
        record_anchor(url, head)


KEEPER = FileKeeper()


def install() -> None:
    """Make every Database of this process MAC and anchor with the files above."""
    from db.uow import set_default_audit_keeper

    set_default_audit_keeper(KEEPER)


__all__ = [
    "AUDIT",
    "KEEPER",
    "FileKeeper",
    "anchor_path",
    "anchors_for",
    "audit_key",
    "backup_head_path",
    "current_head",
    "forget_anchor",
    "install",
    "read_head",
    "reanchor",
    "record_anchor",
    "record_backup_head",
]
