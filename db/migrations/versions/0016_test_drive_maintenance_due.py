"""test-drive car: the next maintenance due date (issue #17, T/CSCA 120031-2023 4.2.4.8)

Revision ID: 0016
Revises: 0015

4.2.4.8 asks that a test car be registered *and maintained*. Until now the fleet register
kept only an optional last-maintenance day that nothing checked. `maintenance_due` is the day
the next maintenance is due; past it the car cannot be booked or sent out, exactly like a
car whose insurance has lapsed (app/test_drives/rules.fleet_problems).

Existing rows get NULL, which the services read as "unknown": the car is unfit
(`maintenance_due_missing`) until the sales manager enters the date in the fleet register,
and the test-drive page names each such car. A due date is not guessed from
`last_maintenance`: service intervals differ by brand (6 or 12 months, 5,000 to 15,000 km),
and a guess too late would let an overdue car go out with customers in it. Drives already
out are not affected (the return checks nothing of the car's papers).

Downgrade drops the column; the dates entered are lost (the backup `db.migrate.upgrade` takes
before each upgrade does not have them either: they were entered afterwards).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch rebuild: rebuilding test_drive_car on SQLite would drop the
    # table that test_drive and test_drive_slot reference (foreign keys are on).
    op.add_column("test_drive_car", sa.Column("maintenance_due", sa.Date(), nullable=True))


def downgrade() -> None:
    # DROP COLUMN needs SQLite 3.35 (2021); Python 3.11 ships a later one on every platform.
    op.drop_column("test_drive_car", "maintenance_due")
