"""Issue #17 (speed, peak memory): the check at every start, "is this database at head?", must
agree with Alembic and must not load Alembic (with Mako and Pygments, ~11 MB) when nothing is
to be upgraded."""

import subprocess
import sys
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.migrate import alembic_config, current_revision, head_revision, upgrade
from db.session import make_engine, sqlite_url

ROOT = Path(__file__).resolve().parents[2]


def test_head_and_current_revision_agree_with_alembic(tmp_path):
    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    url = sqlite_url(tmp_path / "s.sqlite")
    assert current_revision(url) is None  # no schema yet
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        assert current_revision(url) == MigrationContext.configure(conn).get_current_revision() == head_revision()
    engine.dispose()


def test_start_on_an_up_to_date_database_does_not_load_alembic(tmp_path):
    url = sqlite_url(tmp_path / "s.sqlite")
    upgrade(url)
    code = (
        "import sys; from db.migrate import upgrade; "
        f"assert upgrade({url!r}) is None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'pygments')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
