"""audit log (hash-chained, append-only) and password change time (issue #9)

Revision ID: 0008
Revises: 0007

`audit_event` is append-only: triggers refuse UPDATE and DELETE as migration 0002 does for the
document archive (PostgreSQL reuses its showroom_refuse_change() function). TRUNCATE is not
refused so that the test suite can empty a PostgreSQL database; a truncated log is still
detected by `showroom admin verify-audit` through the chain head. A later migration that
rebuilds `audit_event` (batch "move and copy" on SQLite) drops these triggers and must create
them again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        for column in ("at", "actor_id", "action", "table_name"):
            batch_op.create_index(batch_op.f(f"ix_audit_event_{column}"), [column], unique=False)
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": GENESIS_HASH}])
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
    _create_guards()


def downgrade() -> None:
    _drop_guards()
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("password_changed_at")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        for column in ("table_name", "action", "actor_id", "at"):
            batch_op.drop_index(batch_op.f(f"ix_audit_event_{column}"))
    op.drop_table("audit_event")


def _create_guards() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_event_guard_update BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event_append_only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_event_guard_delete BEFORE DELETE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event_never_deleted'); END"
        )
        # The head only moves forward, one appender at a time.
        op.execute(
            "CREATE TRIGGER audit_chain_head_guard_update BEFORE UPDATE ON "
            "audit_chain_head WHEN NEW.last_id < OLD.last_id "
            "BEGIN SELECT RAISE(ABORT, 'audit_chain_head_backwards'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_chain_head_guard_delete BEFORE DELETE ON "
            "audit_chain_head BEGIN SELECT RAISE(ABORT, 'audit_chain_head_never_deleted'); END"
        )
    elif dialect == "postgresql":
        # showroom_refuse_change() comes from migration 0002.
        for when in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_guard_{when.lower()} BEFORE {when} ON "
                "audit_event FOR EACH ROW EXECUTE FUNCTION showroom_refuse_change()"
            )
        op.execute(
            "CREATE TRIGGER audit_chain_head_guard_delete BEFORE DELETE ON "
            "audit_chain_head FOR EACH ROW EXECUTE FUNCTION showroom_refuse_change()"
        )
        op.execute("""
            CREATE FUNCTION showroom_audit_head_guard() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.last_id < OLD.last_id THEN
                    RAISE EXCEPTION 'audit_chain_head_backwards' USING ERRCODE = 'restrict_violation';
                END IF;
                RETURN NEW;
            END $$""")
        op.execute(
            "CREATE TRIGGER audit_chain_head_guard_update BEFORE UPDATE ON "
            "audit_chain_head FOR EACH ROW EXECUTE FUNCTION showroom_audit_head_guard()"
        )
    else:
        raise NotImplementedError(f"no audit triggers for {dialect}")


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    for trigger, table in (
        ("audit_event_guard_update", "audit_event"),
        ("audit_event_guard_delete", "audit_event"),
        ("audit_chain_head_guard_update", "audit_chain_head"),
        ("audit_chain_head_guard_delete", "audit_chain_head"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}" + (f" ON {table}" if dialect == "postgresql" else ""))
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS showroom_audit_head_guard()")
