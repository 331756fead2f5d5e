"""lead and test-drive indexes for the month KPIs (issue #10)

Counting the leads retained at a month's end (T/CSCA 120031 3.12, 3.13) reads leads by status
and creation time; with years of leads a covering index makes it an index range.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_lead_status_created_at", "lead", ["status", "created_at"])
    op.create_index("ix_test_drive_status_visit_id", "test_drive", ["status", "visit_id"])
    op.create_index("ix_test_drive_status_actual_end", "test_drive", ["status", "actual_end"])


def downgrade() -> None:
    op.drop_index("ix_test_drive_status_actual_end", table_name="test_drive")
    op.drop_index("ix_test_drive_status_visit_id", table_name="test_drive")
    op.drop_index("ix_lead_status_created_at", table_name="lead")
