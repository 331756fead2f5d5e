"""Shared fixtures: a real, migrated database per test.

SQLite by default: Alembic migrates one template file per test session, and each test gets
a copy of it (a real file, WAL and all). Set SHOWROOM_TEST_DATABASE_URL to a PostgreSQL URL
to run the same tests on a real server: it is migrated once and every table is truncated
before each test.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# Before any Qt import: without a display, Qt would abort the process (toolchain.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the developer's real data directory (databases, logs, key files): every test
# run, and the subprocesses it starts, gets its own.
import tempfile  # noqa: E402
import time  # noqa: E402

os.environ["SHOWROOM_DATA_DIR"] = tempfile.mkdtemp(prefix="showroom-test-data-")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

import app.core.keeper  # noqa: E402,F401 - installs the audit key keeper (issue #15 item 7)
from app.core.audit_chain import forget_anchor  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import Base  # noqa: E402
from db.session import sqlite_url  # noqa: E402
from db.uow import Database  # noqa: E402

PG_URL = os.environ.get("SHOWROOM_TEST_DATABASE_URL")


def pytest_report_header(config):
    return f"database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite (a file per test)'}"


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> str:
    if PG_URL:
        # A throw-away test database: no backup before upgrading it (db.migrate.upgrade
        # refuses to upgrade a server database without one).
        upgrade(PG_URL, before_upgrade=lambda _url: None)
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    upgrade(sqlite_url(path))
    return str(path)


@pytest.fixture()
def db_url(_template_db, tmp_path) -> str:
    if PG_URL:
        d = Database(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        for attempt in range(5):
            try:
                with d.engine.begin() as conn:
                    conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                break
            except OperationalError:  # a deadlock with a last write of the previous test: again
                if attempt == 4:
                    raise
                time.sleep(0.5)
        d.dispose()
        # A new, empty log on purpose: the last test's head on this terminal no longer applies.
        forget_anchor(PG_URL)
        return PG_URL
    path = tmp_path / "showroom.sqlite"
    shutil.copyfile(_template_db, path)
    return sqlite_url(path)


@pytest.fixture()
def database(db_url):
    d = Database(db_url)
    yield d
    d.dispose()


@pytest.fixture()
def uow(database):
    """A factory: call uow() for a fresh unit of work on the test database."""
    return database.uow
