"""The audit trail (issue #9 item 4): data changes with before/after, hash chain, append-only
triggers, tampering detected in SQL and in a backup copy, concurrent writers, browsing."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.core.errors import PermissionDenied
from app.privacy import audit
from app.inventory import vehicles
from app.privacy.audit import AuditQuery
from db.audit_models import AuditEvent
from db.models import Role
from db.session import sqlite_path, sqlite_url
from db.uow import acting_as
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user, vehicle_input  # noqa: F401


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER, username="zhou")


def events(uow, **where):
    with uow() as u:
        q = select(AuditEvent).order_by(AuditEvent.id)
        for k, v in where.items():
            q = q.where(getattr(AuditEvent, k) == v)
        rows = u.session.scalars(q).all()
        u.session.expunge_all()  # keep the loaded values after the unit of work ends
        return rows


def test_a_data_change_is_logged_with_who_which_record_and_before_after(uow, database, manager):
    database.acting_user = (manager.user_id, manager.username)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(price_fen=19_990_000))
    vehicles.update_vehicle(
        uow(),
        actor=manager,
        vehicle_id=v.id,
        expected_version=v.version,
        data=vehicle_input(vin=v.vin, price_fen=18_880_000),
    )
    ins = events(uow, table_name="vehicle", action="insert")[-1]
    assert ins.record_id == str(v.id) and ins.actor_id == manager.user_id
    assert ins.actor_name == "zhou" and '"vin":"%s"' % v.vin in ins.detail
    upd = events(uow, table_name="vehicle", action="update")[-1]
    assert '"price_fen":[19990000,18880000]' in upd.detail
    assert "version" not in upd.detail  # bookkeeping is not a change a reader cares about


def test_secret_columns_are_recorded_as_changed_only(uow):
    with acting_as(None, "setup"):
        make_user(uow, Role.ADMIN, username="root")
    ev = events(uow, table_name="staff_user", action="insert")[-1]
    assert '"password_hash":"[set]"' in ev.detail and "argon2" not in ev.detail
    assert ev.actor_name == "setup"


def test_a_pad_signature_is_logged_as_its_number_of_strokes(uow, manager):
    """The raw pad points are kept in document_signature, not copied or measured in the log
    (db.uow.COUNTED_COLUMNS, issue #18.11); who signed as what still is."""
    from tests.factories import make_document, signature_capture

    sig = signature_capture("周建国", "manager")
    make_document(uow, manager, signatures=[sig])
    ev = events(uow, table_name="document_signature", action="insert")[-1]
    assert f'"strokes":"[{len(sig.strokes)} strokes]"' in ev.detail and '"role":"manager"' in ev.detail
    assert '"png":"[set]"' in ev.detail and str(sig.strokes[0][0][0]) not in ev.detail


def test_a_rolled_back_change_leaves_no_audit_row(uow, manager):
    before = len(events(uow))
    with pytest.raises(Exception):
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin="bad"))
    with uow() as u:
        u.audit("print", table_name="document", record_id=1)  # never committed
    assert len(events(uow)) == before


def test_the_log_refuses_update_and_delete(database, manager):
    with database.uow() as u:
        u.audit("print", table_name="document", record_id=7)
        u.commit()
    for sql in ("UPDATE audit_event SET actor_name = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="audit_event_(append_only|never_deleted)"):
            with database.engine.begin() as conn:
                conn.execute(text(sql))


def drop_guards(database) -> None:
    """What a tamperer does first. SQLite tests each have their own file; on PostgreSQL the
    database is shared by the whole run, so `restore_guards` must follow."""
    with database.engine.begin() as conn:
        for trig, table in (
            ("audit_event_guard_update", "audit_event"),
            ("audit_event_guard_delete", "audit_event"),
            ("audit_chain_head_guard_update", "audit_chain_head"),
            ("audit_chain_head_guard_delete", "audit_chain_head"),
        ):
            conn.execute(
                text(f"DROP TRIGGER IF EXISTS {trig}" + (f" ON {table}" if database.dialect == "postgresql" else ""))
            )


def restore_guards(database) -> None:
    """The triggers of migration 0008 again (PostgreSQL: for the tests that follow)."""
    if database.dialect != "postgresql":
        return
    with database.engine.begin() as conn:
        for when in ("UPDATE", "DELETE"):
            name = f"audit_event_guard_{when.lower()}"
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON audit_event"))
            conn.execute(
                text(
                    f"CREATE TRIGGER {name} BEFORE {when} ON audit_event FOR EACH ROW "
                    "EXECUTE FUNCTION showroom_refuse_change()"
                )
            )
        for name, function in (
            ("audit_chain_head_guard_update", "showroom_audit_head_guard"),
            ("audit_chain_head_guard_delete", "showroom_refuse_change"),
        ):
            when = name.rsplit("_", 1)[1].upper()
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON audit_chain_head"))
            conn.execute(
                text(
                    f"CREATE TRIGGER {name} BEFORE {when} ON audit_chain_head "
                    f"FOR EACH ROW EXECUTE FUNCTION {function}()"
                )
            )


@pytest.fixture()
def tamper(database):
    yield lambda: drop_guards(database)
    restore_guards(database)


def _some_events(database, n=5):
    for i in range(n):
        with database.uow() as u:
            u.audit("print", table_name="document", record_id=i + 1, detail={"copies": 1})
            u.commit()


def _verify(database):
    return audit.verify_chain(database.uow())


def test_an_intact_chain_verifies(database, manager):
    _some_events(database)
    report = _verify(database)
    assert report.ok and report.events >= 5


@pytest.mark.parametrize(
    "sql, broken, reason",
    [
        ("UPDATE audit_event SET record_id = '999' WHERE id = {k}", "k", "edited"),
        ("DELETE FROM audit_event WHERE id = {k}", "k", "deleted"),
        ("DELETE FROM audit_event WHERE id = {last}", "last", "truncated"),
        (
            "INSERT INTO audit_event (id, at, actor_id, actor_name, action, table_name, record_id,"
            " detail, prev_hash, hash) SELECT {last} + 1, at, actor_id, actor_name, action, table_name,"
            " record_id, detail, hash, hash FROM audit_event WHERE id = {last}",
            "last+1",
            "inserted",
        ),
    ],
)
def test_tampering_in_sql_names_the_first_broken_link(database, manager, tamper, sql, broken, reason):
    _some_events(database)
    with database.engine.connect() as conn:
        last = conn.execute(text("SELECT max(id) FROM audit_event")).scalar()
    k = last - 2
    tamper()
    with database.engine.begin() as conn:
        conn.execute(text(sql.replace("{k}", str(k)).replace("{last}", str(last))))
    report = _verify(database)
    assert not report.ok and report.reason == reason
    assert report.broken_at == {"k": k, "last": last, "last+1": last + 1}[broken]


def test_a_row_re_maced_even_with_the_key_still_breaks_the_next_link(database, manager, tamper):
    """Whoever holds the audit key file can MAC one edited row; the next link still breaks."""
    from app.core import keys
    from db.audit_models import event_mac

    _some_events(database)
    tamper()
    with database.engine.begin() as conn:
        t = AuditEvent.__table__
        r = conn.execute(select(t).where(t.c.id == 2)).mappings().one()
        forged = event_mac(
            keys.load_key("audit"),
            r["prev_hash"],
            id=2,
            at=r["at"],
            actor_id=r["actor_id"],
            actor_name="someone else",
            action=r["action"],
            table_name=r["table_name"],
            record_id=r["record_id"],
            detail=r["detail"],
        )
        conn.execute(text("UPDATE audit_event SET actor_name = 'someone else', hash = :h WHERE id = 2"), {"h": forged})
    report = _verify(database)
    assert not report.ok and report.broken_at == 3 and report.reason == "inserted"


def test_verify_audit_command_on_a_tampered_backup_copy(database, db_url, manager, tmp_path, capsys):
    path = sqlite_path(db_url)
    if path is None:
        pytest.skip("the backup file test is for SQLite (pg_dump files are text)")
    _some_events(database)
    backup = tmp_path / "backup.sqlite"
    src, dst = sqlite3.connect(path), sqlite3.connect(backup)
    src.backup(dst)
    src.close()
    # Issue #15.9: run as the sales manager, who may view the audit log.
    assert admin_cli(*["verify-audit", "--database-url", sqlite_url(backup)], user="zhou") == 0
    assert "intact" in capsys.readouterr().out
    dst.execute("DROP TRIGGER audit_event_guard_update")
    dst.execute("UPDATE audit_event SET actor_name = 'nobody' WHERE id = 3")
    dst.commit()
    dst.close()
    assert admin_cli(*["verify-audit", "--database-url", sqlite_url(backup)], user="zhou") == 1
    out = capsys.readouterr().out
    assert "BROKEN at event #3" in out and "edited" in out
    # The live database is untouched by what was done to its copy.
    assert admin_cli(*["verify-audit", "--database-url", db_url], user="zhou") == 0


def test_concurrent_writers_keep_one_unbroken_chain(database, manager):
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(8):
                with database.uow() as u:
                    u.audit("print", table_name="document", record_id=f"{n}-{i}")
                    u.commit()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    report = _verify(database)
    assert report.ok
    assert len(events(uow=database.uow, action="print")) == 32


def test_managers_browse_and_filter_the_log(uow, database, manager):
    consultant = make_user(uow, Role.CONSULTANT, username="wang")
    database.acting_user = (manager.user_id, manager.username)
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    database.acting_user = (consultant.user_id, consultant.username)
    vehicles.change_status(
        uow(), actor=consultant, vehicle_id=v.id, expected_version=v.version, new_status="on_display"
    )
    rows = audit.list_events(uow(), actor=manager, query=AuditQuery(actor_id=consultant.user_id))
    assert rows and all(r.actor_id == consultant.user_id for r in rows)
    rows = audit.list_events(uow(), actor=manager, query=AuditQuery(table_name="vehicle", action="update"))
    assert [r.detail["changes"]["status"] for r in rows] == [["in_stock", "on_display"]]
    tomorrow = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    assert audit.list_events(uow(), actor=manager, query=AuditQuery(since=tomorrow)) == []
    tables, users = audit.filter_choices(uow(), actor=manager)
    assert "vehicle" in tables and (consultant.user_id, "wang") in users
    with pytest.raises(PermissionDenied):
        audit.list_events(uow(), actor=consultant)


@pytest.mark.usefixtures("isolated_data_dir")
def test_prints_and_exports_are_audited(uow, manager, tmp_path):
    from app.documents.documents import record_print
    from app.inventory.vehicle_io import export_vehicles
    from tests.factories import make_document

    doc = make_document(uow, manager)
    record_print(uow(), actor=manager, document_id=doc.id, printer="HP LaserJet")
    record_print(uow(), actor=manager, document_id=doc.id, printer="file", kind="export")
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    export_vehicles(uow(), actor=manager, path=tmp_path / "cars.xlsx")
    rows = audit.list_events(uow(), actor=manager)
    prints = [r for r in rows if r.action == "print"]
    assert prints[0].detail["kind"] == "print" and prints[0].detail["printer"] == "HP LaserJet"
    assert prints[0].actor_id == manager.user_id and prints[0].record_id == str(doc.id)
    exports = {r.table_name: r.detail for r in rows if r.action == "export"}
    assert exports["document"]["kind"] == "export"
    assert exports["vehicle"] == {"rows": 1, "file": "cars.xlsx", "status": "", "search": ""}


def test_a_customers_details_never_enter_the_append_only_log(uow, manager):
    """PIPL art. 47: what the log holds cannot be anonymised later, so it holds no name,
    mobile or notes of a customer, only that they changed."""
    from app.reception.customers import withdraw_consent
    from tests.factories import make_customer, reception_defaults

    reception_defaults(uow)
    desk = make_user(uow, Role.RECEPTION)
    c = make_customer(uow, desk, name="欧阳先生", mobile="13912345678")
    withdraw_consent(uow(), actor=desk, customer_id=c.id, expected_version=c.version)
    details = " ".join(e.detail for e in events(uow, table_name="customer"))
    assert "13912345678" not in details and "欧阳" not in details
    assert '"mobile":"[set]"' in details and '"mobile":"[changed]"' in details
