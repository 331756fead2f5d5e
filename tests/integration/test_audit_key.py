"""The keyed audit chain and the heads kept outside the database (issue #15 item 7).

A tamperer who can write to the database but holds no audit key file recomputes the links
the only way open to them (plain SHA-256, the pre-key rule); edits, deletions with
renumbering and reordering must still be named. Wiping the log, with or without its chain
head, must be caught by this terminal's anchor and by the head recorded beside a backup.
Runs on SQLite and on PostgreSQL (SHOWROOM_TEST_DATABASE_URL).
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text

from app.core import keys
from app.core.errors import ShowroomError
from app.privacy import audit
from db.audit_models import GENESIS_HASH, AuditEvent, event_hash
from db.models import Role
from db.session import sqlite_path, sqlite_url
from tests.admin_cli import admin_cli
from tests.factories import make_store, make_user
from tests.integration.test_audit import drop_guards, restore_guards


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER, username="zhou")


@pytest.fixture()
def tamper(database):
    yield lambda: drop_guards(database)
    restore_guards(database)


FIELDS = ("id", "at", "actor_id", "actor_name", "action", "table_name", "record_id", "detail")


def _events(database, actions=("print", "unmask", "print", "unmask", "print", "export")):
    for i, action in enumerate(actions):
        with database.uow() as u:
            u.audit(action, table_name="customer", record_id=i + 1, detail={"n": i})
            u.commit()


def _actions(database) -> list[str]:
    return [r["action"] for r in _rows(database)]


def _rows(database) -> list[dict]:
    with database.engine.connect() as conn:
        t = AuditEvent.__table__
        return [dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]


def _rewrite(database, rows: list[dict], keep: int) -> None:
    """Replace the log by `rows`, numbered 1, 2, 3... and linked again from row `keep` + 1 on
    by the only rule a tamperer without the key can compute; the head follows."""
    prev = GENESIS_HASH
    out = []
    for i, r in enumerate(rows, start=1):
        r = {**r, "id": i}
        if i > keep:
            r["prev_hash"] = prev
            r["hash"] = event_hash(prev, **{k: r[k] for k in FIELDS})
        prev = r["hash"]
        out.append(r)
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event"))
        if out:
            conn.execute(AuditEvent.__table__.insert(), out)
        conn.execute(text("UPDATE audit_chain_head SET last_id = :n, last_hash = :h"), {"n": len(out), "h": prev})


# --- without the key, rewriting the links no longer hides a change -------------------------


def test_an_edited_row_with_every_later_link_recomputed_is_named(database, manager, tamper):
    _events(database)
    rows = _rows(database)
    tamper()
    rows[2]["actor_name"] = "someone else"
    _rewrite(database, rows, keep=2)
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.broken_at, report.reason) == (False, 3, "edited")


def test_deleting_every_unmask_event_and_renumbering_is_named(database, manager, tamper):
    """PIPL art. 51 (measures to protect personal data): who looked at an ID number must not
    vanish from the log."""
    _events(database)
    rows = _rows(database)
    tamper()
    _rewrite(database, [r for r in rows if r["action"] != "unmask"], keep=1)
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.broken_at, report.reason) == (False, 2, "edited")


def test_reordered_events_are_named(database, manager, tamper):
    _events(database)
    rows = _rows(database)
    tamper()
    rows[3], rows[4] = rows[4], rows[3]
    _rewrite(database, rows, keep=3)
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.broken_at, report.reason) == (False, 4, "edited")


# --- a wiped log --------------------------------------------------------------------------


@pytest.mark.parametrize("head", ["reset", "deleted"])
def test_a_wiped_log_is_reported_not_intact(database, db_url, manager, tamper, capsys, head):
    _events(database)
    last = len(_rows(database))
    tamper()
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event"))
        conn.execute(
            text("UPDATE audit_chain_head SET last_id = 0, last_hash = :g")
            if head == "reset"
            else text("DELETE FROM audit_chain_head"),
            {"g": GENESIS_HASH},
        )
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.events, report.reason) == (False, 0, "wiped")
    assert report.broken_at == 1 and report.anchored == last
    # The sales manager may check the log (view_audit_log); signing in writes its own audit
    # rows into the wiped log, but only after the check (issue #15.9): neither refused nor
    # masked by it, and the wipe is still reported afterwards.
    assert admin_cli("verify-audit", "--database-url", db_url, user="zhou") == 1
    out = capsys.readouterr().out
    assert "BROKEN at event #1" in out and f"this terminal saw the log reach #{last}" in out
    assert _actions(database)[-2:] == ["login", "admin_command"]
    again = audit.verify_chain(database.uow())
    assert (again.ok, again.reason, again.anchored) == (False, "wiped", last)


def test_a_log_cut_back_together_with_its_head_is_reported(database, manager, tamper):
    _events(database)
    rows = _rows(database)
    tamper()
    _rewrite(database, rows[:-3], keep=len(rows))  # the last 3 rows gone, the head moved back
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.broken_at, report.reason) == (False, len(rows) - 2, "wiped")


def test_a_backup_copy_whose_log_was_wiped_is_reported(database, db_url, manager, tmp_path, capsys):
    from app.store.backup import take_backup

    if sqlite_path(db_url) is None:
        pytest.skip("a pg_dump file is checked after it is restored, not in place")
    _events(database)
    last = len(_rows(database))
    copy = take_backup(db_url, tmp_path / "backups").path
    assert (copy.parent / (copy.name + ".audit-head.json")).exists()
    assert admin_cli("verify-audit", "--database-url", sqlite_url(copy), user="zhou") == 0
    capsys.readouterr()
    con = sqlite3.connect(copy)
    for trigger in ("audit_event_guard_delete", "audit_chain_head_guard_delete"):
        con.execute(f"DROP TRIGGER {trigger}")
    con.execute("DELETE FROM audit_event")
    con.execute("DELETE FROM audit_chain_head")
    con.commit()
    con.close()
    assert admin_cli("verify-audit", "--database-url", sqlite_url(copy), user="zhou") == 1
    assert f"the head recorded with this backup saw the log reach #{last}" in capsys.readouterr().out


def test_a_restored_backup_verifies_on_the_terminal_that_restored_it(database, db_url, manager, tmp_path):
    """Restoring makes the log older on purpose: the terminal's anchor follows it."""
    from app.store.backup import restore, take_backup

    if sqlite_path(db_url) is None:
        pytest.skip("restore on PostgreSQL needs pg_restore (tests/integration/test_backup)")
    _events(database, actions=("print", "print"))
    kept = len(_rows(database))
    copy = take_backup(db_url, tmp_path / "backups").path
    _events(database)
    database.dispose()
    restore(db_url, copy)
    assert audit.verify_chain(database.uow()).ok
    _events(database, actions=("print",))  # new rows from kept + 1 on, under the same key
    report = audit.verify_chain(database.uow())
    assert report.ok and report.events == kept + 1 and report.anchored == kept + 1


def test_each_terminal_checks_the_server_is_not_behind_what_it_committed(
    database, manager, tamper, tmp_path, monkeypatch
):
    """Two terminals, one database: a log cut back to before terminal 2's last entry is
    reported on terminal 2; terminal 1, which never wrote past the cut, cannot tell."""
    from tests.factories import another_terminal

    another_terminal(monkeypatch, tmp_path / "terminal-1")
    _events(database, actions=("print", "print"))
    cut = len(_rows(database))
    another_terminal(monkeypatch, tmp_path / "terminal-2")
    _events(database, actions=("unmask", "unmask"))
    rows = _rows(database)
    tamper()
    _rewrite(database, rows[:cut], keep=cut)
    report = audit.verify_chain(database.uow())
    assert (report.ok, report.reason, report.broken_at, report.anchored) == (False, "wiped", cut + 1, cut + 2)
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(tmp_path / "terminal-1"))
    assert audit.verify_chain(database.uow()).ok


def test_checking_while_terminals_write_reports_no_false_break(database, manager):
    """The head and the rows are read in one snapshot, and an anchor is written only after
    its commit: a check running between a writer's statements sees a consistent log."""
    import threading

    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            _events(database, actions=("print",))

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        reports = [audit.verify_chain(database.uow()) for _ in range(30)]
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert [r for r in reports if not r.ok] == []


# --- the key outside the database -----------------------------------------------------------


def test_a_terminal_without_the_stores_audit_key_writes_nothing_until_it_is_imported(
    database, manager, tmp_path, monkeypatch, capsys
):
    make_user(database.uow, Role.ADMIN, username="root")  # keys commands: administrators
    _events(database, actions=("print",))
    copy = tmp_path / "audit-key.bin"
    assert admin_cli("keys", "export", "--key", "audit", "--out", str(copy), "--database-url", database.url) == 0
    before = len(_rows(database))

    def write():
        with database.uow() as u:
            u.audit("print", table_name="document", record_id=1)
            u.commit()

    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(tmp_path / "terminal-2"))
    with pytest.raises(ShowroomError) as e:
        write()
    assert (e.value.code, e.value.params["reason"]) == ("audit_key_unavailable", "missing")
    keys.load_or_create_key("audit")  # a key of its own is no better
    with pytest.raises(ShowroomError) as e:
        write()
    assert e.value.params["reason"] == "wrong_key"
    assert len(_rows(database)) == before  # the refused changes left nothing half-written
    capsys.readouterr()
    assert admin_cli("verify-audit", "--database-url", database.url) == 1
    assert "keys import FILE --key audit" in capsys.readouterr().err
    assert len(_rows(database)) == before  # not even the sign-in's rows (issue #15.9)
    # Importing is how this terminal gets the key, so it cannot need the key to sign in:
    # the sign-in's rows are written under the key in the file being imported (a file that
    # is not the store's audit key is refused before anything is written or installed).
    own = tmp_path / "own-audit-key.bin"
    own.write_bytes(keys.load_key("audit"))
    assert admin_cli("keys", "import", "--key", "audit", str(own), "--database-url", database.url) == 1
    assert "keys import FILE --key audit" in capsys.readouterr().err
    assert len(_rows(database)) == before
    assert admin_cli("keys", "import", "--key", "audit", str(copy), "--database-url", database.url) == 0
    assert _actions(database)[-2:] == ["login", "admin_command"]
    write()
    assert audit.verify_chain(database.uow()).ok


# --- a log from before the key --------------------------------------------------------------


def _legacy_events(url: str, n: int) -> None:
    """Rows as the version before migration 0014 wrote them: plain SHA-256 links."""
    import datetime as dt

    from db.session import make_engine

    engine = make_engine(url)
    prev = GENESIS_HASH
    with engine.begin() as conn:
        for i in range(1, n + 1):
            r = {
                "id": i,
                "at": dt.datetime(2026, 11, 1, 9, i),
                "actor_id": None,
                "actor_name": "old",
                "action": "print",
                "table_name": "document",
                "record_id": str(i),
                "detail": "{}",
            }
            r["prev_hash"], r["hash"] = prev, event_hash(prev, **r)
            prev = r["hash"]
            conn.execute(AuditEvent.__table__.insert(), [r])
        conn.execute(text("UPDATE audit_chain_head SET last_id = :n, last_hash = :h"), {"n": n, "h": prev})
    engine.dispose()


def test_an_upgraded_log_keeps_its_old_links_and_keys_the_new_ones(tmp_path, db_url):
    from alembic import command

    from db.migrate import alembic_config, upgrade
    from db.uow import Database

    if sqlite_path(db_url) is None:
        pytest.skip("migrates its own SQLite file down and up")
    url = sqlite_url(tmp_path / "old.sqlite")
    command.upgrade(alembic_config(url), "0011")
    _legacy_events(url, 3)
    upgrade(url)
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT keyed_from FROM audit_chain_head")).scalar() == 4
        _events(database, actions=("print", "unmask"))
        assert audit.verify_chain(database.uow()).ok
        # The old part can no longer be rewritten either: the first keyed link covers it.
        rows = _rows(database)
        rows[1]["actor_name"] = "someone else"
        with database.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER audit_event_guard_delete"))
            conn.execute(text("DELETE FROM audit_event WHERE id >= 2"))
        _rewrite_sqlite(database, rows, keep=1, upto=3)
        report = audit.verify_chain(database.uow())
        assert (report.ok, report.broken_at, report.reason) == (False, 4, "inserted")
    finally:
        database.dispose()


def _rewrite_sqlite(database, rows, keep: int, upto: int) -> None:
    prev = rows[keep - 1]["hash"]
    for r in rows[keep:upto]:
        r["prev_hash"], r["hash"] = prev, event_hash(prev, **{k: r[k] for k in FIELDS})
        prev = r["hash"]
    with database.engine.begin() as conn:
        conn.execute(AuditEvent.__table__.insert(), rows[keep:])


def test_the_key_migration_goes_down_and_up_again(tmp_path, db_url):
    """Down, the keyed rows are re-linked by the old rule (which the old version checks)."""
    from alembic import command

    from db.migrate import alembic_config
    from db.uow import Database

    if sqlite_path(db_url) is None:
        pytest.skip("migrates its own SQLite file down and up")
    url = sqlite_url(tmp_path / "s.sqlite")
    command.upgrade(alembic_config(url), "0011")
    _legacy_events(url, 2)
    command.upgrade(alembic_config(url), "0015")
    database = Database(url)
    _events(database, actions=("print", "print"))
    database.dispose()
    command.downgrade(alembic_config(url), "0011")
    con = sqlite3.connect(tmp_path / "s.sqlite")
    rows = con.execute("SELECT id, prev_hash, hash FROM audit_event ORDER BY id").fetchall()
    head = con.execute("SELECT last_id, last_hash FROM audit_chain_head").fetchone()
    con.close()
    assert [r[0] for r in rows] == [1, 2, 3, 4] and head == (4, rows[-1][2])
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, 4))
    command.upgrade(alembic_config(url), "0015")
    database = Database(url)
    try:
        _events(database, actions=("print",))
        report = audit.verify_chain(database.uow())
        assert report.ok and report.events == 5
    finally:
        database.dispose()
