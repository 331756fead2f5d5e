"""Personal numbers at rest (issue #9 item 2, PIPL; T/CSCA 120031 4.2.3.2, 4.2.4.2): who may
see one in clear and why, and rotating the key that seals them.

Sealed columns are found by convention, not by importing each module: any column named
`<x>_sealed` on `db.models.Base.metadata` holds an AES-GCM blob made by
`app.core.personal_data.seal(value, field="<table>.<x>_sealed")`, usually with `<x>_masked` (for
screens) and `<x>_fingerprint` (keyed hash, field "<table>.<x>") beside it. New modules are
covered as soon as their tables are registered.

`unmask` needs UNMASK_PERSONAL_DATA and a written purpose, and writes an "unmask" audit event
(who, which record and column, purpose) in the same transaction before the number is returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, select, update

from app.core import keys, personal_data
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core import store_keys
from db.models import Base
from db.uow import UnitOfWork

SEALED_SUFFIX = "_sealed"
MIN_PURPOSE_LENGTH = 4


def sealed_columns() -> dict[str, list[str]]:
    """{table name: [sealed column names]} over every registered table."""
    found: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        cols = [c.name for c in table.columns if c.name.endswith(SEALED_SUFFIX)]
        if cols:
            found[table.name] = cols
    return found


def _table(name: str) -> Table:
    table = Base.metadata.tables.get(name)
    if table is None:
        raise NotFound(what="table", id=name)
    return table


def _pk(table: Table):
    cols = list(table.primary_key.columns)
    if len(cols) != 1:
        raise NotFound(what="table", id=table.name)
    return cols[0]


def unmask(uow: UnitOfWork, *, actor, table: str, record_id: int, column: str, purpose: str) -> str:
    """The number in clear, for a stated purpose (logged first)."""
    require(actor, Action.UNMASK_PERSONAL_DATA)
    purpose = (purpose or "").strip()
    if len(purpose) < MIN_PURPOSE_LENGTH:
        raise ValidationFailed([FieldError("purpose", "purpose_required", {"min": MIN_PURPOSE_LENGTH})])
    column = column if column.endswith(SEALED_SUFFIX) else column + SEALED_SUFFIX
    if column not in sealed_columns().get(table, []):
        raise NotFound(what="sealed_column", id=f"{table}.{column}")
    t = _table(table)
    with uow:
        uow.act_as(actor)
        row = uow.session.execute(select(t.c[column]).where(_pk(t) == record_id)).first()
        if row is None:
            raise NotFound(what=table, id=record_id)
        if row[0] is None:
            raise ShowroomError("nothing_to_unmask", table=table, column=column)
        value = _unseal(row[0], field=f"{table}.{column}")
        uow.audit(
            "unmask",
            table_name=table,
            record_id=record_id,
            actor=actor,
            detail={"column": column, "purpose": purpose[:300]},
        )
        uow.commit()
        return value


def _unseal(blob: bytes, *, field: str) -> str:
    """`personal_data.unseal`, its key errors told as the personal key's (issue #15.2): the
    generic ones speak of the signing key and would send an administrator the wrong way."""
    try:
        return personal_data.unseal(blob, field=field)
    except ShowroomError as e:
        reason = e.params.get("reason")
        if e.code != "encryption_key_unavailable" or reason not in ("missing", "wrong_key"):
            raise
        blob_id = keys.blob_key_id(blob)
        found = keys.key_id(keys.load_key(personal_data.PERSONAL)).hex() if reason == "wrong_key" else ""
        raise store_keys.key_error(
            store_keys.MISSING if reason == "missing" else store_keys.MISMATCH,
            expected=blob_id.hex() if blob_id else "?",
            found=found,
        ) from None


def _rotation_old_key(uow: UnitOfWork, actor) -> bytes:
    """The key being replaced: the store's (refusing a terminal without it, issue #15.2), or
    this terminal's file when an interrupted rotation already recorded the next key."""
    nxt = keys.next_key_path(personal_data.PERSONAL)
    try:
        return store_keys.personal_sealing_key(uow, actor=actor)
    except ShowroomError as e:
        if e.code != store_keys.MISMATCH or not nxt.exists():
            raise
        if keys.key_id(keys.rotate_begin(personal_data.PERSONAL)).hex() != e.params["expected"]:
            raise
        return keys.load_key(personal_data.PERSONAL)


@dataclass(frozen=True)
class RotationReport:
    values: int  # sealed values re-encrypted
    fingerprints: int  # keyed fingerprints recomputed
    old_key_kept: str  # where the previous key file was kept


def rotate_personal_key(uow: UnitOfWork, *, actor) -> RotationReport:
    """A new "personal" key: every `*_sealed` value re-sealed and every matching
    `*_fingerprint` recomputed in ONE transaction, then the key file installed.

    The new key is on disk (`personal.key.next`) before the data changes and replaces the old
    one only after the commit, so a crash at any point leaves a key for every blob; running
    the command again completes an interrupted rotation."""
    require(actor, Action.MANAGE_PERSONAL_DATA)
    old = _rotation_old_key(uow, actor)
    new = keys.rotate_begin(personal_data.PERSONAL)
    old_id, new_id = keys.key_id(old), keys.key_id(new)
    values = prints = 0
    with uow:
        uow.act_as(actor)
        s = uow.session
        for table_name, cols in sealed_columns().items():
            t = _table(table_name)
            pk = _pk(t)
            rows = s.execute(select(pk, *[t.c[c] for c in cols])).all()
            for row in rows:
                changes, resealed, refingered = _reseal_row(table_name, t, cols, row[1:], old_id, new)
                values, prints = values + resealed, prints + refingered
                if changes:
                    s.execute(update(t).where(pk == row[0]).values(**changes))
        uow.audit(
            "key_rotated",
            table_name="",
            actor=actor,
            detail={
                "key": personal_data.PERSONAL,
                "values": values,
                "fingerprints": prints,
                "new_key_id": new_id.hex(),
            },
        )
        # Other terminals keep the old key file: from now on they are refused until they
        # import the new one, instead of sealing under a key the store no longer uses.
        store_keys.record_key_id(s, new_id.hex())
        uow.commit()
    keys.rotate_finish(personal_data.PERSONAL)
    kept = keys.key_path(personal_data.PERSONAL).with_name(f"{personal_data.PERSONAL}.key.{old_id.hex()}.old")
    return RotationReport(values=values, fingerprints=prints, old_key_kept=str(kept) if old != new else "")


def _reseal_row(table_name: str, t, cols, blobs, old_id: bytes, new: bytes) -> tuple[dict[str, object], int, int]:
    """One row's sealed values under the new key, with their fingerprints: (the column
    changes, values re-sealed, fingerprints recomputed). A blob already under the new key
    was done by an interrupted run; one under neither key stops the rotation."""
    new_id = keys.key_id(new)
    changes: dict[str, object] = {}
    values = prints = 0
    for c, blob in zip(cols, blobs, strict=True):
        if blob is None:
            continue
        field = f"{table_name}.{c}"
        blob_id = keys.blob_key_id(blob)
        if blob_id == new_id:
            continue  # re-sealed by an interrupted run already
        if blob_id != old_id:
            raise ShowroomError(
                "encryption_key_unavailable", reason="wrong_key", path=str(keys.key_path(personal_data.PERSONAL))
            )
        clear = personal_data.unseal(blob, field=field)
        changes[c] = personal_data.seal_with(new, clear, field=field)
        values += 1
        fp = c[: -len(SEALED_SUFFIX)] + "_fingerprint"
        if fp in t.c:
            changes[fp] = personal_data.fingerprint_with(new, clear, field=f"{table_name}.{c[: -len(SEALED_SUFFIX)]}")
            prints += 1
    return changes, values, prints
