"""appointment_change and customer_change: append-only histories (issue #17.12, #17.13, 4.5.1.3)

Revision ID: 0018
Revises: 0017

`appointment_change`: bookings, reschedules, cancellations and no-shows, each with its reason.
`customer_change`: corrections of a customer's name or mobile (PIPL art. 46; the replaced value
sealed, never in clear), consent withdrawals (art. 15) and reassignments to another consultant.
Both are new tables: downgrade drops them (their history is lost with them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def _who_and_when(table: str) -> list:
    return [
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        _fk(table, "changed_by_id", "staff_user"),
        _fk(table, "customer_id", "customer"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "appointment_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.Column("from_scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("to_scheduled_at", sa.DateTime(), nullable=False),
        sa.Column("from_consultant_id", sa.Integer(), nullable=True),
        sa.Column("to_consultant_id", sa.Integer(), nullable=False),
        *_who_and_when("appointment_change"),
        _fk("appointment_change", "appointment_id", "appointment"),
        _fk("appointment_change", "from_consultant_id", "staff_user"),
        _fk("appointment_change", "to_consultant_id", "staff_user"),
    )
    op.create_table(
        "customer_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("old_value_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("old_value_masked", sa.String(length=80), nullable=True),
        sa.Column("new_value_masked", sa.String(length=80), nullable=True),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("from_consultant_id", sa.Integer(), nullable=True),
        sa.Column("to_consultant_id", sa.Integer(), nullable=True),
        *_who_and_when("customer_change"),
        _fk("customer_change", "consent_id", "consent"),
        _fk("customer_change", "from_consultant_id", "staff_user"),
        _fk("customer_change", "to_consultant_id", "staff_user"),
    )
    for table, columns in (
        ("appointment_change", ("appointment_id", "customer_id", "changed_at")),
        ("customer_change", ("customer_id", "changed_at")),
    ):
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    op.drop_table("customer_change")
    op.drop_table("appointment_change")
