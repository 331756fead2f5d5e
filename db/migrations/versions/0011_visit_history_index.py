"""visit (arrival_at, id) index for the paged visit history (issue #10)

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_visit_arrival_at_id", "visit", ["arrival_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_visit_arrival_at_id", table_name="visit")
