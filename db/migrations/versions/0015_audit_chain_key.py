"""audit chain keyed by HMAC: where the keyed part starts, and the key's fingerprint (issue #15.7)

Revision ID: 0015
Revises: 0014

Rows already in `audit_event` keep their plain SHA-256 links: re-MACing them would need the
key file, which a migration never reads (db/ never imports app/), and would also launder any
change made to them before the upgrade. Instead the head records `keyed_from` = the next row
number, so the check applies the old rule below it and HMAC from it on. The first keyed row's
MAC covers the last unkeyed hash, so the older rows cannot be rewritten afterwards without
breaking that keyed link. `key_id` stays empty until the first keyed row is written.

Downgrade re-links the keyed rows by the old unkeyed rule (the version being returned to
checks every row that way); it cannot check their MACs first (no key here): run
`showroom admin verify-audit` before downgrading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch rebuild: rebuilding audit_chain_head on SQLite would drop
    # its guard triggers (migration 0008).
    op.add_column("audit_chain_head", sa.Column("keyed_from", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("audit_chain_head", sa.Column("key_id", sa.String(length=16), nullable=True))
    op.execute("UPDATE audit_chain_head SET keyed_from = last_id + 1")


def downgrade() -> None:
    bind = op.get_bind()
    head = bind.execute(sa.text("SELECT last_id, keyed_from FROM audit_chain_head WHERE id = 1")).first()
    if head is not None and head.last_id >= head.keyed_from:
        _relink_unkeyed(bind, head.keyed_from)
    with op.batch_alter_table("audit_chain_head", recreate="never") as batch_op:
        batch_op.drop_column("key_id")
        batch_op.drop_column("keyed_from")


def _old_hash(prev_hash: str, r) -> str:
    # db/audit_models.event_hash as of 0008, frozen here.
    at = dt.datetime.fromisoformat(r.at) if isinstance(r.at, str) else r.at  # SQLite: text
    content = json.dumps(
        [
            r.id,
            at.isoformat(timespec="microseconds"),
            r.actor_id,
            r.actor_name,
            r.action,
            r.table_name,
            r.record_id,
            r.detail,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content.encode("utf-8")).hexdigest()


def _relink_unkeyed(bind, keyed_from: int) -> None:
    dialect = bind.dialect.name
    if dialect == "postgresql":
        bind.execute(sa.text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_guard_update"))
    else:
        bind.execute(sa.text("DROP TRIGGER IF EXISTS audit_event_guard_update"))
    prev = (
        bind.execute(sa.text("SELECT hash FROM audit_event WHERE id = :i"), {"i": keyed_from - 1}).scalar() or "0" * 64
    )
    rows = bind.execute(
        sa.text(
            "SELECT id, at, actor_id, actor_name, action, table_name, "
            "record_id, detail FROM audit_event WHERE id >= :i ORDER BY id"
        ),
        {"i": keyed_from},
    ).all()
    for r in rows:
        new = _old_hash(prev, r)
        bind.execute(
            sa.text("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE id = :i"), {"p": prev, "h": new, "i": r.id}
        )
        prev = new
    bind.execute(sa.text("UPDATE audit_chain_head SET last_hash = :h WHERE id = 1"), {"h": prev})
    if dialect == "postgresql":
        bind.execute(sa.text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_guard_update"))
    else:
        bind.execute(
            sa.text(
                "CREATE TRIGGER audit_event_guard_update BEFORE UPDATE ON "
                "audit_event BEGIN SELECT RAISE(ABORT, 'audit_event_append_only'); "
                "END"
            )
        )
