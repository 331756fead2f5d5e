"""kpi_month_intentions: a month-end snapshot's intentions counted per consultant (issue #20.8)

Revision ID: 0025
Revises: 0024

T/CSCA 120031 3.12/3.13 divide by the intentions retained at a month's start (上月留存意向). On a
dealer group's database (dataset G, 1.5 million leads a year) a month-end snapshot holds
~600,000 intentions, and counting them row by row cost more than the goal for a month (100 ms)
and, twelve times over, for a year (1 s). The snapshot is immutable, so its intentions are
counted per consultant once, when it is taken; a closed month then reads a dozen rows. Upgrade
creates the table and fills it from the snapshots on record; downgrade drops it.

It also indexes the customers who are no intention (no mobile, or anonymised; a partial index,
a few rows): a month's new intentions are then its leads (an index range of `lead.created_at`)
less those of these customers, instead of joining ~125,000 leads a month of G to their customers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

TABLE = "kpi_month_intentions"
NO_CONTACT = "ix_customer_no_contact"
WHERE = sa.text("mobile IS NULL OR anonymised_at IS NOT NULL")


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("kpi_month_id", sa.Integer(), nullable=False),
        sa.Column("consultant_id", sa.Integer(), nullable=False),
        sa.Column("intentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kpi_month_id"], ["kpi_month.id"], name=op.f("fk_kpi_month_intentions_kpi_month_id_kpi_month")
        ),
        sa.ForeignKeyConstraint(
            ["consultant_id"], ["staff_user.id"], name=op.f("fk_kpi_month_intentions_consultant_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("kpi_month_id", "consultant_id", name=op.f("pk_kpi_month_intentions")),
    )
    op.get_bind().execute(
        sa.text(
            f"INSERT INTO {TABLE} (kpi_month_id, consultant_id, intentions)"
            " SELECT kpi_month_id, consultant_id, count(*) FROM lead_month_snapshot"
            " WHERE intention GROUP BY kpi_month_id, consultant_id"
        )
    )
    op.create_index(NO_CONTACT, "customer", ["id"], postgresql_where=WHERE, sqlite_where=WHERE)


def downgrade() -> None:
    op.drop_index(NO_CONTACT, table_name="customer")
    op.drop_table(TABLE)
