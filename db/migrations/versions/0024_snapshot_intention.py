"""lead_month_snapshot.intention: the lead was an intention when the snapshot was taken (issue #20.8)

Revision ID: 0024
Revises: 0023

T/CSCA 120031 3.12/3.13 count the intentions (意向: the customer has a mobile, not anonymised)
retained at a month's start. The month-end snapshot (上月留存意向) now records, per lead, whether
it was an intention when the snapshot was taken, so the count reads one index range of the
snapshot instead of joining ~12,000 leads to their customers, and a past month's figure no
longer changes when a customer is anonymised later. Upgrade adds the column, backfills it from
the customers as they are now (the best fact left for snapshots taken before) and indexes
(kpi_month_id, intention, consultant_id). Downgrade drops both.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

TABLE = "lead_month_snapshot"
INDEX = "ix_lead_month_snapshot_month_intention"


def upgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.add_column(sa.Column("intention", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.get_bind().execute(
        sa.text(
            f"UPDATE {TABLE} SET intention = :yes WHERE lead_id IN ("
            " SELECT l.id FROM lead l JOIN customer cu ON cu.id = l.customer_id"
            " WHERE cu.mobile IS NOT NULL AND cu.anonymised_at IS NULL)"
        ),
        {"yes": True},
    )
    op.create_index(INDEX, TABLE, ["kpi_month_id", "intention", "consultant_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name=TABLE)
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_column("intention")
