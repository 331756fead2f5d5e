"""test drives: routes, fleet cars, bookings, drives (issue #6)

Revision ID: 0006
Revises: 0005

Tables for T/CSCA 120031-2023 4.2.4 (试乘试驾): test_drive_route (4.2.4.3, filed routes),
test_drive_car (4.2.4.6, 4.2.4.8, the fleet register), test_drive (one drive from booking
to return; ID and licence numbers only sealed/masked), test_drive_slot (the booking
calendar: unique per car and half-hour slot, so no double booking from any terminal).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "test_drive_route",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("map_image", sa.LargeBinary(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=False),
        sa.Column("typical_minutes", sa.Integer(), nullable=False),
        sa.Column("filing_ref", sa.String(length=80), nullable=False),
        sa.Column("filing_date", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_route_updated_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_drive_route")),
        sa.UniqueConstraint("name", name=op.f("uq_test_drive_route_name")),
    )
    op.create_table(
        "test_drive_car",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=10), nullable=False),
        sa.Column("transmission", sa.String(length=10), nullable=False),
        sa.Column("registration_date", sa.Date(), nullable=False),
        sa.Column("compulsory_insurance_until", sa.Date(), nullable=False),
        sa.Column("commercial_insurance_until", sa.Date(), nullable=False),
        sa.Column("occupant_liability", sa.Boolean(), nullable=False),
        sa.Column("inspection_until", sa.Date(), nullable=False),
        sa.Column("last_maintenance", sa.Date(), nullable=True),
        sa.Column("signage_confirmed", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_car_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_test_drive_car_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_drive_car")),
        sa.UniqueConstraint("plate", name=op.f("uq_test_drive_car_plate")),
        sa.UniqueConstraint("vehicle_id", name=op.f("uq_test_drive_car_vehicle_id")),
    )
    op.create_table(
        "test_drive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("car_id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("customer_name", sa.String(length=60), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("planned_start", sa.DateTime(), nullable=False),
        sa.Column("planned_end", sa.DateTime(), nullable=False),
        sa.Column("planned_km", sa.Float(), nullable=False),
        sa.Column("booked_by_id", sa.Integer(), nullable=True),
        sa.Column("id_consent_at", sa.DateTime(), nullable=True),
        sa.Column("id_consent_text", sa.String(length=20), nullable=True),
        sa.Column("id_consent_by_id", sa.Integer(), nullable=True),
        sa.Column("id_type", sa.String(length=20), nullable=True),
        sa.Column("id_number_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("id_number_masked", sa.String(length=40), nullable=True),
        sa.Column("id_number_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("licence_number_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("licence_number_masked", sa.String(length=40), nullable=True),
        sa.Column("licence_class", sa.String(length=4), nullable=True),
        sa.Column("licence_valid_until", sa.Date(), nullable=True),
        sa.Column("licence_long_term", sa.Boolean(), nullable=False),
        sa.Column("licence_first_issued", sa.Date(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("foreign_licence", sa.Boolean(), nullable=False),
        sa.Column("permit_number_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("permit_number_masked", sa.String(length=40), nullable=True),
        sa.Column("permit_valid_until", sa.Date(), nullable=True),
        sa.Column("qualified_at", sa.DateTime(), nullable=True),
        sa.Column("qualified_by_id", sa.Integer(), nullable=True),
        sa.Column("escort_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_terms", sa.JSON(), nullable=True),
        sa.Column("check_items", sa.JSON(), nullable=True),
        sa.Column("check_at", sa.DateTime(), nullable=True),
        sa.Column("check_by_id", sa.Integer(), nullable=True),
        sa.Column("odometer_out", sa.Integer(), nullable=True),
        sa.Column("weather", sa.String(length=20), nullable=True),
        sa.Column("weather_at", sa.DateTime(), nullable=True),
        sa.Column("weather_override_reason", sa.Text(), nullable=True),
        sa.Column("weather_override_by_id", sa.Integer(), nullable=True),
        sa.Column("agreement_document_id", sa.Integer(), nullable=True),
        sa.Column("agreement_number", sa.String(length=40), nullable=True),
        sa.Column("agreement_terms", sa.JSON(), nullable=True),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("odometer_in", sa.Integer(), nullable=True),
        sa.Column("damage_found", sa.Boolean(), nullable=True),
        sa.Column("damage_notes", sa.Text(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("intent_level", sa.String(length=1), nullable=True),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_document_id"], ["document.id"], name=op.f("fk_test_drive_agreement_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["booked_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_booked_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["car_id"], ["test_drive_car.id"], name=op.f("fk_test_drive_car_id_test_drive_car")),
        sa.ForeignKeyConstraint(["check_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_check_by_id_staff_user")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_test_drive_customer_id_customer")),
        sa.ForeignKeyConstraint(["escort_id"], ["staff_user.id"], name=op.f("fk_test_drive_escort_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["id_consent_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_id_consent_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["qualified_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_qualified_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["route_id"], ["test_drive_route.id"], name=op.f("fk_test_drive_route_id_test_drive_route")
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_started_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_test_drive_visit_id_visit")),
        sa.ForeignKeyConstraint(
            ["weather_override_by_id"], ["staff_user.id"], name=op.f("fk_test_drive_weather_override_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_drive")),
    )
    op.create_index(op.f("ix_test_drive_car_id"), "test_drive", ["car_id"], unique=False)
    op.create_index(op.f("ix_test_drive_customer_id"), "test_drive", ["customer_id"], unique=False)
    op.create_index(op.f("ix_test_drive_id_number_fingerprint"), "test_drive", ["id_number_fingerprint"], unique=False)
    op.create_index(op.f("ix_test_drive_planned_start"), "test_drive", ["planned_start"], unique=False)
    op.create_index(op.f("ix_test_drive_status"), "test_drive", ["status"], unique=False)
    op.create_index(op.f("ix_test_drive_visit_id"), "test_drive", ["visit_id"], unique=False)
    op.create_table(
        "test_drive_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("car_id", sa.Integer(), nullable=False),
        sa.Column("slot_start", sa.DateTime(), nullable=False),
        sa.Column("test_drive_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["car_id"], ["test_drive_car.id"], name=op.f("fk_test_drive_slot_car_id_test_drive_car")
        ),
        sa.ForeignKeyConstraint(
            ["test_drive_id"], ["test_drive.id"], name=op.f("fk_test_drive_slot_test_drive_id_test_drive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_drive_slot")),
        sa.UniqueConstraint("car_id", "slot_start", name=op.f("uq_test_drive_slot_car_id")),
    )
    op.create_index(op.f("ix_test_drive_slot_test_drive_id"), "test_drive_slot", ["test_drive_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_test_drive_slot_test_drive_id"), table_name="test_drive_slot")
    op.drop_table("test_drive_slot")
    op.drop_index(op.f("ix_test_drive_visit_id"), table_name="test_drive")
    op.drop_index(op.f("ix_test_drive_status"), table_name="test_drive")
    op.drop_index(op.f("ix_test_drive_planned_start"), table_name="test_drive")
    op.drop_index(op.f("ix_test_drive_id_number_fingerprint"), table_name="test_drive")
    op.drop_index(op.f("ix_test_drive_customer_id"), table_name="test_drive")
    op.drop_index(op.f("ix_test_drive_car_id"), table_name="test_drive")
    op.drop_table("test_drive")
    op.drop_table("test_drive_car")
    op.drop_table("test_drive_route")
