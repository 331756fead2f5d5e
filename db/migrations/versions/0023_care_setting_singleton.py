"""care_setting: one row by construction (issue #19.1)

Revision ID: 0023
Revises: 0022

The store's customer-care choices are one row, but nothing stopped two terminals from each
saving a first row. Upgrade keeps the row the app was reading (the lowest id: `settings_row`
took it), drops any others, gives it id 1 and adds `CHECK (id = 1)`: a second first save now
meets the primary key. Downgrade drops the check (the one row stays).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

TABLE = "care_setting"
CHECK = "singleton"


def upgrade() -> None:
    bind = op.get_bind()
    kept = bind.execute(sa.text(f"SELECT min(id) FROM {TABLE}")).scalar()
    if kept is not None:
        bind.execute(sa.text(f"DELETE FROM {TABLE} WHERE id <> :kept"), {"kept": kept})
        bind.execute(sa.text(f"UPDATE {TABLE} SET id = 1 WHERE id = :kept"), {"kept": kept})
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_{CHECK}"), "id = 1")


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_{CHECK}"), type_="check")
