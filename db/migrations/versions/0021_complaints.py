"""Complaints, the store's working-day calendar and public notices (issue #19.3, #19.5)

Revision ID: 0021
Revises: 0020

New tables only (db/complaint_models.py), with the public notices of issue #19.5. The archive of
a complaint's materials and its notes are kept as they were written (T/CSCA 120031 4.5.2.2), and
a published notice and its print ledger likewise (4.1.3.6: a change is a new version): triggers
refuse UPDATE and DELETE on `complaint_material`, `complaint_note`, `public_notice` and
`notice_print`, as migration 0002 does for the document archive (on
PostgreSQL with its `showroom_refuse_change()` function). Downgrade drops the tables, their
records and triggers with them.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["staff_user.id"], name=op.f("fk_calendar_year_entered_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_year")),
    )
    op.create_table(
        "working_day_override",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_working_day_override_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_working_day_override")),
    )
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=24), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("contact_name", sa.String(length=60), nullable=False),
        sa.Column("contact_mobile", sa.String(length=11), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("handler_id", sa.Integer(), nullable=False),
        sa.Column("first_response_due", sa.DateTime(), nullable=False),
        sa.Column("reply_due", sa.DateTime(), nullable=False),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("reply_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("confirmation", sa.String(length=10), nullable=True),
        sa.Column("confirmation_note", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["closed_by_id"], ["staff_user.id"], name=op.f("fk_complaint_closed_by_id_staff_user")),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], name=op.f("fk_complaint_contract_id_contract")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_complaint_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_complaint_customer_id_customer")),
        sa.ForeignKeyConstraint(["handler_id"], ["staff_user.id"], name=op.f("fk_complaint_handler_id_staff_user")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_complaint_staff_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_complaint_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_complaint_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
        sa.UniqueConstraint("number", name=op.f("uq_complaint_number")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_handler_id"), ["handler_id"], unique=False)
        batch_op.create_index(
            "ix_complaint_open_first_response", ["status", "first_response_at", "first_response_due"], unique=False
        )
        batch_op.create_index("ix_complaint_open_reply", ["status", "reply_at", "reply_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_received_at"), ["received_at"], unique=False)

    op.create_table(
        "complaint_escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_complaint_escalation_complaint_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_user.id"], name=op.f("fk_complaint_escalation_staff_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_escalation")),
        sa.UniqueConstraint(
            "complaint_id", "deadline", "level", "staff_id", name=op.f("uq_complaint_escalation_complaint_id")
        ),
    )
    with op.batch_alter_table("complaint_escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_escalation_complaint_id"), ["complaint_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_escalation_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "complaint_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["staff_user.id"], name=op.f("fk_complaint_material_added_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_complaint_material_complaint_id_complaint")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_material")),
    )
    with op.batch_alter_table("complaint_material", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_material_complaint_id"), ["complaint_id"], unique=False)

    op.create_table(
        "complaint_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("customer_visible", sa.Boolean(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_complaint_note_complaint_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"], ["staff_user.id"], name=op.f("fk_complaint_note_written_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_note")),
    )
    with op.batch_alter_table("complaint_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_note_complaint_id"), ["complaint_id"], unique=False)

    op.create_table(
        "public_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title_zh", sa.String(length=120), nullable=False),
        sa.Column("title_en", sa.String(length=120), nullable=False),
        sa.Column("body_zh", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["staff_user.id"], name=op.f("fk_public_notice_published_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_notice")),
        sa.UniqueConstraint("kind", "version", name=op.f("uq_public_notice_kind")),
    )
    op.create_table(
        "notice_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("store_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["public_notice.id"], name=op.f("fk_notice_print_notice_id_public_notice")
        ),
        sa.ForeignKeyConstraint(
            ["printed_by_id"], ["staff_user.id"], name=op.f("fk_notice_print_printed_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_print")),
    )
    with op.batch_alter_table("notice_print", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_print_notice_id"), ["notice_id"], unique=False)
    _create_guards()


def downgrade() -> None:
    _drop_guards()
    with op.batch_alter_table("notice_print", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_print_notice_id"))

    op.drop_table("notice_print")
    op.drop_table("public_notice")
    with op.batch_alter_table("complaint_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_note_complaint_id"))

    op.drop_table("complaint_note")
    with op.batch_alter_table("complaint_material", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_material_complaint_id"))

    op.drop_table("complaint_material")
    with op.batch_alter_table("complaint_escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_escalation_staff_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_escalation_complaint_id"))

    op.drop_table("complaint_escalation")
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_received_at"))
        batch_op.drop_index("ix_complaint_open_reply")
        batch_op.drop_index("ix_complaint_open_first_response")
        batch_op.drop_index(batch_op.f("ix_complaint_handler_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_customer_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_channel"))

    op.drop_table("complaint")
    op.drop_table("working_day_override")
    op.drop_table("calendar_year")


GUARDED = ("complaint_material", "complaint_note", "public_notice", "notice_print")


def _create_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in GUARDED:
        for when in ("UPDATE", "DELETE"):
            name = f"{table}_guard_{when.lower()}"
            if dialect == "sqlite":
                what = "append_only" if when == "UPDATE" else "never_deleted"
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {when} ON {table} BEGIN SELECT RAISE(ABORT, '{table}_{what}'); END"
                )
            elif dialect == "postgresql":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {when} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION showroom_refuse_change()"
                )
            else:
                raise NotImplementedError(f"no immutability triggers for {dialect}")


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in GUARDED:
        for when in ("update", "delete"):
            op.execute(
                f"DROP TRIGGER IF EXISTS {table}_guard_{when}" + (f" ON {table}" if dialect == "postgresql" else "")
            )
