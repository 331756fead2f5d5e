"""Restore checks what a backup holds before replacing anything (issue #15.11).

A backup can be a whole, readable database and still have been altered: flipped bytes inside an
archived signed document (电子签名法 art. 5: a data message kept as the original must stay
complete and unaltered), or an edited audit row (个人信息保护法 art. 51, 54). Restore must refuse
such a backup with a report naming each failure and change nothing, unless the administrator
insists with --accept-damaged, when it restores and records the failures. A `.partial` file
that a killed backup left behind is cleaned up.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.core.errors import ShowroomError
from app.store import backup
from app.documents import documents
from db.audit_models import AuditEvent
from db.models import Role, StaffUser
from db.session import sqlite_path
from db.uow import Database
from tests.admin_cli import CLI_USER, admin_cli
from tests.conftest import PG_URL
from tests.factories import isolated_data_dir, make_document, make_store, make_user  # noqa: F401
from tests.reliability.test_backup import snapshot

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def admin(*args: str, url: str, capsys) -> tuple[int, str, str]:
    """`showroom admin ...` in-process, signed in as the store's "root" administrator (the
    `archive` fixture makes it; restore and backups need manage_backups, issue #15.9)."""
    code = admin_cli(*args, "--database-url", url)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def archive(uow):
    """A store with two signed documents in its archive (and so audit events)."""
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")  # who runs `showroom admin` (tests/admin_cli)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周建国")
    docs = [make_document(uow, manager, subject_id=i) for i in (1, 2)]
    return manager, docs


def _pg_admin(url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    return create_engine(make_url(url), isolation_level="AUTOCOMMIT")


def _tamper_live(url: str, table: str, sql: str) -> None:
    """PostgreSQL: change a row the triggers protect, as a database owner could (the dump is
    then taken of the altered data)."""
    engine = _pg_admin(url)
    try:
        with engine.connect() as c:
            c.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            c.execute(text(sql))
            c.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
    finally:
        engine.dispose()


def backup_with_flipped_document(url: str, uow, manager, doc, tmp_path: Path) -> Path:
    """A backup in which one byte inside `doc`'s archived PDF is flipped."""
    content = documents.get_document_bytes(uow(), actor=manager, document_id=doc.id)
    if PG_URL:
        _tamper_live(
            url,
            "document",
            f"UPDATE document SET content = overlay(content placing "
            f"'\\x00'::bytea from {len(content) // 2}) WHERE id = {doc.id}",
        )
        return backup.take_backup(url, tmp_path / "backups").path
    path = backup.take_backup(url, tmp_path / "backups").path
    data = bytearray(path.read_bytes())
    at = _unique_offset(bytes(data), content)
    data[at + 16] ^= 0x01
    path.write_bytes(bytes(data))
    assert backup.check_backup(path, url)  # still a whole, valid database: today's check passes
    return path


def _unique_offset(data: bytes, content: bytes) -> int:
    """Where a 32-byte run of `content` found exactly once in `data` starts: its bytes."""
    for start in range(len(content) // 2, len(content) - 32, 97):
        chunk = content[start : start + 32]
        at = data.find(chunk)
        if at > 0 and data.find(chunk, at + 1) == -1:
            return at
    raise AssertionError("the document's bytes were not found in the backup")


def backup_with_edited_audit_row(url: str, tmp_path: Path, event_id: int) -> Path:
    """A backup in which one audit row's actor was rewritten (hashes left as they were)."""
    sql = f"UPDATE audit_event SET actor_name = 'someone else' WHERE id = {event_id}"
    if PG_URL:
        _tamper_live(url, "audit_event", sql)
        return backup.take_backup(url, tmp_path / "backups").path
    path = backup.take_backup(url, tmp_path / "backups").path
    conn = sqlite3.connect(path)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(sql)
        for _name, trigger_sql in triggers:  # put the append-only guard back as it was
            conn.execute(trigger_sql)
        conn.commit()
    finally:
        conn.close()
    return path


def _nothing_replaced(url: str, before) -> None:
    """Every row as it was, but for the refused command's own record (issue #15.9): the
    signed-in account's login and `admin_command` audit rows, the chain head that follows
    them and that account's last login."""
    after = snapshot(url)
    events, cols = before["audit_event"], AuditEvent.__table__.columns.keys()
    added = after["audit_event"][len(events) :]
    assert after["audit_event"][: len(events)] == events
    assert [(r[cols.index("action")], r[cols.index("actor_name")]) for r in added] == [
        ("login", CLI_USER),
        ("admin_command", CLI_USER),
    ]
    staff_cols = StaffUser.__table__.columns.keys()

    def same_but_the_sign_in(snap):
        last_login = staff_cols.index("last_login_at")
        return {
            **{k: v for k, v in snap.items() if k not in ("audit_event", "audit_chain_head")},
            "staff_user": [r[:last_login] + r[last_login + 1 :] for r in snap["staff_user"]],
        }

    assert same_but_the_sign_in(after) == same_but_the_sign_in(before)
    live = sqlite_path(url)
    if live is not None:
        assert not list(live.parent.glob("*.replaced-*"))  # not even set aside


def test_restore_refuses_a_backup_whose_archived_document_was_altered_and_names_it(
    db_url, uow, archive, tmp_path, capsys
):
    """电子签名法 art. 5: restoring would replace the intact archive by an altered one."""
    manager, (first, second) = archive
    bad = backup_with_flipped_document(db_url, uow, manager, second, tmp_path)
    before = snapshot(db_url)

    code, _out, err = admin("restore", str(bad), "--yes", url=db_url, capsys=capsys)

    assert code != 0
    assert f"archived document {second.number} v{second.version}" in err
    assert first.number not in err  # only the altered one is named
    assert "nothing was changed" in err and "--accept-damaged" in err
    _nothing_replaced(db_url, before)
    with pytest.raises(ShowroomError) as e:  # the service refuses too, not only the CLI
        backup.restore(db_url, bad)
    assert e.value.params["reason"] == "altered"
    _nothing_replaced(db_url, before)


def test_restore_refuses_a_backup_with_an_edited_audit_row(db_url, uow, archive, tmp_path, capsys):
    """个人信息保护法 art. 51/54: the log of who did what must be the one that was written."""
    with uow() as u:
        event_id = u.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id).offset(1))
    bad = backup_with_edited_audit_row(db_url, tmp_path, event_id)
    before = snapshot(db_url)

    code, _out, err = admin("restore", str(bad), "--yes", url=db_url, capsys=capsys)

    assert code != 0
    assert f"audit chain broken at event {event_id}" in err
    _nothing_replaced(db_url, before)


def test_accept_damaged_restores_and_records_every_failure(db_url, uow, archive, tmp_path, capsys, caplog):
    manager, (_first, second) = archive
    bad = backup_with_flipped_document(db_url, uow, manager, second, tmp_path)
    make_document(uow, manager, subject_id=3)  # made after the backup: gone after the restore

    with caplog.at_level(logging.WARNING, logger="app.store.backup"):
        code, out, err = admin("restore", str(bad), "--yes", "--accept-damaged", url=db_url, capsys=capsys)

    assert code == 0, err
    assert f"archived document {second.number} v{second.version}" in out
    assert "Restored WITH 1 failure(s)" in out
    assert any(second.number in r.getMessage() for r in caplog.records)  # the log's note
    d = Database(db_url)
    try:
        with d.uow() as u:
            [event] = u.session.scalars(select(AuditEvent).where(AuditEvent.action == "restore_damaged")).all()
            assert second.number in event.detail and bad.name in event.detail
            numbers = set(u.session.scalars(text("SELECT number FROM document")))
    finally:
        d.dispose()
    assert len(numbers) == 2  # the backup's documents, not the one made after it


def test_an_intact_backup_reports_what_was_checked_and_restores(db_url, uow, archive, tmp_path, capsys):
    good = backup.take_backup(db_url, tmp_path / "backups").path
    code, out, err = admin("restore", str(good), "--yes", url=db_url, capsys=capsys)
    assert code == 0, err
    assert "Checked 2 archived document(s)" in out and "all intact" in out


def _partial(directory: Path, name: str, age_seconds: float) -> Path:
    p = directory / name
    p.write_bytes(b"SQLite format 3\x00 half a backup")
    stamp = time.time() - age_seconds
    os.utime(p, (stamp, stamp))
    return p


def test_a_killed_backups_partial_file_is_removed_by_the_next_backup(db_url, uow, archive, tmp_path, capsys):
    directory = backup.backup_directory()
    stale = _partial(directory, "showroom-20261201-083000.manual.sqlite.partial", 3600)
    running = _partial(directory, "showroom-20261202-083000.manual.sqlite.partial", 5)

    backup.take_backup(db_url, kind="manual")

    assert not stale.exists()
    assert running.exists()  # maybe another terminal's backup still being written
    code, out, _err = admin("backups", url=db_url, capsys=capsys)
    assert code == 0 and ".partial" not in out


@pytest.mark.skipif(bool(PG_URL), reason="the start-up backup is for a SQLite file only")
def test_start_up_removes_a_killed_backups_partial_file(db_url, uow, archive):
    stale = _partial(backup.backup_directory(), "showroom-20261201-083000.daily.sqlite.partial", 3600)
    backup.daily_backup_if_due(db_url)
    assert not stale.exists()


def test_restore_refuses_a_backup_whose_audit_log_was_cut_back(db_url, uow, archive, tmp_path, capsys):
    """个人信息保护法 art. 51/54 and issue #15.7: deleting the newest audit rows and moving the
    chain head back leaves a consistent-looking chain; the head recorded beside the backup
    when it was taken shows the cut, and restore refuses."""
    if PG_URL:
        pytest.skip("edits the SQLite backup file itself")
    path = backup.take_backup(db_url, tmp_path / "backups").path
    conn = sqlite3.connect(path)
    try:
        last = conn.execute("SELECT max(id) FROM audit_event").fetchone()[0]
        keep_id, keep_hash = conn.execute(
            "SELECT id, hash FROM audit_event WHERE id < ? ORDER BY id DESC LIMIT 1", (last - 1,)
        ).fetchone()
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('audit_event', 'audit_chain_head')"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM audit_event WHERE id > ?", (keep_id,))
        conn.execute("UPDATE audit_chain_head SET last_id = ?, last_hash = ?", (keep_id, keep_hash))
        for _name, trigger_sql in triggers:
            conn.execute(trigger_sql)
        conn.commit()
    finally:
        conn.close()
    before = snapshot(db_url)

    code, _out, err = admin("restore", str(path), "--yes", url=db_url, capsys=capsys)

    assert code != 0 and "audit chain broken" in err
    _nothing_replaced(db_url, before)
