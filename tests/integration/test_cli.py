"""`showroom admin` in-process and as a real subprocess (stdin not a terminal: it must never
prompt), plus the demo store it builds."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.demo import DEMO_USERS, build_demo
from app.core.clock import utcnow
from app.core.validation import validate_vin
from app.demo.history import history_present
from app.staff import auth
from app.store import store
from app.inventory.vehicle_io import import_vehicles
from db.models import Powertrain, Role, StaffUser, Vehicle, VehicleStatusChange
from db.session import sqlite_url
from db.uow import Database
from tests.admin_cli import CLI_USER, admin_cli, cli_env
from tests.factories import (  # noqa: F401
    PASSWORD,
    another_terminal,
    isolated_data_dir,
    make_store,
    make_user,
    make_vin,
)
from tests.integration.test_vehicle_io import row, write_csv, write_xlsx

# `init` and the document commands use the key file in the data dir: one per test.
pytestmark = pytest.mark.usefixtures("isolated_data_dir")

ROOT = Path(__file__).resolve().parents[2]
STORE_OPTS = [
    "--store-name",
    "上海测试汽车销售服务有限公司",
    "--address",
    "上海市徐汇区漕溪北路1号",
    "--sales-hotline",
    "021-64000000",
    "--complaint-phone",
    "021-64000001",
    "--admin-username",
    "root",
    "--admin-full-name",
    "管理员",
]


def run(
    *args: str, tmp_path: Path, env: dict | None = None, user: str | None = CLI_USER
) -> subprocess.CompletedProcess:
    """The CLI in a fresh interpreter, stdin closed (not a TTY), as a script would run it,
    signed in as `user` (tests/admin_cli.py; None: no account given)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SHOWROOM_")}
    full_env.update(SHOWROOM_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8", **cli_env(user), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture()
def ready(uow, db_url):
    """A set-up store with an admin: what `init` leaves behind."""
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")
    return db_url


def test_importing_the_cli_stays_light():
    code = (
        "import sys, app.cli\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlalchemy', 'openpyxl', 'argon2', 'alembic', 'ui')]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_init_without_a_terminal_migrates_and_leaves_set_up_to_the_wizard(tmp_path):
    url = sqlite_url(tmp_path / "new.sqlite")
    out = run("init", "--database-url", url, "--store-name", "只给了店名", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "first-run wizard" in out.stdout and out.stderr == ""
    db = Database(url)
    try:
        assert store.needs_setup(db.uow())
    finally:
        db.dispose()


def test_init_with_every_option_sets_up_the_store_and_admin(tmp_path, capsys, monkeypatch):
    url = sqlite_url(tmp_path / "new.sqlite")
    monkeypatch.setenv("SHOWROOM_ADMIN_PASSWORD", "Admin-2026!")
    assert admin_cli(*["init", "--database-url", url, *STORE_OPTS]) == 0
    assert "administrator 'root'" in capsys.readouterr().out
    db = Database(url)
    try:
        assert not store.needs_setup(db.uow())
        assert auth.login(db.uow(), username="root", password="Admin-2026!").username == "root"
    finally:
        db.dispose()
    # Issue #15.9: once set up, `init` is no longer open: it runs as the administrator.
    assert admin_cli(*["init", "--database-url", url], user=None) == 2
    assert admin_cli(*["init", "--database-url", url], password="Admin-2026!") == 0
    assert "already set up" in capsys.readouterr().out


def test_init_in_a_terminal_asks_for_what_is_missing(tmp_path, capsys, monkeypatch):
    url = sqlite_url(tmp_path / "tty.sqlite")
    answers = iter(
        ["上海问答汽车销售服务有限公司", "上海市长宁区1号", "021-62000000", "021-62000001", "boss", "王老板", ""]
    )
    monkeypatch.setattr(cli, "_is_tty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Typed-Secret-1")
    assert admin_cli(*["init", "--database-url", url]) == 0
    db = Database(url)
    try:
        assert auth.login(db.uow(), username="boss", password="Typed-Secret-1").full_name == "王老板"
    finally:
        db.dispose()


def test_create_user_in_a_terminal_asks_twice_for_the_password(ready, capsys, monkeypatch):
    typed = iter(["first-secret-1", "other-secret-2"])
    monkeypatch.setattr(cli, "_is_tty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert admin_cli(*["create-user", "typo", "--full-name", "T", "--role", "consultant", "--database-url", ready]) == 2
    assert "do not match" in capsys.readouterr().err


def test_init_with_bad_values_is_a_usage_error(tmp_path, capsys):
    url = sqlite_url(tmp_path / "new.sqlite")
    code = admin_cli(*["init", "--database-url", url, *STORE_OPTS, "--admin-password", "short"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "admin_password" in err and "8 characters" in err


def test_migrate_reports_the_revision(tmp_path, capsys):
    url = sqlite_url(tmp_path / "m.sqlite")
    assert admin_cli(*["migrate", "--database-url", url]) == 0
    assert "upgraded from empty" in capsys.readouterr().out
    assert admin_cli(*["migrate", "--database-url", url]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_create_user_takes_the_password_from_option_or_environment(uow, ready, capsys, monkeypatch):
    assert (
        admin_cli(
            *[
                "create-user",
                "chen.li",
                "--full-name",
                "陈丽",
                "--role",
                "consultant",
                "--role",
                "reception",
                "--password",
                "long-enough-1",
                "--licence-first-issued",
                "2019-03-01",
                "--database-url",
                ready,
            ]
        )
        == 0
    )
    assert "consultant, reception" in capsys.readouterr().out
    actor = auth.login(uow(), username="chen.li", password="long-enough-1")
    assert actor.roles == {Role.CONSULTANT, Role.RECEPTION}
    monkeypatch.setenv("SHOWROOM_NEW_PASSWORD", "from-the-env-2")
    assert (
        admin_cli(
            *[
                "create-user",
                "sun.pdi",
                "--full-name",
                "孙",
                "--role",
                "pdi_technician",
                "--pdi-certificate-no",
                "PDI-7",
                "--pdi-certificate-expiry",
                "2030-01-31",
                "--database-url",
                ready,
            ]
        )
        == 0
    )
    auth.login(uow(), username="sun.pdi", password="from-the-env-2")
    with uow() as u:
        user = u.session.query(StaffUser).filter_by(username="sun.pdi").one()
        assert user.pdi_certificate_expiry == dt.date(2030, 1, 31)


def test_create_user_without_a_password_never_prompts(tmp_path, ready):
    out = run(
        "create-user",
        "nopw",
        "--full-name",
        "No Password",
        "--role",
        "consultant",
        "--database-url",
        ready,
        tmp_path=tmp_path,
    )
    assert out.returncode == 2
    assert out.stderr.strip().startswith("error: no password given") and out.stdout == ""


def test_create_user_refused_until_an_admin_exists(db_url, capsys):
    code = admin_cli(
        *[
            "create-user",
            "x.y",
            "--full-name",
            "X",
            "--role",
            "consultant",
            "--password",
            "long-enough-1",
            "--database-url",
            db_url,
        ]
    )
    assert code == 1 and "run 'showroom admin init' first" in capsys.readouterr().err


def test_create_user_duplicate_and_bad_arguments(ready, capsys):
    args = [
        "create-user",
        "root",
        "--full-name",
        "Again",
        "--role",
        "consultant",
        "--password",
        "long-enough-1",
        "--database-url",
        ready,
    ]
    assert admin_cli(*args) == 2
    assert "username: this username is already taken" in capsys.readouterr().err
    assert admin_cli(*["create-user", "a.b", "--full-name", "A", "--role", "wizard"]) == 2
    assert (
        admin_cli(*["create-user", "a.b", "--full-name", "A", "--role", "admin", "--licence-first-issued", "yesterday"])
        == 2
    )


def test_commands_refuse_a_missing_database_instead_of_creating_one(tmp_path, capsys):
    path = tmp_path / "typo.sqlite"
    assert admin_cli(*["export-vehicles", str(tmp_path / "o.csv"), "--database-url", sqlite_url(path)]) == 1
    assert "no database at" in capsys.readouterr().err and not path.exists()


def test_usage_errors_exit_2(capsys):
    assert admin_cli(*[]) == 2
    assert admin_cli(*["no-such-command"]) == 2
    assert admin_cli(*["import-vehicles"]) == 2
    assert admin_cli(*["--help"]) == 0


def test_import_exit_codes_and_output_in_a_subprocess(tmp_path, uow, ready):
    good = write_xlsx(tmp_path / "good.xlsx", [row(), row()])
    out = run("import-vehicles", str(good), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == ("good.xlsx: 2 rows: 2 created, 0 updated, 0 unchanged, 0 rejected.")

    vin = make_vin()
    bad_vin = vin[:8] + ("0" if vin[8] != "0" else "1") + vin[9:]
    mixed = write_csv(tmp_path / "mixed.csv", [row(), row(vin=bad_vin, price_yuan="abc"), row(powertrain="steam")])
    out = run("import-vehicles", str(mixed), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 1, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0] == (
        f"row 3 ({bad_vin}): price_yuan: not a number; vin: the check digit (9th character) does not match"
    )
    assert lines[1].startswith("row 4 (") and "powertrain: must be ICE, HEV, PHEV or BEV" in lines[1]
    assert lines[2].endswith("1 created, 0 updated, 0 unchanged, 2 rejected.")

    header = ["vin", "brand", "model", "model_year", "powertrain", "price_yuan"]
    unusable = write_csv(tmp_path / "cols.csv", [row()], header=header)
    out = run("import-vehicles", str(unusable), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == "error: the file lacks required column(s): guide_price_yuan\n"

    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    out = run("import-vehicles", str(tmp_path / "junk.xlsx"), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 2 and "damaged" in out.stderr and "Traceback" not in out.stderr
    with uow() as u:
        assert u.session.query(Vehicle).count() == 3


def test_export_then_import_round_trip(tmp_path, uow, ready, capsys):
    import_vehicles(
        uow(),
        actor=make_user(uow, Role.SALES_MANAGER),
        path=write_csv(tmp_path / "in.csv", [row(), row(status="on_display")]),
    )
    out_file = tmp_path / "库存.xlsx"
    assert admin_cli(*["export-vehicles", str(out_file), "--database-url", ready]) == 0
    assert capsys.readouterr().out == f"Exported 2 vehicles to {out_file}.\n"
    assert openpyxl.load_workbook(out_file).active.max_row == 3
    assert (
        admin_cli(*["export-vehicles", str(tmp_path / "d.csv"), "--status", "on_display", "--database-url", ready]) == 0
    )
    assert "Exported 1 vehicle to" in capsys.readouterr().out
    assert admin_cli(*["import-vehicles", str(out_file), "--database-url", ready]) == 0
    assert "2 unchanged, 0 rejected" in capsys.readouterr().out
    assert admin_cli(*["export-vehicles", str(tmp_path / "x.txt"), "--database-url", ready]) == 2


def test_unexpected_errors_print_one_line_and_log_the_traceback(tmp_path):
    # No driver for this URL: SQLAlchemy fails deep inside; the user sees one line.
    out = run("migrate", "--database-url", "nosuchdb+nodriver://h/db", tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("error: ")
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout
    log = tmp_path / "data" / "logs" / "admin-cli.log"
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_unexpected_error_in_process(ready, tmp_path, capsys, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr("app.inventory.vehicle_io.import_vehicles", boom)
    code = admin_cli(*["import-vehicles", str(write_csv(tmp_path / "a.csv", [row()])), "--database-url", ready])
    assert code == 1
    err = capsys.readouterr().err
    # Issue #17.6: a sentence (the GUI's), the first line for the operator, no class name.
    assert err.startswith("error: Something went wrong.") and "(disk on fire" in err and err.count("\n") == 1
    assert "RuntimeError" not in err and "second line" not in err


# --- the demo store ------------------------------------------------------------------------


def test_demo_command_builds_a_complete_idempotent_demo_store(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(tmp_path))
    assert admin_cli(*["demo"]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "showroom-demo.sqlite"
    # The same store as `showroom --demo` (a copy of today's template): 40 cars of the showroom and
    # the 12 sold in the year of KPI history (issue #20, app/demo/history.py).
    assert path.exists() and "(built; 52 vehicles)" in out
    # 3 store notices (one voided and replaced) + 5 vehicle cards (4 current, 1 gone stale)
    # + yesterday's signed test-drive agreement (issue #6) + the sale's 20 (issue #18.9: price list
    # notice, 5 quotes, a disclosure, 4 contracts, an entrustment, 4 receipts, a settlement, a PDI
    # report, the handover and its 三包凭证; tests/integration/test_sales_demo.py) = 29, and the
    # history's 101 (its price list, 12 sales' 7 papers each, 16 test-drive agreements)
    assert "Signed sample documents in the archive: 130" in out
    assert all(f"  {u:<14} {p:<10} {n}" in out for u, p, n, _ in DEMO_USERS)
    url = sqlite_url(path)
    db = Database(url)
    try:
        with db.uow() as u:
            cars = u.session.query(Vehicle).all()
            users = u.session.query(StaffUser).all()
            history = u.session.query(VehicleStatusChange).count()
            u.session.expunge_all()  # keep the loaded values for the checks below
        assert len(cars) == 52 and len({v.brand for v in cars}) == 4
        assert {"比亚迪", "特斯拉"} <= {v.brand for v in cars}
        assert all(validate_vin(v.vin)[1] for v in cars) and len({v.vin for v in cars}) == 52
        statuses = Counter(v.status for v in cars)
        assert statuses["on_display"] == 12 and statuses["test_drive_fleet"] == 4
        assert {"in_stock", "in_transit", "reserved", "sold"} <= set(statuses)
        nevs = [v for v in cars if Powertrain(v.powertrain).is_nev]
        assert nevs and all(v.range_km and v.battery_kwh for v in nevs)
        assert all(v.configuration and v.power_kw and v.accel_0_100_s for v in cars)
        today = dt.date.today()
        assert any((today - v.production_date).days > 730 for v in cars)
        assert any(v.defect_notes and v.repair_notes for v in cars)
        consultants = [x for x in users if Role.CONSULTANT in x.role_set]
        assert len(consultants) == 8
        assert any((today - x.licence_first_issued).days < 3 * 365 for x in consultants)
        assert any((today - x.licence_first_issued).days > 3 * 366 for x in consultants)
        pdi = next(x for x in users if Role.PDI_TECHNICIAN in x.role_set)
        assert pdi.pdi_certificate_no and pdi.pdi_certificate_expiry > today
        assert {r for x in users for r in x.role_set} == set(Role)
        for username, password, _, roles in DEMO_USERS:
            actor = auth.login(db.uow(), username=username, password=password)
            assert actor.roles == {Role(r) for r in roles}
        assert store.get_store(db.uow()).legal_name == "上海浦江汽车销售服务有限公司"

        _check_demo_documents(db)

        again = build_demo(url)
        assert not again.created and again.vehicles == 52 and again.documents == 130
        assert history_present(db, utcnow())  # the KPI year is there, as in `showroom --demo`
        with db.uow() as u:
            assert u.session.query(StaffUser).count() == len(users) == len(DEMO_USERS)
            assert u.session.query(VehicleStatusChange).count() == history
    finally:
        db.dispose()
    assert admin_cli(*["demo"]) == 0
    assert "already complete" in capsys.readouterr().out


def _check_demo_documents(db) -> None:
    """Issue #3.6: a few signed documents to open, verify and print at once."""
    from app.documents import documents

    manager = auth.login(db.uow(), username="zhou.jianguo", password="demo1234")
    docs = documents.list_documents(
        db.uow(), actor=manager, query=documents.DocumentQuery(doc_type="store_notice", include_voided=True)
    )
    assert sorted((d.number[-6:], d.version, d.language, d.status) for d in docs) == [
        ("000001", 1, "bilingual", "voided"),
        ("000001", 2, "bilingual", "valid"),
        ("000002", 1, "zh", "valid"),
    ]
    v1 = next(d for d in docs if d.version == 1 and d.language == "bilingual")
    assert v1.void_reason == "地址更正" and v1.replaced_by_version == 2
    for d in docs:
        assert d.signed and [s.signer_name for s in d.signatures] == ["周建国"]
        # Issue #15.5: a replaced version verifies as superseded, never as "intact".
        expected = "superseded" if d.status == "voided" else "intact"
        assert documents.verify_archived_document(db.uow(), actor=manager, document_id=d.id).status == expected
    # Issue #5: the showroom floor shows every card state at once.
    from app.showroom import cards

    states = Counter(row.card_state for row in cards.board(db.uow(), actor=manager) if row.vehicle_id)
    assert states["current"] == 4 and states["stale"] == 1 and states["no_card"] >= 1


def test_demo_refuses_a_database_holding_another_store(uow, db_url, capsys):
    make_store(uow)
    make_user(uow, Role.ADMIN, password=PASSWORD)
    assert admin_cli(*["demo", "--database-url", db_url]) == 1
    assert "not the demo" in capsys.readouterr().err
    with uow() as u:
        assert u.session.query(Vehicle).count() == 0


# --- documents, certificates and keys (issue #3) -------------------------------------------


@pytest.fixture()
def archived(uow, ready):
    """A store notice in the archive of the `ready` store, signed with its certificate."""
    from app.documents import documents

    manager = make_user(uow, Role.SALES_MANAGER, full_name="周建国")
    return documents.issue_store_notice(uow(), actor=manager, language="bilingual")


def test_init_creates_the_signing_certificate(tmp_path, capsys, monkeypatch):
    from app.documents.certificates import list_certificates

    url = sqlite_url(tmp_path / "new.sqlite")
    monkeypatch.setenv("SHOWROOM_ADMIN_PASSWORD", "Admin-2026!")
    assert admin_cli(*["init", "--database-url", url, *STORE_OPTS]) == 0
    out = capsys.readouterr().out
    assert "Signing certificate: CN=上海测试汽车销售服务有限公司 文件签章" in out
    db = Database(url)
    try:
        admin = auth.login(db.uow(), username="root", password="Admin-2026!")
        [cert] = list_certificates(db.uow(), actor=admin)
        assert cert.active and cert.fingerprint in out
    finally:
        db.dispose()
    # again (as the administrator, issue #15.9): the same certificate
    assert admin_cli(*["init", "--database-url", url], password="Admin-2026!") == 0
    assert cert.fingerprint in capsys.readouterr().out


def test_export_and_verify_document_in_a_subprocess(tmp_path, uow, ready, archived):
    from app.documents import documents
    from db.models import DocumentPrint

    out = run("documents", "list", "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    header, line = out.stdout.splitlines()
    assert header.split()[:4] == ["NUMBER", "VER", "TYPE", "LANG"]
    assert line.split()[:4] == [archived.number, "1", "store_notice", "bilingual"]
    assert line.split()[-2:] == ["周建国", "valid"]

    pdf = tmp_path / "公示.pdf"
    out = run("documents", "export", archived.number, "--out", str(pdf), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes() == documents.get_document_bytes(
        uow(), actor=make_user(uow, Role.RECEPTION), document_id=archived.id
    )
    with uow() as u:
        entry = u.session.query(DocumentPrint).one()
        assert (entry.kind, entry.copies) == ("export", 1) and entry.printer.endswith("公示.pdf")

    out = run("verify-document", str(pdf), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("公示.pdf: intact")
    assert "signed by:   CN=上海测试汽车销售服务有限公司 文件签章" in out.stdout
    assert "signed at:   20" in out.stdout
    assert f"archived as: {archived.number} version 1" in out.stdout

    exe = shutil.which("pdfsig")
    if exe:
        sig = subprocess.run([exe, str(pdf)], capture_output=True, text=True)
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr

    changed = bytearray(pdf.read_bytes())
    changed[len(changed) // 2] ^= 0x01
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    out = run("verify-document", str(tmp_path / "changed.pdf"), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == 1 and out.stdout.startswith("changed.pdf: modified"), out.stdout


def test_verify_document_exit_codes(tmp_path, ready, archived, capsys):
    from app.documents.signing import create_store_certificate, sign_pdf
    from tests.factories import simple_pdf

    unsigned, foreign = tmp_path / "unsigned.pdf", tmp_path / "foreign.pdf"
    unsigned.write_bytes(simple_pdf())
    foreign.write_bytes(
        sign_pdf(simple_pdf(), create_store_certificate("别家汽车销售有限公司"), reason="r", location="上海")
    )
    (tmp_path / "notes.txt").write_text("not a pdf")
    # Issue #15.5: one exit code per verdict (README).
    for path, code, verdict in ((unsigned, 5, "unsigned"), (foreign, 6, "untrusted")):
        assert admin_cli(*["verify-document", str(path), "--database-url", ready]) == code
        out = capsys.readouterr().out
        assert out.startswith(f"{path.name}: {verdict}"), out
    assert "别家汽车销售有限公司" in out and "archived as" not in out
    assert admin_cli(*["verify-document", str(tmp_path / "missing.pdf"), "--database-url", ready]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert admin_cli(*["verify-document", str(tmp_path / "notes.txt"), "--database-url", ready]) == 2
    assert "not a PDF" in capsys.readouterr().err


def test_documents_list_export_errors_and_voided_versions(tmp_path, uow, ready, archived, capsys):
    from app.documents import documents

    manager = make_user(uow, Role.SALES_MANAGER)
    documents.issue_store_notice(
        uow(), actor=manager, language="bilingual", replaces=archived.number, reason="地址更正"
    )
    assert admin_cli(*["documents", "list", "--database-url", ready]) == 0
    assert capsys.readouterr().out.count(archived.number) == 1
    assert admin_cli(*["documents", "list", "--all", "--type", "store_notice", "--database-url", ready]) == 0
    assert "voided (地址更正), replaced by v2" in capsys.readouterr().out
    assert admin_cli(*["documents", "list", "--search", "no-such", "--database-url", ready]) == 0
    assert capsys.readouterr().out == "No documents.\n"
    out_file = tmp_path / "v1.pdf"
    assert (
        admin_cli(
            *["documents", "export", archived.number, "--version", "1", "--out", str(out_file), "--database-url", ready]
        )
        == 0
    )
    assert "(VOIDED: 地址更正)" in capsys.readouterr().out and out_file.exists()
    assert admin_cli(*["documents", "export", "SN-1999-000001", "--out", str(out_file), "--database-url", ready]) == 1
    assert "no document SN-1999-000001 in the archive" in capsys.readouterr().err
    assert admin_cli(*["documents"]) == 2
    # The file to write is required (FILE or --out FILE, issue #18.9)
    assert admin_cli(*["documents", "export", archived.number, "--database-url", ready]) == 2
    assert "FILE or --out FILE" in capsys.readouterr().err


def test_certificate_commands(tmp_path, ready, capsys, monkeypatch):
    from app.documents.signing import create_store_certificate, load_pkcs12, to_pkcs12

    monkeypatch.setattr(cli, "_is_tty", lambda: False)
    assert admin_cli(*["certificate", "list", "--database-url", ready]) == 0
    assert "No signing certificate yet" in capsys.readouterr().out
    assert admin_cli(*["certificate", "create", "--database-url", ready]) == 0
    assert "Created and activated CN=上海测试汽车销售服务有限公司 文件签章" in capsys.readouterr().out

    p12 = tmp_path / "seal.p12"
    p12.write_bytes(to_pkcs12(create_store_certificate("上海测试汽车销售服务有限公司"), "秘密-1"))
    monkeypatch.setenv("SEAL_PASSWORD", "wrong")
    args = ["certificate", "import", str(p12), "--database-url", ready]
    assert admin_cli(*[*args, "--password-env", "SEAL_PASSWORD"]) == 2
    assert "wrong password" in capsys.readouterr().err
    assert admin_cli(*args) == 2  # no terminal, no --password-env: no password, never a prompt
    assert admin_cli(*[*args, "--password-env", "UNSET_VARIABLE_X"]) == 2
    assert "UNSET_VARIABLE_X is not set" in capsys.readouterr().err
    monkeypatch.setenv("SEAL_PASSWORD", "秘密-1")
    assert admin_cli(*[*args, "--password-env", "SEAL_PASSWORD"]) == 0
    assert "Imported and activated" in capsys.readouterr().out

    assert admin_cli(*["certificate", "list", "--database-url", ready]) == 0
    listing = capsys.readouterr().out
    assert listing.count("ACTIVE") == 1 and listing.count("retired") == 1
    assert "source:      imported" in listing and "source:      generated" in listing

    backup = tmp_path / "backup.p12"
    assert admin_cli(*["certificate", "export", "--out", str(backup), "--database-url", ready]) == 2
    assert (
        admin_cli(
            *["certificate", "export", "--out", str(backup), "--password-env", "SEAL_PASSWORD", "--database-url", ready]
        )
        == 0
    )
    assert load_pkcs12(backup.read_bytes(), "秘密-1").subject.startswith("CN=上海测试")
    if os.name == "posix":
        assert backup.stat().st_mode & 0o077 == 0


def test_keys_export_and_import(tmp_path, ready, archived, capsys, monkeypatch):
    copy = tmp_path / "key-copy.bin"
    assert admin_cli(*["keys", "export", "--out", str(copy), "--database-url", ready]) == 0
    assert copy.stat().st_size == 32 and "keys import" in capsys.readouterr().out
    # Another terminal: no key file, so it cannot sign until the copy is installed. (It has
    # the store's audit key, as the guide says, so that its administrator can sign in.)
    another_terminal(monkeypatch, tmp_path / "terminal-2")
    assert admin_cli(*["keys", "export", "--out", str(tmp_path / "none.bin"), "--database-url", ready]) == 1
    assert "has no key file" in capsys.readouterr().err
    assert admin_cli(*["keys", "import", str(copy), "--database-url", ready]) == 0
    assert (tmp_path / "terminal-2" / "keys" / "store-signing.key").read_bytes() == copy.read_bytes()
    (tmp_path / "short.bin").write_bytes(b"123")
    assert admin_cli(*["keys", "import", str(tmp_path / "short.bin"), "--database-url", ready]) == 1
    assert "damaged" in capsys.readouterr().err


def test_the_personal_key_goes_to_another_terminal_too(tmp_path, ready, capsys, monkeypatch):
    """A number sealed on one terminal reads on another once its personal key is installed."""
    from app.core import personal_data

    another_terminal(monkeypatch, tmp_path / "terminal-1")  # with the store's audit key
    blob = personal_data.seal("310101199003070034", field="test_drive.id_number_sealed")
    copy = tmp_path / "personal-copy.bin"
    assert admin_cli(*["keys", "export", "--key", "personal", "--out", str(copy), "--database-url", ready]) == 0
    assert "--key personal" in capsys.readouterr().out
    another_terminal(monkeypatch, tmp_path / "terminal-2")
    assert admin_cli(*["keys", "import", "--key", "personal", str(copy), "--database-url", ready]) == 0
    assert (tmp_path / "terminal-2" / "keys" / "personal.key").read_bytes() == copy.read_bytes()
    assert personal_data.unseal(blob, field="test_drive.id_number_sealed") == "310101199003070034"
