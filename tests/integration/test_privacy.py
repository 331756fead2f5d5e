"""Personal data (issue #9 items 2 and 3, PIPL; T/CSCA 120031 4.2.3.2, 4.2.4.2): numbers never
in clear in the database file or its backup, unmasking with a purpose and a log entry, key
rotation, the key file's permissions, retention purge, a person's export and deletion."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import stat

import pytest
from sqlalchemy import select

from app.core import keys, personal_data
from app.core.errors import PermissionDenied, ShowroomError, ValidationFailed
from app.privacy import personal_key as privacy, retention as privacy_retention
from db.audit_models import AuditEvent
from db.models import Role
from db.reception_models import Customer, Lead
from db.session import sqlite_path
from db.drive_models import TestDrive as DriveRow
from tests.admin_cli import admin_cli
from tests.factories import (
    isolated_data_dir,
    make_customer,
    make_store,  # noqa: F401
    make_user,
    reception_defaults,
)
from tests.integration.test_test_drive_permissions import _car, _route

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

ID_NUMBER = "310104198001010034"
_slots = itertools.count(0)
T = "test_drive"


@pytest.fixture()
def manager(uow):
    make_store(uow)
    reception_defaults(uow)
    return make_user(uow, Role.SALES_MANAGER, username="zhou")


def sealed_drive(uow, manager, id_number=ID_NUMBER, customer_id=None) -> int:
    """A booked test drive whose ID number is stored the way the test-drive service does."""
    from app.test_drives import booking as test_drives

    from db.drive_models import TestDriveCar, TestDriveRoute

    with uow() as u:  # one route and car per test; each drive in its own slot
        route_id = u.session.scalar(select(TestDriveRoute.id).limit(1))
        car_id = u.session.scalar(select(TestDriveCar.id).limit(1))
    route_id = route_id or _route(uow, manager, "privacy route").id
    car_id = car_id or _car(uow, manager).id
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1 + 2 * next(_slots))
    d = test_drives.book_test_drive(
        uow(), actor=manager, car_id=car_id, route_id=route_id, customer_name="隐私", planned_start=start, minutes=30
    )
    with uow() as u:
        u.act_as(manager)
        row = u.session.get(DriveRow, d.id)
        row.id_number_sealed = personal_data.seal(id_number, field=f"{T}.id_number_sealed")
        row.id_number_masked = personal_data.mask(id_number)
        row.id_number_fingerprint = personal_data.fingerprint(id_number, field=f"{T}.id_number")
        if customer_id is not None:
            row.customer_id = customer_id
        u.commit()
    return d.id


def test_sealed_columns_are_found_by_their_names():
    assert "id_number_sealed" in privacy.sealed_columns()[T]


def test_unmask_needs_the_permission_and_a_purpose_and_is_logged(uow, manager):
    drive = sealed_drive(uow, manager)
    consultant = make_user(uow, Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        privacy.unmask(uow(), actor=consultant, table=T, record_id=drive, column="id_number", purpose="check")
    with pytest.raises(ValidationFailed) as e:
        privacy.unmask(uow(), actor=manager, table=T, record_id=drive, column="id_number", purpose=" ")
    assert e.value.errors[0].code == "purpose_required"
    assert (
        privacy.unmask(
            uow(), actor=manager, table=T, record_id=drive, column="id_number", purpose="police enquiry 2026-118"
        )
        == ID_NUMBER
    )
    with uow() as u:
        ev = u.session.scalars(select(AuditEvent).where(AuditEvent.action == "unmask")).one()
        assert (ev.actor_id, ev.table_name, ev.record_id) == (manager.user_id, T, str(drive))
        assert "police enquiry" in ev.detail and ID_NUMBER not in ev.detail


def test_no_id_number_in_the_raw_database_file_or_its_backup(uow, database, db_url, manager, tmp_path):
    path = sqlite_path(db_url)
    if path is None:
        pytest.skip("reads the SQLite file's bytes")
    drive = sealed_drive(uow, manager)
    privacy.unmask(
        uow(), actor=manager, table=T, record_id=drive, column="id_number", purpose="customer asked to check"
    )
    database.dispose()  # checkpoint the WAL into the file
    backup = tmp_path / "backup.sqlite"
    src, dst = sqlite3.connect(path), sqlite3.connect(backup)
    src.backup(dst)
    src.close()
    dst.close()
    for f in [path, backup, *path.parent.glob(path.name + "-*")]:
        raw = f.read_bytes()
        assert ID_NUMBER.encode() not in raw, f
        assert ID_NUMBER.encode("utf-16-le") not in raw, f
    assert b"**************0034" in path.read_bytes()  # the masked form is what screens show


def test_rotating_the_key_reseals_every_value_and_keeps_the_old_key(uow, manager, capsys):
    drive = sealed_drive(uow, manager)
    old_key = keys.load_key(personal_data.PERSONAL)
    with uow() as u:
        before = u.session.get(DriveRow, drive).id_number_fingerprint
    admin = make_user(uow, Role.ADMIN)
    report = privacy.rotate_personal_key(uow(), actor=admin)
    assert report.values == 1 and report.fingerprints == 1
    new_key = keys.load_key(personal_data.PERSONAL)
    assert new_key != old_key
    assert any(p.name.endswith(".old") for p in keys.key_dir().iterdir())
    with uow() as u:
        row = u.session.get(DriveRow, drive)
        assert keys.blob_key_id(row.id_number_sealed) == keys.key_id(new_key)
        assert row.id_number_fingerprint != before
        assert row.id_number_fingerprint == personal_data.fingerprint(ID_NUMBER, field=f"{T}.id_number")
    assert (
        privacy.unmask(uow(), actor=manager, table=T, record_id=drive, column="id_number", purpose="after rotation")
        == ID_NUMBER
    )
    with pytest.raises(PermissionDenied):
        privacy.rotate_personal_key(uow(), actor=make_user(uow, Role.CONSULTANT))


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_the_key_file_is_readable_by_the_apps_user_only():
    personal_data.seal("X1234567", field="t.c_sealed")
    path = keys.key_path(personal_data.PERSONAL)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    os.chmod(path, 0o644)
    keys.load_key(personal_data.PERSONAL)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- retention, export, deletion ----------------------------------------------------------------


def _later(months: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=31 * months)


def test_purge_dry_run_shows_and_the_real_run_anonymises_visitors_who_never_bought(uow, manager):
    desk = make_user(uow, Role.RECEPTION)
    visitor = make_customer(uow, desk, name="王先生", mobile="13900000001")
    buyer = make_customer(uow, desk, name="李女士", mobile="13900000002")
    with uow() as u:
        consultant = make_user(uow, Role.CONSULTANT)
        u.session.add(
            Lead(customer_id=buyer.id, brand="大众", model="帕萨特", consultant_id=consultant.user_id, status="ordered")
        )
        u.commit()
    drive = sealed_drive(uow, manager, customer_id=visitor.id)
    walk_in_drive = sealed_drive(uow, manager, id_number="310104199002020011")
    report = privacy_retention.purge(uow(), actor=manager, dry_run=True, now=_later(6))
    assert report.candidates == () and report.records == () and report.promised_months == 24
    report = privacy_retention.purge(uow(), actor=manager, dry_run=True, now=_later(13))
    assert [(c.customer_id, c.kind) for c in report.candidates] == [(visitor.id, "visitor")]
    assert (T, walk_in_drive) in report.records
    with uow() as u:
        assert u.session.get(Customer, visitor.id).mobile == "13900000001"  # dry run
    privacy_retention.purge(uow(), actor=manager, dry_run=False, now=_later(13))
    with uow() as u:
        c = u.session.get(Customer, visitor.id)
        assert (c.name, c.mobile, c.mobile_rev) == (None, None, None) and c.anonymised_at
        d = u.session.get(DriveRow, drive)
        assert (d.id_number_sealed, d.id_number_masked, d.customer_name) == (None, None, "")
        w = u.session.get(DriveRow, walk_in_drive)
        assert (w.id_number_sealed, w.id_number_fingerprint, w.customer_name) == (None, None, "")
        assert u.session.get(Customer, buyer.id).mobile == "13900000002"  # kept 10 years
    report = privacy_retention.purge(uow(), actor=manager, dry_run=True, now=_later(12 * 10 + 1))
    assert [(c.customer_id, c.kind) for c in report.candidates] == [(buyer.id, "buyer")]


def test_the_period_may_not_exceed_what_the_consent_text_promised(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        privacy_retention.purge(uow(), actor=manager, visitor_months=36)
    assert e.value.errors[0].code == "retention_exceeds_consent"
    assert e.value.errors[0].params == {"max": 24}


def test_export_and_deletion_of_one_person(uow, manager, tmp_path, capsys, db_url):
    desk = make_user(uow, Role.RECEPTION)
    person = make_customer(uow, desk, name="赵先生", mobile="13900000009")
    sealed_drive(uow, manager, customer_id=person.id)
    data = privacy_retention.export_person(uow(), actor=manager, mobile="13900000009")["data"]
    assert data["customer"]["name"] == "赵先生" and data["consent"]
    assert data[T][0]["id_number_masked"] == "**************0034"
    assert "id_number_sealed" not in data[T][0]
    out = tmp_path / "person.json"
    make_user(uow, Role.ADMIN, username="root")  # runs the command line (tests/admin_cli.py)
    assert admin_cli(*["export-person", "13900000009", "--out", str(out), "--database-url", db_url]) == 0
    assert json.loads(out.read_text("utf-8"))["data"]["customer"]["mobile"] == "13900000009"
    privacy_retention.delete_person(uow(), actor=manager, mobile="13900000009")
    with uow() as u:
        c = u.session.get(Customer, person.id)
        assert c.mobile is None and c.anonymised_at is not None
    with pytest.raises(ShowroomError) as e:
        privacy_retention.export_person(uow(), actor=manager, mobile="13900000009")
    assert e.value.code == "not_found"


def test_a_buyers_deletion_request_waits_for_the_sales_retention(uow, manager):
    desk = make_user(uow, Role.RECEPTION)
    buyer = make_customer(uow, desk, name="钱女士", mobile="13900000010")
    with uow() as u:
        u.session.add(
            Lead(customer_id=buyer.id, brand="大众", model="途观", consultant_id=manager.user_id, status="ordered")
        )
        u.commit()
    with pytest.raises(ShowroomError) as e:
        privacy_retention.delete_person(uow(), actor=manager, mobile="13900000010")
    assert e.value.code == "sales_record_retained"
    assert e.value.params["until"] >= str(dt.date.today().year + 10)


def test_purge_command_dry_run(uow, manager, db_url, capsys):
    make_user(uow, Role.ADMIN, username="root")  # runs the command line
    assert admin_cli(*["purge", "--dry-run", "--database-url", db_url]) == 0
    assert "would be anonymised: 0" in capsys.readouterr().out


def test_no_id_number_in_the_stores_own_backup_on_either_database(uow, database, db_url, manager, tmp_path):
    """The backup the store actually takes (app/store/backup.py): the SQLite file, or the
    pg_dump archive read back as SQL text."""
    import subprocess

    from app.store import backup

    sealed_drive(uow, manager)
    info = backup.take_backup(db_url, tmp_path, kind="manual")
    if sqlite_path(db_url) is not None:
        text = info.path.read_bytes()
    else:
        text = subprocess.run(
            ["pg_restore", "--data-only", "-f", "-", str(info.path)], capture_output=True, check=True, timeout=120
        ).stdout
        assert b"COPY public.test_drive" in text  # the dump was readable and has the table
    assert ID_NUMBER.encode() not in text


def test_after_withdrawal_the_purge_erases_what_other_rows_still_hold(uow, manager):
    """PIPL art. 15, 47: withdrawal anonymises the customer at once (reception); the next
    purge also clears the notes and numbers their visits and test drives still carry."""
    from app.reception.customers import withdraw_consent

    desk = make_user(uow, Role.RECEPTION)
    c = make_customer(uow, desk, name="孙先生", mobile="13900000020")
    drive = sealed_drive(uow, manager, customer_id=c.id)
    withdraw_consent(uow(), actor=desk, customer_id=c.id, expected_version=c.version)
    report = privacy_retention.purge(uow(), actor=manager, dry_run=True)
    assert ("customer", c.id) in report.records
    privacy_retention.purge(uow(), actor=manager, dry_run=False)
    with uow() as u:
        d = u.session.get(DriveRow, drive)
        assert (d.id_number_sealed, d.customer_name) == (None, "")
    assert ("customer", c.id) not in privacy_retention.purge(uow(), actor=manager).records


def test_a_real_purge_from_the_command_line_needs_yes(uow, manager, db_url, capsys):
    make_user(uow, Role.ADMIN, username="root")  # runs the command line
    assert admin_cli(*["purge", "--database-url", db_url]) == 2
    assert "--yes" in capsys.readouterr().err
    assert admin_cli(*["purge", "--yes", "--visitor-months", "36", "--database-url", db_url]) == 2
    assert "at most 24 months" in capsys.readouterr().err
    assert admin_cli(*["purge", "--yes", "--database-url", db_url]) == 0
    assert "Customers anonymised: 0" in capsys.readouterr().out


def test_a_persons_complaints_are_exported_and_anonymised_with_them_but_kept(uow, manager):
    """PIPL arts. 45 and 47 reach a complaint's contact by the mobile, linked to the customer or
    received before they were registered; the complaint itself stays on file (4.5.2.2)."""
    from db.complaint_models import Complaint
    from tests.integration.complaint_factories import make_complaint

    desk = make_user(uow, Role.RECEPTION)
    before = make_complaint(uow, desk, manager.user_id, contact_name="孙先生", contact_mobile="13900000011")
    person = make_customer(uow, desk, name="孙先生", mobile="13900000011")
    after = make_complaint(uow, desk, manager.user_id, contact_name="孙先生", contact_mobile="13900000011")
    data = privacy_retention.export_person(uow(), actor=manager, mobile="13900000011")["data"]
    assert sorted(r["number"] for r in data["complaint"]) == sorted([before.number, after.number])
    privacy_retention.delete_person(uow(), actor=manager, mobile="13900000011")
    with uow() as u:
        rows = u.session.scalars(select(Complaint).order_by(Complaint.id)).all()
        assert [(r.contact_name, r.contact_mobile) for r in rows] == [("", ""), ("", "")]
        assert u.session.get(Customer, person.id).mobile is None
