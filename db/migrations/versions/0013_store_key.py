"""store_key: the ids of the store's key files (issue #15 item 2)

A terminal without the store's personal-data key used to make its own; the ids recorded here
let it refuse instead (app/core/store_keys.py). Only ids, never keys.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_key",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_key")),
    )


def downgrade() -> None:
    op.drop_table("store_key")
