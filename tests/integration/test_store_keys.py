"""Two terminals, one store, one personal-data key (issue #15 item 2; PIPL art. 51: personal
information kept available and secure).

Each terminal is its own data directory (SHOWROOM_DATA_DIR, where app/core/keys.py keeps the key
files) and its own Database on the SAME database: PostgreSQL when SHOWROOM_TEST_DATABASE_URL
is set, else one SQLite file, which shares the same way. The service calls run in this
process with the terminal's data directory set; the key commands run as real `showroom
admin` subprocesses through tests/integration/test_cli.run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete

from app.core import keys, personal_data
from app.core.errors import ShowroomError
from app.documents import certificates
from app.privacy import personal_key as privacy
from app.test_drives import booking as test_drives
from app.test_drives import drive_steps as steps
from db.key_models import StoreKey
from db.models import Role
from db.uow import Database
from tests.factories import isolated_data_dir, make_user  # noqa: F401
from tests.integration.test_cli import run
from tests.integration.test_test_drives import ID_NUMBER, NOW, book, make_world, qualification

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

OTHER_ID = "110105199003070017"  # a second customer


class Terminal:
    """One computer of the store: its data directory and its own connection."""

    def __init__(self, root: Path, db_url: str, monkeypatch) -> None:
        self.root, self.data = root, root / "data"  # test_cli.run uses <root>/data
        self.database = Database(db_url)
        self._monkeypatch = monkeypatch
        # Every terminal that writes holds the store's audit key (issue #15.7); this test is
        # about the personal key, so the audit key is installed as the guide says.
        audit = keys.key_path("audit")
        self._audit_key = audit.read_bytes() if audit.exists() else None

    def use(self) -> Terminal:
        self._monkeypatch.setenv("SHOWROOM_DATA_DIR", str(self.data))
        if self._audit_key is not None and not keys.key_path("audit").exists():
            copy = self.root / "audit-key-copy.bin"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(self._audit_key)
            keys.import_key(copy, "audit")
            copy.unlink()
        return self

    def key_file(self) -> Path:
        return self.data / "keys" / f"{personal_data.PERSONAL}.key"


@pytest.fixture()
def two(tmp_path, db_url, monkeypatch, uow):
    world = make_world(uow)
    make_user(uow, Role.ADMIN, username="root")  # runs the key commands (tests/admin_cli)
    a = Terminal(tmp_path / "a", db_url, monkeypatch)
    b = Terminal(tmp_path / "b", db_url, monkeypatch)
    yield world, a, b
    a.database.dispose()
    b.database.dispose()


def consented(world, terminal: Terminal, start=NOW):
    """A drive booked on `terminal` whose customer agreed to give their ID number."""
    terminal.use()
    d = book(world, start)
    return steps.record_id_consent(
        terminal.database.uow(), actor=world.consultant, drive_id=d.id, expected_version=d.version, now=NOW
    )


def record(world, terminal: Terminal, d, id_number: str = ID_NUMBER):
    """Record the customer's ID on `terminal` (the number is sealed there)."""
    terminal.use()
    return steps.record_qualification(
        terminal.database.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=d.version,
        data=qualification(id_number=id_number),
        now=NOW,
    )


def qualify(world, terminal: Terminal, id_number: str = ID_NUMBER, start=NOW):
    return record(world, terminal, consented(world, terminal, start), id_number)


def read_id(world, terminal: Terminal, drive_id: int) -> str:
    terminal.use()
    return privacy.unmask(
        terminal.database.uow(),
        actor=world.manager,
        table="test_drive",
        record_id=drive_id,
        column="id_number",
        purpose="police enquiry",
    )


def recorded(uow, name: str = personal_data.PERSONAL) -> str | None:
    with uow() as u:
        row = u.session.get(StoreKey, name)
        return row.key_id if row else None


def test_pipl_51_a_second_terminal_without_the_key_is_refused_until_it_imports_it(two, db_url):
    world, a, b = two
    first = qualify(world, a)
    assert first.qualified and a.key_file().exists()

    # B has no key file: refused with the way out, nothing stored, no key of its own made.
    waiting = consented(world, b, NOW.replace(hour=4))
    with pytest.raises(ShowroomError) as refused:
        record(world, b, waiting, OTHER_ID)
    assert refused.value.code == "personal_key_missing"
    assert refused.value.params["expected"] == keys.key_file_id(a.key_file()).hex()
    assert not b.key_file().exists()  # no personal key of its own (its keys folder holds the audit key)
    waiting = test_drives.get_test_drive(b.database.uow(), actor=world.manager, drive_id=waiting.id)
    assert not waiting.qualified and waiting.id_number_masked is None
    with pytest.raises(ShowroomError) as unreadable:
        read_id(world, b, first.id)
    assert unreadable.value.code == "personal_key_missing"

    exported = a.root / "personal.key.copy"
    out = run("keys", "export", "--key", "personal", "--out", str(exported), "--database-url", db_url, tmp_path=a.root)
    assert out.returncode == 0, out.stderr
    out = run("keys", "import", str(exported), "--key", "personal", "--database-url", db_url, tmp_path=b.root)
    assert out.returncode == 0, out.stderr
    assert "store's personal-data key" in out.stdout

    # After the import B reads A's number and seals its own under the store's key.
    assert read_id(world, b, first.id) == ID_NUMBER
    done = record(world, b, waiting, OTHER_ID)
    assert done.qualified and read_id(world, a, done.id) == OTHER_ID


def test_a_terminal_with_another_key_file_is_refused_and_its_import_checked(two, db_url):
    world, a, b = two
    first = qualify(world, a)
    b.use()
    keys.load_or_create_key(personal_data.PERSONAL)  # say, left over from a trial install
    own = b.key_file().read_bytes()
    with pytest.raises(ShowroomError) as refused:
        qualify(world, b, OTHER_ID, NOW.replace(hour=4))
    assert refused.value.code == "personal_key_mismatch"
    assert refused.value.params["found"] == keys.key_id(own).hex()
    assert b.key_file().read_bytes() == own  # nothing replaced behind the user's back

    # Importing a key the store does not use is refused too (B's own, copied elsewhere).
    stray = b.root / "stray.key"
    stray.write_bytes(own)
    out = run("keys", "import", str(stray), "--key", "personal", "--database-url", db_url, tmp_path=b.root)
    assert out.returncode == 1 and "is not the store's personal-data key" in out.stderr
    assert b.key_file().read_bytes() == own
    with pytest.raises(ShowroomError) as unreadable:
        read_id(world, b, first.id)
    assert unreadable.value.code == "personal_key_mismatch"


def test_a_new_store_makes_and_records_its_key_on_first_use(two, uow):
    world, a, _b = two
    assert recorded(uow) is None and not a.key_file().exists()
    qualify(world, a)
    assert recorded(uow) == keys.key_file_id(a.key_file()).hex()


def test_a_database_sealed_before_ids_were_recorded_is_checked_against_its_data(two, uow):
    """A store upgraded to migration 0013 has sealed numbers but no recorded id yet."""
    world, a, b = two
    qualify(world, a)
    with uow() as u:
        u.session.execute(delete(StoreKey))
        u.commit()
    with pytest.raises(ShowroomError) as refused:
        qualify(world, b, OTHER_ID, NOW.replace(hour=4))
    assert refused.value.code == "personal_key_missing" and not b.key_file().exists()
    assert recorded(uow) is None
    assert qualify(world, a, OTHER_ID, NOW.replace(hour=6)).qualified
    assert recorded(uow) == keys.key_file_id(a.key_file()).hex()


def test_rotation_records_the_new_key_and_terminals_with_the_old_one_are_refused(two, uow):
    world, a, b = two
    first = qualify(world, a)
    b.data.joinpath("keys").mkdir(parents=True)
    b.key_file().write_bytes(a.key_file().read_bytes())  # B had the store's key
    a.use()
    privacy.rotate_personal_key(a.database.uow(), actor=make_user(uow, Role.ADMIN))
    assert recorded(uow) == keys.key_file_id(a.key_file()).hex()
    assert recorded(uow) != keys.key_file_id(b.key_file()).hex()
    with pytest.raises(ShowroomError) as refused:
        qualify(world, b, OTHER_ID, NOW.replace(hour=4))
    assert refused.value.code == "personal_key_mismatch"
    assert read_id(world, a, first.id) == ID_NUMBER


def test_the_command_line_refuses_to_rotate_without_the_key_and_says_how_to_import(two, db_url, uow):
    world, a, b = two
    qualify(world, a)
    b.use()  # set up as the guide says: the store's audit key, but not its personal key
    out = run("rotate-personal-key", "--yes", "--database-url", db_url, tmp_path=b.root)
    assert out.returncode == 1, out.stdout
    assert "showroom admin keys import FILE --key personal" in out.stderr
    assert "Traceback" not in out.stderr and not b.key_file().exists()


def test_the_signing_key_file_is_recorded_and_only_the_stores_is_imported(two, db_url, uow):
    world, a, b = two
    a.use()
    certificates.ensure_store_certificate(a.database.uow(), actor=world.manager)
    a_file = a.data / "keys" / f"{keys.SIGNING}.key"
    assert recorded(uow, keys.SIGNING) == keys.key_file_id(a_file).hex()

    b.use()
    stray = b.root / "stray.key"
    stray.write_bytes(keys.load_or_create_key(keys.SIGNING))  # B's own, made by mistake
    with pytest.raises(ShowroomError):
        certificates.active_certificate(b.database.uow())
    out = run("keys", "import", str(stray), "--database-url", db_url, tmp_path=b.root)
    assert out.returncode == 1 and "is not the store's key file" in out.stderr

    copy = a.root / "signing.key.copy"
    assert run("keys", "export", "--out", str(copy), "--database-url", db_url, tmp_path=a.root).returncode == 0
    out = run("keys", "import", str(copy), "--database-url", db_url, tmp_path=b.root)
    assert out.returncode == 0, out.stderr
    b.use()
    assert certificates.active_certificate(b.database.uow()).cert_pem
