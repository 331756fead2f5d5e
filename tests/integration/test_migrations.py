"""The schema comes only from Alembic, and the models match it."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from db.migrate import head_revision, current_revision, upgrade
from db.models import Base
from db.session import make_engine, sqlite_url


def test_empty_database_upgrades_to_head_and_matches_models(db_url):
    assert current_revision(db_url) == head_revision()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_of_existing_file_takes_a_backup_first(tmp_path):
    import sqlite3

    path = tmp_path / "s.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE legacy (x)")
    con.execute("INSERT INTO legacy VALUES ('kept')")
    con.commit()
    con.close()
    backup = upgrade(sqlite_url(path))
    assert backup is not None and backup.exists()
    assert sqlite3.connect(backup).execute("SELECT x FROM legacy").fetchall() == [("kept",)]
    assert "vehicle" in inspect(make_engine(sqlite_url(path))).get_table_names()
    assert upgrade(sqlite_url(path)) is None  # already at head: nothing to do, no new copy


def test_new_database_needs_no_backup(tmp_path):
    assert upgrade(sqlite_url(tmp_path / "new.sqlite")) is None
