"""store.card_url_template: the store's page per car for vehicle-card QR codes (issue #5.2)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        batch.add_column(sa.Column("card_url_template", sa.String(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("store") as batch:
        batch.drop_column("card_url_template")
