"""Is a backup fit to restore? Checked before a restore replaces anything (issue #8.5, #15.11).

`check_backup`: the file is a whole, undamaged Showroom database at a schema revision this
version knows. `verify_backup`: what it holds is what was written.

`PRAGMA integrity_check` and the schema revision (app/store/backup.py) only show that the
file is a whole database. Flipped bytes inside an archived document, or an edited audit row,
leave it perfectly readable. So, before a restore, on a COPY of the backup (a SQLite file is
copied into a private temporary folder; a PostgreSQL dump is restored into a throw-away
database, app/store/backup_pg.py), brought to this version's schema:

  * every archived document's bytes are hashed again and compared with the SHA-256 and size
    recorded when it was issued (documents are kept as issued: 电子签名法 art. 5 "complete
    and unaltered"; the archive is the store's evidence);
  * the audit log's hash chain is checked with app.privacy.audit.verify_chain (个人信息保护法
    art. 51/54: the record of who saw personal data must be trustworthy).

Each failure becomes one `BackupProblem`. The backup itself is only ever read.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import ShowroomError
from app.store import backup_pg
from db.migrate import known_revisions, upgrade
from db.models import Document
from db.private_files import touch_private
from db.session import data_dir, sqlite_url
from db.uow import Database


@dataclass(frozen=True)
class BackupProblem:
    kind: str  # "document" | "audit_chain" | "unverified"
    where: str  # "TD-2026-000123 v2", the event number, or "" for "unverified"
    reason: str  # "altered" | an audit chain reason (edited, deleted...) | why it was not checked

    def describe(self) -> str:
        """One line for a report (English; the command line prints it, the log keeps it)."""
        if self.kind == "document":
            return f"archived document {self.where}: its bytes no longer match its SHA-256"
        if self.kind == "audit_chain":
            return f"audit chain broken at event {self.where} ({self.reason})"
        return f"the backup could not be checked: {self.reason}"


@dataclass(frozen=True)
class BackupReport:
    documents: int  # archived documents checked
    events: int  # audit events checked
    problems: tuple[BackupProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        return [p.describe() for p in self.problems]


def check_backup(file: Path, url: str) -> str:
    """Is `file` a whole, undamaged Showroom backup this version can use? Returns its schema
    revision; raises ShowroomError("backup_invalid", reason=...) otherwise. Reads only."""
    file = Path(file)
    if not file.is_file():
        raise ShowroomError("backup_invalid", path=str(file), reason="not_found")
    if backup_pg.is_postgres(url):
        revision = backup_pg.pg_backup_revision(file)
    else:
        revision = _sqlite_backup_revision(file)
    if revision not in known_revisions():
        raise ShowroomError("backup_invalid", path=str(file), reason="unknown_revision", revision=revision)
    return revision


def _sqlite_backup_revision(file: Path) -> str:
    try:
        conn = sqlite3.connect(f"file:{file.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise ShowroomError("backup_invalid", path=str(file), reason="not_a_database") from None
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise ShowroomError(
                "backup_invalid", path=str(file), reason="damaged", detail="; ".join(str(r[0]) for r in rows[:3])
            )
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if not row:
            raise ShowroomError("backup_invalid", path=str(file), reason="not_showroom")
        return row[0]
    except sqlite3.DatabaseError as e:  # "file is not a database", truncated files
        raise ShowroomError("backup_invalid", path=str(file), reason="not_a_database", detail=str(e)) from None
    finally:
        conn.close()


def verify_backup(file: Path, url: str) -> BackupReport:
    """Check the archived documents and the audit chain held in the backup `file` of the
    database at `url` (the file has passed check_backup already). Reads the file only.
    A backup that cannot be checked at all is reported as one "unverified" problem, so it is
    restored only if the administrator insists."""
    from app.core.audit_chain import backup_head_path, read_head

    # The chain head recorded beside the backup when it was taken (issue #15.7): a log cut
    # back or wiped inside the backup file no longer passes as intact.
    head = read_head(backup_head_path(Path(file)))
    anchors = [("backup", head)] if head is not None else []
    try:
        if backup_pg.is_postgres(url):
            with backup_pg.scratch_copy(url, Path(file)) as scratch:
                upgrade(scratch, lambda _url: None)  # a throw-away copy: no backup needed
                return verify_database(scratch, anchors=anchors)
        return _verify_sqlite_copy(Path(file), anchors)
    except (ShowroomError, SQLAlchemyError, sqlite3.Error) as e:
        # E.g. no right to create a database (PostgreSQL), or the dump does not restore.
        reason = (
            str(e.params.get("reason") or e.code)
            if isinstance(e, ShowroomError)
            else (str(getattr(e, "orig", None) or e).splitlines() or [""])[0][:300]
        )
        return BackupReport(0, 0, (BackupProblem("unverified", "", reason),))


def _verify_sqlite_copy(file: Path, anchors: list) -> BackupReport:
    # In the private data directory (0700, same disk as the database), not the system temp
    # folder, which may be small or shared.
    with tempfile.TemporaryDirectory(prefix="verify-", dir=data_dir()) as tmp:
        copy = Path(tmp) / "check.sqlite"
        touch_private(copy)
        src = sqlite3.connect(f"file:{file.as_posix()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(copy)
            try:
                src.backup(dst, pages=-1)
            finally:
                dst.close()
        finally:
            src.close()
        upgrade(sqlite_url(copy))  # an older backup: checked with this version's code
        return verify_database(sqlite_url(copy), anchors=anchors)


def verify_database(url: str, *, anchors: list | None = None) -> BackupReport:
    """The archived documents and the audit chain of the database at `url`, which must still
    hold every head in `anchors` (default: this terminal's anchor for `url`)."""
    from app.privacy.api import verify_chain

    db = Database(url)
    try:
        problems: list[BackupProblem] = []
        documents = 0
        with db.uow() as u:
            rows = u.session.execute(
                select(Document.number, Document.version, Document.sha256, Document.size, Document.content)
                .order_by(Document.id)
                .execution_options(yield_per=20)
            )
            for number, version, sha256, size, content in rows:
                documents += 1
                content = bytes(content or b"")
                if len(content) != size or hashlib.sha256(content).hexdigest() != sha256:
                    problems.append(BackupProblem("document", f"{number} v{version}", "altered"))
        chain = verify_chain(db.uow(), anchors=anchors)
        if not chain.ok:
            problems.append(BackupProblem("audit_chain", str(chain.broken_at), chain.reason))
        return BackupReport(documents, chain.events, tuple(problems))
    finally:
        db.dispose()


__all__ = ["BackupProblem", "BackupReport", "check_backup", "verify_backup", "verify_database"]
