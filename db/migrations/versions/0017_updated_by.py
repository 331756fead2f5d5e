"""updated_by on every editable table; the visitor retention period as a store setting (issue #17.15, #17.16)

Revision ID: 0017
Revises: 0016

Who changed a row last (`updated_by_id`) was missing on eight Versioned tables, so the conflict
dialog could not always say who saved first. Existing rows take the person their own columns
already name (who issued, published, recorded, withdrew...), else stay empty until the next change.

`store.visitor_retention_months`: how long a visitor who never bought is kept (PIPL art. 19),
12 months as before, now edited by the administrator instead of a constant.

Plain ADD COLUMN, not a batch rebuild: rebuilding signing_certificate on SQLite would drop its
guard trigger (migration 0002), and rebuilding staff_user would touch every table that points
at it. SQLite adds the column with its REFERENCES clause and drops it again natively.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# table -> the columns naming who acted, newest first, that fill updated_by_id on existing rows.
TABLES: dict[str, tuple[str, ...]] = {
    "store": (),
    "staff_user": (),
    "signing_certificate": ("created_by_id",),
    "vehicle_card": ("issued_by_id",),
    "charging_pile_offer": (),
    "pdi_template": ("published_by_id",),
    "pdi_rectification": ("acknowledgement_recorded_by_id", "recorded_by_id"),
    "consent": ("withdrawn_by_id", "recorded_by_id"),
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, named in TABLES.items():
        fk = op.f(f"fk_{table}_updated_by_id_staff_user")
        if sqlite:  # Alembic cannot add a constraint there; SQLite takes it inline
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN updated_by_id INTEGER CONSTRAINT {fk} REFERENCES staff_user (id)"
            )
        else:
            op.add_column(table, sa.Column("updated_by_id", sa.Integer(), nullable=True))
            op.create_foreign_key(fk, table, "staff_user", ["updated_by_id"], ["id"])
        if named:
            op.execute(f"UPDATE {table} SET updated_by_id = COALESCE({', '.join(named)}, NULL)")
    op.add_column("store", sa.Column("visitor_retention_months", sa.Integer(), nullable=False, server_default="12"))


def downgrade() -> None:
    with op.batch_alter_table("store", recreate="never") as batch:
        batch.drop_column("visitor_retention_months")
    for table in reversed(TABLES):
        if op.get_bind().dialect.name == "postgresql":
            op.drop_constraint(op.f(f"fk_{table}_updated_by_id_staff_user"), table, type_="foreignkey")
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.drop_column("updated_by_id")
