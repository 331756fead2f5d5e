"""The database, backups, exports and logs are readable by the app's user only (issue #15.4).

They hold customers' personal information (个人信息保护法 art. 51(2): technical security
measures against unauthorised access), so another account on the same computer must not be
able to read them. On POSIX: files 0600 and folders 0700, whatever the umask (these tests run
under the common 022, which gives 0644 files and 0755 folders). A database an older version
left 0644 is narrowed when it is opened. The Windows ACL cannot be applied here: only the
icacls command that would be run is checked, through an injected runner.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.store import backup
from app.showroom import cards_floor
from app.reception import reports as reception_reports
from app.inventory import vehicle_io, vehicles
from db.migrate import backup_sqlite, upgrade
from db.models import Role
from db.session import data_dir, default_database_url, sqlite_path
from db.uow import Database
from tests.admin_cli import admin_cli
from tests.conftest import PG_URL
from tests.factories import (  # noqa: F401
    isolated_data_dir,
    make_customer,
    make_document,
    make_store,
    make_user,
    reception_defaults,
    vehicle_input,
)

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: ACL test below)")


@pytest.fixture()
def umask_022(isolated_data_dir):  # noqa: F811 - the fixture
    """The usual umask, under which a plain open() makes files every local user can read."""
    old = os.umask(0o022)
    yield isolated_data_dir
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(Path(path).stat().st_mode)


def assert_private_file(path: Path) -> None:
    assert mode(path) == 0o600, f"{path} is {oct(mode(path))}"


def assert_private_dir(path: Path) -> None:
    assert mode(path) == 0o700, f"{path} is {oct(mode(path))}"


@posix_only
def test_start_up_creates_the_data_folder_and_the_database_owner_only(umask_022):
    url = default_database_url()
    upgrade(url)  # what start-up does on a new terminal
    db = Database(url)
    try:
        with db.engine.begin() as conn:  # WAL: the -wal and -shm files exist while it is open
            conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            path = sqlite_path(url)
            assert_private_dir(data_dir())
            assert_private_file(path)
            for side in ("-wal", "-shm"):
                assert_private_file(path.with_name(path.name + side))
    finally:
        db.dispose()


@posix_only
@pytest.mark.skipif(bool(PG_URL), reason="a SQLite file")
def test_a_database_left_readable_by_everyone_is_narrowed_when_opened(umask_022, db_url):
    path = sqlite_path(db_url)
    wal = path.with_name(path.name + "-wal")
    wal.touch()
    os.chmod(path, 0o644)
    os.chmod(wal, 0o644)
    db = Database(db_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM store")).scalar() >= 0
            assert_private_file(path)
            assert_private_file(wal)
    finally:
        db.dispose()


@posix_only
def test_backups_their_folder_and_every_copy_are_owner_only(umask_022, db_url, uow):
    make_store(uow)
    backup.save_settings(actor=None, keep=3)
    manual = backup.take_backup(db_url, kind="manual")
    assert_private_dir(manual.path.parent)
    assert_private_file(manual.path)
    assert_private_file(data_dir() / backup.SETTINGS_FILE)
    usb = umask_022.parent / "usb"  # a folder given with --to: created here, so private
    assert_private_file(backup.take_backup(db_url, usb).path)
    assert_private_dir(usb)
    if PG_URL:
        return
    daily = backup.daily_backup_if_due(db_url, now=dt.datetime(2026, 12, 1, 8, 30))
    assert_private_file(daily.path)
    result = backup.restore(db_url, manual.path)
    assert_private_file(result.replaced_copy)
    assert_private_file(backup_sqlite(sqlite_path(db_url)))  # the copy before a migration


@posix_only
def test_exports_are_owner_only_even_over_an_existing_file(umask_022, uow, tmp_path):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    out = tmp_path / "exports"
    out.mkdir()
    csv_file, xlsx_file, report = out / "cars.csv", out / "cars.xlsx", out / "traffic.xlsx"
    csv_file.write_text("old export\n")  # 0644: the new export must not keep that
    vehicle_io.export_vehicles(uow(), actor=manager, path=csv_file)
    vehicle_io.export_vehicles(uow(), actor=manager, path=xlsx_file)
    reception_reports.export_traffic_xlsx(uow(), actor=manager, path=report, start_day=dt.date(2026, 3, 1))
    for path in (csv_file, xlsx_file, report):
        assert_private_file(path)


@posix_only
def test_command_line_exports_are_owner_only(umask_022, uow, db_url, tmp_path, capsys):
    make_store(uow)
    reception_defaults(uow)
    cards_floor.ensure_default_floor(uow())
    make_user(uow, Role.ADMIN, username="root")
    manager = make_user(uow, Role.SALES_MANAGER)
    desk = make_user(uow, Role.RECEPTION)
    make_customer(uow, desk, name="赵先生", mobile="13900000009")
    doc = make_document(uow, manager)
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))
    person, pdf, card_pdf = tmp_path / "person.json", tmp_path / "doc.pdf", tmp_path / "cards.pdf"
    pdf.write_bytes(b"old")
    for args in (
        ["export-person", "13900000009", "--out", str(person)],
        ["documents", "export", doc.number, "--out", str(pdf)],
        ["print-cards", "--out", str(card_pdf)],
    ):
        assert admin_cli(*args, "--database-url", db_url) == 0, capsys.readouterr().err
    for path in (person, pdf, card_pdf):
        assert_private_file(path)


@posix_only
def test_the_log_and_its_rotated_files_are_owner_only(umask_022):
    import main

    path = main.setup_logging()
    root = logging.getLogger()
    handler = root.handlers[-1]
    try:
        logging.getLogger("showroom").warning("customer 13900000009 checked in")
        handler.doRollover()
        logging.getLogger("showroom").warning("after the rotation")
    finally:
        root.removeHandler(handler)
        handler.close()
    assert_private_dir(path.parent)
    assert_private_file(path)
    assert_private_file(path.with_name(path.name + ".1"))


@posix_only
def test_the_command_lines_error_log_is_owner_only(umask_022, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOWROOM_")}
    env["SHOWROOM_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "migrate", "--database-url", "nosuchdb+nodriver://h/db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    log = tmp_path / "data" / "logs" / "admin-cli.log"
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert_private_file(log)
    assert_private_dir(log.parent)
    assert_private_dir(log.parent.parent)


def test_windows_gets_an_owner_only_acl_through_icacls(tmp_path, caplog):
    """Not runnable here: checks the command Windows would run (inheritance removed, full
    control for the current user only; folders pass it on to what is created in them)."""
    from db import private_files

    calls = []

    def runner(cmd):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, "", "")

    folder, file = tmp_path / "backups", tmp_path / "showroom.sqlite"
    folder.mkdir()
    file.write_bytes(b"")
    os.environ["USERDOMAIN"], old = "SHOP", os.environ.get("USERDOMAIN")
    try:
        private_files.restrict(folder, runner=runner, nt=True)
        private_files.restrict(file, runner=runner, nt=True)
        user = private_files._windows_user()
    finally:
        if old is None:
            del os.environ["USERDOMAIN"]
        else:
            os.environ["USERDOMAIN"] = old
    assert user.startswith("SHOP\\")
    assert calls == [
        ["icacls", str(folder), "/inheritance:r", "/grant:r", f"{user}:(OI)(CI)F"],
        ["icacls", str(file), "/inheritance:r", "/grant:r", f"{user}:F"],
    ]

    def failing(cmd):
        return subprocess.CompletedProcess(cmd, 5, "Access is denied.", "")

    with caplog.at_level(logging.WARNING):
        private_files.restrict(file, runner=failing, nt=True)  # best effort: never raises
    assert "Access is denied" in caplog.text


@posix_only
def test_the_data_folder_is_made_private_again_when_loosened_or_removed_while_running(umask_022):
    """data_dir() remembers the folder it made private (issue #18.11: keys are loaded several
    times a contract) but checks it each time: loosened by someone meanwhile, it is narrowed
    again; removed, it is made again."""
    folder = data_dir()
    assert_private_dir(folder)
    os.chmod(folder, 0o755)
    assert data_dir() == folder
    assert_private_dir(folder)
    shutil.rmtree(folder)
    assert data_dir() == folder
    assert_private_dir(folder)
