"""Customer care after the sale (issue #19): tasks, surveys, service recovery

Revision ID: 0020
Revises: 0019

New tables (task_attempt, care_notice_seen, care_setting, first_service_interval,
survey_template, survey_response, recovery_case; see db/care_models.py) and four plain
columns on follow_up_task (tries, next try, what the task is about) with the index that finds
open overdue tasks (issue #19.10). Downgrade drops them (their records are lost with them).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_caller", sa.String(length=16), nullable=False),
        sa.Column("care_staff_id", sa.Integer(), nullable=True),
        sa.Column("lead_interval_days", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["care_staff_id"], ["staff_user.id"], name=op.f("fk_care_setting_care_staff_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_care_setting_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_setting")),
    )
    op.create_table(
        "first_service_interval",
        sa.Column("brand", sa.String(length=60), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_first_service_interval_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("brand", name=op.f("pk_first_service_interval")),
    )
    op.create_table(
        "survey_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("title_zh", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["staff_user.id"], name=op.f("fk_survey_template_published_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_survey_template_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_template")),
        sa.UniqueConstraint("key", "template_version", name="uq_survey_template_key_version"),
    )
    with op.batch_alter_table("survey_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_template_key"), ["key"], unique=False)

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("satisfied", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_survey_response_customer_id_customer")),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_survey_response_deal_id_deal")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_user.id"], name=op.f("fk_survey_response_recorded_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"], ["survey_template.id"], name=op.f("fk_survey_response_template_id_survey_template")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_response_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_response_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_response_recorded_at"), ["recorded_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_response_template_id"), ["template_id"], unique=False)

    op.create_table(
        "care_notice_seen",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_care_notice_seen_staff_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["task_id"], ["follow_up_task.id"], name=op.f("fk_care_notice_seen_task_id_follow_up_task")
        ),
        sa.PrimaryKeyConstraint("task_id", "staff_id", "kind", name=op.f("pk_care_notice_seen")),
    )
    op.create_table(
        "recovery_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("survey_response_id", sa.Integer(), nullable=True),
        sa.Column("source_task_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("apology_note", sa.Text(), nullable=False),
        sa.Column("apology_at", sa.DateTime(), nullable=True),
        sa.Column("apology_by_id", sa.Integer(), nullable=True),
        sa.Column("failure_class", sa.String(length=20), nullable=True),
        sa.Column("compensation_type", sa.String(length=20), nullable=True),
        sa.Column("compensation_fen", sa.Integer(), nullable=False),
        sa.Column("compensation_note", sa.Text(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("check_task_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["apology_by_id"], ["staff_user.id"], name=op.f("fk_recovery_case_apology_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["staff_user.id"], name=op.f("fk_recovery_case_approved_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["check_task_id"], ["follow_up_task.id"], name=op.f("fk_recovery_case_check_task_id_follow_up_task")
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_recovery_case_customer_id_customer")),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_recovery_case_deal_id_deal")),
        sa.ForeignKeyConstraint(["owner_id"], ["staff_user.id"], name=op.f("fk_recovery_case_owner_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["source_task_id"], ["follow_up_task.id"], name=op.f("fk_recovery_case_source_task_id_follow_up_task")
        ),
        sa.ForeignKeyConstraint(
            ["survey_response_id"],
            ["survey_response.id"],
            name=op.f("fk_recovery_case_survey_response_id_survey_response"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_recovery_case_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_case")),
    )
    with op.batch_alter_table("recovery_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_case_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recovery_case_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recovery_case_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recovery_case_status"), ["status"], unique=False)

    op.create_table(
        "task_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["staff_user.id"], name=op.f("fk_task_attempt_by_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["task_id"], ["follow_up_task.id"], name=op.f("fk_task_attempt_task_id_follow_up_task")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_attempt")),
    )
    with op.batch_alter_table("task_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_attempt_task_id"), ["task_id"], unique=False)

    # Plain ALTER TABLE (as 0017 and 0019 did): a batch copy of follow_up_task, which other
    # tables reference, would rewrite their foreign keys.
    op.add_column("follow_up_task", sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("follow_up_task", sa.Column("next_try_at", sa.DateTime(), nullable=True))
    op.add_column("follow_up_task", sa.Column("subject_type", sa.String(length=20), nullable=True))
    op.add_column("follow_up_task", sa.Column("subject_id", sa.Integer(), nullable=True))
    op.create_index("ix_follow_up_task_status_due_at", "follow_up_task", ["status", "due_at"], unique=False)
    op.create_index("ix_follow_up_task_subject", "follow_up_task", ["subject_type", "subject_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_follow_up_task_subject", table_name="follow_up_task")
    op.drop_index("ix_follow_up_task_status_due_at", table_name="follow_up_task")
    for column in ("subject_id", "subject_type", "next_try_at", "attempts"):
        op.drop_column("follow_up_task", column)

    with op.batch_alter_table("task_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_attempt_task_id"))

    op.drop_table("task_attempt")
    with op.batch_alter_table("recovery_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_case_status"))
        batch_op.drop_index(batch_op.f("ix_recovery_case_owner_id"))
        batch_op.drop_index(batch_op.f("ix_recovery_case_deal_id"))
        batch_op.drop_index(batch_op.f("ix_recovery_case_customer_id"))

    op.drop_table("recovery_case")
    op.drop_table("care_notice_seen")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_template_id"))
        batch_op.drop_index(batch_op.f("ix_survey_response_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_survey_response_deal_id"))
        batch_op.drop_index(batch_op.f("ix_survey_response_customer_id"))

    op.drop_table("survey_response")
    with op.batch_alter_table("survey_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_template_key"))

    op.drop_table("survey_template")
    op.drop_table("first_service_interval")
    op.drop_table("care_setting")
