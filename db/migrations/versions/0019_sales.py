"""The sale (issue #18): price list, deals, quotes, disclosures, contracts, money, handover, tasks

Revision ID: 0019
Revises: 0018

New tables only, plus `store.discount_approval_fen` (4.3.2.1: a discount above it needs a
sales_manager). See db/sales_models.py, db/finance_models.py, db/handover_models.py and
db/care_models.py for what each holds. Downgrade drops them (their records are lost with them).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("notice_document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_price_list_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["notice_document_id"], ["document.id"], name=op.f("fk_price_list_notice_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["staff_user.id"], name=op.f("fk_price_list_published_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_price_list_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_list")),
    )
    with op.batch_alter_table("price_list", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_list_effective_from"), ["effective_from"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_list_status"), ["status"], unique=False)

    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("consultant_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("brand", sa.String(length=60), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("trim", sa.String(length=120), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("stage_changed_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["consultant_id"], ["staff_user.id"], name=op.f("fk_deal_consultant_id_staff_user")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"], name=op.f("fk_deal_created_by_id_staff_user")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_deal_customer_id_customer")),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_deal_lead_id_lead")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff_user.id"], name=op.f("fk_deal_updated_by_id_staff_user")),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_deal_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_consultant_id"), ["consultant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_vehicle_id"), ["vehicle_id"], unique=False)

    op.create_table(
        "price_list_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("price_list_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("brand", sa.String(length=60), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("trim", sa.String(length=120), nullable=False),
        sa.Column("name_zh", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("timing", sa.String(length=200), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["price_list_id"], ["price_list.id"], name=op.f("fk_price_list_item_price_list_id_price_list")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_price_list_item_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_list_item")),
        sa.UniqueConstraint("price_list_id", "code", name=op.f("uq_price_list_item_price_list_id")),
    )
    with op.batch_alter_table("price_list_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_list_item_price_list_id"), ["price_list_id"], unique=False)

    op.create_table(
        "follow_up_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["staff_user.id"], name=op.f("fk_follow_up_task_assignee_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_follow_up_task_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_follow_up_task_customer_id_customer")),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_follow_up_task_deal_id_deal")),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["staff_user.id"], name=op.f("fk_follow_up_task_done_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_follow_up_task_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_task")),
    )
    with op.batch_alter_table("follow_up_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_task_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_task_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_task_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_task_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_task_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_task_status"), ["status"], unique=False)

    op.create_table(
        "quote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("price_list_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("brand", sa.String(length=60), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("trim", sa.String(length=120), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("discount_approved_by_id", sa.Integer(), nullable=True),
        sa.Column("discount_reason", sa.Text(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_number", sa.String(length=40), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff_user.id"], name=op.f("fk_quote_created_by_id_staff_user")),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_quote_deal_id_deal")),
        sa.ForeignKeyConstraint(
            ["discount_approved_by_id"], ["staff_user.id"], name=op.f("fk_quote_discount_approved_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_quote_document_id_document")),
        sa.ForeignKeyConstraint(["price_list_id"], ["price_list.id"], name=op.f("fk_quote_price_list_id_price_list")),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_quote_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
        sa.UniqueConstraint("deal_id", "revision", name=op.f("uq_quote_deal_id")),
    )
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("buyer_name", sa.String(length=100), nullable=False),
        sa.Column("buyer_id_type", sa.String(length=20), nullable=False),
        sa.Column("buyer_id_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("buyer_id_masked", sa.String(length=40), nullable=False),
        sa.Column("buyer_id_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("buyer_address_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("buyer_phone_masked", sa.String(length=20), nullable=False),
        sa.Column("agent_name", sa.String(length=100), nullable=False),
        sa.Column("agent_id_type", sa.String(length=20), nullable=True),
        sa.Column("agent_id_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("agent_id_masked", sa.String(length=40), nullable=True),
        sa.Column("id_verified_at", sa.DateTime(), nullable=False),
        sa.Column("id_verified_by_id", sa.Integer(), nullable=True),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("live_vehicle_id", sa.Integer(), nullable=True),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("engine_no", sa.String(length=40), nullable=False),
        sa.Column("certificate_no", sa.String(length=40), nullable=False),
        sa.Column("configuration", sa.JSON(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("price_words", sa.String(length=120), nullable=False),
        sa.Column("payment_method", sa.String(length=12), nullable=False),
        sa.Column("loan_lender", sa.String(length=120), nullable=False),
        sa.Column("loan_amount_fen", sa.Integer(), nullable=False),
        sa.Column("deposit_kind", sa.String(length=12), nullable=False),
        sa.Column("deposit_fen", sa.Integer(), nullable=False),
        sa.Column("delivery_place", sa.String(length=200), nullable=False),
        sa.Column("delivery_date", sa.Date(), nullable=False),
        sa.Column("max_delivery_odometer_km", sa.Integer(), nullable=False),
        sa.Column("delivery_appointment_at", sa.DateTime(), nullable=True),
        sa.Column("special_terms", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("special_terms_document_id", sa.Integer(), nullable=True),
        sa.Column("entrustment_document_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("invoice_no", sa.String(length=40), nullable=True),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("fulfilled_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_contract_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_contract_deal_id_deal")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_contract_document_id_document")),
        sa.ForeignKeyConstraint(
            ["entrustment_document_id"], ["document.id"], name=op.f("fk_contract_entrustment_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["id_verified_by_id"], ["staff_user.id"], name=op.f("fk_contract_id_verified_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["live_vehicle_id"], ["vehicle.id"], name=op.f("fk_contract_live_vehicle_id_vehicle")),
        sa.ForeignKeyConstraint(["quote_id"], ["quote.id"], name=op.f("fk_contract_quote_id_quote")),
        sa.ForeignKeyConstraint(
            ["special_terms_document_id"], ["document.id"], name=op.f("fk_contract_special_terms_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_contract_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_contract_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("invoice_no", name=op.f("uq_contract_invoice_no")),
        sa.UniqueConstraint("live_vehicle_id", name=op.f("uq_contract_live_vehicle_id")),
        sa.UniqueConstraint("number", name=op.f("uq_contract_number")),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_buyer_id_fingerprint"), ["buyer_id_fingerprint"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_fulfilled_at"), ["fulfilled_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_signed_at"), ["signed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_vehicle_id"), ["vehicle_id"], unique=False)

    op.create_table(
        "disclosure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("follow_up_staff_id", sa.Integer(), nullable=False),
        sa.Column("follow_up_task_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_number", sa.String(length=40), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_disclosure_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_disclosure_deal_id_deal")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_disclosure_document_id_document")),
        sa.ForeignKeyConstraint(
            ["follow_up_staff_id"], ["staff_user.id"], name=op.f("fk_disclosure_follow_up_staff_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_task_id"], ["follow_up_task.id"], name=op.f("fk_disclosure_follow_up_task_id_follow_up_task")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_disclosure_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure")),
    )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosure_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disclosure_vehicle_id"), ["vehicle_id"], unique=False)

    op.create_table(
        "quote_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("price_list_item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("description_en", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=120), nullable=False),
        sa.Column("timing", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["price_list_item_id"],
            ["price_list_item.id"],
            name=op.f("fk_quote_line_price_list_item_id_price_list_item"),
        ),
        sa.ForeignKeyConstraint(["quote_id"], ["quote.id"], name=op.f("fk_quote_line_quote_id_quote")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_line")),
    )
    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_line_quote_id"), ["quote_id"], unique=False)

    op.create_table(
        "contract_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("signed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contract_revision_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_contract_revision_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_id"], ["staff_user.id"], name=op.f("fk_contract_revision_signed_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_revision")),
        sa.UniqueConstraint("contract_id", "revision", name=op.f("uq_contract_revision_contract_id")),
    )
    with op.batch_alter_table("contract_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_revision_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("pdi_inspection_id", sa.Integer(), nullable=True),
        sa.Column("id_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("gifts", sa.JSON(), nullable=False),
        sa.Column("onboard_items", sa.JSON(), nullable=False),
        sa.Column("explanations", sa.JSON(), nullable=False),
        sa.Column("odometer_km", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_by_id", sa.Integer(), nullable=False),
        sa.Column("warranty_start", sa.Date(), nullable=False),
        sa.Column("sanbao_until", sa.Date(), nullable=False),
        sa.Column("sanbao_km", sa.Integer(), nullable=False),
        sa.Column("repair_warranty_until", sa.Date(), nullable=False),
        sa.Column("repair_warranty_km", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_number", sa.String(length=40), nullable=True),
        sa.Column("warranty_document_id", sa.Integer(), nullable=True),
        sa.Column("warranty_document_number", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], name=op.f("fk_handover_contract_id_contract")),
        sa.ForeignKeyConstraint(
            ["delivered_by_id"], ["staff_user.id"], name=op.f("fk_handover_delivered_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_handover_document_id_document")),
        sa.ForeignKeyConstraint(
            ["pdi_inspection_id"], ["pdi_inspection.id"], name=op.f("fk_handover_pdi_inspection_id_pdi_inspection")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_handover_vehicle_id_vehicle")),
        sa.ForeignKeyConstraint(
            ["warranty_document_id"], ["document.id"], name=op.f("fk_handover_warranty_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
        sa.UniqueConstraint("contract_id", name=op.f("uq_handover_contract_id")),
    )
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_delivered_at"), ["delivered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_vehicle_id"), ["vehicle_id"], unique=False)

    op.create_table(
        "refund_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], name=op.f("fk_refund_request_contract_id_contract")),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["staff_user.id"], name=op.f("fk_refund_request_decided_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["staff_user.id"], name=op.f("fk_refund_request_requested_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_refund_request_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_request")),
    )
    with op.batch_alter_table("refund_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refund_request_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refund_request_status"), ["status"], unique=False)

    op.create_table(
        "settlement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("total_due_fen", sa.Integer(), nullable=False),
        sa.Column("total_paid_fen", sa.Integer(), nullable=False),
        sa.Column("loan_fen", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("document_number", sa.String(length=40), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], name=op.f("fk_settlement_contract_id_contract")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_settlement_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_settlement_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement")),
    )
    with op.batch_alter_table("settlement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settlement_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=False),
        sa.Column("refund_request_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], name=op.f("fk_payment_contract_id_contract")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_payment_document_id_document")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_user.id"], name=op.f("fk_payment_recorded_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["refund_request_id"], ["refund_request.id"], name=op.f("fk_payment_refund_request_id_refund_request")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_payment_receipt_no")),
        sa.UniqueConstraint("refund_request_id", name=op.f("uq_payment_refund_request_id")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_received_at"), ["received_at"], unique=False)

    # Plain ALTER TABLE (as 0017 did): a batch copy of `store` would write its foreign keys into
    # the table's SQL, and 0017's downgrade could then no longer drop updated_by_id.
    op.add_column("store", sa.Column("discount_approval_fen", sa.Integer(), server_default="500000", nullable=False))


def downgrade() -> None:
    op.drop_column("store", "discount_approval_fen")

    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_received_at"))
        batch_op.drop_index(batch_op.f("ix_payment_contract_id"))

    op.drop_table("payment")
    with op.batch_alter_table("settlement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlement_contract_id"))

    op.drop_table("settlement")
    with op.batch_alter_table("refund_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refund_request_status"))
        batch_op.drop_index(batch_op.f("ix_refund_request_contract_id"))

    op.drop_table("refund_request")
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_handover_delivered_at"))

    op.drop_table("handover")
    with op.batch_alter_table("contract_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_revision_contract_id"))

    op.drop_table("contract_revision")
    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_line_quote_id"))

    op.drop_table("quote_line")
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_disclosure_deal_id"))

    op.drop_table("disclosure")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_contract_status"))
        batch_op.drop_index(batch_op.f("ix_contract_signed_at"))
        batch_op.drop_index(batch_op.f("ix_contract_fulfilled_at"))
        batch_op.drop_index(batch_op.f("ix_contract_deal_id"))
        batch_op.drop_index(batch_op.f("ix_contract_buyer_id_fingerprint"))

    op.drop_table("contract")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_deal_id"))

    op.drop_table("quote")
    with op.batch_alter_table("follow_up_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_task_status"))
        batch_op.drop_index(batch_op.f("ix_follow_up_task_kind"))
        batch_op.drop_index(batch_op.f("ix_follow_up_task_due_at"))
        batch_op.drop_index(batch_op.f("ix_follow_up_task_deal_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_task_customer_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_task_assignee_id"))

    op.drop_table("follow_up_task")
    with op.batch_alter_table("price_list_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_list_item_price_list_id"))

    op.drop_table("price_list_item")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_deal_stage"))
        batch_op.drop_index(batch_op.f("ix_deal_lead_id"))
        batch_op.drop_index(batch_op.f("ix_deal_customer_id"))
        batch_op.drop_index(batch_op.f("ix_deal_created_at"))
        batch_op.drop_index(batch_op.f("ix_deal_consultant_id"))

    op.drop_table("deal")
    with op.batch_alter_table("price_list", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_list_status"))
        batch_op.drop_index(batch_op.f("ix_price_list_effective_from"))

    op.drop_table("price_list")
