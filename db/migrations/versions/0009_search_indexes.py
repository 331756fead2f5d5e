"""customer.mobile_rev and prefix indexes for fast customer search (issue #10)

A mobile's tail ("尾号 5678") becomes an index range on the reversed number; a name's start
uses the name index. PostgreSQL gets varchar_pattern_ops so LIKE 'x%' uses the index under
any collation.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("mobile_rev", sa.String(length=11), nullable=True))
    customer = sa.table(
        "customer", sa.column("id", sa.Integer), sa.column("mobile", sa.String), sa.column("mobile_rev", sa.String)
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(customer.c.id, customer.c.mobile).where(customer.c.mobile.is_not(None))).fetchall()
    if rows:
        conn.execute(
            customer.update().where(customer.c.id == sa.bindparam("cid")).values(mobile_rev=sa.bindparam("rev")),
            [{"cid": r.id, "rev": r.mobile[::-1]} for r in rows],
        )
    op.create_index("ix_customer_name", "customer", ["name"], postgresql_ops={"name": "varchar_pattern_ops"})
    op.create_index(
        "ix_customer_mobile_rev", "customer", ["mobile_rev"], postgresql_ops={"mobile_rev": "varchar_pattern_ops"}
    )


def downgrade() -> None:
    op.drop_index("ix_customer_mobile_rev", table_name="customer")
    op.drop_index("ix_customer_name", table_name="customer")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("mobile_rev")
