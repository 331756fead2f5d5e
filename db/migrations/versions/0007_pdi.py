"""PDI templates, inspections, items, rectifications (issue #7)

Revision ID: 0007
Revises: 0006

Tables for T/CSCA 120031-2023 4.4.1.1–4.4.1.4 (db/pdi_models.py): pdi_template (published
checklist versions per brand), pdi_inspection, pdi_item_result (one row per item, its own
version counter), pdi_item_event (append-only history), pdi_photo, pdi_rectification. The
default checklist is loaded from resources/pdi/default.json on first use
(app/pdi/templates.py), not here, so that the data file can change without
touching a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "pdi_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("brand", sa.String(length=60), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("title_zh", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("pdi_template", "published_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_template")),
        sa.UniqueConstraint("brand", "template_version", name="uq_pdi_template_brand_version"),
    )
    op.create_index(op.f("ix_pdi_template_brand"), "pdi_template", ["brand"])
    op.create_table(
        "pdi_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("powertrain", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("certificate_no", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.Column("customer_name", sa.String(length=100), nullable=False),
        sa.Column("report_document_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("pdi_inspection", "vehicle_id", "vehicle"),
        _fk("pdi_inspection", "template_id", "pdi_template"),
        _fk("pdi_inspection", "technician_id", "staff_user"),
        _fk("pdi_inspection", "completed_by_id", "staff_user"),
        _fk("pdi_inspection", "report_document_id", "document"),
        _fk("pdi_inspection", "updated_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_inspection")),
    )
    op.create_index(op.f("ix_pdi_inspection_vehicle_id"), "pdi_inspection", ["vehicle_id"])
    op.create_index(op.f("ix_pdi_inspection_status"), "pdi_inspection", ["status"])
    op.create_table(
        "pdi_item_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=True),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("defect_found", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("pdi_item_result", "inspection_id", "pdi_inspection"),
        _fk("pdi_item_result", "recorded_by_id", "staff_user"),
        _fk("pdi_item_result", "updated_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_item_result")),
        sa.UniqueConstraint("inspection_id", "item_id", name="uq_pdi_item_result_inspection_item"),
    )
    op.create_index(op.f("ix_pdi_item_result_inspection_id"), "pdi_item_result", ["inspection_id"])
    op.create_table(
        "pdi_item_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_result_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        _fk("pdi_item_event", "item_result_id", "pdi_item_result"),
        _fk("pdi_item_event", "recorded_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_item_event")),
    )
    op.create_index(op.f("ix_pdi_item_event_item_result_id"), "pdi_item_event", ["item_result_id"])
    op.create_table(
        "pdi_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_result_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=False),
        _fk("pdi_photo", "item_result_id", "pdi_item_result"),
        _fk("pdi_photo", "taken_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_photo")),
    )
    op.create_index(op.f("ix_pdi_photo_item_result_id"), "pdi_photo", ["item_result_id"])
    op.create_table(
        "pdi_rectification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("item_result_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=8), nullable=False),
        sa.Column("defect", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("parts_replaced", sa.Text(), nullable=False),
        sa.Column("repaired_by", sa.String(length=100), nullable=False),
        sa.Column("assembly_repair", sa.Boolean(), nullable=False),
        sa.Column("assembly_name", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=100), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledgement_recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("pdi_rectification", "inspection_id", "pdi_inspection"),
        _fk("pdi_rectification", "item_result_id", "pdi_item_result"),
        _fk("pdi_rectification", "recorded_by_id", "staff_user"),
        _fk("pdi_rectification", "acknowledgement_recorded_by_id", "staff_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdi_rectification")),
    )
    op.create_index(op.f("ix_pdi_rectification_inspection_id"), "pdi_rectification", ["inspection_id"])


def downgrade() -> None:
    for table in (
        "pdi_rectification",
        "pdi_photo",
        "pdi_item_event",
        "pdi_item_result",
        "pdi_inspection",
        "pdi_template",
    ):
        op.drop_table(table)
