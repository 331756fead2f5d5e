"""The store's personal-data key, checked against the database before anything is sealed
(issue #15 item 2; PIPL art. 51: personal information kept available and secure).

The key file lives outside the database, one copy per terminal (app/core/keys.py). Every terminal
of a store must hold the SAME copy: a number sealed under a key only one terminal has can be
read on that terminal only and is lost with its disk. So the store's key id is recorded in
the `store_key` table the first time a key is used, and `personal_sealing_key` refuses to
seal on a terminal whose key file is missing or another one:

  recorded id, file matches       the key;
  recorded id, no file            personal_key_missing (copy the store's key here);
  recorded id, another file       personal_key_mismatch (install the store's key);
  nothing recorded, sealed data   (a database from before migration 0013) the same checks
                                  against the key ids inside the sealed blobs, then recorded;
  nothing recorded, no data       a brand-new store: the key file is created if this
                                  terminal has none, and its id recorded.

Both errors carry `path` (this terminal's key file), `expected` (the store's key id) and
`found` (this terminal's, "" when none); nothing is created or changed on the terminal.
Rotation (app/privacy/personal_key.py) records the new id in the transaction that re-seals.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import keys
from app.core.clock import utcnow
from app.core.errors import ShowroomError
from app.core.personal_data import PERSONAL
from db.key_models import StoreKey
from db.models import Base
from db.uow import UnitOfWork

MISSING, MISMATCH = "personal_key_missing", "personal_key_mismatch"


def key_error(code: str, *, expected: str, found: str = "") -> ShowroomError:
    """The refusal, naming this terminal's key file and the key the store uses."""
    return ShowroomError(code, path=str(keys.key_path(PERSONAL)), expected=expected, found=found)


def recorded_key_id(session, name: str = PERSONAL) -> str | None:
    row = session.get(StoreKey, name)
    return row.key_id if row is not None else None


def record_key_id(session, key_id: str, name: str = PERSONAL) -> None:
    """Record (or, after a rotation, replace) the store's key id in the caller's transaction."""
    row = session.get(StoreKey, name)
    if row is None:
        session.add(StoreKey(name=name, key_id=key_id, recorded_at=utcnow()))
    elif row.key_id != key_id:
        row.key_id, row.recorded_at = key_id, utcnow()


def sealed_key_ids(session) -> set[str]:
    """The key ids found in the newest sealed value of every `*_sealed` column."""
    found = set()
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        for col in (c for c in table.columns if c.name.endswith("_sealed")):
            q = select(col).where(col.is_not(None))
            blob = session.scalar(q.order_by(pk[0].desc()).limit(1) if len(pk) == 1 else q.limit(1))
            blob_id = keys.blob_key_id(blob) if blob is not None else None
            if blob_id is not None:
                found.add(blob_id.hex())
    return found


def _terminal_key() -> bytes | None:
    return keys.load_key(PERSONAL) if keys.has_key(PERSONAL) else None


def _check(key: bytes | None, expected: set[str]) -> None:
    """Refuse unless `key` is one of the `expected` ids (any key will do when none is)."""
    if not expected:
        return
    shown = ", ".join(sorted(expected))
    if key is None:
        raise key_error(MISSING, expected=shown)
    if keys.key_id(key).hex() not in expected:
        raise key_error(MISMATCH, expected=shown, found=keys.key_id(key).hex())


def personal_sealing_key(uow: UnitOfWork, *, actor=None) -> bytes:
    """This terminal's personal key, once it is known to be the store's (see the module).

    Runs its own short transaction before the caller's, like the signing key's wrapping
    (app/documents/certificates.py): the caller then seals with `personal_data.seal_with`."""
    for _attempt in range(2):
        with uow:
            uow.act_as(actor)
            s = uow.session
            recorded = recorded_key_id(s)
            key = _terminal_key()
            if recorded is not None:
                if key is None:
                    raise key_error(MISSING, expected=recorded)
                _check(key, {recorded})
                return key
            _check(key, sealed_key_ids(s))
            key = key if key is not None else keys.load_or_create_key(PERSONAL)
            record_key_id(s, keys.key_id(key).hex())
            try:
                uow.commit()
            except IntegrityError:
                continue  # another terminal recorded its key first: check against that one
            return key
    raise key_error(MISMATCH, expected="?")  # pragma: no cover - the second pass returns


__all__ = [
    "MISMATCH",
    "MISSING",
    "key_error",
    "personal_sealing_key",
    "record_key_id",
    "recorded_key_id",
    "sealed_key_ids",
]
