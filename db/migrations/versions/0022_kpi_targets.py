"""kpi_target: the store's versioned KPI targets (issue #20.1)

Revision ID: 0022
Revises: 0021

A new table only (db/kpi_models.py). Targets are append-only (a new target supersedes the old
one from its effective day; the past keeps its verdict): triggers refuse UPDATE and DELETE on
`kpi_target`, as migration 0021 does for public notices (on PostgreSQL with the
`showroom_refuse_change()` function of migration 0002). Downgrade drops the table, its rows and
triggers with it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

TABLE = "kpi_target"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("target_bp", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["set_by_id"], ["staff_user.id"], name=op.f("fk_kpi_target_set_by_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_target")),
    )
    op.create_index("ix_kpi_target_code_effective", TABLE, ["code", "effective_from", "id"])
    _create_guards()


def downgrade() -> None:
    _drop_guards()
    op.drop_index("ix_kpi_target_code_effective", table_name=TABLE)
    op.drop_table(TABLE)


def _create_guards() -> None:
    dialect = op.get_bind().dialect.name
    for when in ("UPDATE", "DELETE"):
        name = f"{TABLE}_guard_{when.lower()}"
        if dialect == "sqlite":
            what = "append_only" if when == "UPDATE" else "never_deleted"
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {when} ON {TABLE} BEGIN SELECT RAISE(ABORT, '{TABLE}_{what}'); END"
            )
        elif dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {when} ON {TABLE} FOR EACH ROW EXECUTE FUNCTION showroom_refuse_change()"
            )
        else:
            raise NotImplementedError(f"no immutability triggers for {dialect}")


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    for when in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_guard_{when}" + (f" ON {TABLE}" if dialect == "postgresql" else ""))
